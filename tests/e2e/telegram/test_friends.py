"""Following people through the real python-telegram-bot Application and the fake Bot API."""

from __future__ import annotations

import re

from tests.e2e.telegram.conftest import Bot
from tests.e2e.telegram.updates import ANA, BOB, message


async def test_follow_by_the_friend_code_shown_in_friends(bot: Bot) -> None:
    await bot.send(message("/friends", ANA))
    shown = bot.last("sendMessage")
    assert shown["parse_mode"] == "HTML"
    found = re.search(r"Your friend code: <code>(\w+)</code>", shown["text"])
    assert found is not None
    await bot.send(message(f"/follow {found.group(1)}", BOB))
    assert bot.last("sendMessage")["text"].startswith("👥 You now follow Ana.")
    await bot.send(message("/friends", BOB))
    followed = bot.last("sendMessage")
    assert "• <b>Ana</b><i> (activity private)</i>" in followed["text"]
    buttons = [b["text"] for row in followed["reply_markup"]["inline_keyboard"] for b in row]
    assert buttons == ["Unfollow Ana"]
    await bot.send(message("/follow <b>nobody</b>", BOB))
    assert "“&lt;b&gt;nobody&lt;/b&gt;” is not a friend code" in bot.last("sendMessage")["text"]


async def test_follow_by_telegram_username(bot: Bot) -> None:
    ana = {**ANA, "username": "Ana_Films"}
    await bot.send(message("/start", ana))  # Ana has talked to the bot once
    await bot.send(message("/follow @ana_films", BOB))
    assert bot.last("sendMessage")["text"].startswith("👥 You now follow Ana.")
