"""Group chats (a Telegram group or a Discord channel): the context clubs live in."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Group:
    """A group chat Watchbot was used in, with its settings."""

    id: int
    platform: str
    chat_id: str
    name: str
    timezone: str | None = None
    locale: str | None = None
