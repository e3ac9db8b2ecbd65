"""A bounded, process-local cache with a TTL per entry."""

from __future__ import annotations

import time
from collections.abc import Callable

from cachetools import TLRUCache

_Entry = tuple[bytes, float]


def _expires_at(_key: str, entry: _Entry, now: float) -> float:
    return now + entry[1]


class MemoryCache:
    """In-memory :class:`~adapters.cache.base.Cache` built on ``cachetools.TLRUCache``.

    Each entry expires after its own ``ttl_seconds``; once ``maxsize`` entries are
    held, expired entries go first, then the least recently used ones.
    ``timer`` is injectable for tests (defaults to ``time.monotonic``).
    """

    def __init__(self, maxsize: int = 10_000, *, timer: Callable[[], float] = time.monotonic):
        if maxsize <= 0:
            raise ValueError("maxsize must be positive")
        self._data: TLRUCache[str, _Entry] = TLRUCache(
            maxsize=maxsize, ttu=_expires_at, timer=timer
        )

    async def get(self, key: str) -> bytes | None:
        """Return the live value for ``key`` or ``None``."""
        entry = self._data.get(key)
        return None if entry is None else entry[0]

    async def set(self, key: str, value: bytes, ttl_seconds: float) -> None:
        """Store ``value`` for ``ttl_seconds``; a non-positive TTL removes the key instead."""
        if ttl_seconds <= 0:
            self._data.pop(key, None)
            return
        self._data[key] = (bytes(value), float(ttl_seconds))

    async def delete(self, key: str) -> None:
        """Remove ``key`` if present."""
        self._data.pop(key, None)

    async def clear(self) -> None:
        """Remove every entry."""
        self._data.clear()

    async def close(self) -> None:
        """Drop all entries (nothing else to release)."""
        self._data.clear()

    def __len__(self) -> int:
        """Number of entries currently held (expired ones are purged first)."""
        self._data.expire()
        return len(self._data)
