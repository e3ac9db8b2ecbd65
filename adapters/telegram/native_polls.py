"""Native Telegram polls (approval voting): which core poll a Telegram poll stands for.

A ``poll_answer`` update carries only the Telegram poll id, the voter and the chosen option
indexes, not the chat. When the bot sends a native poll it remembers (in memory, bounded) the
chat and the core's answer action, ``Poll.poll_id``; an answer becomes the action
``<poll_id>:<chosen option numbers, from 1>`` (a retracted vote: no numbers). After a restart,
answers to older native polls are ignored; members can still vote with /vote.
"""

from __future__ import annotations

from collections import OrderedDict

from telegram import Message, PollAnswer

from adapters.telegram.inbound import user_ref
from core.views.reply import ACTION_MAX_BYTES, ChatRef, Invocation

REMEMBERED = 1000


class NativePolls:
    """Telegram poll id -> (chat, answer action prefix)."""

    def __init__(self, limit: int = REMEMBERED) -> None:
        self._limit = limit
        self._polls: OrderedDict[str, tuple[ChatRef, str]] = OrderedDict()

    def remember(self, sent: Message, chat: ChatRef, answer_action: str) -> None:
        """Note the poll a sent message carries (nothing for other messages)."""
        if sent.poll is None or not answer_action:
            return
        self._polls[sent.poll.id] = (chat, answer_action)
        while len(self._polls) > self._limit:
            self._polls.popitem(last=False)

    def invocation(self, answer: PollAnswer) -> Invocation | None:
        """The core action for an answer to a remembered poll by a person."""
        known = self._polls.get(answer.poll_id)
        if known is None or answer.user is None:
            return None
        chat, prefix = known
        action = ":".join([prefix, *(str(i + 1) for i in answer.option_ids)])
        if len(action.encode()) > ACTION_MAX_BYTES:
            return None
        return Invocation(user_ref(answer.user), chat, action=action)
