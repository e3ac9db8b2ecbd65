"""Port of platform state the adapters keep in the database: native polls.

A platform's native poll (Telegram's) reports a vote with the poll's id only, not the chat it
is in; the adapter that sent the poll remembers which chat and which core action it stands for,
so that any process, before or after a restart, can turn the vote into an ``Invocation``.
``UnitOfWork`` exposes it as ``uow.platform_polls`` (implemented in ``adapters/db``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from core.views.reply import ChatRef


@dataclass(frozen=True, slots=True)
class PlatformPoll:
    """A native poll the bot sent: the platform's poll id, where, and the core's action prefix.

    A vote becomes the action ``<answer_action>:<chosen option numbers, from 1>``.
    """

    poll_id: str
    chat: ChatRef
    answer_action: str

    @property
    def platform(self) -> str:
        """The platform the poll lives on (the chat's)."""
        return self.chat.platform.value


class PlatformPollRepository(Protocol):
    """Native polls by (platform, platform poll id)."""

    async def remember(self, poll: PlatformPoll, now: datetime) -> None:
        """Store ``poll`` (a poll id stored before is overwritten)."""
        ...

    async def find(self, platform: str, poll_id: str) -> PlatformPoll | None:
        """The poll with this id on ``platform``, or None when it is not ours (or pruned)."""
        ...

    async def prune(self, before: datetime) -> int:
        """Forget polls remembered before ``before``; returns how many."""
        ...
