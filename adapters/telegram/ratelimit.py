"""Outgoing flood control: PTB's AIORateLimiter plus Telegram's one message a second per chat.

Telegram's guidance (``telegram.constants.FloodLimit``): about 30 messages a second overall,
one a second in a private chat, 20 a minute in a group. PTB's limiter covers the overall and group
limits and retries after ``RetryAfter``; we add the private-chat limit and let reads through.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any

from aiolimiter import AsyncLimiter
from telegram.ext import AIORateLimiter

JSON = bool | dict[str, Any] | list[dict[str, Any]]
PRUNE_ABOVE = 512  # idle per-chat limiters are dropped once there are this many


@dataclass(frozen=True, slots=True)
class RateLimits:
    """Messages allowed per time period (seconds), overall, per private chat and per group."""

    overall_max_rate: float = 30
    overall_time_period: float = 1
    private_max_rate: float = 1
    private_time_period: float = 1
    group_max_rate: float = 20
    group_time_period: float = 60
    max_retries: int = 2


class WatchbotRateLimiter(AIORateLimiter):
    """AIORateLimiter with a per-private-chat limit; ``get*`` reads are never throttled."""

    __slots__ = ("_private", "_private_max_rate", "_private_time_period")

    def __init__(self, limits: RateLimits) -> None:
        super().__init__(
            overall_max_rate=limits.overall_max_rate,
            overall_time_period=limits.overall_time_period,
            group_max_rate=limits.group_max_rate,
            group_time_period=limits.group_time_period,
            max_retries=limits.max_retries,
        )
        self._private_max_rate = limits.private_max_rate
        self._private_time_period = limits.private_time_period
        self._private: dict[int, AsyncLimiter] = {}

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, JSON]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> JSON:
        """Throttle sends and edits; reads such as getChatMember go straight through."""
        if endpoint.startswith("get"):
            return await callback(*args, **kwargs)
        limiter = self._private_limiter(data.get("chat_id"))
        async with limiter if limiter is not None else contextlib.nullcontext():
            return await super().process_request(
                callback, args, kwargs, endpoint, data, rate_limit_args
            )

    def _private_limiter(self, chat_id: object) -> AsyncLimiter | None:
        try:
            chat = int(str(chat_id))
        except ValueError:
            return None  # "@channel" usernames are never private chats
        if chat <= 0 or not (self._private_max_rate and self._private_time_period):
            return None  # group and channel ids are negative
        if len(self._private) > PRUNE_ABOVE:
            for key, idle in list(self._private.items()):
                if idle.has_capacity(idle.max_rate):
                    del self._private[key]
        if chat not in self._private:
            self._private[chat] = AsyncLimiter(self._private_max_rate, self._private_time_period)
        return self._private[chat]
