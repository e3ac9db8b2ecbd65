"""The Redis store's input: activity events after a cursor, as per-key sorted-set increments."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from adapters.db import orm
from adapters.trending.base import day_of
from recommender.trending import event_weight

_EVENT = orm.ActivityEvent
_COLUMNS = (
    _EVENT.id, _EVENT.profile_id, _EVENT.kind, _EVENT.media_id, _EVENT.payload, _EVENT.created_at
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class FeedEvent:
    """One activity event as the Redis store counts it (weight 0.0: read but not counted)."""

    id: int
    profile_id: int
    media_id: int | None
    day: int
    weight: float
    genres: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class TrendingKeys:
    """Key layout of one namespace: a sorted set per UTC day for everyone, per genre
    (lower-cased name) and per profile; members are media ids, scores summed weights."""

    namespace: str

    def everyone(self, day: int) -> str:
        """Everyone's events of ``day``."""
        return f"{self.namespace}d:{day}:all"

    def genre(self, day: int, genre: str) -> str:
        """Events of ``day`` on titles of ``genre`` (any case)."""
        return f"{self.namespace}d:{day}:g:{genre.lower()}"

    def profile(self, day: int, profile_id: int) -> str:
        """Events of ``day`` by one profile."""
        return f"{self.namespace}d:{day}:p:{profile_id}"

    @property
    def cursor(self) -> str:
        """The highest event id counted so far."""
        return f"{self.namespace}cursor"

    @property
    def gaps(self) -> str:
        """Ids below the cursor not seen yet (uncommitted then), scored by when first missed."""
        return f"{self.namespace}gaps"

    def temp(self, token: str, name: str) -> str:
        """A scratch key of one query."""
        return f"{self.namespace}tmp:{token}:{name}"

    @property
    def patterns(self) -> tuple[str, ...]:
        """SCAN patterns of every day and scratch key (not the cursor or the gaps)."""
        escaped = "".join(f"\\{ch}" if ch in "\\*?[]" else ch for ch in self.namespace)
        return (f"{escaped}d:*", f"{escaped}tmp:*")


def _wanted(after: int, also: Sequence[int]) -> Any:
    wanted = _EVENT.id > after
    return or_(wanted, _EVENT.id.in_(also)) if also else wanted


async def any_events(
    sessions: async_sessionmaker[AsyncSession], after: int, also: Sequence[int]
) -> bool:
    """Whether an event with id > ``after`` or id in ``also`` exists (a cheap index probe)."""
    async with sessions() as session:
        found = await session.scalar(select(_EVENT.id).where(_wanted(after, also)).limit(1))
    return found is not None


async def read_events(
    sessions: async_sessionmaker[AsyncSession],
    after: int,
    also: Sequence[int],
    limit: int,
) -> list[FeedEvent]:
    """Events with id > ``after`` (the first ``limit``) or id in ``also``, by id, with
    their titles' genres; every kind is read so that missing ids are real gaps."""
    query = (
        select(*_COLUMNS).where(_wanted(after, also)).order_by(_EVENT.id).limit(limit + len(also))
    )
    async with sessions() as session:
        rows = (await session.execute(query)).all()
        genres = await _genres(session, {int(row.media_id) for row in rows if row.media_id})
    return [
        FeedEvent(
            event_id,
            profile_id,
            media_id,
            day_of(created_at),
            event_weight(kind, payload) if media_id is not None else 0.0,
            genres.get(media_id, ()) if media_id is not None else (),
        )
        for event_id, profile_id, kind, media_id, payload, created_at in rows
    ]


async def _genres(session: AsyncSession, media: set[int]) -> dict[int, tuple[str, ...]]:
    """Lower-cased genre names of each title (titles without genres left out)."""
    found: dict[int, list[str]] = defaultdict(list)
    ordered = sorted(media)
    for start in range(0, len(ordered), 5000):
        rows = await session.execute(
            select(orm.MediaGenre.media_id, orm.Genre.name)
            .join(orm.Genre, orm.Genre.id == orm.MediaGenre.genre_id)
            .where(orm.MediaGenre.media_id.in_(ordered[start : start + 5000]))
        )
        for media_id, name in rows:
            found[int(media_id)].append(name.lower())
    return {media_id: tuple(names) for media_id, names in found.items()}


def increments(
    keys: TrendingKeys, events: Iterable[FeedEvent], first_day: int
) -> tuple[dict[str, dict[str, float]], dict[str, int]]:
    """ZINCRBY amounts per key and member, and each key's day, for the counted events of
    ``first_day`` or later (older days have expired)."""
    amounts: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    days: dict[str, int] = {}
    for event in events:
        if event.weight <= 0 or event.media_id is None or event.day < first_day:
            continue
        member = str(event.media_id)
        targets = [keys.everyone(event.day), keys.profile(event.day, event.profile_id)]
        targets += [keys.genre(event.day, genre) for genre in set(event.genres)]
        for key in targets:
            amounts[key][member] += event.weight  # multiples of 0.5: exact in any order
            days[key] = event.day
    return amounts, days


def holes(after: int, ids: Sequence[int], widest: int) -> list[int]:
    """Ids missing between ``after`` and the sorted ``ids``, in holes of at most ``widest``
    ids (a wider hole is a rolled-back bulk insert, not transactions still in flight)."""
    missing: list[int] = []
    previous = after
    for event_id in ids:
        if 0 < event_id - previous - 1 <= widest:
            missing.extend(range(previous + 1, event_id))
        previous = event_id
    return missing
