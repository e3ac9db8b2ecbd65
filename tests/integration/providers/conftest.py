"""Fixtures for the provider tests: the fake server, fast policies, clients and caches."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import pytest

from adapters.cache import CacheError, MemoryCache, RedisCache
from adapters.cache.base import Cache
from adapters.http import HttpPolicy
from adapters.omdb import OmdbClient
from adapters.tmdb import TmdbClient
from tests.integration.providers.fake_server import OMDB_KEY, TMDB_KEY, FakeProviderServer
from tests.integration.providers.support import DATA_DIR, FAST, REDIS_URL, redis_unavailable


@pytest.fixture
async def fake_server() -> AsyncIterator[FakeProviderServer]:
    """A running fake TMDb/OMDb server on 127.0.0.1; stopped after the test."""
    server = FakeProviderServer(DATA_DIR)
    await server.start()
    try:
        yield server
    finally:
        await server.stop()


@pytest.fixture
async def make_redis_cache() -> AsyncIterator[Callable[[str], Awaitable[RedisCache]]]:
    """Factory of RedisCaches on unique namespaces; cleared and closed after the test."""
    caches: list[RedisCache] = []
    prefix = f"watchbot-test:{uuid.uuid4().hex}:"

    async def make(namespace: str = "") -> RedisCache:
        cache = RedisCache(
            REDIS_URL, namespace=f"{prefix}{namespace}", socket_timeout=1.0, connect_timeout=1.0
        )
        caches.append(cache)
        try:
            await cache.ping()
        except CacheError as error:
            redis_unavailable(error)
        return cache

    yield make
    for cache in caches:
        with contextlib.suppress(CacheError):
            await cache.clear()
        await cache.close()


@pytest.fixture(params=["memory", pytest.param("redis", marks=pytest.mark.redis)])
def make_cache(
    request: pytest.FixtureRequest,
) -> Callable[[str], Awaitable[Cache]]:
    """Factory of caches of one backend (parametrised: memory, redis)."""
    if request.param == "redis":
        make_redis: Callable[[str], Awaitable[Cache]] = request.getfixturevalue("make_redis_cache")
        return make_redis

    async def make_memory(namespace: str = "") -> Cache:
        return MemoryCache(maxsize=1000)

    return make_memory


@pytest.fixture
async def make_tmdb(
    fake_server: FakeProviderServer,
) -> AsyncIterator[Callable[..., TmdbClient]]:
    """Factory of TmdbClients aimed at the fake server (closed after the test)."""
    clients: list[TmdbClient] = []

    def make(
        *, api_key: str | None = TMDB_KEY, policy: HttpPolicy = FAST, **kwargs: Any
    ) -> TmdbClient:
        client = TmdbClient(api_key, fake_server.tmdb_url, policy=policy, **kwargs)
        clients.append(client)
        return client

    yield make
    for client in clients:
        await client.close()


@pytest.fixture
async def tmdb(make_tmdb: Callable[..., TmdbClient]) -> TmdbClient:
    """A TmdbClient with the fast policy and no cache."""
    return make_tmdb()


@pytest.fixture
async def make_omdb(
    fake_server: FakeProviderServer,
) -> AsyncIterator[Callable[..., OmdbClient]]:
    """Factory of OmdbClients aimed at the fake server (closed after the test)."""
    clients: list[OmdbClient] = []

    def make(
        *, api_key: str | None = OMDB_KEY, policy: HttpPolicy = FAST, **kwargs: Any
    ) -> OmdbClient:
        client = OmdbClient(api_key, fake_server.omdb_url, policy=policy, **kwargs)
        clients.append(client)
        return client

    yield make
    for client in clients:
        await client.close()


@pytest.fixture
async def omdb(make_omdb: Callable[..., OmdbClient]) -> OmdbClient:
    """An OmdbClient with the fast policy and no cache."""
    return make_omdb()
