"""A fake chat platform for the benchmark: accepts messages in process and checks a rate rule.

It behaves like Telegram's flood control seen from outside: with ``per_second`` set, a message
that would make more than that many in any one-second window counts as a flood error (Telegram
would answer 429). The dispatcher is expected to pace itself so that this never happens.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from dataclasses import dataclass, field

from core.domain.delivery import Destination
from core.views.reply import Reply


@dataclass
class FakePlatform:
    """Counts deliveries, repeats and flood violations; ``done`` is set at ``expected``."""

    expected: int
    per_second: int | None = None
    keys: set[str] = field(default_factory=set)
    repeats: int = 0
    floods: int = 0
    first: float = 0.0
    last: float = 0.0
    done: asyncio.Event = field(default_factory=asyncio.Event)
    _window: deque[float] = field(default_factory=deque)

    async def send(self, destination: Destination, reply: Reply, key: str) -> None:
        """Accept one message."""
        now = time.perf_counter()
        self.first = self.first or now
        self.last = now
        if self.per_second is not None:
            self._window.append(now)
            while self._window and self._window[0] <= now - 1.0:
                self._window.popleft()
            if len(self._window) > self.per_second:
                self.floods += 1
        if key in self.keys:
            self.repeats += 1
        self.keys.add(key)
        if len(self.keys) >= self.expected:
            self.done.set()
