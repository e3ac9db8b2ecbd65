"""One unit of work at a time in the scheduler process (SQLite).

SQLite has one writer; a transaction that reads and then writes cannot wait for another writer
(it fails with "database is locked" at once instead of using the busy timeout). The jobs and
the dispatcher run concurrently, so on SQLite they share this lock and never overlap.
PostgreSQL needs none of it (rows are locked individually, SKIP LOCKED for claims).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from types import TracebackType
from typing import Any, cast

from core.ports import UnitOfWork


class SerialUnitOfWork:
    """A unit of work that holds ``lock`` from begin to end; repositories pass through."""

    def __init__(self, inner: UnitOfWork, lock: asyncio.Lock) -> None:
        self._inner, self._lock = inner, lock

    async def __aenter__(self) -> SerialUnitOfWork:
        """Wait for the lock, then begin."""
        await self._lock.acquire()
        try:
            await self._inner.__aenter__()
        except BaseException:
            self._lock.release()
            raise
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """End, then let the next one in."""
        try:
            await self._inner.__aexit__(exc_type, exc, tb)
        finally:
            self._lock.release()

    async def commit(self) -> None:
        """Commit."""
        await self._inner.commit()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


def serialized(factory: Callable[[], UnitOfWork]) -> Callable[[], UnitOfWork]:
    """A factory whose units of work never overlap (one lock per factory)."""
    lock = asyncio.Lock()
    return lambda: cast(UnitOfWork, SerialUnitOfWork(factory(), lock))
