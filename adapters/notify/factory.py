"""Build the notifiers the settings allow: Telegram and Discord with their tokens, the console
always (messages for console chats are printed). Given the App, the Telegram notifier stores the
native polls it sends in the database, so their votes are counted."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING

from telegram import Bot

from adapters.notify.console import ConsoleNotifier
from adapters.notify.discord import DiscordNotifier
from adapters.notify.telegram import TelegramNotifier
from adapters.telegram.native_polls import NativePolls
from bot.settings import Settings
from core.ports_notify import Notifier

if TYPE_CHECKING:
    from core.app import App


@contextlib.asynccontextmanager
async def notifiers_for(
    settings: Settings, app: App | None = None
) -> AsyncIterator[dict[str, Notifier]]:
    """Notifiers by platform name, open for the duration of the block (``app``: where the
    Telegram notifier remembers its native polls; without it their votes are not counted)."""
    notifiers: dict[str, Notifier] = {"console": ConsoleNotifier()}
    async with contextlib.AsyncExitStack() as stack:
        if settings.telegram_token:
            bot = Bot(
                settings.telegram_token,
                base_url=settings.telegram_api_base_url,
                base_file_url=settings.telegram_api_file_url,
            )
            await stack.enter_async_context(bot)
            polls = NativePolls(app) if app is not None else None
            notifiers["telegram"] = TelegramNotifier(bot, polls)
        if settings.discord_token:
            discord = DiscordNotifier(
                settings.discord_token, settings.discord_api_base_url, settings.discord_gateway_url
            )
            await discord.start()
            stack.push_async_callback(discord.close)
            notifiers["discord"] = discord
        yield notifiers
