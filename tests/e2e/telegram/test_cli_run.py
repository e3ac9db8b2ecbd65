"""`watchbot run` with a token drives the real Application against a Bot API-compatible server."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

import pytest

from tests.e2e.telegram import updates
from tests.e2e.telegram.fake_api import TOKEN, FakeBotApi

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.slow
async def test_watchbot_run_polls_the_configured_server(api: FakeBotApi, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("WATCHBOT_")}
    env |= {
        "WATCHBOT_TELEGRAM_TOKEN": TOKEN,
        "WATCHBOT_TELEGRAM_API_BASE_URL": api.base_url,
        "WATCHBOT_TELEGRAM_API_FILE_URL": api.base_url.replace("/bot", "/file/bot"),
        "WATCHBOT_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'watchbot.db'}",
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot.cli",
        "run",
        cwd=ROOT,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        await api.wait_until(lambda: api.polls > 0, seconds=60)  # migrated, demo loaded, polling
        assert [c.params for c in api.find("setMyCommands")], "the menu is set at start"
        await api.push(updates.message("/search the godf"))
        await api.wait_until(lambda: bool(api.find("sendMessage")), seconds=10)
        assert "The Godfather (1972)" in api.find("sendMessage")[0].params["text"]
    finally:
        process.send_signal(signal.SIGTERM)
        _, stderr = await asyncio.wait_for(process.communicate(), 30)
    assert process.returncode == 0, stderr.decode()
