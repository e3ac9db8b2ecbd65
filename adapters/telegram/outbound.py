"""Sending a rendered Reply: new messages, or edits of the message a pressed button was on."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from telegram import Bot, CallbackQuery, Message
from telegram.constants import ParseMode
from telegram.error import BadRequest

from adapters.telegram.inbound import thread_id
from adapters.telegram.render import Outgoing, keyboard, render
from core.views.reply import Reply

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Target:
    """Where a reply goes: a chat (and forum topic), plus the message to edit when replacing."""

    chat_id: int
    thread_id: int | None = None
    message_id: int | None = None  # a text message that may be edited
    inline_message_id: str | None = None  # a message sent via inline mode

    @classmethod
    def of_message(cls, message: Message) -> Target:
        """Reply into the chat and topic of ``message``."""
        return cls(message.chat.id, thread_id(message))

    @classmethod
    def of_button(cls, query: CallbackQuery) -> Target:
        """The message the button was on (new messages go to the presser when it was inline)."""
        message = query.message
        if message is None:
            return cls(query.from_user.id, inline_message_id=query.inline_message_id)
        editable = isinstance(message, Message) and message.text is not None
        return cls(message.chat.id, thread_id(message), message.message_id if editable else None)


async def deliver(bot: Bot, target: Target, reply: Reply) -> list[Message]:
    """Show ``reply``: edit in place when it replaces the pressed message, else send.

    Returns the messages sent (none after an edit), e.g. to learn the id of a native poll."""
    calls = render(reply)
    if reply.replace and await _edit(bot, target, reply, calls):
        return []
    return [await send(bot, target, call) for call in calls]


async def send(bot: Bot, target: Target, call: Outgoing) -> Message:
    """Make one send call into the target chat and topic."""
    kwargs: dict[str, Any] = {**call.kwargs, "chat_id": target.chat_id}
    if target.thread_id is not None:
        kwargs["message_thread_id"] = target.thread_id
    method = getattr(bot, call.method)
    sent: Message = await method(**kwargs)
    return sent


def _where(target: Target) -> dict[str, Any]:
    if target.inline_message_id is not None:
        return {"inline_message_id": target.inline_message_id}
    return {"chat_id": target.chat_id, "message_id": target.message_id}


async def _edit(bot: Bot, target: Target, reply: Reply, calls: list[Outgoing]) -> bool:
    """Edit the pressed message; False when the reply cannot be shown that way (then send)."""
    if target.message_id is None and target.inline_message_id is None:
        return False
    textless = not reply.blocks and not reply.card and not reply.image and not reply.poll
    try:
        if textless:
            await bot.edit_message_reply_markup(
                reply_markup=keyboard(reply.buttons), **_where(target)
            )
        elif len(calls) == 1 and calls[0].method == "send_message":
            kwargs = calls[0].kwargs
            await bot.edit_message_text(
                kwargs["text"],
                parse_mode=ParseMode.HTML,
                reply_markup=kwargs.get("reply_markup"),
                **_where(target),
            )
        else:
            return False
    except BadRequest as error:
        if "not modified" in error.message.lower():
            return True  # pressing the same page twice: nothing to change
        log.info("could not edit the pressed message, sending instead: %s", error.message)
        return False
    return True
