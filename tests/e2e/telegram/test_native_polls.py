"""Native polls are remembered in the database: votes count after a restart, in polls the
outbox sent, and answers to polls that are not ours are ignored quietly."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import async_sessionmaker
from telegram import Message

from adapters.db.uow import SqlUnitOfWork
from adapters.notify.factory import notifiers_for
from adapters.telegram.native_polls import NativePolls
from bot.bootstrap import build_app
from bot.settings import Settings
from core.app import App
from core.domain.delivery import Destination, Notice
from core.services.notifications import OutboxService, enqueue
from core.views.reply import ChatRef, Invocation, Platform, UserRef
from scheduler.outbox import OutboxDispatcher
from tests.e2e.telegram.conftest import Bot, make_settings, running
from tests.e2e.telegram.fake_api import FakeBotApi
from tests.e2e.telegram.payloads import chat_of, poll
from tests.e2e.telegram.test_movie_night import DAN, NAME, poll_answer, say, tap
from tests.e2e.telegram.updates import ANA, BOB, CAROL, GROUP, GROUP_ID, message
from tests.support.fakes import FakeClock

CLUB = ChatRef(Platform.TELEGRAM, str(GROUP_ID), is_group=True, title="Movie Night", thread_id="7")


class NumberedPolls(FakeBotApi):
    """The fake Bot API, giving every poll it is sent its own id: poll-1, poll-2, ..."""

    sent_polls = 0

    def _result(self, method: str, params: dict[str, Any]) -> Any:
        result = super()._result(method, params)
        if method == "sendPoll":
            self.sent_polls += 1
            result["poll"]["id"] = f"poll-{self.sent_polls}"  # also the recorded message
        return result


@pytest.fixture
async def api() -> AsyncIterator[FakeBotApi]:
    """The fake Bot API (numbering polls), serving on 127.0.0.1."""
    server = NumberedPolls()
    await server.start()
    yield server
    await server.stop()


async def open_approval_poll(bot: Bot) -> str:
    """Three suggestions and an approval poll opened by Ana; returns the native poll's id."""
    bot.api.members[(GROUP_ID, ANA["id"])] = "creator"
    for title, who in (("Alien", ANA), ("Heat", BOB), ("Amélie", CAROL)):
        await say(bot, f"suggest {title}", who)
    await bot.send(message(f"/poll@{NAME} approval", ANA, GROUP, thread=7))
    assert bot.methods()[-2:] == ["sendMessage", "sendPoll"]
    return poll_id(bot)


def poll_id(bot: Bot) -> str:
    """The id of the latest poll the fake server was sent."""
    assert isinstance(bot.api, NumberedPolls)
    return f"poll-{bot.api.sent_polls}"


async def restarted(bot: Bot, before: int) -> None:
    """Wait until a freshly started bot polls (its start-up calls are then behind us)."""
    await bot.api.wait_until(lambda: bot.api.polls > before)
    await bot.settle()


@pytest.mark.usefixtures("ids")
async def test_votes_in_a_native_poll_count_after_a_restart(
    app: App, api: FakeBotApi, sessions: async_sessionmaker[Any], clock: FakeClock
) -> None:
    bot = Bot(api)  # one helper for both runs: its barrier markers must stay unique
    async with running(app, api):
        native = await open_approval_poll(bot)
        await bot.send(poll_answer(native, BOB, [0, 2]))  # before the restart
    assert bot.methods() == []

    # a new process: a new App and Application over the same database, nothing in memory
    again = build_app(lambda: SqlUnitOfWork(sessions), Settings(_env_file=None), clock)  # type: ignore[call-arg]
    before = api.polls
    async with running(again, api):
        await restarted(bot, before)
        await bot.send(poll_answer(native, CAROL, [1, 2]))
        await bot.send(poll_answer(native, DAN, [2]))
        assert bot.methods() == []  # Telegram shows native votes itself
        closed = await say(bot, "closepoll", ANA)
    assert closed.startswith("<b>🏆 Amélie (2001) wins the poll!</b> (approval, 3 votes)")


@pytest.mark.usefixtures("ids")
async def test_a_poll_sent_through_the_outbox_is_answerable(app: App, bot: Bot) -> None:
    await open_approval_poll(bot)
    # the open poll again, as a scheduled message: written to the outbox, sent by the
    # dispatcher through the notifier the scheduler builds (not through the bot's handlers)
    reply = await app.dispatch(
        Invocation(UserRef(Platform.TELEGRAM, str(ANA["id"])), CLUB, action="cl:pl")
    )
    assert reply.poll is not None
    async with app.uow() as uow:
        await enqueue(
            uow, [Notice("poll-again", Destination.of_chat(CLUB), reply)], app.clock.now()
        )
        await uow.commit()
    async with notifiers_for(make_settings(bot.api), app) as notifiers:
        dispatcher = OutboxDispatcher(OutboxService(app.uow, app.clock), notifiers)
        assert (await dispatcher.drain()).sent == 1
    scheduled = poll_id(bot)
    assert scheduled == "poll-2"
    assert bot.api.find("sendPoll")[-1].params["message_thread_id"] == 7

    for who in (BOB, CAROL):  # the running bot never saw poll-2: it reads the database
        await bot.send(poll_answer(scheduled, who, [0]))
    assert bot.methods() == []
    closed = await say(bot, "closepoll", ANA)
    assert closed.startswith("<b>🏆 Alien (1979) wins the poll!</b> (approval, 2 votes)")


@pytest.mark.usefixtures("ids")
async def test_an_answer_to_an_unknown_poll_is_ignored_quietly(
    bot: Bot, caplog: pytest.LogCaptureFixture
) -> None:
    await open_approval_poll(bot)
    with caplog.at_level(logging.INFO, logger="adapters"):
        await bot.send(poll_answer("not-ours", BOB, [0]))
    assert bot.methods() == []
    assert [r for r in caplog.records if r.levelno >= logging.INFO] == []
    [[mine, _]] = bot.api.find("sendPoll")[-1].params["reply_markup"]["inline_keyboard"]
    assert mine["text"] == "My vote"
    assert await tap(bot, mine["callback_data"], BOB) == "You have not voted in this poll."


async def test_polls_older_than_60_days_are_forgotten_when_a_new_one_is_remembered(
    app: App, clock: FakeClock
) -> None:
    def sent(poll_id: str) -> Message:
        data = {
            "message_id": 1,
            "date": int(clock.now().timestamp()),
            "chat": chat_of(GROUP_ID),
            "poll": {**poll({"options": ["A", "B"], "is_anonymous": False}), "id": poll_id},
        }
        return Message.de_json(data, None)

    await NativePolls(app).remember(sent("old"), "cp:ans:1")
    clock.advance(days=61)
    await NativePolls(app).remember(sent("new"), "cp:ans:2")
    async with app.uow() as uow:
        assert await uow.platform_polls.find("telegram", "old") is None
        found = await uow.platform_polls.find("telegram", "new")
    assert found is not None
    assert (found.chat.chat_id, found.chat.is_group, found.chat.title) == (
        str(GROUP_ID),
        True,
        "Movie Night",
    )
