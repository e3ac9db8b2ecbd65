"""Ports of the movie clubs: clubs, members, the watchlist, ratings, nights, polls and ballots.

Kept out of ``core/ports.py`` so that file stays small; ``UnitOfWork`` exposes them as
``uow.clubs`` and ``uow.club_events``.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from core.domain.clubs import Club, ClubPoll, Member, Night, Role, Suggestion
from core.domain.lists import SystemList
from core.domain.voting import Ballot, Method
from core.views.reply import ChatRef


@dataclass(frozen=True, slots=True)
class ClubRatingRow:
    """One member's club rating of a title."""

    media_id: int
    title: str
    profile_id: int
    value: int


class DueKind(enum.StrEnum):
    """What a due row asks the scheduler to do."""

    CLOSE_POLL = "poll"
    REMIND_NIGHT = "night"
    ASK_RATINGS = "rate"


@dataclass(frozen=True, slots=True)
class Due:
    """A poll, night reminder or rating request that is due at ``at``."""

    kind: DueKind
    id: int
    at: datetime

    @property
    def timer_id(self) -> str:
        """The scheduler's job id for it, e.g. ``poll:12``."""
        return f"{self.kind.value}:{self.id}"


class ClubRepository(Protocol):
    """Clubs, members, the club's shelves (watchlist, watching, watched) and club ratings."""

    async def get_or_create(self, chat: ChatRef, now: datetime) -> Club:
        """The club of a group chat, created on first use."""
        ...

    async def get(self, club_id: int) -> Club | None:
        """A club by id."""
        ...

    async def update_settings(self, club_id: int, changes: Mapping[str, Any]) -> Club:
        """Change club settings (merged into the stored JSON)."""
        ...

    async def member(self, club_id: int, profile_id: int) -> Member | None:
        """A member, with name and privacy."""
        ...

    async def join(self, club_id: int, profile_id: int, role: Role, now: datetime) -> None:
        """Add a member."""
        ...

    async def update_member(
        self, club_id: int, profile_id: int, changes: Mapping[str, Any]
    ) -> None:
        """Change a member's role or preferences (remind_nights, personal_ratings)."""
        ...

    async def members(self, club_id: int) -> list[Member]:
        """Every member, owner first, with their identity on the club's platform."""
        ...

    async def has_owner(self, club_id: int) -> bool:
        """Whether someone owns the club."""
        ...

    async def shelf(self, club_id: int, shelf: SystemList) -> list[Suggestion]:
        """The titles on a club shelf (To Watch is the watchlist), in order."""
        ...

    async def put(
        self, club_id: int, shelf: SystemList, media_id: int, by: int | None, now: datetime
    ) -> None:
        """Put a title on a shelf (nothing when it is there)."""
        ...

    async def take(self, club_id: int, shelf: SystemList, media_id: int) -> bool:
        """Take a title off a shelf; False when it was not there."""
        ...

    async def clubs_of(self, profile_id: int) -> list[Club]:
        """The clubs a profile belongs to."""
        ...

    async def rate(
        self,
        club_id: int,
        profile_id: int,
        media_id: int,
        value: int,
        night_id: int | None,
        now: datetime,
    ) -> int | None:
        """Set a member's club rating; returns the previous value."""
        ...

    async def ratings(self, club_id: int, media_id: int | None = None) -> list[ClubRatingRow]:
        """Club ratings, of one title or all."""
        ...


class ClubEventRepository(Protocol):
    """Movie nights, polls, their options and ballots; and what is due for the scheduler."""

    async def add_night(
        self,
        club_id: int,
        starts_at: datetime,
        timezone: str,
        thread_id: str | None,
        due: tuple[datetime, datetime],
        by: int,
        now: datetime,
    ) -> Night:
        """Schedule a night; ``due`` is (remind members at, ask for ratings at)."""
        ...

    async def night(self, night_id: int) -> Night | None:
        """A night by id."""
        ...

    async def next_night(self, club_id: int, after: datetime) -> Night | None:
        """The first scheduled night starting after ``after``."""
        ...

    async def nights(self, club_ids: Sequence[int], start: datetime, end: datetime) -> list[Night]:
        """Scheduled nights of these clubs in [start, end)."""
        ...

    async def past_nights(self, club_id: int, limit: int) -> list[Night]:
        """Nights with a film, latest first (the club's history)."""
        ...

    async def update_night(self, night_id: int, changes: Mapping[str, Any]) -> None:
        """Change a night's film, status or due times."""
        ...

    async def add_poll(
        self,
        club_id: int,
        night_id: int | None,
        method: Method,
        closes_at: datetime,
        thread_id: str | None,
        options: Sequence[tuple[int, int | None]],
        by: int,
        now: datetime,
    ) -> ClubPoll:
        """Open a poll over ``options`` (media id, suggested by), numbered in order."""
        ...

    async def poll(self, poll_id: int, *, lock: bool = False) -> ClubPoll | None:
        """A poll by id; ``lock`` holds its row until commit (one closer at a time)."""
        ...

    async def open_poll(self, club_id: int) -> ClubPoll | None:
        """The club's open poll."""
        ...

    async def ballots(self, poll_id: int) -> dict[int, Ballot]:
        """Every ballot of a poll by profile id."""
        ...

    async def set_ballot(
        self, poll_id: int, profile_id: int, ballot: Ballot, now: datetime
    ) -> None:
        """Store (or, when empty, withdraw) a member's ballot."""
        ...

    async def close_poll(
        self, poll_id: int, winner: int | None, result: Mapping[str, Any], now: datetime
    ) -> None:
        """Mark a poll closed with its winning media id and the counted result."""
        ...

    async def wins(self, club_id: int) -> list[tuple[int | None, int]]:
        """(suggested by, media id) of every winning option."""
        ...

    async def due(self, now: datetime, limit: int) -> list[Due]:
        """Polls to close, nights to remind of and ratings to ask for, oldest first."""
        ...

    async def upcoming(self, until: datetime) -> list[Due]:
        """Everything due before ``until`` (the scheduler's timers)."""
        ...
