"""A movie night on Telegram: commands and buttons through the real Application, scheduled
messages through the outbox and the Telegram notifier, all against the fake Bot API."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from telegram import Bot as TelegramBot

from adapters.notify.telegram import TelegramNotifier
from core.app import App
from core.services.notifications import OutboxService
from scheduler.jobs import Jobs
from scheduler.outbox import OutboxDispatcher
from tests.e2e.telegram.conftest import Bot
from tests.e2e.telegram.fake_api import TOKEN
from tests.e2e.telegram.payloads import BOT_USER
from tests.e2e.telegram.updates import ANA, BOB, CAROL, GROUP, GROUP_ID, message, press
from tests.support.fakes import FakeClock

DAN: dict[str, Any] = {"id": 1004, "is_bot": False, "first_name": "Dan", "language_code": "en"}
NAME = BOT_USER["username"]


class Scheduler:
    """The scheduler's jobs and the dispatcher, delivering through the Telegram notifier."""

    def __init__(self, app: App, bot: Bot, notifier: TelegramNotifier) -> None:
        self.jobs, self.bot = Jobs(app), bot
        self.dispatcher = OutboxDispatcher(
            OutboxService(app.uow, app.clock), {"telegram": notifier}
        )

    async def wake(self) -> list[dict[str, Any]]:
        """Run what is due and deliver it; returns the sendMessage calls it made."""
        mark = len(self.bot.api.calls)
        await self.jobs.sweep()
        await self.dispatcher.drain()
        return [c.params for c in self.bot.api.find("sendMessage", mark)]


@pytest.fixture
async def scheduler(app: App, bot: Bot) -> AsyncIterator[Scheduler]:
    """A notifier Bot (no rate limiter: the dispatcher paces) over the same fake server."""
    async with TelegramBot(TOKEN, base_url=bot.api.base_url) as telegram:
        yield Scheduler(app, bot, TelegramNotifier(telegram))


async def say(bot: Bot, text: str, who: dict[str, Any]) -> str:
    """A command in the group; returns the text the bot answered with."""
    await bot.send(message(f"/{text.replace(' ', f'@{NAME} ', 1)}", who, GROUP, thread=7))
    sent = bot.last("sendMessage")
    assert (sent["chat_id"], sent["message_thread_id"]) == (GROUP_ID, 7)
    return str(sent["text"])


async def tap(bot: Bot, action: str, who: dict[str, Any]) -> str:
    """Press a button; returns the toast."""
    await bot.send(press(action, bot.api.message_with(action), who))
    return str(bot.last("answerCallbackQuery")["text"])


@pytest.mark.usefixtures("ids")
async def test_a_movie_night_on_telegram(bot: Bot, scheduler: Scheduler, clock: FakeClock) -> None:
    bot.api.members[(GROUP_ID, ANA["id"])] = "creator"
    assert "(#1 on the watchlist)" in await say(bot, "suggest Alien", ANA)
    assert "(#2 on the watchlist)" in await say(bot, "suggest Heat", BOB)
    assert "(#3 on the watchlist)" in await say(bot, "suggest Dune 2021", CAROL)
    assert "2026-11-28 20:00 (UTC)" in await say(bot, "night 2026-11-28 20:00", ANA)
    assert "Only club admins can open polls." in await say(bot, "poll ranked 3", BOB)

    poll = await say(bot, "poll ranked 3", ANA)
    assert poll.startswith("<b>📊 Poll: what do we watch next? (ranked choice)</b>\n1. Alien")
    keyboard = bot.last("sendMessage")["reply_markup"]["inline_keyboard"]
    options = [b["callback_data"] for row in keyboard[:-1] for b in row]
    assert [o.rsplit(":", 1)[1] for o in options] == ["1", "2", "3"]
    assert bot.methods()[-1] == "sendMessage"  # ranked choice: buttons, not a native poll

    assert "Your ranking: 1. Alien (1979), 2. Heat (1995)" in await say(bot, "vote 1 2 3", ANA)
    await say(bot, "vote 1 3 2", BOB)
    for option in (options[1], options[0], options[2]):  # Carol ranks with the buttons
        toast = await tap(bot, option, CAROL)
    assert toast == "Your ranking: 1. Heat (1995), 2. Alien (1979), 3. Dune (2021)."
    assert bot.methods() == ["answerCallbackQuery"]  # a toast, no message in the group
    await say(bot, "vote 3 2 1", DAN)

    clock.advance(hours=24)
    [announced] = await scheduler.wake()
    assert (announced["chat_id"], announced["message_thread_id"]) == (GROUP_ID, 7)
    assert announced["text"].startswith(
        "<b>🏆 Alien (1979) wins the poll!</b> (ranked choice, 4 votes)"
    )
    assert "Heat (1995) is out because it had fewer votes in an earlier round" in announced["text"]

    clock.advance(days=3, hours=6)  # two hours before the night: reminders in private chats
    reminders = await scheduler.wake()
    assert sorted(r["chat_id"] for r in reminders) == [ANA["id"], BOB["id"], CAROL["id"], DAN["id"]]
    assert all("Movie night with Movie Night in 2 hours!" in r["text"] for r in reminders)

    clock.advance(hours=5)
    [ask] = await scheduler.wake()
    assert ask["text"] == "<b>How was Alien (1979)? Rate it for the club:</b>"
    rate = ask["reply_markup"]["inline_keyboard"][1][2]["callback_data"]  # the 8
    for who in (ANA, BOB, CAROL, DAN):
        assert (await tap(bot, rate, who)).startswith("Rated Alien (1979) 8/10 for the club.")

    card = await say(bot, "club", BOB)
    assert "Last night: Alien (1979)" in card
    assert "Mean 8.0 · median 8 · 4 ratings" in await say(bot, "clubstats Alien", BOB)


def poll_answer(poll_id: str, who: dict[str, Any], options: list[int]) -> dict[str, Any]:
    """A vote in a native poll, as Telegram sends it (no chat: only the poll id)."""
    ids = [str(i) for i in options]  # the fake server's persistent ids are the indexes
    answer = {"poll_id": poll_id, "user": who, "option_ids": options, "option_persistent_ids": ids}
    return {"poll_answer": answer}


@pytest.mark.usefixtures("ids")
async def test_an_approval_poll_is_a_native_telegram_poll(bot: Bot) -> None:
    bot.api.members[(GROUP_ID, ANA["id"])] = "creator"
    for title, who in (("Alien", ANA), ("Heat", BOB), ("Amélie", CAROL)):
        await say(bot, f"suggest {title}", who)
    await bot.send(message(f"/poll@{NAME} approval", ANA, GROUP, thread=7))
    assert bot.methods()[-2:] == ["sendMessage", "sendPoll"]
    native = bot.last("sendPoll")
    assert [o["text"] for o in native["options"]] == [
        "Alien (1979)",
        "Heat (1995)",
        "Amélie (2001)",
    ]
    assert (native["allows_multiple_answers"], native["is_anonymous"]) == (True, False)
    assert native["message_thread_id"] == 7

    await bot.send(poll_answer("poll-1", BOB, [0, 2]))
    await bot.send(poll_answer("poll-1", CAROL, [1, 2]))
    await bot.send(poll_answer("poll-1", DAN, [1]))
    await bot.send(poll_answer("poll-1", DAN, []))  # Dan takes his vote back
    await bot.send(poll_answer("some-other-poll", DAN, [0]))  # not ours: ignored
    assert bot.methods() == []  # Telegram shows native votes itself

    closed = await say(bot, "closepoll", ANA)
    assert closed.startswith("<b>🏆 Amélie (2001) wins the poll!</b> (approval, 2 votes)")
