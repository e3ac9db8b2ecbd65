"""Buttons, multi-step input and rendering of user text, end to end over the fake Bot API."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from core.app import App
from core.domain.media import MediaKind, NewMedia
from core.views.reply import Platform, UserRef
from tests.e2e.telegram.conftest import Bot
from tests.e2e.telegram.updates import ANA, BOB, message, press

REVIEW = '<script>alert("x")</script> is *bold* & better than the sequel'
POSTER = "https://image.tmdb.org/t/p/w500/blade.jpg"


def actions(sent: dict[str, Any]) -> list[list[str]]:
    """The callback_data of a sent keyboard, row by row."""
    return [[b["callback_data"] for b in row] for row in sent["reply_markup"]["inline_keyboard"]]


async def tap(bot: Bot, action: str, user: dict[str, Any] = ANA) -> None:
    """Press the button for ``action`` on the latest message that shows it."""
    await bot.send(press(action, bot.api.message_with(action), user))


async def profile_id(app: App, user: dict[str, Any]) -> int:
    """The core profile behind a Telegram user."""
    account = await app.accounts.ensure(UserRef(Platform.TELEGRAM, str(user["id"])))
    return account.profile.id


async def test_search_then_to_watch_then_lists(bot: Bot, ids: dict[str, int]) -> None:
    alien = ids["Alien (1979)"]
    await bot.send(message("/search alien"))
    assert bot.methods() == ["sendMessage"]
    row = [f"md:show:{alien}", f"wl:add:{alien}", f"wt:add:{alien}", f"rt:ask:{alien}"]
    assert row in actions(bot.last("sendMessage"))

    await tap(bot, f"wl:add:{alien}")
    assert bot.methods() == ["answerCallbackQuery", "sendMessage"]
    assert bot.last("answerCallbackQuery")["text"] == "Added Alien (1979) to To Watch."
    assert bot.last("sendMessage")["text"] == "✅ Added Alien (1979) to To Watch."

    await bot.send(message("/lists"))
    assert "• <b>To Watch</b> — 1 title" in bot.last("sendMessage")["text"].split("\n")


async def test_search_pages_by_editing_the_same_message(bot: Bot, app: App) -> None:
    for number in range(1, 8):
        await app.catalog.upsert(NewMedia(MediaKind.MOVIE, f"Star Trek {number}", 1978 + number))
    await bot.send(message("/search star trek"))
    first = bot.last("sendMessage")
    assert first["text"].count("<b>Star Trek") == 5
    assert actions(first)[-1] == ["sr:pg:2:star trek"]

    page_one = bot.api.message_with("sr:pg:2:star trek")["message_id"]
    await tap(bot, "sr:pg:2:star trek")
    assert bot.methods() == ["answerCallbackQuery", "editMessageText"]
    edited = bot.last("editMessageText")
    assert (edited["chat_id"], edited["message_id"]) == (ANA["id"], page_one)
    assert "6. <b>Star Trek" in edited["text"] and "7. <b>Star Trek" in edited["text"]
    assert actions(edited)[-1] == ["sr:pg:1:star trek"]


async def test_rate_with_buttons_edits_the_picker(bot: Bot, app: App, ids: dict[str, int]) -> None:
    alien = ids["Alien (1979)"]
    await bot.send(message("/title Alien (1979)"))
    card = bot.last("sendMessage")
    assert card["text"].startswith("<b>Alien (1979)</b>\n<i>Movie · Horror, Science Fiction")

    await tap(bot, f"rt:ask:{alien}")
    picker = bot.last("sendMessage")
    assert picker["text"] == "<b>Your rating for Alien (1979)?</b>"
    assert actions(picker)[1] == [f"rt:set:{alien}:{v}" for v in range(6, 11)]

    picker_id = bot.api.message_with(f"rt:set:{alien}:8")["message_id"]
    await tap(bot, f"rt:set:{alien}:8")
    assert bot.methods() == ["answerCallbackQuery", "editMessageText"]
    edited = bot.last("editMessageText")
    assert (edited["message_id"], edited["text"]) == (picker_id, "✅ Rated Alien (1979) 8/10.")
    assert bot.last("answerCallbackQuery")["text"] == "Rated Alien (1979) 8/10."
    assert await app.ratings.rating(await profile_id(app, ANA), alien) == 8


async def test_review_text_is_escaped_and_spoiler_hidden(bot: Bot, ids: dict[str, int]) -> None:
    alien = ids["Alien (1979)"]
    await bot.send(message("/review Alien (1979)"))
    assert bot.last("sendMessage")["text"].startswith("✍️ Send your review of Alien (1979)")
    assert actions(bot.last("sendMessage")) == [["pi:cancel"]]

    await bot.send(message(REVIEW))
    assert bot.last("sendMessage")["text"] == (
        "✅ Saved your review of Alien (1979).\n"
        '&lt;script&gt;alert("x")&lt;/script&gt; is *bold* &amp; better than the sequel'
    )

    await tap(bot, f"rv:spl:{alien}")
    assert bot.methods() == ["answerCallbackQuery", "editMessageText"]
    assert bot.last("editMessageText")["text"] == (
        "<b>Your review of Alien (1979)</b>\n"
        '<tg-spoiler>&lt;script&gt;alert("x")&lt;/script&gt; is *bold* &amp; better than the '
        "sequel</tg-spoiler>"
    )
    assert actions(bot.last("editMessageText")) == [[f"rv:spl:{alien}", f"rv:del:{alien}"]]


async def test_cancel_button_and_command_end_the_pending_input(
    bot: Bot, ids: dict[str, int]
) -> None:
    await bot.send(message("/review Heat"))
    await tap(bot, "pi:cancel")
    assert bot.methods() == ["answerCallbackQuery", "editMessageText"]
    assert bot.last("editMessageText")["text"] == "Cancelled."
    assert "reply_markup" not in bot.last("editMessageText")

    await bot.send(message("A plain message with nothing pending."))
    assert bot.last("sendMessage")["text"] == "Send a command such as /search Alien, or /help."

    await bot.send(message("/review Heat"))
    await bot.send(message("/cancel"))
    assert bot.last("sendMessage")["text"] == "Cancelled."


async def test_a_second_flow_replaces_the_first(bot: Bot, ids: dict[str, int]) -> None:
    await bot.send(message("/review Heat"))
    await bot.send(message("/review Alien (1979)"))
    await bot.send(message("Perfect haunted house in space."))
    assert bot.last("sendMessage")["text"].startswith("✅ Saved your review of Alien (1979).")


async def test_stale_and_foreign_buttons_get_a_toast_only(
    bot: Bot, ids: dict[str, int], caplog: pytest.LogCaptureFixture
) -> None:
    await bot.send(message("/lists"))
    own_list = actions(bot.last("sendMessage"))[0][0]
    sent = bot.api.message_with(own_list)

    await bot.send(press("zz:gone:42", sent))
    assert bot.methods() == ["answerCallbackQuery"]
    expired = "That button has expired. Please run the command again."
    assert bot.last("answerCallbackQuery")["text"] == expired

    await bot.send(press(own_list, sent, BOB))  # Bob presses Ana's list
    assert bot.methods() == ["answerCallbackQuery"]
    assert bot.last("answerCallbackQuery")["text"] == "That list no longer exists."
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]


async def test_a_card_with_a_poster_is_a_photo_with_a_follow_up(bot: Bot, app: App) -> None:
    overview = " ".join(["A blade runner must pursue and terminate four replicants."] * 25)
    await app.catalog.upsert(
        NewMedia(MediaKind.MOVIE, "Blade Runner", 1982, poster_path="/blade.jpg", overview=overview)
    )
    await bot.send(message("/title Blade Runner"))
    assert bot.methods() == ["sendPhoto", "sendMessage"]
    photo, rest = bot.last("sendPhoto"), bot.last("sendMessage")
    assert photo["photo"] == POSTER
    assert photo["caption"].startswith("<b>Blade Runner (1982)</b>\n<i>Movie</i>")
    assert "reply_markup" not in photo
    assert rest["text"] == overview
    assert len(photo["caption"]) <= 1024
    assert actions(rest)[0][0].startswith("wl:add:")
