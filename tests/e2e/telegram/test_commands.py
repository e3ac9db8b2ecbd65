"""Commands end to end: the real Application, polling a fake Bot API, over the real core."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import async_sessionmaker

from adapters.db import orm
from core.app import App
from tests.e2e.telegram.conftest import Bot
from tests.e2e.telegram.payloads import BOT_USER
from tests.e2e.telegram.updates import ANA, BOB, CAROL, GROUP, GROUP_ID, message

BOT_NAME = BOT_USER["username"]


async def test_start_greets_with_the_main_menu(bot: Bot) -> None:
    await bot.send(message("/start", ANA))
    assert bot.methods() == ["sendMessage"]
    sent = bot.last("sendMessage")
    assert sent["chat_id"] == ANA["id"]
    assert sent["parse_mode"] == "HTML"
    assert sent["text"] == (
        "<b>Welcome to Watchbot, Ana!</b>\n"
        "Track what you watch, keep lists, rate, review and follow TV shows.\n"
        "Try: <code>/search alien</code> · <code>/add Dune</code> · <code>/help</code>"
    )
    labels = [[b["text"] for b in row] for row in sent["reply_markup"]["inline_keyboard"]]
    assert labels == [
        ["🔎 Search", "📋 My lists", "📚 Library"],
        ["📺 Next episodes", "⚙️ Settings", "❓ Help"],
    ]


async def test_command_menu_is_the_registry_per_language(bot: Bot, app: App) -> None:
    menu = [
        {"command": spec.name, "description": app.translator.gettext("en", spec.description)}
        for spec in app.registry
    ]
    assert "groupsettings" in [m["command"] for m in menu]
    calls = [c.params for c in bot.api.find("setMyCommands")]
    assert calls == [{"commands": menu}, {"commands": menu, "language_code": "en"}]
    assert bot.api.methods()[:4] == ["getMe", "setMyCommands", "setMyCommands", "deleteWebhook"]


async def test_unknown_command_in_private_is_explained(bot: Bot) -> None:
    await bot.send(message("/frobnicate now"))
    assert bot.last("sendMessage")["text"] == "I don't know the command /frobnicate. Try /help."


async def test_group_commands_need_our_name_and_answer_in_the_topic(bot: Bot) -> None:
    await bot.send(message(f"/start@{BOT_NAME}", BOB, GROUP, thread=7))
    assert bot.methods() == ["getChatMember", "sendMessage"]
    sent = bot.last("sendMessage")
    assert (sent["chat_id"], sent["message_thread_id"]) == (GROUP_ID, 7)
    assert sent["text"].startswith("<b>Welcome to Watchbot, Bob!</b>")

    await bot.send(message("/start@some_other_bot", BOB, GROUP, thread=7))
    await bot.send(message("Anyone up for a movie tonight?", BOB, GROUP, thread=7))
    assert bot.methods() == []


async def test_group_replies_to_the_bot_reach_the_pending_flow(
    bot: Bot, ids: dict[str, int]
) -> None:
    await bot.send(message(f"/review@{BOT_NAME} Heat", BOB, GROUP))
    prompt = bot.api.message_with("pi:cancel")
    await bot.send(message("Not for the bot, but for the group.", BOB, GROUP))
    assert bot.methods() == []
    await bot.send(message("The diner scene alone is worth it.", BOB, GROUP, reply_to=prompt))
    assert bot.last("sendMessage")["text"].startswith("✅ Saved your review of Heat (1995).")


async def test_group_settings_need_a_group_admin(bot: Bot) -> None:
    command = f"/groupsettings@{BOT_NAME} timezone Asia/Tokyo"
    await bot.send(message(command, BOB, GROUP))
    assert bot.methods() == ["getChatMember", "sendMessage"]
    assert bot.last("getChatMember") == {"chat_id": GROUP_ID, "user_id": BOB["id"]}
    assert bot.last("sendMessage")["text"] == "⚠️ Only admins can change the group settings."

    bot.api.members[(GROUP_ID, CAROL["id"])] = "administrator"
    await bot.send(message(command, CAROL, GROUP))
    assert bot.methods() == ["getChatMember", "sendMessage"]
    assert "Time zone: Asia/Tokyo" in bot.last("sendMessage")["text"].split("\n")


async def test_the_telegram_language_code_reaches_the_core(
    bot: Bot, sessions: async_sessionmaker[Any]
) -> None:
    await bot.send(message("/start", {**ANA, "language_code": "pt-br"}))
    async with sessions() as session:
        language = await session.scalar(
            select(orm.Identity.language_code).where(orm.Identity.external_id == str(ANA["id"]))
        )
    assert language == "pt-br"
