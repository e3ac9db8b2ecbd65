"""Where unprompted messages go, and the outbox rows that carry them to the platforms."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from core.views.reply import ChatRef, Reply


@dataclass(frozen=True, slots=True)
class Destination:
    """A chat (and forum topic / Discord channel), or a person's private chat.

    ``chat_id`` names a group chat or a known private chat; when it is ``None`` the message goes
    to ``user_id`` directly (Telegram: the private chat has the user's id; Discord: a DM channel
    is opened first).
    """

    platform: str
    chat_id: str | None = None
    thread_id: str | None = None
    user_id: str | None = None

    def __post_init__(self) -> None:
        if self.chat_id is None and self.user_id is None:
            raise ValueError("a destination needs a chat or a user")

    @classmethod
    def of_chat(cls, chat: ChatRef) -> Destination:
        """The chat (and topic/channel) an invocation came from."""
        return cls(chat.platform.value, chat.chat_id, chat.thread_id)

    @classmethod
    def of_user(cls, platform: str, external_id: str) -> Destination:
        """A person's private chat on ``platform``."""
        return cls(platform, None, None, external_id)


class OutboxStatus(enum.StrEnum):
    """An outbox row waits, was delivered, or failed for good."""

    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class Notice:
    """A message to write to the outbox.

    ``key`` is the idempotency key: writing the same key twice keeps the first row, so an event
    handled twice (a retried job, two processes) still sends one message.
    """

    key: str
    destination: Destination
    reply: Reply
    not_before: datetime | None = None


@dataclass(frozen=True, slots=True)
class Claimed:
    """An outbox row claimed for delivery (leased until marked or released)."""

    id: int
    key: str
    destination: Destination
    reply: Reply
    attempts: int


@dataclass(frozen=True, slots=True)
class OutboxCounts:
    """How many rows are in each state (pending ones split into due, leased and later)."""

    pending: int = 0
    in_flight: int = 0
    sent: int = 0
    failed: int = 0
