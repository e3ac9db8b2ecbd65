"""One contract for every cache backend (memory, Redis), plus backend specifics."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

import pytest

from adapters.cache import Cache, CacheError, MemoryCache, RedisCache, make_cache

MakeCache = Callable[[str], Awaitable[Cache]]


async def test_get_missing_returns_none(make_cache: MakeCache) -> None:
    cache = await make_cache("a:")
    assert await cache.get("nope") is None


async def test_set_then_get_roundtrips_bytes(make_cache: MakeCache) -> None:
    cache = await make_cache("a:")
    value = bytes(range(256)) * 4
    await cache.set("k", value, 30)
    assert await cache.get("k") == value


async def test_set_overwrites(make_cache: MakeCache) -> None:
    cache = await make_cache("a:")
    await cache.set("k", b"one", 30)
    await cache.set("k", b"two", 30)
    assert await cache.get("k") == b"two"


async def test_entry_expires_after_its_ttl(make_cache: MakeCache) -> None:
    cache = await make_cache("a:")
    await cache.set("short", b"x", 0.15)
    await cache.set("long", b"y", 30)
    assert await cache.get("short") == b"x"
    await asyncio.sleep(0.3)
    assert await cache.get("short") is None
    assert await cache.get("long") == b"y"


async def test_non_positive_ttl_stores_nothing(make_cache: MakeCache) -> None:
    cache = await make_cache("a:")
    await cache.set("k", b"old", 30)
    await cache.set("k", b"new", 0)
    assert await cache.get("k") is None


async def test_delete(make_cache: MakeCache) -> None:
    cache = await make_cache("a:")
    await cache.set("k", b"v", 30)
    await cache.delete("k")
    await cache.delete("never-set")
    assert await cache.get("k") is None


async def test_namespaces_are_isolated(make_cache: MakeCache) -> None:
    first, second = await make_cache("first:"), await make_cache("second:")
    await first.set("shared", b"1", 30)
    assert await second.get("shared") is None
    await second.set("shared", b"2", 30)
    await first.delete("shared")
    assert await first.get("shared") is None
    assert await second.get("shared") == b"2"


def test_memory_cache_is_bounded_and_evicts_least_recently_used() -> None:
    async def scenario() -> None:
        cache = MemoryCache(maxsize=3)
        for key in ("a", "b", "c"):
            await cache.set(key, key.encode(), 60)
        assert await cache.get("a") == b"a"  # "b" is now the least recently used
        await cache.set("d", b"d", 60)
        assert len(cache) == 3
        assert await cache.get("b") is None
        assert [await cache.get(k) for k in ("a", "c", "d")] == [b"a", b"c", b"d"]

    asyncio.run(scenario())


async def test_memory_cache_per_key_ttl_with_injected_timer() -> None:
    now = [1000.0]
    cache = MemoryCache(maxsize=10, timer=lambda: now[0])
    await cache.set("one-minute", b"1", 60)
    await cache.set("one-hour", b"2", 3600)
    now[0] += 61
    assert await cache.get("one-minute") is None
    assert await cache.get("one-hour") == b"2"
    now[0] += 3600
    assert await cache.get("one-hour") is None
    assert len(cache) == 0


def test_memory_cache_rejects_non_positive_size() -> None:
    with pytest.raises(ValueError, match="maxsize"):
        MemoryCache(maxsize=0)


async def test_make_cache_picks_backend() -> None:
    memory = make_cache(None)
    redis = make_cache("redis://127.0.0.1:6379/0", namespace="watchbot-test-factory:")
    try:
        assert isinstance(memory, MemoryCache)
        assert isinstance(redis, RedisCache)
        assert redis.namespace == "watchbot-test-factory:"
        assert isinstance(memory, Cache)
        assert isinstance(redis, Cache)
    finally:
        await memory.close()
        await redis.close()


async def test_redis_cache_errors_are_cache_errors(unused_tcp_port: int) -> None:
    cache = RedisCache(
        f"redis://127.0.0.1:{unused_tcp_port}/0", socket_timeout=0.5, connect_timeout=0.5
    )
    try:
        with pytest.raises(CacheError):
            await cache.get("k")
        with pytest.raises(CacheError):
            await cache.set("k", b"v", 10)
    finally:
        await cache.close()


@pytest.mark.redis
async def test_redis_clear_only_touches_its_namespace(make_redis_cache: MakeCache) -> None:
    mine, other = await make_redis_cache("mine:"), await make_redis_cache("mine*other:")
    assert isinstance(mine, RedisCache)
    await mine.set("a", b"1", 30)
    await mine.set("b", b"2", 30)
    await other.set("a", b"3", 30)
    await mine.clear()
    assert await mine.get("a") is None
    assert await mine.get("b") is None
    assert await other.get("a") == b"3"
