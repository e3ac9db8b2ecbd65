"""The SQL and Redis stores agree on random events, with each other and with a reference
summed event by event (SQLite and PostgreSQL under both)."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import datetime, timedelta

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from adapters.trending import RedisTrendingStore, SqlTrendingStore
from core.ports_trending import WINDOWS, TrendScope
from tests.integration.trending.support import Event, World, assert_same

GENRES = ["Drama", "Comedy", "Horror", "Sci-Fi", "Animation"]
KINDS = ["watched", "rated", "rated", "listed", "reviewed", "episodes", "not_interested"]


async def random_world(world: World, now: datetime, seed: int) -> tuple[list[int], list[int]]:
    """12 profiles, 40 titles with 0-2 genres, 400 events over the last 35 days."""
    rng = random.Random(seed)
    profiles = await world.profiles(12)
    titles = await world.titles([rng.sample(GENRES, rng.randint(0, 2)) for _ in range(40)])
    events = []
    for _ in range(400):
        kind = rng.choice(KINDS)
        payload = {"value": rng.randint(1, 10)} if kind == "rated" else {}
        at = now - timedelta(seconds=rng.uniform(0, 35 * 86_400))
        media = rng.choice(titles) if rng.random() > 0.02 else None
        events.append(Event(rng.choice(profiles), kind, media, at, payload))
    await world.add(events)
    return profiles, titles


@pytest.mark.redis
async def test_sql_and_redis_give_the_same_lists(
    world: World,
    sessionmaker: async_sessionmaker[AsyncSession],
    make_redis: Callable[..., RedisTrendingStore],
    now: datetime,
) -> None:
    profiles, _ = await random_world(world, now, seed=7)
    sql, redis = SqlTrendingStore(sessionmaker), make_redis(batch_size=97)
    friends = frozenset(profiles[:5])
    scopes = [
        TrendScope(),
        TrendScope(genre="drama"),
        TrendScope(profiles=friends),
        TrendScope(genre="COMEDY", profiles=friends),
    ]
    compared = 0
    for window in WINDOWS:
        for scope in scopes:
            want = world.expected(window, scope, now)
            from_sql = await sql.top(window, scope, 1000, now)
            from_redis = await redis.top(window, scope, 1000, now)
            assert_same(from_sql, want)
            assert_same(from_redis, from_sql)
            assert_same(await redis.top(window, scope, 7, now), from_sql[:7])
            compared += len(want)
    assert compared > 150
