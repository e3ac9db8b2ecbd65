"""Trending in Redis: per-day sorted sets fed from ``activity_events``, merged at query time."""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import TypeVar, cast

from redis import asyncio as aioredis
from redis.asyncio.client import Pipeline
from redis.exceptions import RedisError, WatchError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from adapters.trending.base import TrendingUnavailable, is_empty, window_buckets
from adapters.trending.feed import (
    FeedEvent,
    TrendingKeys,
    any_events,
    holes,
    increments,
    read_events,
)
from adapters.trending.lua import (
    APPLY_SCRIPT,
    TOP_SCRIPT,
    apply_arguments,
    parse_reply,
    script_arguments,
)
from core.ports_trending import TrendScope
from recommender.trending import DAY

log = logging.getLogger(__name__)
T = TypeVar("T")

WIDEST_HOLE = 100  # ids; a wider hole is a rolled-back bulk insert, not commits in flight
MOST_GAPS = 1000  # ids watched for late commits at a time


class RedisTrendingStore:
    """:class:`~core.ports_trending.TrendingStore` kept in Redis sorted sets.

    A materialised view of ``activity_events``: one sorted set per UTC day for everyone,
    per genre and per profile (see :class:`~adapters.trending.feed.TrendingKeys`), each
    expiring ``retention_days`` after its day. :meth:`sync` adds the events after a cursor
    kept in Redis; :meth:`top` syncs, then merges the window's sets with the same bucket
    weights as the SQL store. Every Redis failure raises :class:`TrendingUnavailable`.

    Event ids are not committed in id order on PostgreSQL, so an id missing below the
    cursor is watched for ``gap_grace_seconds`` and counted if it shows up meanwhile.
    """

    def __init__(
        self,
        redis: str | aioredis.Redis,
        sessionmaker: async_sessionmaker[AsyncSession],
        namespace: str = "watchbot:trending:",
        *,
        batch_size: int = 5000,
        retention_days: int = 35,
        gap_grace_seconds: float = 120.0,
        socket_timeout: float = 2.0,
    ) -> None:
        """Args:
        redis: a ``redis://`` URL (the store owns and closes the client) or a client.
        sessionmaker: sessions on the database holding the activity events.
        namespace: prefix of every key; two stores on one namespace share their data.
        batch_size: events read and applied per Redis transaction.
        retention_days: how long a day's sets live after the day (31 at least: a month
            window reaches 30 days back).
        gap_grace_seconds: how long a missing event id may still turn up.
        socket_timeout: connect and read timeout when given a URL.
        """
        if retention_days < 31:
            raise ValueError("retention_days must be at least 31 (the month window)")
        self._owns_client = isinstance(redis, str)
        self._redis: aioredis.Redis = (
            aioredis.Redis.from_url(
                redis, socket_timeout=socket_timeout, socket_connect_timeout=socket_timeout
            )
            if isinstance(redis, str)
            else redis
        )
        self._sessions = sessionmaker
        self.keys = TrendingKeys(namespace)
        self._batch = batch_size
        self._retention = retention_days
        self._grace = gap_grace_seconds
        self._top_script = self._redis.register_script(TOP_SCRIPT)
        self._apply_script = self._redis.register_script(APPLY_SCRIPT)

    async def top(
        self, window: str, scope: TrendScope, n: int, now: datetime
    ) -> list[tuple[int, float]]:
        """(media id, score) of the ``n`` best titles of ``window`` for ``scope``, after
        counting any new events."""
        buckets = window_buckets(window, now)
        if is_empty(scope, n):
            return []
        await self.sync()
        token = uuid.uuid4().hex
        scratch = [self.keys.temp(token, "result"), self.keys.temp(token, "filter")]
        scratch += [self.keys.temp(token, f"b{day}") for day, _ in buckets]
        keys, args = script_arguments(
            scratch,
            [self._sources(day, scope) for day, _ in buckets],
            [weight for _, weight in buckets],
            [self.keys.genre(day, scope.genre) for day, _ in buckets]
            if scope.genre is not None and scope.profiles is not None
            else [],
            n,
        )
        reply = await self._guard(self._top_script(keys=keys, args=args))
        return parse_reply(reply, n)

    async def sync(self) -> int:
        """Count the events added since the last sync, exactly once even when other
        processes sync concurrently; returns how many events were read."""
        total = 0
        more = await self._guard(self._pending())
        while more:
            read, more = await self._guard(self._retry(self._apply_batch))
            total += read
        return total

    async def rebuild(self) -> int:
        """Drop this namespace's sets and cursor, then count every event again (after
        Redis lost data, or after titles changed genres); returns the events read."""
        await self._guard(self._retry(self._reset))
        return await self.sync()

    async def close(self) -> None:
        """Close the Redis client if the store created it."""
        if self._owns_client:
            await self._redis.aclose()

    def _sources(self, day: int, scope: TrendScope) -> list[str]:
        if scope.profiles is not None:
            return [self.keys.profile(day, p) for p in sorted(scope.profiles)]
        if scope.genre is not None:
            return [self.keys.genre(day, scope.genre)]
        return [self.keys.everyone(day)]

    @staticmethod
    async def _guard(work: Awaitable[T]) -> T:
        try:
            return await work
        except RedisError as error:
            raise TrendingUnavailable(f"Redis trending store failed: {error!r}") from error

    async def _retry(self, attempt: Callable[[Pipeline], Awaitable[T]]) -> T:
        # optimistic transaction: WATCH the cursor and gaps, read, MULTI/EXEC; when another
        # process wrote them in between, EXEC fails and we start over from what it wrote
        async with self._redis.pipeline(transaction=True) as pipe:
            while True:
                try:
                    await pipe.watch(self.keys.cursor, self.keys.gaps)
                    return await attempt(pipe)
                except WatchError:
                    continue

    async def _pending(self) -> bool:
        # the common case, nothing new, costs one round trip to each server and no WATCH
        async with self._redis.pipeline(transaction=False) as pipe:
            pipe.get(self.keys.cursor)
            pipe.zrange(self.keys.gaps, 0, -1, withscores=True)
            raw, scored = await pipe.execute()
        if raw is None:
            return True
        watched = {int(m): float(seen) for m, seen in scored}
        if any(seen < time.time() - self._grace for seen in watched.values()):
            return True
        return await any_events(self._sessions, int(raw), sorted(watched))

    async def _apply_batch(self, pipe: Pipeline) -> tuple[int, bool]:
        raw = await pipe.get(self.keys.cursor)
        if raw is None:  # first run, or Redis lost the cursor: the sets cannot be trusted
            await self._reset(pipe)
            return 0, True
        cursor = int(raw)
        now = time.time()
        scored = await pipe.zrange(self.keys.gaps, 0, -1, withscores=True)
        watched = {int(m): float(seen) for m, seen in cast("list[tuple[bytes, float]]", scored)}
        events = await read_events(self._sessions, cursor, sorted(watched), self._batch)
        fresh = [e.id for e in events if e.id > cursor]
        late = [e.id for e in events if e.id <= cursor]
        expired = [g for g, seen in watched.items() if seen < now - self._grace]
        if not events and not expired:
            await pipe.unwatch()  # type: ignore[no-untyped-call]
            return 0, False
        new_gaps = holes(cursor, fresh, WIDEST_HOLE)[: max(0, MOST_GAPS - len(watched))]
        pipe.multi()  # type: ignore[no-untyped-call]
        await self._queue_increments(pipe, events, now)
        if late or expired:
            pipe.zrem(self.keys.gaps, *{*late, *expired})
        if new_gaps:
            pipe.zadd(self.keys.gaps, {str(gap): now for gap in new_gaps})
        pipe.set(self.keys.cursor, fresh[-1] if fresh else cursor)
        await pipe.execute()
        if expired:
            log.info("trending: %d event ids never committed, no longer awaited", len(expired))
        return len(events), len(fresh) >= self._batch

    async def _queue_increments(self, pipe: Pipeline, events: list[FeedEvent], now: float) -> None:
        first_day = int(now // DAY) - self._retention
        amounts, days = increments(self.keys, events, first_day)
        if amounts:
            expire_at = {key: int((day + 1 + self._retention) * DAY) for key, day in days.items()}
            keys, args = apply_arguments(amounts, expire_at)
            await self._apply_script(keys=keys, args=args, client=pipe)  # queued in the MULTI

    async def _reset(self, pipe: Pipeline) -> None:
        """Delete the sets and gaps and set the cursor to 0, in one transaction (the
        caller watches the cursor, so a concurrent batch makes this fail and retry)."""
        found: list[bytes] = []
        for pattern in self.keys.patterns:
            found += [key async for key in self._redis.scan_iter(match=pattern, count=1000)]
        pipe.multi()  # type: ignore[no-untyped-call]
        for start in range(0, len(found), 1000):
            pipe.delete(*found[start : start + 1000])
        pipe.delete(self.keys.gaps)
        pipe.set(self.keys.cursor, 0)
        await pipe.execute()
