"""Delivery of hand-made replies through a real Bot against the fake server: edit paths, polls."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from telegram import Bot

from adapters.telegram.outbound import Target, deliver
from core.views.reply import Button, MediaCard, Poll, PollOption, Reply, plain
from tests.e2e.telegram.fake_api import TOKEN, FakeBotApi
from tests.e2e.telegram.updates import ANA

BUTTONS = ((Button("Next ▶", "sr:pg:2:x"),),)


@pytest.fixture
async def tg(api: FakeBotApi) -> AsyncIterator[Bot]:
    """A plain Bot pointed at the fake server."""
    async with Bot(TOKEN, base_url=api.base_url) as bot:
        yield bot


async def test_a_replacing_reply_without_text_edits_only_the_keyboard(
    tg: Bot, api: FakeBotApi
) -> None:
    sent = await tg.send_message(ANA["id"], "page 1")
    mark = len(api.calls)
    await deliver(
        tg, Target(ANA["id"], message_id=sent.message_id), Reply(buttons=BUTTONS, replace=True)
    )
    assert api.methods(mark) == ["editMessageReplyMarkup"]
    params = api.find("editMessageReplyMarkup", mark)[0].params
    assert params == {
        "chat_id": ANA["id"],
        "message_id": sent.message_id,
        "reply_markup": {"inline_keyboard": [[{"text": "Next ▶", "callback_data": "sr:pg:2:x"}]]},
    }


async def test_a_replacing_reply_that_cannot_be_an_edit_is_sent(tg: Bot, api: FakeBotApi) -> None:
    card = MediaCard(1, "Alien (1979)", poster_url="https://img/alien.jpg")
    mark = len(api.calls)
    await deliver(tg, Target(ANA["id"]), Reply(card=card, replace=True))
    assert api.methods(mark) == ["sendPhoto"]

    photo_id = max(api.messages)
    mark = len(api.calls)
    await deliver(tg, Target(ANA["id"], message_id=photo_id), Reply(card=card, replace=True))
    assert api.methods(mark) == ["sendPhoto"]  # a photo with a caption is never edited as text


async def test_a_poll_is_sent_natively_in_the_topic(tg: Bot, api: FakeBotApi) -> None:
    poll = Poll("Tonight?", (PollOption("Heat", "gp:v:1:1"), PollOption("Alien", "gp:v:1:2")))
    mark = len(api.calls)
    await deliver(tg, Target(-1001234, thread_id=7), Reply(blocks=((plain("Vote!"),),), poll=poll))
    assert api.methods(mark) == ["sendMessage", "sendPoll"]
    assert api.find("sendPoll", mark)[0].params == {
        "chat_id": -1001234,
        "message_thread_id": 7,
        "question": "Tonight?",
        "options": [{"text": "Heat"}, {"text": "Alien"}],
        "allows_multiple_answers": False,
        "is_anonymous": False,
    }
