"""Leader election: exactly one process runs the scheduler and the outbox dispatcher.

PostgreSQL: a session-level advisory lock (``pg_try_advisory_lock``) held on a dedicated
connection in autocommit mode for as long as the process leads. Whoever holds it is the leader;
the others retry every few seconds. If the leader dies, PostgreSQL ends its session and the lock
is free at once; if the leader loses its connection, :meth:`still_held` turns false and it steps
down (its timers stop) before another process can take over.

SQLite is a single file on one machine: an exclusive ``flock`` on ``<database>.scheduler.lock``
does the same for the processes sharing it; the kernel drops it when the process dies.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

LOCK_NAME = "watchbot:scheduler"


def lock_key(name: str = LOCK_NAME) -> int:
    """A stable signed 64-bit advisory lock key for ``name``."""
    digest = hashlib.blake2b(name.encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


class LeaderLock(Protocol):
    """Try to lead, check that we still do, step down."""

    async def acquire(self) -> bool:
        """Take the lock if it is free (never waits)."""
        ...

    async def still_held(self) -> bool:
        """Whether we still hold it."""
        ...

    async def release(self) -> None:
        """Give it up."""
        ...


class PostgresLeaderLock:
    """An advisory lock on a connection of its own."""

    def __init__(self, engine: AsyncEngine, key: int | None = None) -> None:
        self._engine, self._key = engine, key if key is not None else lock_key()
        self._conn: AsyncConnection | None = None

    async def acquire(self) -> bool:
        """``pg_try_advisory_lock``: True when this process now leads."""
        if self._conn is None:
            conn = await self._engine.connect()
            self._conn = await conn.execution_options(isolation_level="AUTOCOMMIT")
        got = await self._conn.scalar(text("SELECT pg_try_advisory_lock(:k)"), {"k": self._key})
        if not got:
            await self._close()
        return bool(got)

    async def still_held(self) -> bool:
        """Ask the server whether our session holds the lock (False if the connection died)."""
        if self._conn is None:
            return False
        query = text(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted"
            " AND pid = pg_backend_pid()"
            " AND classid::bigint = ((CAST(:k AS bigint) >> 32) & 4294967295)"
            " AND objid::bigint = (CAST(:k AS bigint) & 4294967295)"
        )
        try:
            return bool(await self._conn.scalar(query, {"k": self._key}))
        except Exception:
            await self._close()
            return False

    async def release(self) -> None:
        """Unlock and close the connection."""
        if self._conn is not None:
            with contextlib.suppress(Exception):
                await self._conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": self._key})
            await self._close()

    async def _close(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            with contextlib.suppress(Exception):
                await conn.close()


class FileLeaderLock:
    """An exclusive, non-blocking ``flock`` on a lock file."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._fd: int | None = None

    async def acquire(self) -> bool:
        """True when this process now holds the file lock."""
        if self._fd is not None:
            return True
        fd = os.open(self._path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        self._fd = fd
        return True

    async def still_held(self) -> bool:
        """A flock lasts as long as the descriptor."""
        return self._fd is not None

    async def release(self) -> None:
        """Unlock and close."""
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None


class SoleLeader:
    """For in-memory databases: the process is alone by definition."""

    async def acquire(self) -> bool:
        """Always leads."""
        return True

    async def still_held(self) -> bool:
        """Always leads."""
        return True

    async def release(self) -> None:
        """Nothing to release."""


def leader_lock(engine: AsyncEngine) -> Any:
    """The right lock for the engine's database."""
    url = make_url(str(engine.url))
    if url.get_backend_name() == "postgresql":
        return PostgresLeaderLock(engine)
    if url.database and url.database != ":memory:":
        return FileLeaderLock(Path(f"{url.database}.scheduler.lock"))
    return SoleLeader()
