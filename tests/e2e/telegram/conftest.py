"""The fake Bot API server, and the real Application polling it until the test ends."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
from collections.abc import AsyncIterator
from typing import Any

import pytest

from adapters.telegram import run_telegram
from adapters.telegram.ratelimit import RateLimits
from bot.settings import Settings
from core.app import App
from tests.e2e.telegram import updates
from tests.e2e.telegram.fake_api import BARRIER, TOKEN, FakeBotApi
from tests.support import catalog

NO_PACING = RateLimits(overall_max_rate=0, private_max_rate=0, group_max_rate=0, max_retries=2)
FAST: dict[str, Any] = {
    "rate_limits": NO_PACING,
    "concurrent_updates": 1,  # the test database is one connection: one update at a time
    "poll_timeout": 1.0,
}


class Bot:
    """The running bot seen from the test: inject updates, wait for what it sends."""

    def __init__(self, api: FakeBotApi) -> None:
        self.api = api
        self.mark = 0
        self._markers = itertools.count()

    async def send(self, update: dict[str, Any]) -> None:
        """Inject one update and wait until it (and everything before it) was handled."""
        self.mark = len(self.api.calls)
        await self.api.push(update)
        await self.settle()

    async def settle(self) -> None:
        """Updates are handled one at a time: once a marker query is answered, all were."""
        marker = f"{BARRIER}{next(self._markers)}"
        await self.api.push(updates.inline("", qid=marker))
        await self.api.wait_until(lambda: self.api.answered(marker))

    def methods(self) -> list[str]:
        """Methods called since the last :meth:`send`."""
        return self.api.methods(self.mark)

    def last(self, method: str) -> dict[str, Any]:
        """Parameters of the latest call of ``method`` since the last :meth:`send`."""
        found = self.api.find(method, self.mark)
        assert found, f"{method} was not called; calls: {self.methods()}"
        return found[-1].params


@contextlib.asynccontextmanager
async def running(app: App, api: FakeBotApi, **overrides: Any) -> AsyncIterator[asyncio.Task[None]]:
    """run_telegram in a task until the block ends (then stopped, awaited, bounded)."""
    settings = make_settings(api, **overrides.pop("settings", {}))
    stop = asyncio.Event()
    task = asyncio.create_task(run_telegram(app, settings, stop, **{**FAST, **overrides}))
    ready = asyncio.create_task(
        api.wait_until(lambda: api.polls > 0 or bool(api.find("setWebhook")))
    )
    await asyncio.wait({task, ready}, timeout=10, return_when=asyncio.FIRST_COMPLETED)
    if not ready.done():
        ready.cancel()
        if task.done():
            task.result()  # raises why it stopped
        task.cancel()
        raise AssertionError("the bot did not start polling (or set its webhook) within 10 s")
    try:
        yield task
    finally:
        stop.set()
        await asyncio.wait_for(task, 10)


def make_settings(api: FakeBotApi, **values: Any) -> Settings:
    """Settings pointing the bot at the fake server."""
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        telegram_token=TOKEN,
        telegram_api_base_url=api.base_url,
        telegram_api_file_url=api.base_url.replace("/bot", "/file/bot"),
        **values,
    )


@pytest.fixture
async def api() -> AsyncIterator[FakeBotApi]:
    """The fake Bot API, serving on 127.0.0.1."""
    server = FakeBotApi()
    await server.start()
    yield server
    await server.stop()


@pytest.fixture
async def ids(app: App) -> dict[str, int]:
    """The small test catalog; ids by "Title (year)"."""
    return await catalog.load(app)


@pytest.fixture
async def bot(app: App, api: FakeBotApi) -> AsyncIterator[Bot]:
    """The real Application polling the fake server."""
    async with running(app, api):
        yield Bot(api)
