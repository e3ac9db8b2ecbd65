"""Service-suite fixtures: the small catalog and a console session over the real core."""

from __future__ import annotations

import pytest

from adapters.console.repl import ConsoleSession
from core.app import App
from core.domain.accounts import Account
from core.views.reply import Platform, UserRef
from tests.support import catalog


@pytest.fixture
async def ids(app: App) -> dict[str, int]:
    """The small catalog, loaded; ids by "Title (year)"."""
    return await catalog.load(app)


@pytest.fixture
async def account(app: App) -> Account:
    """A user who has said hello."""
    return await app.accounts.ensure(UserRef(Platform.CONSOLE, "ana", "Ana"))


@pytest.fixture
def chat(app: App) -> ConsoleSession:
    """Ana's private console chat."""
    return ConsoleSession(app, user="ana")
