"""Port of the trending store: time-decayed activity scores over a day, a week or a month.

Implemented in ``adapters/trending``: Redis sorted sets when Redis is configured, SQL over
the activity events otherwise. Both compute the same decayed scores (see
``recommender.trending``), so switching stores never reorders a list.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

WINDOWS = ("day", "week", "month")


@dataclass(frozen=True, slots=True)
class TrendScope:
    """Whose activity counts: everyone (``profiles`` None) or a set of profiles (friends,
    a club's members); ``genre`` (case-insensitive name) narrows to titles of that genre."""

    genre: str | None = None
    profiles: frozenset[int] | None = None


class TrendingStore(Protocol):
    """Decayed event scores per title ("watched", "rated", "listed", "reviewed" events)."""

    async def top(
        self, window: str, scope: TrendScope, n: int, now: datetime
    ) -> list[tuple[int, float]]:
        """(media id, score) of the ``n`` highest-scoring titles in ``window`` (one of
        ``WINDOWS``) for ``scope``, best first; ties broken by the smaller media id.
        Titles with no event in the window are left out; an empty profile set gives []."""
        ...

    async def close(self) -> None:
        """Release connections."""
        ...
