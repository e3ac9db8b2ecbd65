"""Byte-oriented key/value caches with per-key TTL.

Two implementations share the :class:`Cache` protocol: :class:`MemoryCache`
(process-local, bounded) and :class:`RedisCache` (shared, namespaced).
Use :func:`make_cache` to pick one from configuration.
"""

from __future__ import annotations

from adapters.cache.base import Cache, CacheError
from adapters.cache.memory import MemoryCache
from adapters.cache.redis import RedisCache


def make_cache(
    redis_url: str | None,
    *,
    namespace: str = "watchbot:",
    memory_maxsize: int = 10_000,
) -> Cache:
    """Return a :class:`RedisCache` when ``redis_url`` is set, else a :class:`MemoryCache`."""
    if redis_url:
        return RedisCache(redis_url, namespace=namespace)
    return MemoryCache(maxsize=memory_maxsize)


__all__ = ["Cache", "CacheError", "MemoryCache", "RedisCache", "make_cache"]
