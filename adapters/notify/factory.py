"""Build the notifiers the settings allow: Telegram and Discord with their tokens, the console
always (messages for console chats are printed)."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

from telegram import Bot

from adapters.notify.console import ConsoleNotifier
from adapters.notify.discord import DiscordNotifier
from adapters.notify.telegram import TelegramNotifier
from bot.settings import Settings
from core.ports_notify import Notifier


@contextlib.asynccontextmanager
async def notifiers_for(settings: Settings) -> AsyncIterator[dict[str, Notifier]]:
    """Notifiers by platform name, open for the duration of the block."""
    notifiers: dict[str, Notifier] = {"console": ConsoleNotifier()}
    async with contextlib.AsyncExitStack() as stack:
        if settings.telegram_token:
            bot = Bot(
                settings.telegram_token,
                base_url=settings.telegram_api_base_url,
                base_file_url=settings.telegram_api_file_url,
            )
            await stack.enter_async_context(bot)
            notifiers["telegram"] = TelegramNotifier(bot)
        if settings.discord_token:
            discord = DiscordNotifier(
                settings.discord_token, settings.discord_api_base_url, settings.discord_gateway_url
            )
            await discord.start()
            stack.push_async_callback(discord.close)
            notifiers["discord"] = discord
        yield notifiers
