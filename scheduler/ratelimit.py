"""Per-platform pacing of outgoing messages (aiolimiter leaky buckets).

Telegram's rules (``telegram.constants.FloodLimit``): about 30 messages a second overall, one a
second per private chat, 20 a minute per group. Discord: 50 requests a second overall and, per
channel, 5 messages every 5 seconds. We stay just under each, evenly spaced. The console has no
limits. Limits are per process, which is why only the elected scheduler process dispatches.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass

from aiolimiter import AsyncLimiter

from core.domain.delivery import Destination

Rate = tuple[float, float]  # (messages, per seconds)
PRUNE_ABOVE = 4096


@dataclass(frozen=True, slots=True)
class Limits:
    """Allowed rates overall, per private chat and per group (None: unlimited)."""

    overall: Rate | None = None
    private: Rate | None = None
    group: Rate | None = None


# Smooth rates (a bucket of one message): no window of the rule's length ever holds more than the
# rule allows, which a bucket of 30 refilling at 30/s would break (up to 60 in one second).
TELEGRAM = Limits(overall=(1, 1 / 29.5), private=(1, 1), group=(1, 3))
DISCORD = Limits(overall=(1, 1 / 49), private=(1, 1), group=(1, 1))
UNLIMITED = Limits()
DEFAULTS = {"telegram": TELEGRAM, "discord": DISCORD}


def is_private(destination: Destination) -> bool:
    """A message to a person (Telegram: positive chat ids are private chats)."""
    if destination.chat_id is None:
        return True
    if destination.platform == "telegram":
        return not destination.chat_id.startswith("-")
    return destination.chat_id.startswith("dm:")


class Pacer:
    """Waits until a message to ``destination`` may go: the chat's bucket, then the overall one."""

    def __init__(self, limits: Limits) -> None:
        self._limits = limits
        self._overall = AsyncLimiter(*limits.overall) if limits.overall else None
        self._chats: dict[tuple[str | None, str | None], AsyncLimiter] = {}

    def _chat(self, destination: Destination) -> AsyncLimiter | None:
        rate = self._limits.private if is_private(destination) else self._limits.group
        if rate is None:
            return None
        key = (destination.chat_id or destination.user_id, destination.thread_id)
        if key not in self._chats:
            if len(self._chats) > PRUNE_ABOVE:
                idle = [k for k, v in self._chats.items() if v.has_capacity(v.max_rate)]
                for k in idle:
                    del self._chats[k]
            self._chats[key] = AsyncLimiter(*rate)
        return self._chats[key]

    @contextlib.asynccontextmanager
    async def slot(self, destination: Destination) -> AsyncIterator[None]:
        """Hold a slot for one message to ``destination``."""
        chat = self._chat(destination)
        overall = self._overall
        async with (
            chat if chat is not None else contextlib.nullcontext(),
            overall if overall is not None else contextlib.nullcontext(),
        ):
            yield
