"""Build the python-telegram-bot Application, register handlers from the registry, run it."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from telegram import Bot, BotCommand, Message, Update
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    ExtBot,
    InlineQueryHandler,
    JobQueue,
    MessageHandler,
    PollAnswerHandler,
    filters,
)

from adapters.telegram.handlers import Handlers
from adapters.telegram.inbound import AdminCache
from adapters.telegram.ratelimit import RateLimits, WatchbotRateLimiter
from adapters.telegram.webhook import webhook_config
from bot.settings import Settings
from core.app import App

log = logging.getLogger(__name__)
TelegramApplication = Application[
    ExtBot[int],  # int: the rate limiter's per-call max_retries
    ContextTypes.DEFAULT_TYPE,
    dict[Any, Any],
    dict[Any, Any],
    dict[Any, Any],
    JobQueue[ContextTypes.DEFAULT_TYPE],
]
ALLOWED_UPDATES = [Update.MESSAGE, Update.CALLBACK_QUERY, Update.INLINE_QUERY, Update.POLL_ANSWER]


@dataclass(frozen=True, slots=True)
class Options:
    """The ``**overrides`` of ``build_application`` and ``run_telegram`` (tests shorten them)."""

    rate_limits: RateLimits = field(default_factory=RateLimits)
    concurrent_updates: int = 8  # tests sharing one DB connection use 1
    poll_timeout: float = 10.0  # long-polling seconds
    inline_cache_time: int = 30  # seconds Telegram may cache the answer to an inline query
    inline_page_size: int = 10
    admin_cache_ttl: float = 60.0  # seconds a getChatMember answer is trusted
    drop_pending_updates: bool = False


class RepliesToBot(filters.MessageFilter):
    """Messages replying to one of the bot's own (privacy mode lets those through in groups)."""

    def filter(self, message: Message) -> bool:
        """True when ``message`` answers the bot."""
        replied = message.reply_to_message
        author = replied.from_user if replied is not None else None
        return author is not None and author.id == message.get_bot().id


def build_application(app: App, settings: Settings, **overrides: Any) -> TelegramApplication:
    """The Application for ``settings`` with every handler registered (nothing started yet)."""
    if not settings.telegram_token:
        raise ValueError("WATCHBOT_TELEGRAM_TOKEN is not set")
    options = Options(**overrides)
    application = (
        ApplicationBuilder()
        .token(settings.telegram_token)
        .base_url(settings.telegram_api_base_url)
        .base_file_url(settings.telegram_api_file_url)
        .rate_limiter(WatchbotRateLimiter(options.rate_limits))
        .concurrent_updates(options.concurrent_updates)
        .build()
    )
    install(application, app, options)
    return application


def install(application: TelegramApplication, app: App, options: Options) -> None:
    """One CommandHandler per registry command, then buttons, text, inline queries, errors."""
    handlers = Handlers(
        app,
        AdminCache(options.admin_cache_ttl),
        options.inline_cache_time,
        options.inline_page_size,
    )
    new_text = filters.UpdateType.MESSAGE & filters.TEXT  # edits never re-run a command
    for spec in app.registry:
        application.add_handler(CommandHandler(spec.name, handlers.on_message, filters=new_text))
    unknown_command = new_text & filters.COMMAND & filters.ChatType.PRIVATE
    application.add_handler(MessageHandler(unknown_command, handlers.on_message))
    for_us = new_text & ~filters.COMMAND & (filters.ChatType.PRIVATE | RepliesToBot())
    application.add_handler(MessageHandler(for_us, handlers.on_message))
    application.add_handler(CallbackQueryHandler(handlers.on_button))
    application.add_handler(InlineQueryHandler(handlers.on_inline))
    application.add_handler(PollAnswerHandler(handlers.on_poll_answer))  # native approval polls
    application.add_error_handler(handlers.on_error)


def command_menu(app: App, locale: str) -> list[BotCommand]:
    """The registry as Telegram's command menu, descriptions translated into ``locale``."""
    return [
        BotCommand(spec.name, app.translator.gettext(locale, spec.description))
        for spec in app.registry
    ]


async def sync_commands(bot: Bot, app: App) -> None:
    """setMyCommands: the default menu, then one per available language (ISO 639-1 codes)."""
    await bot.set_my_commands(command_menu(app, app.default_locale))
    languages: dict[str, str] = {}
    for locale in app.translator.available():
        languages.setdefault(locale.split("_", 1)[0].lower(), locale)
    for language, locale in languages.items():
        if len(language) == 2:
            await bot.set_my_commands(command_menu(app, locale), language_code=language)


async def run_telegram(
    app: App, settings: Settings, stop: asyncio.Event | None = None, **overrides: Any
) -> None:
    """Poll (or serve the webhook when WATCHBOT_TELEGRAM_WEBHOOK_URL is set) until ``stop``."""
    options = Options(**overrides)
    application = build_application(app, settings, **overrides)
    stop = stop or asyncio.Event()
    async with application:  # initialize (getMe) ... shutdown
        await sync_commands(application.bot, app)
        await application.start()
        try:
            await _receive_updates(application, settings, options)
            await stop.wait()
        finally:
            if application.updater is not None and application.updater.running:
                await application.updater.stop()
            await application.stop()


async def _receive_updates(
    application: TelegramApplication, settings: Settings, options: Options
) -> None:
    updater = application.updater
    assert updater is not None
    if settings.telegram_webhook_url:
        hook = webhook_config(settings)
        await updater.start_webhook(
            listen=hook.host,
            port=hook.port,
            url_path=hook.path,
            webhook_url=hook.url,
            secret_token=hook.secret,
            allowed_updates=ALLOWED_UPDATES,
            drop_pending_updates=options.drop_pending_updates,
        )
        log.info("Telegram webhook listening on %s:%s/%s", hook.host, hook.port, hook.path)
    else:
        await updater.start_polling(
            timeout=timedelta(seconds=options.poll_timeout),
            allowed_updates=ALLOWED_UPDATES,
            drop_pending_updates=options.drop_pending_updates,
        )
        log.info("Telegram polling started")
