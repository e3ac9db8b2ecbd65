"""Ports: what the core needs from the outside world, as Protocols (implemented in adapters/)."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from types import TracebackType
from typing import TYPE_CHECKING, Any, Protocol, Self

from core.domain.accounts import Account, Profile
from core.domain.groups import Group
from core.domain.lists import ListItem, SystemList, Visibility, WatchList
from core.domain.media import Episode, Media, MediaKind, NewMedia, Season
from core.domain.ratings import Review
from core.domain.watching import LibraryEntry, LibraryFilter, OwnedFormat, WatchRecord
from core.search.types import SearchDocument
from core.views.reply import ChatRef, Platform, UserRef

if TYPE_CHECKING:
    from core.ports_clubs import ClubEventRepository, ClubRepository
    from core.ports_notify import OutboxRepository, ReminderRepository
    from core.ports_platform import PlatformPollRepository
    from core.ports_social import FollowRepository


class ProviderUnavailableError(Exception):
    """The metadata provider cannot answer now (no key, down, circuit open, rate limited)."""


class MetadataProvider(Protocol):
    """Live metadata (TMDb): search, details with credits and seasons, where to watch."""

    @property
    def configured(self) -> bool:
        """Whether a key is set at all."""
        ...

    async def search(self, text: str, limit: int) -> list[NewMedia]:
        """Titles matching ``text`` (thin records: no credits or seasons)."""
        ...

    async def details(self, kind: MediaKind, tmdb_id: int) -> NewMedia:
        """Everything known about one title, with credits, seasons and streaming availability."""
        ...

    async def find_imdb(self, imdb_id: str) -> NewMedia | None:
        """The title with this IMDb id, if the provider knows it."""
        ...


class Cache(Protocol):
    """A byte cache with TTLs (Redis when configured, otherwise in-process)."""

    async def get(self, key: str) -> bytes | None:
        """The cached value, or None."""
        ...

    async def set(self, key: str, value: bytes, ttl_seconds: float) -> None:
        """Store ``value`` for ``ttl_seconds``."""
        ...


class Clock(Protocol):
    """The current time (injected so tests can travel)."""

    def now(self) -> datetime:
        """An aware UTC datetime."""
        ...


@dataclass(frozen=True, slots=True)
class PendingInput:
    """A flow waiting for the user's next message."""

    flow: str
    data: dict[str, Any]
    expires_at: datetime


class AccountRepository(Protocol):
    """Users, identities and profiles."""

    async def find(self, who: UserRef) -> Account | None:
        """The account behind a platform identity."""
        ...

    async def create(self, who: UserRef, profile_name: str, now: datetime) -> Account:
        """Create user, identity and default profile."""
        ...

    async def update_profile(self, profile_id: int, changes: dict[str, Any]) -> Profile:
        """Change locale, timezone, region or preferences."""
        ...

    async def set_active(self, who: UserRef, active: bool) -> None:
        """Mark an identity (in)active, e.g. when the user blocked the bot."""
        ...

    async def profile(self, profile_id: int) -> Profile | None:
        """A profile by id."""
        ...

    async def by_username(self, platform: Platform, username: str) -> int | None:
        """The default profile of the person with this handle (``@ana``) on ``platform``."""
        ...

    async def display_names(self, profile_ids: Sequence[int]) -> dict[int, str]:
        """The display names of the people behind some profiles."""
        ...


class MediaRepository(Protocol):
    """The local catalog."""

    async def get(self, media_id: int) -> Media | None:
        """One title with genres and credits."""
        ...

    async def get_many(self, media_ids: Sequence[int]) -> dict[int, Media]:
        """Several titles by id (without credits)."""
        ...

    async def find_by_title(self, key: str, year: int | None, limit: int) -> list[Media]:
        """Exact title-key matches first, then prefix matches; most popular first."""
        ...

    async def upsert(self, media: NewMedia, now: datetime) -> int:
        """Insert or update a title (deduplicated on tmdb_id, imdb_id, then title+year)."""
        ...

    async def seasons(self, media_id: int) -> list[Season]:
        """A show's seasons with their episodes, in order."""
        ...

    async def count(self) -> int:
        """How many titles the catalog holds."""
        ...

    async def search_documents(self, media_ids: Sequence[int] | None) -> list[SearchDocument]:
        """Titles as the search index sees them (all of them when ``media_ids`` is None)."""
        ...

    async def changed_since(self, since: datetime, limit: int) -> list[int]:
        """Titles inserted or updated at or after ``since`` (any process), oldest first."""
        ...

    async def popular(
        self,
        limit: int,
        exclude: Collection[int] = (),
        genres: Sequence[str] = (),
        certifications: Collection[str] | None = None,
    ) -> list[Media]:
        """The most voted titles (with genres), skipping ``exclude``; only titles of one of
        ``genres`` when given, only these ``certifications`` when given."""
        ...

    async def available_on(self, region: str, services: Sequence[str]) -> set[int]:
        """Titles streaming in ``region`` on a provider matching one of ``services``
        (case-insensitive; "prime" matches "Amazon Prime Video")."""
        ...

    async def stale(self, before: datetime, limit: int) -> list[Media]:
        """Titles with a provider id whose metadata is older than ``before``, oldest first."""
        ...


