"""Webhook mode: PTB's server checks Telegram's secret token on every request."""

from __future__ import annotations

import asyncio
import json
import socket
from typing import Any

import aiohttp

from core.app import App
from tests.e2e.telegram.conftest import running
from tests.e2e.telegram.fake_api import FakeBotApi
from tests.e2e.telegram.updates import ANA, message

SECRET = "s3cret-Token_1"
HEADER = "X-Telegram-Bot-Api-Secret-Token"


def free_port() -> int:
    """A port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def post(url: str, update: dict[str, Any], secret: str | None) -> int:
    """POST an update as Telegram would; retry briefly while the server is still starting."""
    headers = {"Content-Type": "application/json", **({HEADER: secret} if secret else {})}
    async with aiohttp.ClientSession() as http:
        for _ in range(50):
            try:
                async with http.post(url, data=json.dumps(update), headers=headers) as answer:
                    return answer.status
            except aiohttp.ClientConnectorError:
                await asyncio.sleep(0.1)
    raise AssertionError(f"nothing listens on {url}")


async def test_webhook_rejects_a_wrong_secret_and_handles_the_right_one(
    app: App, api: FakeBotApi
) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}/telegram/hook"
    settings = {
        "telegram_webhook_url": url,
        "telegram_webhook_secret": SECRET,
        "telegram_webhook_listen": f"127.0.0.1:{port}",
    }
    async with running(app, api, settings=settings):
        [hook] = [c.params for c in api.find("setWebhook")]
        assert (hook["url"], hook["secret_token"]) == (url, SECRET)
        assert hook["allowed_updates"] == [
            "message",
            "callback_query",
            "inline_query",
            "poll_answer",
        ]
        assert api.polls == 0

        update = {"update_id": 1, **message("/cancel", ANA)}
        assert await post(url, update, "wrong-secret") == 403
        assert await post(url, update, None) == 403
        assert await post(url, update, SECRET) == 200
        [sent] = await api.wait_for("sendMessage")
    assert sent.params["text"] == "There is nothing to cancel."
    assert api.methods().count("sendMessage") == 1
