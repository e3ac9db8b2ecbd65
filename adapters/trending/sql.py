"""Trending over SQL: decayed scores computed from ``activity_events`` at query time."""

from __future__ import annotations

import functools
import operator
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Float, Select, and_, case, func, literal, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from adapters.db import orm
from adapters.trending.base import day_start, is_empty, window_buckets
from core.ports_trending import TrendScope
from recommender.trending import (
    KIND_WEIGHTS,
    RATED_HIGH,
    RATED_HIGH_FROM,
    RATED_KIND,
    RATED_LOW,
    TRENDING_KINDS,
)

_EVENT = orm.ActivityEvent


def _float(value: float) -> Any:
    # typed as FLOAT so PostgreSQL sums double precision, as Redis does, never numeric
    return literal(value, Float)


def kind_weight() -> Any:
    """SQL for :func:`recommender.trending.event_weight` of an activity event row."""
    high = _EVENT.payload["value"].as_float() >= RATED_HIGH_FROM
    rated = _EVENT.kind == RATED_KIND
    return case(
        (and_(rated, high), _float(RATED_HIGH)),
        (rated, _float(RATED_LOW)),
        *((_EVENT.kind == kind, _float(weight)) for kind, weight in KIND_WEIGHTS.items()),
        else_=_float(0.0),
    )


def bucket_of(bounds: Sequence[datetime]) -> Any:
    """SQL giving an event's bucket number (0 = oldest) from the buckets' start instants."""
    whens = [(_EVENT.created_at < bound, number) for number, bound in enumerate(bounds[1:])]
    return case(*whens, else_=len(bounds) - 1) if whens else literal(0)


class SqlTrendingStore:
    """:class:`~core.ports_trending.TrendingStore` computed from the activity events.

    Each query sums the events' kind weights per title and day bucket, then weighs the
    buckets with :func:`recommender.trending.bucket_weights`; the per-bucket sums are
    columns combined in a fixed order, so titles with the same events tie exactly.
    """

    def __init__(self, sessionmaker: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessionmaker

    async def top(
        self, window: str, scope: TrendScope, n: int, now: datetime
    ) -> list[tuple[int, float]]:
        """(media id, score) of the ``n`` best titles of ``window`` for ``scope``."""
        buckets = window_buckets(window, now)
        if is_empty(scope, n):
            return []
        async with self._sessions() as session:
            genre_ids = await self._genre_ids(session, scope.genre)
            if genre_ids == []:
                return []
            query = self._query(buckets, scope.profiles, genre_ids, n)
            rows = (await session.execute(query)).all()
        return [(int(media_id), float(score)) for media_id, score in rows]

    async def close(self) -> None:
        """Nothing to release: the session factory belongs to the caller."""

    @staticmethod
    async def _genre_ids(session: AsyncSession, genre: str | None) -> list[int] | None:
        # matched in Python with str.lower(), as the Redis store does: SQLite's lower()
        # only folds ASCII
        if genre is None:
            return None
        rows = await session.execute(select(orm.Genre.id, orm.Genre.name))
        return [int(gid) for gid, name in rows if name.lower() == genre.lower()]

    @staticmethod
    def _query(
        buckets: list[tuple[int, float]],
        profiles: frozenset[int] | None,
        genre_ids: list[int] | None,
        n: int,
    ) -> Select[tuple[Any, Any]]:
        bounds = [day_start(day) for day, _ in buckets]
        events = select(
            _EVENT.media_id.label("media_id"),
            bucket_of(bounds).label("bucket"),
            kind_weight().label("weight"),
        ).where(
            _EVENT.created_at >= bounds[0],
            _EVENT.created_at < day_start(buckets[-1][0] + 1),
            _EVENT.kind.in_(TRENDING_KINDS),
            _EVENT.media_id.is_not(None),
        )
        if profiles is not None:
            events = events.where(_EVENT.profile_id.in_(sorted(profiles)))
        if genre_ids is not None:
            in_genre = select(orm.MediaGenre.media_id).where(orm.MediaGenre.genre_id.in_(genre_ids))
            events = events.where(_EVENT.media_id.in_(in_genre))
        sub = events.subquery()
        terms = [
            _float(weight)
            * func.coalesce(func.sum(case((sub.c.bucket == number, sub.c.weight))), _float(0.0))
            for number, (_, weight) in enumerate(buckets)
        ]
        score = functools.reduce(operator.add, terms).label("score")
        return (
            select(sub.c.media_id, score)
            .group_by(sub.c.media_id)
            .order_by(score.desc(), sub.c.media_id)
            .limit(n)
        )