class ListRepository(Protocol):
    """Profiles' lists and their items."""

    async def lists(self, profile_id: int) -> list[WatchList]:
        """All lists of a profile, system lists first, with item counts."""
        ...

    async def create(
        self,
        profile_id: int,
        name: str,
        description: str | None,
        system_key: SystemList | None,
        visibility: Visibility,
        now: datetime,
    ) -> WatchList:
        """Create a list (the name must be free)."""
        ...

    async def by_name(self, profile_id: int, name: str) -> WatchList | None:
        """A list by its case-insensitive name (system lists also by their key)."""
        ...

    async def system(self, profile_id: int, key: SystemList) -> WatchList:
        """One of the four system lists."""
        ...

    async def get(self, list_id: int) -> WatchList | None:
        """A list by id."""
        ...

    async def owner(self, list_id: int) -> int | None:
        """The owning profile of a list."""
        ...

    async def update(self, list_id: int, changes: dict[str, Any], now: datetime) -> None:
        """Rename or describe a list."""
        ...

    async def delete(self, list_id: int) -> None:
        """Delete a list and its items."""
        ...

    async def items(self, list_id: int, offset: int, limit: int) -> list[ListItem]:
        """Items in position order."""
        ...

    async def containing(self, profile_id: int, media_id: int) -> list[WatchList]:
        """The profile's lists that hold a title."""
        ...

    async def has(self, list_id: int, media_id: int) -> bool:
        """Whether a title is on a list."""
        ...

    async def add(self, list_id: int, media_id: int, added_by: int, now: datetime) -> int:
        """Append a title; returns its position."""
        ...

    async def remove(self, list_id: int, media_id: int) -> bool:
        """Remove a title and close the gap; False when it was not there."""
        ...

    async def move(self, list_id: int, media_id: int, position: int) -> int:
        """Move an item to a 1-based position (clamped); returns the new position."""
        ...

    async def set_note(self, list_id: int, media_id: int, note: str | None) -> None:
        """Attach or clear a note."""
        ...


class RatingRepository(Protocol):
    """Ratings and reviews."""

    async def get(self, profile_id: int, media_id: int) -> int | None:
        """The profile's rating of a title."""
        ...

    async def many(self, profile_id: int, media_ids: Sequence[int]) -> dict[int, int]:
        """Ratings of several titles."""
        ...

    async def set(self, profile_id: int, media_id: int, value: int, now: datetime) -> int | None:
        """Rate or re-rate; returns the previous value."""
        ...

    async def clear(self, profile_id: int, media_id: int) -> int | None:
        """Remove a rating; returns the removed value."""
        ...

    async def review(self, profile_id: int, media_id: int) -> Review | None:
        """The profile's review of a title."""
        ...

    async def save_review(
        self,
        profile_id: int,
        media_id: int,
        body: str,
        spoiler: bool,
        visibility: Visibility,
        now: datetime,
    ) -> Review:
        """Create or replace a review."""
        ...

    async def update_review(self, review_id: int, changes: dict[str, Any], now: datetime) -> None:
        """Change a review's spoiler flag or visibility."""
        ...

    async def delete_review(self, profile_id: int, media_id: int) -> bool:
        """Delete a review; False when there was none."""
        ...


class WatchRepository(Protocol):
    """Watches, ownership, the library and episode progress."""

    async def record(
        self, profile_id: int, media_id: int, when: datetime, now: datetime
    ) -> WatchRecord:
        """Log one watch."""
        ...

    async def undo_last(self, profile_id: int, media_id: int) -> WatchRecord | None:
        """Remove the latest watch; the remaining record, or None when none is left."""
        ...

    async def get(self, profile_id: int, media_id: int) -> WatchRecord | None:
        """Watch summary of a title."""
        ...

    async def own(
        self, profile_id: int, media_id: int, fmt: OwnedFormat, service: str | None, now: datetime
    ) -> bool:
        """Record ownership; False when already owned in that format."""
        ...

    async def formats(self, profile_id: int, media_id: int) -> list[OwnedFormat]:
        """Formats a title is owned in."""
        ...

    async def library(
        self, profile_id: int, flt: LibraryFilter, offset: int, limit: int
    ) -> tuple[list[LibraryEntry], int]:
        """Watched or owned titles matching the filter, and their total count."""
        ...

    async def mark_episodes(
        self, profile_id: int, episodes: Sequence[Episode], media_id: int, now: datetime
    ) -> int:
        """Mark episodes watched; returns how many were new."""
        ...

    async def unmark_episodes(self, profile_id: int, episode_ids: Sequence[int]) -> int:
        """Unmark episodes; returns how many were removed."""
        ...

    async def watched_episodes(self, profile_id: int, media_id: int) -> set[int]:
        """Ids of the show's episodes the profile watched."""
        ...

    async def shows_in_progress(self, profile_id: int) -> list[int]:
        """Shows with at least one watched episode, most recent activity first."""
        ...


