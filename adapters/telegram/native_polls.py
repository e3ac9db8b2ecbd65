"""Native Telegram polls (approval voting): which core poll a Telegram poll stands for.

A ``poll_answer`` update carries only the Telegram poll id, the voter and the chosen option
indexes, not the chat. Whenever the bot sends a native poll (a command's reply, or an outbox
message through the notifier) it stores the chat and the core's answer action,
``Poll.poll_id``, in the database (``uow.platform_polls``, table ``platform_polls``), with a
small in-memory cache in front. An answer becomes the action
``<poll_id>:<chosen option numbers, from 1>`` (a retracted vote: no numbers), so any process
over the same database counts it, before or after a restart. Rows older than ``KEEP`` are
deleted whenever a poll is remembered; answers to unknown polls are ignored.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from datetime import timedelta
from typing import TYPE_CHECKING

from adapters.telegram.inbound import chat_ref, thread_id, user_ref
from core.ports_platform import PlatformPoll
from core.views.reply import ACTION_MAX_BYTES, Invocation, Platform

if TYPE_CHECKING:
    from telegram import Message, PollAnswer

    from core.app import App
    from core.views.reply import ChatRef

log = logging.getLogger(__name__)
CACHED = 1000  # polls kept in memory per process (the database has them all)
KEEP = timedelta(days=60)  # club polls stay open for days; nobody answers a 2-month-old poll


class NativePolls:
    """Telegram poll id -> (chat, answer action prefix), in the database behind a cache."""

    def __init__(self, app: App, cached: int = CACHED) -> None:
        self._uow, self._clock, self._limit = app.uow, app.clock, cached
        self._cache: OrderedDict[str, PlatformPoll] = OrderedDict()

    async def remember(
        self, sent: Message, answer_action: str, chat: ChatRef | None = None
    ) -> None:
        """Store the poll a sent message carries (nothing for other messages).

        ``chat`` is the chat the core saw, by default the chat and topic ``sent`` went to."""
        if sent.poll is None or not answer_action:
            return
        where = chat if chat is not None else chat_ref(sent.chat, thread_id(sent))
        poll = PlatformPoll(sent.poll.id, where, answer_action)
        self._keep(poll)
        now = self._clock.now()
        try:
            async with self._uow() as uow:
                await uow.platform_polls.remember(poll, now)
                await uow.platform_polls.prune(now - KEEP)
                await uow.commit()
        except Exception:
            # The poll is out already: failing the send would only repeat it. This process
            # still counts its votes (the cache) and members can always /vote.
            log.exception("could not store native poll %s of chat %s", poll.poll_id, where.chat_id)

    async def invocation(self, answer: PollAnswer) -> Invocation | None:
        """The core action for a person's answer to one of our polls (None otherwise)."""
        if answer.user is None:  # an anonymous admin voting as the chat: nobody to count
            return None
        poll = await self._find(answer.poll_id)
        if poll is None:
            log.debug("answer to unknown poll %s ignored", answer.poll_id)
            return None
        action = ":".join([poll.answer_action, *(str(i + 1) for i in answer.option_ids)])
        if len(action.encode()) > ACTION_MAX_BYTES:
            return None
        return Invocation(user_ref(answer.user), poll.chat, action=action)

    async def _find(self, poll_id: str) -> PlatformPoll | None:
        cached = self._cache.get(poll_id)
        if cached is not None:
            self._cache.move_to_end(poll_id)
            return cached
        async with self._uow() as uow:
            found = await uow.platform_polls.find(Platform.TELEGRAM.value, poll_id)
        if found is not None:
            self._keep(found)
        return found

    def _keep(self, poll: PlatformPoll) -> None:
        self._cache[poll.poll_id] = poll
        self._cache.move_to_end(poll.poll_id)
        while len(self._cache) > self._limit:
            self._cache.popitem(last=False)
