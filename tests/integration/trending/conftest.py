"""Fixtures of the trending tests: a committed world per database backend, Redis
namespaces cleaned up afterwards, and the two stores."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime

import pytest
from redis import asyncio as aioredis
from redis.exceptions import RedisError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from adapters.db.engine import create_engine, make_sessionmaker
from adapters.trending import RedisTrendingStore, SqlTrendingStore
from core.ports_trending import TrendingStore
from tests.integration.providers.support import REDIS_URL, redis_unavailable
from tests.integration.trending.support import World

MakeStore = Callable[..., TrendingStore]


@pytest.fixture
def now() -> datetime:
    """The present: the Redis sets expire by the wall clock, so tests live in real time."""
    return datetime.now(UTC)


@pytest.fixture
async def sessionmaker(database_url: str) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    """Sessions of their own engine (stores read concurrently, outside any test transaction)."""
    engine = create_engine(database_url)
    yield make_sessionmaker(engine)
    await engine.dispose()


@pytest.fixture
async def world(sessionmaker: async_sessionmaker[AsyncSession]) -> AsyncIterator[World]:
    """Rows committed by the test, deleted afterwards."""
    made = World(sessionmaker)
    yield made
    await made.remove()


@pytest.fixture
async def redis_client() -> AsyncIterator[aioredis.Redis]:
    """A client of the test Redis (skipped when absent, failed when CI=true)."""
    client = aioredis.Redis.from_url(REDIS_URL, socket_timeout=2.0, socket_connect_timeout=1.0)
    try:
        await client.ping()
    except RedisError as error:
        await client.aclose()
        redis_unavailable(error)
    yield client
    await client.aclose()


@pytest.fixture
async def namespace(redis_client: aioredis.Redis) -> AsyncIterator[str]:
    """A fresh key prefix; its keys are deleted after the test."""
    prefix = f"watchbot-test:trending:{uuid.uuid4().hex}:"
    yield prefix
    keys = [key async for key in redis_client.scan_iter(match=f"{prefix}*", count=1000)]
    if keys:
        await redis_client.delete(*keys)


@pytest.fixture
async def make_redis(
    redis_client: aioredis.Redis,
    namespace: str,
    sessionmaker: async_sessionmaker[AsyncSession],
) -> AsyncIterator[Callable[..., RedisTrendingStore]]:
    """Factory of Redis stores on the test's namespace (sharing the test's client)."""
    stores: list[RedisTrendingStore] = []

    def make(**options: object) -> RedisTrendingStore:
        store = RedisTrendingStore(redis_client, sessionmaker, namespace, **options)  # type: ignore[arg-type]
        stores.append(store)
        return store

    yield make
    for store in stores:
        await store.close()


@pytest.fixture(params=["sql", pytest.param("redis", marks=pytest.mark.redis)])
def store(
    request: pytest.FixtureRequest, sessionmaker: async_sessionmaker[AsyncSession]
) -> TrendingStore:
    """Each store in turn (on each database backend)."""
    if request.param == "sql":
        return SqlTrendingStore(sessionmaker)
    make: Callable[..., RedisTrendingStore] = request.getfixturevalue("make_redis")
    return make()