class ActivityRepository(Protocol):
    """Activity events and pending multi-step inputs."""

    async def record(
        self,
        profile_id: int,
        kind: str,
        media_id: int | None,
        payload: dict[str, Any],
        now: datetime,
    ) -> None:
        """Append an activity event."""
        ...

    async def media_with(self, profile_id: int, kinds: Sequence[str]) -> set[int]:
        """Titles the profile has activity events of these kinds for."""
        ...

    async def trending(
        self,
        since: datetime,
        kinds: Sequence[str],
        genre: str | None,
        limit: int,
        profiles: Collection[int] | None = None,
    ) -> list[tuple[int, int]]:
        """(media id, event count) of the busiest titles since ``since`` (only the events
        of ``profiles`` when given)."""
        ...

    async def payloads(self, profile_id: int, kind: str) -> list[dict[str, Any]]:
        """The payloads of a profile's events of one kind, oldest first."""
        ...

    async def pending(self, who: UserRef, chat: ChatRef, now: datetime) -> PendingInput | None:
        """The unexpired pending input of this user in this chat."""
        ...

    async def set_pending(self, who: UserRef, chat: ChatRef, pending: PendingInput) -> None:
        """Start (or replace) a pending input."""
        ...

    async def clear_pending(self, who: UserRef, chat: ChatRef) -> bool:
        """Cancel the pending input; False when there was none."""
        ...


class GroupRepository(Protocol):
    """Group chats, the contexts clubs live in."""

    async def find(self, chat: ChatRef) -> Group | None:
        """The group behind a chat, if seen before."""
        ...

    async def get_or_create(self, chat: ChatRef, now: datetime) -> Group:
        """The group behind a chat, created on first use."""
        ...

    async def update(self, group_id: int, changes: dict[str, Any]) -> Group:
        """Change a group's time zone or language."""
        ...


class UnitOfWork(Protocol):
    """One transaction over all repositories; leaving without commit rolls back."""

    accounts: AccountRepository
    media: MediaRepository
    lists: ListRepository
    ratings: RatingRepository
    watches: WatchRepository
    activity: ActivityRepository
    groups: GroupRepository
    clubs: ClubRepository  # movie clubs (core/ports_clubs.py)
    club_events: ClubEventRepository
    reminders: ReminderRepository  # reminders and delivery (core/ports_notify.py)
    outbox: OutboxRepository
    follows: FollowRepository  # following people (core/ports_social.py)
    platform_polls: PlatformPollRepository  # native polls sent (core/ports_platform.py)

    async def __aenter__(self) -> Self:
        """Begin."""
        ...

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Roll back whatever was not committed."""
        ...

    async def commit(self) -> None:
        """Make the changes durable."""
        ...


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A recommended title and why (a reason kind with its parameters, translated by the core)."""

    media_id: int
    score: float
    reason: str
    params: dict[str, Any]


@dataclass(frozen=True, slots=True)
class SocialSignal:
    """A followed person's activity that speaks for a title (strength > 0, already decayed)."""

    media_id: int
    friend_id: int
    strength: float


@dataclass(frozen=True, slots=True)
class ServingContext:
    """What a request knows beyond the trained model: friends' fresh activity and, when the
    person asked for titles on their streaming services only, the titles available there."""

    social: tuple[SocialSignal, ...] = ()
    available: frozenset[int] | None = None


class RecommendationEngine(Protocol):
    """A trained recommender (implemented in adapters/recommend over recommender/)."""

    @property
    def version(self) -> str | None:
        """The version of the model in use, or None before the first training."""
        ...

    async def for_profile(
        self,
        profile_id: int,
        n: int,
        exclude: frozenset[int],
        kid: bool,
        variant: str = "control",
        context: ServingContext | None = None,
    ) -> list[Suggestion]:
        """Top-``n`` for a profile (popular titles for one the model has not seen).

        ``variant`` names an A/B variant the engine knows (e.g. a diversity setting);
        ``context`` adds friends' activity (reason "friends", params ``friends``: profile
        ids) and the streaming-availability restriction.
        """
        ...

    async def for_picks(
        self,
        media_ids: Sequence[int],
        genres: Sequence[str],
        n: int,
        exclude: frozenset[int],
        kid: bool,
    ) -> list[Suggestion]:
        """Cold start: recommendations from a few picked titles and genres."""
        ...

    async def similar(self, media_id: int, n: int) -> list[Suggestion]:
        """Titles like one title, with the features they share."""
        ...

    async def for_group(self, profile_ids: Sequence[int], n: int) -> list[Suggestion]:
        """Titles for a group, none of them seen by any member, each naming who it suits."""
        ...

    async def predicted_ratings(
        self, profile_id: int, media_ids: Sequence[int]
    ) -> dict[int, float]:
        """The ratings (1-10) the profile would probably give these titles (those the model
        can tell; empty before training or for people it has not met)."""
        ...
