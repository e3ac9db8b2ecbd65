"""The cache interface shared by every backend."""

from __future__ import annotations

from typing import Protocol, runtime_checkable


class CacheError(Exception):
    """The cache backend failed (e.g. Redis unreachable); callers may treat it as a miss."""


@runtime_checkable
class Cache(Protocol):
    """An async byte cache where every entry carries its own time-to-live."""

    async def get(self, key: str) -> bytes | None:
        """Return the value stored under ``key``, or ``None`` if absent or expired."""
        ...

    async def set(self, key: str, value: bytes, ttl_seconds: float) -> None:
        """Store ``value`` under ``key`` for ``ttl_seconds`` (<= 0 means: do not store)."""
        ...

    async def delete(self, key: str) -> None:
        """Remove ``key`` if present."""
        ...

    async def close(self) -> None:
        """Release the backend's resources."""
        ...
