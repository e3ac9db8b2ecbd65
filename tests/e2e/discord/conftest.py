"""Fixtures: a fake Discord on 127.0.0.1 and the real discord.py client connected to it."""

from __future__ import annotations

import asyncio
import contextlib
import warnings
from collections.abc import AsyncIterator

import pytest

# discord.py imports the stdlib's audioop (for voice), deprecated in 3.11; ignore exactly that
# warning, once, here, so filterwarnings=error cannot fail collection on it
with warnings.catch_warnings():
    warnings.filterwarnings("ignore", "'audioop' is deprecated", DeprecationWarning)
    import discord  # noqa: F401

from adapters.discord import WatchbotClient, build_client
from bot.settings import Settings
from core.app import App
from tests.e2e.discord.fake import WAIT, FakeDiscord
from tests.e2e.discord.payloads import ADMIN_ROLE
from tests.support import catalog


def settings_for(fake: FakeDiscord, dev_guild: int | None = None) -> Settings:
    """Settings pointing the client at ``fake`` (exactly what the environment variables set)."""
    return Settings(  # type: ignore[call-arg]
        _env_file=None,
        discord_token="fake-token",
        discord_api_base_url=fake.api_url,
        discord_gateway_url=fake.gateway_url,
        discord_dev_guild=dev_guild,
        discord_admin_role=ADMIN_ROLE,
    )


@contextlib.asynccontextmanager
async def running(
    app: App, fake: FakeDiscord, **settings: int | None
) -> AsyncIterator[WatchbotClient]:
    """Start a new client against ``fake``; yield once it has identified; close it after."""
    config = settings_for(fake, **settings)
    client = build_client(app, config)
    task = asyncio.create_task(client.start(config.discord_token or ""))
    connected = asyncio.create_task(fake.identified(len(fake.identifies) + 1))
    try:
        done, _ = await asyncio.wait(
            {task, connected}, timeout=WAIT, return_when=asyncio.FIRST_COMPLETED
        )
        if connected not in done:
            connected.cancel()
            if task in done:
                task.result()  # raises why the client stopped
            pytest.fail("the client never identified")
        yield client
    finally:
        await client.close()
        await asyncio.wait_for(task, WAIT)


@pytest.fixture
async def fake_discord() -> AsyncIterator[FakeDiscord]:
    """The fake Discord, listening."""
    fake = FakeDiscord()
    await fake.start()
    yield fake
    await fake.close()


@pytest.fixture
async def ids(app: App) -> dict[str, int]:
    """The small test catalog; ids by "Title (year)"."""
    return await catalog.load(app)


@pytest.fixture
async def bot(
    app: App, fake_discord: FakeDiscord, ids: dict[str, int]
) -> AsyncIterator[WatchbotClient]:
    """The real client, connected to the fake, over the core and the test catalog."""
    async with running(app, fake_discord) as client:
        yield client
