"""Where discord.py sends REST calls and opens its gateway: configurable for fake servers.

discord.py 2.7 reads both from class attributes. ``Route.BASE`` prefixes every REST route,
interaction callbacks and webhook followups included. A ``Client`` opens its first gateway
connection at ``DiscordWebSocket.DEFAULT_GATEWAY`` (it never asks ``GET /gateway``), resumes at
the ``resume_gateway_url`` READY gives, and falls back to the default after an invalid session;
only ``AutoShardedClient`` asks ``GET /gateway/bot``, which goes through ``Route.BASE`` too.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import yarl
from discord.gateway import DiscordWebSocket
from discord.http import Route


class _Override:
    """The process-wide override, shared by the clients running at once (they must agree)."""

    def __init__(self) -> None:
        self.users = 0
        self.current: tuple[str, yarl.URL] | None = None
        self.saved: tuple[str, yarl.URL] | None = None

    def enter(self, wanted: tuple[str, yarl.URL]) -> None:
        if self.users and wanted != self.current:
            raise RuntimeError(f"another Discord client is using {self.current}, not {wanted}")
        if not self.users:
            self.saved = Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY
            Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY = self.current = wanted
        self.users += 1

    def leave(self) -> None:
        self.users -= 1
        if not self.users and self.saved is not None:
            Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY = self.saved
            self.current = self.saved = None


_OVERRIDE = _Override()


@contextlib.contextmanager
def discord_endpoints(api_base_url: str, gateway_url: str) -> Iterator[None]:
    """Point discord.py's REST base and gateway at these URLs while inside the block.

    The defaults come back when the last client using the override leaves, so nothing leaks
    from one test (or one client) to the next; clients running at the same time must agree.
    """
    _OVERRIDE.enter((api_base_url.rstrip("/"), yarl.URL(gateway_url)))
    try:
        yield
    finally:
        _OVERRIDE.leave()
