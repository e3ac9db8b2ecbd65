"""Engine and session factory from a database URL (asyncpg or aiosqlite)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)


def make_sqlite_transactional(engine: AsyncEngine) -> None:
    """Let SQLAlchemy own BEGIN on SQLite and enforce foreign keys.

    aiosqlite (like sqlite3) never emits BEGIN itself, so without this hook savepoints and
    rollbacks do not behave (SQLAlchemy's documented recipe for pysqlite transactions).
    Transactions begin IMMEDIATE: a deferred one that reads and then writes while another
    connection writes fails at once with "database is locked" (SQLite cannot wait out that
    deadlock), so several people in one chat lost commands; taking the write lock up front
    makes them queue behind ``busy_timeout`` instead. Writes are serialised either way.
    """

    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def create_engine(url: str, **kwargs: Any) -> AsyncEngine:
    """Create the async engine for ``url``; SQLite gets the transaction hook."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        engine = create_async_engine(url, **kwargs)
        make_sqlite_transactional(engine)
        return engine
    kwargs.setdefault("pool_pre_ping", True)
    return create_async_engine(url, **kwargs)


def make_sessionmaker(bind: Any) -> async_sessionmaker[AsyncSession]:
    """Sessions that keep loaded values after commit (we never lazy-load after close)."""
    return async_sessionmaker(bind, expire_on_commit=False)
