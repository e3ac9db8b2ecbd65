"""An app over the test catalog with a recommendation engine and people who rated titles."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from adapters.console.repl import ConsoleSession
from adapters.db.uow import SqlUnitOfWork
from adapters.recommend.engine import HybridEngine
from bot.bootstrap import build_app
from bot.settings import Settings
from core.app import App
from core.ports_trending import TrendingStore
from tests.support import catalog
from tests.support.fakes import FakeClock


async def app_with_tastes(
    sessions: async_sessionmaker[AsyncSession],
    clock: FakeClock,
    folder: Path,
    tastes: Mapping[str, Mapping[str, int]],
    trending: TrendingStore | None = None,
) -> App:
    """The app (engine artifacts in ``folder``) after each person rated their titles."""
    app = build_app(
        lambda: SqlUnitOfWork(sessions),
        Settings(_env_file=None),  # type: ignore[call-arg]
        clock,
        recommender=HybridEngine(folder),
        trending=trending,
    )
    await catalog.load(app)
    for user, rated in tastes.items():
        chat = ConsoleSession(app, user=user)
        for title, value in rated.items():
            assert "Rated" in await chat.handle(f"/rate {title} {value}")
    return app
