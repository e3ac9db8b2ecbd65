"""Outgoing traffic: pacing by the rate limiter, 429 retry_after, blocked users, apologies."""

from __future__ import annotations

import logging
import time
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import async_sessionmaker

from adapters.db import orm
from adapters.telegram.ratelimit import RateLimits, WatchbotRateLimiter
from core.app import App
from tests.e2e.telegram.conftest import Bot, running
from tests.e2e.telegram.fake_api import FakeBotApi
from tests.e2e.telegram.payloads import Failure
from tests.e2e.telegram.updates import ANA, BOB, GROUP, GROUP_ID, message

APOLOGY = "Sorry, something went wrong on my side. Please try again."


async def test_a_burst_to_one_group_is_paced(app: App, api: FakeBotApi) -> None:
    # A leaky bucket of 15 a second: 15 go at once, the other 45 drain at 15/s (about 3 s), and
    # no 1-second window can hold more than 15 + 15 (unpaced, this bot sends about 50 a second).
    limits = RateLimits(
        overall_max_rate=0, private_max_rate=0, group_max_rate=15, group_time_period=1
    )
    async with running(app, api, rate_limits=limits):
        for _ in range(60):
            await api.push(message("/cancel", BOB, GROUP))
        sent = await api.wait_for("sendMessage", count=60, seconds=15)
    assert len(sent) == 60
    assert {c.params["chat_id"] for c in sent} == {GROUP_ID}
    assert all(c.params["text"] == "There is nothing to cancel." for c in sent)
    assert sent[-1].at - sent[0].at >= 2.7
    busiest = max(sum(1 for c in sent if first.at <= c.at < first.at + 1) for first in sent)
    assert busiest <= 32  # 30, and a little for HTTP jitter between limiter and server


@pytest.mark.filterwarnings(
    # PTB 22 reads its own deprecated RetryAfter.retry_after while building the exception
    r"ignore:.*attribute `retry_after` will be of type:telegram.warnings.PTBDeprecationWarning"
)
async def test_a_429_is_retried_after_retry_after(bot: Bot) -> None:
    bot.api.fail_next("sendMessage", Failure(429, "Too Many Requests: retry after 1", 1))
    await bot.send(message("/cancel", ANA))
    assert bot.methods() == ["sendMessage", "sendMessage"]
    refused, delivered = bot.api.find("sendMessage", bot.mark)
    assert (refused.status, delivered.status) == (429, 200)
    assert delivered.params == refused.params
    assert delivered.at - refused.at >= 1.0


async def test_a_user_who_blocked_the_bot_is_marked_inactive(
    bot: Bot, sessions: async_sessionmaker[Any]
) -> None:
    bot.api.fail_next("sendMessage", Failure(403, "Forbidden: bot was blocked by the user"))
    await bot.send(message("/start", ANA))
    assert bot.methods() == ["sendMessage"]  # not retried
    async with sessions() as session:
        active = await session.scalar(
            select(orm.Identity.active).where(orm.Identity.external_id == str(ANA["id"]))
        )
    assert active is False


async def test_an_unexpected_failure_is_logged_and_apologised_for(
    bot: Bot, caplog: pytest.LogCaptureFixture
) -> None:
    bot.api.fail_next("sendMessage", Failure(400, "Bad Request: can't parse entities"))
    with caplog.at_level(logging.ERROR, logger="adapters.telegram"):
        await bot.send(message("/start", ANA))
    assert bot.methods() == ["sendMessage", "sendMessage"]
    assert bot.last("sendMessage") == {"chat_id": ANA["id"], "text": APOLOGY}
    [record] = [r for r in caplog.records if r.name.startswith("adapters.telegram")]
    assert record.levelno == logging.ERROR and record.exc_info is not None


async def test_private_chats_get_one_message_per_period_and_reads_pass() -> None:
    limiter = WatchbotRateLimiter(
        RateLimits(
            overall_max_rate=0, private_max_rate=1, private_time_period=0.2, group_max_rate=0
        )
    )
    times: list[float] = []

    async def call() -> bool:
        times.append(time.monotonic())
        return True

    async def request(endpoint: str, chat_id: int) -> None:
        await limiter.process_request(call, (), {}, endpoint, {"chat_id": chat_id}, None)

    for chat_id in (ANA["id"], ANA["id"], ANA["id"]):
        await request("sendMessage", chat_id)
    assert times[2] - times[0] >= 0.35
    start = time.monotonic()
    await request("sendMessage", BOB["id"])  # another person is not held back
    await request("sendMessage", GROUP_ID)
    await request("getChatMember", ANA["id"])
    assert time.monotonic() - start < 0.15
