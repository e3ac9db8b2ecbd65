"""How the Redis store follows ``activity_events``: incremental, exactly once (also with
two processes), rebuilt after Redis lost its keys, late commits, and failures."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import datetime, timedelta

import pytest
from redis import asyncio as aioredis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from adapters.db import orm
from adapters.trending import (
    FallbackTrendingStore,
    RedisTrendingStore,
    SqlTrendingStore,
    TrendingUnavailable,
    make_trending_store,
)
from core.ports_trending import TrendScope
from tests.integration.trending.support import Event, World, assert_same

pytestmark = pytest.mark.redis
EVERYONE = TrendScope()
MakeRedis = Callable[..., RedisTrendingStore]


async def some_events(world: World, now: datetime, count: int) -> list[Event]:
    """``count`` events by 3 profiles on 5 titles over the last 9 days."""
    profiles = await world.profiles(3)
    titles = await world.titles([["Drama"], ["Drama", "Comedy"], [], ["Comedy"], []])
    kinds = ["watched", "rated", "listed", "reviewed", "joined"]
    events = [
        Event(
            profiles[k % 3],
            kinds[k % 5],
            titles[(k * 7) % 5],
            now - timedelta(hours=k * 5 % 220),
            {"value": k % 10 + 1},
        )
        for k in range(count)
    ]
    await world.add(events)
    return events


async def test_new_events_appear_and_nothing_counts_twice(
    world: World, make_redis: MakeRedis, now: datetime
) -> None:
    store = make_redis(batch_size=4)
    await some_events(world, now, 10)
    first = await store.top("week", EVERYONE, 10, now)
    assert_same(first, world.expected("week", EVERYONE, now))
    assert await store.top("week", EVERYONE, 10, now) == first
    assert await store.sync() == 0

    [p] = await world.profiles(1)
    [newcomer] = await world.titles([["Drama"]])
    await world.add([Event(p, "watched", newcomer, now - timedelta(minutes=1))] * 3)
    second = await store.top("week", EVERYONE, 10, now)
    assert newcomer in dict(second)
    assert_same(second, world.expected("week", EVERYONE, now))
    assert await store.top("week", EVERYONE, 10, now) == second


async def test_two_processes_syncing_count_each_event_once(
    world: World,
    sessionmaker: async_sessionmaker[AsyncSession],
    make_redis: MakeRedis,
    now: datetime,
) -> None:
    await some_events(world, now, 120)
    one, two = make_redis(batch_size=7), make_redis(batch_size=5)
    read = await asyncio.gather(one.sync(), two.sync(), one.sync())
    assert sum(read) == 120  # every event applied by exactly one of them
    want = await SqlTrendingStore(sessionmaker).top("month", EVERYONE, 100, now)
    results = await asyncio.gather(
        one.top("month", EVERYONE, 100, now), two.top("month", EVERYONE, 100, now)
    )
    for got in results:
        assert_same(got, want)


async def test_lost_keys_are_rebuilt(
    world: World, make_redis: MakeRedis, redis_client: aioredis.Redis, now: datetime
) -> None:
    store = make_redis()
    await some_events(world, now, 30)
    scope = TrendScope(genre="comedy")
    before = await store.top("week", scope, 10, now)
    assert before

    await redis_client.delete(store.keys.cursor)  # cursor gone, sets still there
    assert await store.top("week", scope, 10, now) == before

    keys = [k async for k in redis_client.scan_iter(match=f"{store.keys.namespace}*")]
    await redis_client.delete(*keys)  # what FLUSHDB would do to this namespace
    assert await store.top("week", scope, 10, now) == before

    assert await store.rebuild() == 30
    assert await store.top("week", scope, 10, now) == before
    assert [k async for k in redis_client.scan_iter(match=f"{store.keys.namespace}tmp:*")] == []


async def test_day_sets_expire_after_the_retention(
    world: World, make_redis: MakeRedis, redis_client: aioredis.Redis, now: datetime
) -> None:
    store = make_redis(retention_days=31)
    [p] = await world.profiles(1)
    [title] = await world.titles([[]])
    await world.add(
        [
            Event(p, "watched", title, now - timedelta(days=2)),
            Event(p, "watched", title, now - timedelta(days=40)),  # expired: not written
        ]
    )
    await store.sync()
    day = (now - timedelta(days=2)).timestamp() // 86_400
    ttl = await redis_client.ttl(store.keys.everyone(int(day)))
    assert 29 * 86_400 < ttl <= 30 * 86_400
    old = (now - timedelta(days=40)).timestamp() // 86_400
    assert await redis_client.exists(store.keys.everyone(int(old))) == 0


@pytest.mark.postgres
@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
async def test_a_late_commit_below_the_cursor_is_counted(
    world: World,
    sessionmaker: async_sessionmaker[AsyncSession],
    make_redis: MakeRedis,
    redis_client: aioredis.Redis,
    now: datetime,
) -> None:
    store = make_redis()
    [p] = await world.profiles(1)
    slow_title, fast_title = await world.titles([[], []])
    await world.add([Event(p, "listed", fast_title, now - timedelta(hours=1))])
    await store.sync()
    at = now - timedelta(minutes=1)
    async with sessionmaker() as slow:
        late = orm.ActivityEvent(
            profile_id=p, kind="watched", media_id=slow_title, payload={}, created_at=at
        )
        slow.add(late)
        await slow.flush()  # takes its id, commits later
        await world.add([Event(p, "watched", fast_title, at)])
        assert [m for m, _ in await store.top("day", EVERYONE, 5, now)] == [fast_title]
        await slow.commit()
    world.events.append(Event(p, "watched", slow_title, at))
    assert_same(await store.top("day", EVERYONE, 5, now), world.expected("day", EVERYONE, now))
    # counted, so no longer awaited (ids of earlier tests' deleted rows may still be)
    assert await redis_client.zscore(store.keys.gaps, str(late.id)) is None


@pytest.mark.postgres
@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
async def test_an_id_that_never_commits_is_given_up(
    world: World,
    sessionmaker: async_sessionmaker[AsyncSession],
    make_redis: MakeRedis,
    redis_client: aioredis.Redis,
    now: datetime,
) -> None:
    store = make_redis(gap_grace_seconds=0.2)
    [p] = await world.profiles(1)
    [title] = await world.titles([[]])
    await world.add([Event(p, "listed", title, now - timedelta(hours=1))])
    await store.sync()
    async with sessionmaker() as doomed:
        row = orm.ActivityEvent(
            profile_id=p, kind="watched", media_id=title, payload={}, created_at=now
        )
        doomed.add(row)
        await doomed.flush()  # the id is taken...
        burned = row.id
        await doomed.rollback()  # ...and never committed
    await world.add([Event(p, "watched", title, now - timedelta(minutes=1))])
    await store.sync()
    assert await redis_client.zscore(store.keys.gaps, str(burned)) is not None
    assert await store.sync() == 0  # still awaited, nothing to count
    await asyncio.sleep(0.25)
    assert await store.sync() == 0
    assert await redis_client.zcard(store.keys.gaps) == 0
    assert_same(await store.top("day", EVERYONE, 5, now), world.expected("day", EVERYONE, now))


async def test_unreachable_redis_raises_and_the_fallback_answers(
    world: World, sessionmaker: async_sessionmaker[AsyncSession], now: datetime
) -> None:
    await some_events(world, now, 10)
    broken = RedisTrendingStore("redis://127.0.0.1:9", sessionmaker, socket_timeout=0.5)
    with pytest.raises(TrendingUnavailable):
        await broken.top("week", EVERYONE, 5, now)
    with pytest.raises(TrendingUnavailable):
        await broken.rebuild()
    sql = SqlTrendingStore(sessionmaker)
    both = FallbackTrendingStore(broken, sql)
    assert await both.top("week", EVERYONE, 5, now) == await sql.top("week", EVERYONE, 5, now)
    await both.close()


async def test_the_factory_picks_redis_only_with_a_url(
    sessionmaker: async_sessionmaker[AsyncSession],
) -> None:
    assert isinstance(make_trending_store(None, sessionmaker), SqlTrendingStore)
    assert isinstance(make_trending_store("", sessionmaker), SqlTrendingStore)
    store = make_trending_store("redis://127.0.0.1:6379/0", sessionmaker)
    assert isinstance(store, RedisTrendingStore)
    await store.close()
