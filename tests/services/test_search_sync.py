"""Two bot processes over one database: each one's search index sees the other's titles."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from adapters.console.repl import ConsoleSession
from adapters.db.uow import SqlUnitOfWork
from bot.bootstrap import build_app
from bot.settings import Settings
from core.app import App
from tests.support.fakes import FakeClock


def process(sessions: async_sessionmaker[AsyncSession], clock: FakeClock) -> App:
    """One bot process: its own App and in-process search index, the shared database."""
    return build_app(lambda: SqlUnitOfWork(sessions), Settings(_env_file=None), clock)  # type: ignore[call-arg]


async def test_a_title_added_elsewhere_is_found_within_half_a_minute(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock, ids: dict[str, int]
) -> None:
    first, second = process(sessions, clock), process(sessions, clock)
    ana, bo = ConsoleSession(first, user="ana"), ConsoleSession(second, user="bo")
    assert "Alien (1979)" in await ana.handle("/search alien")  # first's index is built
    assert "Zyzzyx Road (2006)" in await bo.handle("/addmanual Zyzzyx Road (2006) movie")
    assert "Zyzzyx Road" in await bo.handle("/search zyzzyx")  # its own change: at once
    assert "Zyzzyx Road" not in await ana.handle("/search zyzzyx")  # not looked yet
    clock.advance(seconds=31)
    assert "Zyzzyx Road (2006)" in await ana.handle("/search zyzzyx")
