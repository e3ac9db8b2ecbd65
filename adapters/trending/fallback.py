"""A trending store that answers from a second store while the first is unavailable."""

from __future__ import annotations

import logging
from datetime import datetime

from adapters.trending.base import TrendingUnavailable
from core.ports_trending import TrendingStore, TrendScope

log = logging.getLogger(__name__)


class FallbackTrendingStore:
    """Ask ``primary`` (Redis); on :class:`TrendingUnavailable` ask ``fallback`` (SQL).

    Both compute the same scores, so a user never sees the order change; Redis is tried
    again on every call (its client reconnects by itself).
    """

    def __init__(self, primary: TrendingStore, fallback: TrendingStore) -> None:
        self._primary = primary
        self._fallback = fallback

    async def top(
        self, window: str, scope: TrendScope, n: int, now: datetime
    ) -> list[tuple[int, float]]:
        """The primary store's answer, or the fallback's when the primary fails."""
        try:
            return await self._primary.top(window, scope, n, now)
        except TrendingUnavailable as error:
            log.warning("trending: primary store unavailable, using the fallback: %s", error)
            return await self._fallback.top(window, scope, n, now)

    async def close(self) -> None:
        """Close both stores."""
        try:
            await self._primary.close()
        finally:
            await self._fallback.close()
