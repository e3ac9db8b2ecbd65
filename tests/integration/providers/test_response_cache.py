"""Cache-aside behaviour of the HTTP layer with both cache backends."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

import pytest

from adapters.cache import Cache, MemoryCache, RedisCache
from adapters.http import ProviderError
from adapters.tmdb import TmdbClient, TmdbTtls
from tests.integration.providers.fake_server import TMDB_KEY, FakeProviderServer

MakeTmdb = Callable[..., TmdbClient]
MakeCache = Callable[[str], Awaitable[Cache]]


class RecordingCache(MemoryCache):
    """A MemoryCache that remembers the keys it was given."""

    def __init__(self) -> None:
        super().__init__(maxsize=100)
        self.keys: list[str] = []

    async def set(self, key: str, value: bytes, ttl_seconds: float) -> None:
        self.keys.append(key)
        await super().set(key, value, ttl_seconds)


async def test_cached_responses_are_not_refetched_within_ttl(
    make_tmdb: MakeTmdb, make_cache: MakeCache, fake_server: FakeProviderServer
) -> None:
    client = make_tmdb(cache=await make_cache("http:"))
    first = await client.get_movie(348)
    second = await client.get_movie(348)
    assert first == second
    assert len(fake_server.requests_to("/movie/348")) == 1
    assert client.http.cache_hits == 1


async def test_cache_is_shared_between_clients(
    make_tmdb: MakeTmdb, make_cache: MakeCache, fake_server: FakeProviderServer
) -> None:
    cache = await make_cache("shared:")
    await make_tmdb(cache=cache).search_multi("alien")
    await make_tmdb(cache=cache).search_multi("alien")
    assert len(fake_server.requests_to("/search/multi")) == 1


async def test_different_params_are_different_entries(
    make_tmdb: MakeTmdb, make_cache: MakeCache, fake_server: FakeProviderServer
) -> None:
    client = make_tmdb(cache=await make_cache("params:"))
    await client.search_multi("alien")
    await client.search_multi("alien", page=2)
    await client.search_multi("alien", language="de-DE")
    await client.search_multi("alien")
    assert len(fake_server.requests_to("/search/multi")) == 3


async def test_entries_expire_after_the_endpoint_ttl(
    make_tmdb: MakeTmdb, make_cache: MakeCache, fake_server: FakeProviderServer
) -> None:
    client = make_tmdb(cache=await make_cache("ttl:"), ttls=TmdbTtls(details=0.2, search=60))
    await client.get_movie(348)
    await client.search_multi("alien")
    await asyncio.sleep(0.3)
    await client.get_movie(348)
    await client.search_multi("alien")
    assert len(fake_server.requests_to("/movie/348")) == 2
    assert len(fake_server.requests_to("/search/multi")) == 1


async def test_errors_and_malformed_bodies_are_not_cached(
    make_tmdb: MakeTmdb, make_cache: MakeCache, fake_server: FakeProviderServer
) -> None:
    client = make_tmdb(cache=await make_cache("errors:"))
    fake_server.malformed_next()
    with pytest.raises(ProviderError):
        await client.get_movie(348)
    assert (await client.get_movie(348)).title == "Alien"
    assert len(fake_server.requests_to("/movie/348")) == 2


async def test_cached_data_is_served_while_the_provider_is_down(
    make_tmdb: MakeTmdb, make_cache: MakeCache, fake_server: FakeProviderServer
) -> None:
    client = make_tmdb(cache=await make_cache("down:"))
    await client.get_show(1396)
    await fake_server.stop()
    assert (await client.get_show(1396)).name == "Breaking Bad"


async def test_cache_keys_never_contain_the_api_key(make_tmdb: MakeTmdb) -> None:
    cache = RecordingCache()
    client = make_tmdb(cache=cache)
    await client.get_movie(348)
    await client.search_people("sigourney weaver")
    assert len(cache.keys) == 2
    assert all(TMDB_KEY not in key and "api_key" not in key for key in cache.keys)
    assert cache.keys[0].startswith("http:tmdb:/movie/348?")


async def test_corrupt_cache_entry_is_dropped_and_refetched(
    make_tmdb: MakeTmdb, fake_server: FakeProviderServer
) -> None:
    cache = RecordingCache()
    client = make_tmdb(cache=cache)
    await client.get_movie(348)
    await cache.set(cache.keys[0], b"\xff not json", 60)
    assert (await client.get_movie(348)).title == "Alien"
    assert len(fake_server.requests) == 2


async def test_unreachable_redis_degrades_to_no_cache(
    make_tmdb: MakeTmdb, fake_server: FakeProviderServer, unused_tcp_port: int
) -> None:
    broken = RedisCache(
        f"redis://127.0.0.1:{unused_tcp_port}/0", socket_timeout=0.3, connect_timeout=0.3
    )
    try:
        client = make_tmdb(cache=broken)
        assert (await client.get_movie(348)).title == "Alien"
        assert (await client.get_movie(348)).title == "Alien"
        assert len(fake_server.requests) == 2
    finally:
        await broken.close()
