"""The PTB callbacks, each thin: translate the update, dispatch to the core, render the reply."""

from __future__ import annotations

import logging

from telegram import Bot, Update
from telegram.error import Forbidden, TelegramError
from telegram.ext import ContextTypes

from adapters.telegram import inline
from adapters.telegram.inbound import AdminCache, from_button, from_message, thread_id
from adapters.telegram.native_polls import NativePolls
from adapters.telegram.outbound import Target, deliver
from adapters.telegram.render import toast
from core.app import App
from core.i18n import N_, resolve_locale
from core.views.reply import Invocation, Reply

log = logging.getLogger(__name__)
APOLOGY = N_("Sorry, something went wrong on my side. Please try again.")
GONE = ("blocked", "deactivated")  # Forbidden reasons that mean the person is unreachable


class Handlers:
    """Callbacks sharing the App, the admin cache and the inline-mode settings."""

    def __init__(self, app: App, admins: AdminCache, cache_time: int, page_size: int) -> None:
        self.app, self.admins = app, admins
        self.cache_time, self.page_size = cache_time, page_size
        self.polls = NativePolls(app)  # in the database: votes count after a restart

    async def on_poll_answer(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A vote in one of our native polls: dispatch it (Telegram shows the poll itself)."""
        answer = update.poll_answer
        invocation = await self.polls.invocation(answer) if answer is not None else None
        if invocation is not None:
            await self.app.dispatch(invocation)

    async def on_message(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A command, or plain text for the core's pending flow."""
        message = update.effective_message
        assert message is not None
        invocation = await from_message(message, self.admins)
        reply = await self.app.dispatch(invocation)
        await self.show(context.bot, invocation, Target.of_message(message), reply)

    async def on_button(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A button press: run the action, answer the query (the toast), then show the reply."""
        query = update.callback_query
        assert query is not None
        invocation = await from_button(query, self.admins)
        reply = await self.app.dispatch(invocation)
        await query.answer(toast(reply.toast))
        if reply.toast and (reply.ephemeral or query.message is None):
            return  # the toast says it all: a stale button, or one on an inline-mode message
        await self.show(context.bot, invocation, Target.of_button(query), reply)

    async def on_inline(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """``@bot <query>``: a page of titles, cached by Telegram for ``cache_time`` seconds."""
        query = update.inline_query
        assert query is not None
        language = query.from_user.language_code
        page = await inline.search(self.app, query.query, query.offset, language, self.page_size)
        await query.answer(page.results, cache_time=self.cache_time, next_offset=page.next_offset)

    async def on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Log what failed and apologise to the person, never showing a traceback."""
        if not isinstance(update, Update):
            log.error("error outside an update", exc_info=context.error)
            return
        chat = update.effective_chat
        log.error(
            "error while handling update %s in chat %s",
            update.update_id,
            chat.id if chat else "-",
            exc_info=context.error,
        )
        await self.apologize(context.bot, update)

    async def show(self, bot: Bot, invocation: Invocation, target: Target, reply: Reply) -> None:
        """Deliver ``reply``; a person who blocked the bot is marked inactive, not retried."""
        try:
            for sent in await deliver(bot, target, reply):
                if reply.poll is not None:
                    await self.polls.remember(sent, reply.poll.poll_id, invocation.chat)
        except Forbidden as error:
            log.info("chat %s refused our message: %s", target.chat_id, error.message)
            if not invocation.chat.is_group and any(w in error.message for w in GONE):
                await self.app.accounts.deactivate(invocation.actor)

    async def apologize(self, bot: Bot, update: Update) -> None:
        """A short, translated apology: a toast for a button, else a message in the chat."""
        user, chat = update.effective_user, update.effective_chat
        language = user.language_code if user else None
        locale = resolve_locale(
            None, language, self.app.default_locale, self.app.translator.available()
        )
        text = self.app.translator.gettext(locale, APOLOGY)
        try:
            if update.callback_query is not None:
                await update.callback_query.answer(text)
                return
        except TelegramError:
            pass  # already answered: say it in the chat instead
        if chat is None:
            return
        try:
            await bot.send_message(
                chat.id, text, message_thread_id=thread_id(update.effective_message)
            )
        except TelegramError as error:
            log.warning("could not apologise in chat %s: %s", chat.id, error)
