"""Test databases: one migrated SQLite file and one PostgreSQL database per test process."""

from __future__ import annotations

import asyncio
import os
import uuid
from pathlib import Path

import asyncpg
import pytest

PG_HOST = os.environ.get("WATCHBOT_TEST_PG_HOST", "127.0.0.1")
PG_PORT = int(os.environ.get("WATCHBOT_TEST_PG_PORT", "5432"))
PG_USER = os.environ.get("WATCHBOT_TEST_PG_USER", "postgres")
PG_MAINTENANCE_DB = os.environ.get("WATCHBOT_TEST_PG_DB", "test")


def in_ci() -> bool:
    """CI=true turns a missing server into a failure instead of a skip."""
    return os.environ.get("CI", "").lower() == "true"


def unavailable(what: str, error: BaseException) -> None:
    """Skip locally, fail in CI."""
    message = f"{what} is not reachable: {error}"
    if in_ci():
        pytest.fail(message)
    pytest.skip(message)


async def _admin(sql: str) -> None:
    conn = await asyncpg.connect(
        host=PG_HOST, port=PG_PORT, user=PG_USER, database=PG_MAINTENANCE_DB, timeout=5
    )
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


def create_pg_database(prefix: str = "watchbot_test") -> str:
    """Create a fresh, uniquely named database; returns its asyncpg URL."""
    name = f"{prefix}_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    asyncio.run(_admin(f'CREATE DATABASE "{name}"'))
    return f"postgresql+asyncpg://{PG_USER}@{PG_HOST}:{PG_PORT}/{name}"


def drop_pg_database(url: str) -> None:
    """Drop a database made by :func:`create_pg_database`."""
    name = url.rsplit("/", 1)[1]
    asyncio.run(_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def sqlite_url(directory: Path) -> str:
    """An SQLite file URL in ``directory``."""
    return f"sqlite+aiosqlite:///{directory / 'watchbot.db'}"
