"""The composition root wires trending to Redis (SQL while Redis is down), end to end."""

from __future__ import annotations

from pathlib import Path

import pytest
from redis import asyncio as aioredis

from adapters.console.repl import ConsoleSession
from adapters.db import migrate
from adapters.trending import FallbackTrendingStore, SqlTrendingStore
from bot.bootstrap import Runtime, bootstrap
from bot.cli import main
from bot.settings import Settings
from tests.integration.providers.support import REDIS_URL
from tests.support import catalog

pytestmark = pytest.mark.redis


def settings_for(tmp_path: Path, redis_url: str | None, namespace: str) -> Settings:
    """Settings of a bot over a fresh SQLite file, Redis optional."""
    return Settings(  # type: ignore[call-arg]
        _env_file=None,
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}",
        redis_url=redis_url,
        redis_namespace=namespace,
    )


async def rated_world(settings: Settings) -> Runtime:
    """A migrated runtime where three people rated Dune and one rated Heat."""
    runtime = bootstrap(settings)
    await migrate.upgrade(runtime.engine)
    await catalog.load(runtime.app)
    for user, title in (("ana", "Dune 2021"), ("bo", "Dune 2021"), ("cy", "Dune 2021")):
        await ConsoleSession(runtime.app, user=user).handle(f"/rate {title} 9")
    await ConsoleSession(runtime.app, user="di").handle("/rate Heat 9")
    return runtime


async def test_redis_answers_and_rebuild_restores_flushed_keys(
    tmp_path: Path,
    namespace: str,
    redis_client: aioredis.Redis,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    settings = settings_for(tmp_path, REDIS_URL, namespace)
    runtime = await rated_world(settings)
    try:
        assert isinstance(runtime.app.trending, FallbackTrendingStore)
        chat = ConsoleSession(runtime.app, user="ana")
        first = await chat.handle("/trending")
        assert first.splitlines()[1].startswith("1. Dune (2021) 🔥🔥🔥")
        assert first.splitlines()[2].startswith("2. Heat (1995) 🔥")
        days = f"{namespace}trending:d:*"  # the day sets the first answer synced
        keys = [k async for k in redis_client.scan_iter(match=f"{namespace}*")]
        assert [k for k in keys if k.decode().startswith(days[:-1])]
        await redis_client.delete(*keys)  # Redis flushed
        monkeypatch.setenv("WATCHBOT_DATABASE_URL", settings.database_url)
        monkeypatch.setenv("WATCHBOT_REDIS_URL", REDIS_URL)
        monkeypatch.setenv("WATCHBOT_REDIS_NAMESPACE", settings.redis_namespace)
        assert await _in_thread(main, ["trending", "rebuild"]) == 0
        assert [k async for k in redis_client.scan_iter(match=days)]
        assert await chat.handle("/trending") == first
    finally:
        await runtime.close()


async def test_sql_answers_while_redis_is_down(tmp_path: Path) -> None:
    runtime = await rated_world(settings_for(tmp_path, "redis://127.0.0.1:1/0", "down:"))
    try:
        answer = await ConsoleSession(runtime.app, user="ana").handle("/trending week")
        assert answer.splitlines()[1].startswith("1. Dune (2021) 🔥🔥🔥")
    finally:
        await runtime.close()


async def test_without_redis_trending_is_sql(tmp_path: Path) -> None:
    runtime = bootstrap(settings_for(tmp_path, None, "x:"))
    try:
        assert isinstance(runtime.app.trending, SqlTrendingStore)
    finally:
        await runtime.close()


async def _in_thread(function: object, argv: list[str]) -> int:
    """Run the synchronous CLI (it owns an event loop) off this test's loop."""
    import asyncio

    assert callable(function)
    return int(await asyncio.to_thread(function, argv))
