"""Shared fixtures: a migrated database per backend, rolled back after every test."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator

import pytest
from sqlalchemy.ext.asyncio import async_sessionmaker

from adapters.db import migrate
from adapters.db.engine import create_engine
from adapters.db.uow import SqlUnitOfWork
from bot.bootstrap import build_app
from bot.settings import Settings
from core.app import App
from tests.support.databases import create_pg_database, drop_pg_database, sqlite_url, unavailable
from tests.support.fakes import FakeClock

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


async def _migrate(url: str) -> None:
    engine = create_engine(url)
    try:
        await migrate.upgrade(engine)
    finally:
        await engine.dispose()


@pytest.fixture(scope="session")
def sqlite_database(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A migrated SQLite file shared by the test process."""
    url = sqlite_url(tmp_path_factory.mktemp("sqlite"))
    asyncio.run(_migrate(url))
    return url


@pytest.fixture(scope="session")
def postgres_database() -> Iterator[str]:
    """A migrated PostgreSQL database for the test process, dropped at the end."""
    try:
        url = create_pg_database()
    except (OSError, Exception) as error:  # asyncpg raises several connection error types
        unavailable("PostgreSQL at 127.0.0.1:5432", error)
        raise
    try:
        asyncio.run(_migrate(url))
        yield url
    finally:
        drop_pg_database(url)


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest) -> str:
    """The URL of a migrated database, once per backend."""
    fixture = "sqlite_database" if request.param == "sqlite" else "postgres_database"
    return str(request.getfixturevalue(fixture))


@pytest.fixture
async def sessions(database_url: str) -> AsyncIterator[async_sessionmaker]:  # type: ignore[type-arg]
    """Sessions inside an outer transaction that is rolled back after the test."""
    engine = create_engine(database_url)
    async with engine.connect() as conn:
        outer = await conn.begin()
        yield async_sessionmaker(
            conn, expire_on_commit=False, join_transaction_mode="create_savepoint"
        )
        await outer.rollback()
    await engine.dispose()


@pytest.fixture
def clock() -> FakeClock:
    """A frozen clock at 2026-11-24 12:00 UTC."""
    return FakeClock()


@pytest.fixture
def app(sessions: async_sessionmaker, clock: FakeClock) -> App:  # type: ignore[type-arg]
    """The real core over the test database."""
    return build_app(lambda: SqlUnitOfWork(sessions), Settings(_env_file=None), clock)  # type: ignore[call-arg]
