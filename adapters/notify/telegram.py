"""Telegram notifier: the Bot API through a python-telegram-bot ``Bot``.

The dispatcher paces sends (Telegram's 30 messages a second, one a second per private chat,
20 a minute per group), so this ``Bot`` has no rate limiter of its own; a 429 still becomes a
retry after Telegram's ``retry_after``. Native polls it sends are remembered through
``NativePolls`` (in the database), so the process receiving the votes can count them.
"""

from __future__ import annotations

import logging

from telegram import Bot, Message
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError

from adapters.telegram.native_polls import NativePolls
from adapters.telegram.outbound import Target, send
from adapters.telegram.render import render
from core.domain.delivery import Destination
from core.ports_notify import DeliveryError
from core.views.reply import Reply

log = logging.getLogger(__name__)


def target(destination: Destination) -> Target:
    """A private chat's id is the user's id; groups and topics are given as they are."""
    chat = destination.chat_id or destination.user_id
    assert chat is not None
    thread = int(destination.thread_id) if destination.thread_id else None
    return Target(int(chat), thread)


class TelegramNotifier:
    """Notifier over a ``telegram.Bot`` (initialise it first: ``async with bot``).

    ``polls`` stores the native polls it sends; without it their votes cannot be counted."""

    def __init__(self, bot: Bot, polls: NativePolls | None = None) -> None:
        self._bot, self._polls = bot, polls

    async def send(self, destination: Destination, reply: Reply, key: str) -> None:
        """Send every part of ``reply``; map Bot API errors to permanent or retryable ones."""
        try:
            where = target(destination)
        except ValueError:
            raise DeliveryError(f"not a Telegram chat: {destination}", permanent=True) from None
        try:
            for call in render(reply):
                sent = await send(self._bot, where, call)
                if reply.poll is not None:
                    await self._remember(sent, reply.poll.poll_id, key)
        except RetryAfter as error:
            wait = getattr(error, "_retry_after", None)
            seconds = wait.total_seconds() if wait is not None else 30.0
            raise DeliveryError(str(error), permanent=False, retry_after=seconds) from error
        except (Forbidden, BadRequest) as error:
            # blocked, kicked, chat not found, malformed: retrying cannot help
            raise DeliveryError(error.message, permanent=True) from error
        except NetworkError as error:
            raise DeliveryError(str(error), permanent=False) from error
        except TelegramError as error:
            raise DeliveryError(error.message, permanent=False) from error

    async def _remember(self, sent: Message, answer_action: str, key: str) -> None:
        if self._polls is not None:
            await self._polls.remember(sent, answer_action)
        elif sent.poll is not None:
            log.warning("native poll of %s sent without a poll store: votes are not counted", key)
