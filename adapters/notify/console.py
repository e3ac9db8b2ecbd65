"""Console notifier: prints scheduled messages, and remembers them for tests."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from adapters.console.render import render
from core.domain.delivery import Destination
from core.views.reply import Reply


@dataclass(frozen=True, slots=True)
class Delivered:
    """One message the console notifier showed."""

    destination: Destination
    reply: Reply
    key: str

    @property
    def text(self) -> str:
        """The message as the console shows it."""
        return render(self.reply)[0]


@dataclass
class ConsoleNotifier:
    """Prints ``[to <chat>] <text>`` for every message; ``sent`` keeps them in order."""

    out: Callable[[str], None] | None = print
    sent: list[Delivered] = field(default_factory=list)

    async def send(self, destination: Destination, reply: Reply, key: str) -> None:
        """Show one message."""
        delivered = Delivered(destination, reply, key)
        self.sent.append(delivered)
        if self.out is not None:
            where = destination.chat_id or f"dm:{destination.user_id}"
            self.out(f"[to {where}] {delivered.text}")

    def for_chat(self, chat_id: str) -> list[str]:
        """Texts sent to a chat (``dm:<user>`` for private messages)."""
        return [
            d.text
            for d in self.sent
            if (d.destination.chat_id or f"dm:{d.destination.user_id}") == chat_id
        ]
