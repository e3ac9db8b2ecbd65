"""Rows for the trending tests, written with the ORM and committed (then removed), and a
reference scorer computed event by event."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from adapters.db import orm
from adapters.trending.base import day_of
from core.ports_trending import TrendScope
from recommender.trending import bucket_weights, event_weight

CREATED = datetime(2026, 1, 1, tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class Event:
    """An activity event to insert."""

    profile_id: int
    kind: str
    media_id: int | None
    at: datetime
    payload: dict[str, Any] = field(default_factory=dict)


@dataclass
class World:
    """Users, profiles, titles, genres and events committed by one test; :meth:`remove`
    deletes them (the trending stores read through their own connections, so the usual
    rolled-back test transaction cannot be used)."""

    sessions: async_sessionmaker[AsyncSession]
    users: list[int] = field(default_factory=list)
    media: list[int] = field(default_factory=list)
    genre_ids: dict[str, int] = field(default_factory=dict)
    genres_of: dict[int, list[str]] = field(default_factory=lambda: defaultdict(list))
    events: list[Event] = field(default_factory=list)

    async def profiles(self, count: int) -> list[int]:
        """``count`` new profiles (one user each)."""
        async with self.sessions() as session:
            users = [orm.User(display_name=f"u{k}", created_at=CREATED) for k in range(count)]
            session.add_all(users)
            await session.flush()
            profiles = [
                orm.Profile(user_id=u.id, name="main", is_default=True, created_at=CREATED)
                for u in users
            ]
            session.add_all(profiles)
            await session.commit()
        self.users += [u.id for u in users]
        return [p.id for p in profiles]

    async def titles(self, genres: Sequence[Sequence[str]]) -> list[int]:
        """One new title per entry, with those genre names (created when new)."""
        async with self.sessions() as session:
            rows = [
                orm.Media(kind="movie", title=f"T{k}", title_key=f"t{k}", created_at=CREATED)
                for k in range(len(genres))
            ]
            session.add_all(rows)
            await session.flush()
            for row, names in zip(rows, genres, strict=True):
                for name in names:
                    if name not in self.genre_ids:
                        genre = orm.Genre(name=name)
                        session.add(genre)
                        await session.flush()
                        self.genre_ids[name] = genre.id
                    session.add(orm.MediaGenre(media_id=row.id, genre_id=self.genre_ids[name]))
                    self.genres_of[row.id].append(name)
            await session.commit()
        self.media += [r.id for r in rows]
        return [r.id for r in rows]

    async def add(self, events: Iterable[Event]) -> list[int]:
        """Insert events in order, in one transaction; returns their ids."""
        batch = list(events)
        async with self.sessions() as session:
            rows = [
                orm.ActivityEvent(
                    profile_id=e.profile_id,
                    kind=e.kind,
                    media_id=e.media_id,
                    payload=e.payload,
                    created_at=e.at,
                )
                for e in batch
            ]
            session.add_all(rows)
            await session.commit()
        self.events += batch
        return [r.id for r in rows]

    async def remove(self) -> None:
        """Delete everything this world created (cascades to events and genre links)."""
        async with self.sessions() as session:
            if self.users:
                await session.execute(delete(orm.User).where(orm.User.id.in_(self.users)))
            if self.media:
                await session.execute(delete(orm.Media).where(orm.Media.id.in_(self.media)))
            if self.genre_ids:
                await session.execute(
                    delete(orm.Genre).where(orm.Genre.id.in_(self.genre_ids.values()))
                )
            await session.commit()

    def expected(
        self, window: str, scope: TrendScope, now: datetime, n: int = 1000
    ) -> list[tuple[int, float]]:
        """Reference answer, summed event by event (no SQL, no Redis)."""
        weights = dict(bucket_weights(now.timestamp(), window))
        scores: dict[int, float] = defaultdict(float)
        for e in self.events:
            weight = event_weight(e.kind, e.payload) * weights.get(day_of(e.at), 0.0)
            if e.media_id is None or weight == 0:
                continue
            if scope.profiles is not None and e.profile_id not in scope.profiles:
                continue
            genres = {g.lower() for g in self.genres_of[e.media_id]}
            if scope.genre is not None and scope.genre.lower() not in genres:
                continue
            scores[e.media_id] += weight
        return sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:n]


def assert_same(
    got: Sequence[tuple[int, float]], want: Sequence[tuple[int, float]], rel: float = 1e-9
) -> None:
    """Same titles in the same order, scores equal within ``rel``."""
    assert [m for m, _ in got] == [m for m, _ in want]
    for (_, a), (_, b) in zip(got, want, strict=True):
        assert abs(a - b) <= rel * max(abs(a), abs(b)), (a, b)
