"""run_telegram's lifecycle: a stop event or a cancelled task both shut the bot down cleanly."""

from __future__ import annotations

import asyncio

import pytest

from adapters.telegram import build_application, run_telegram
from bot.settings import Settings
from core.app import App
from tests.e2e.telegram.conftest import FAST, make_settings
from tests.e2e.telegram.fake_api import FakeBotApi
from tests.e2e.telegram.updates import message


async def test_a_cancelled_run_stops_polling_and_shuts_down(app: App, api: FakeBotApi) -> None:
    task = asyncio.create_task(run_telegram(app, make_settings(api), None, **FAST))
    await api.wait_until(lambda: api.polls > 0)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await asyncio.wait_for(task, 10)
    polls = api.polls
    await api.push(message("/start"))
    await asyncio.sleep(0.3)  # bounded: nothing may poll or answer any more
    assert api.polls == polls
    assert api.find("sendMessage") == []


def test_build_application_needs_a_token_and_rejects_unknown_overrides(app: App) -> None:
    with pytest.raises(ValueError, match="WATCHBOT_TELEGRAM_TOKEN"):
        build_application(app, Settings(_env_file=None, telegram_token=None))  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="poll_timout"):
        build_application(app, Settings(_env_file=None, telegram_token="1:x"), poll_timout=1)  # type: ignore[call-arg]
