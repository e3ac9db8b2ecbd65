"""A Redis-backed cache (redis.asyncio) with a key namespace and per-key TTL."""

from __future__ import annotations

import math

from redis import asyncio as aioredis
from redis.exceptions import RedisError

from adapters.cache.base import CacheError


def _glob_escape(text: str) -> str:
    return "".join(f"\\{ch}" if ch in "\\*?[]" else ch for ch in text)


class RedisCache:
    """:class:`~adapters.cache.base.Cache` stored in Redis under ``namespace + key``.

    TTLs are set with millisecond precision (``PX``). Every backend failure is
    raised as :class:`~adapters.cache.base.CacheError`. Socket timeouts are explicit
    so an unresponsive Redis cannot stall a caller for long.
    """

    def __init__(
        self,
        url: str,
        namespace: str = "watchbot:",
        *,
        socket_timeout: float = 2.0,
        connect_timeout: float = 2.0,
        client: aioredis.Redis | None = None,
    ) -> None:
        self.namespace = namespace
        self._client: aioredis.Redis = client or aioredis.Redis.from_url(
            url, socket_timeout=socket_timeout, socket_connect_timeout=connect_timeout
        )

    def _key(self, key: str) -> str:
        return f"{self.namespace}{key}"

    async def get(self, key: str) -> bytes | None:
        """Return the value stored under ``key`` or ``None``."""
        try:
            value = await self._client.get(self._key(key))
        except RedisError as exc:
            raise CacheError(f"redis GET failed: {exc}") from exc
        if value is None:
            return None
        return value.encode() if isinstance(value, str) else bytes(value)

    async def set(self, key: str, value: bytes, ttl_seconds: float) -> None:
        """Store ``value`` for ``ttl_seconds``; a non-positive TTL removes the key instead."""
        if ttl_seconds <= 0:
            await self.delete(key)
            return
        ttl_ms = max(1, math.ceil(ttl_seconds * 1000))
        try:
            await self._client.set(self._key(key), value, px=ttl_ms)
        except RedisError as exc:
            raise CacheError(f"redis SET failed: {exc}") from exc

    async def delete(self, key: str) -> None:
        """Remove ``key`` if present."""
        try:
            await self._client.delete(self._key(key))
        except RedisError as exc:
            raise CacheError(f"redis DEL failed: {exc}") from exc

    async def clear(self) -> None:
        """Delete every key of this namespace (SCAN + DEL; never FLUSHDB)."""
        try:
            batch: list[bytes] = []
            pattern = f"{_glob_escape(self.namespace)}*"
            async for raw in self._client.scan_iter(match=pattern, count=500):
                batch.append(raw)
                if len(batch) >= 500:
                    await self._client.delete(*batch)
                    batch.clear()
            if batch:
                await self._client.delete(*batch)
        except RedisError as exc:
            raise CacheError(f"redis clear failed: {exc}") from exc

    async def ping(self) -> bool:
        """Return ``True`` if the server answers; raise :class:`CacheError` otherwise."""
        try:
            return bool(await self._client.ping())
        except RedisError as exc:
            raise CacheError(f"redis PING failed: {exc}") from exc

    async def close(self) -> None:
        """Close the client and its connection pool."""
        await self._client.aclose()
