"""What both trending stores share: the error type, day buckets as datetimes, arguments."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from core.ports_trending import WINDOWS, TrendScope
from recommender.trending import bucket_weights

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
ONE_DAY = timedelta(days=1)


class TrendingUnavailable(Exception):
    """The trending store's backend (Redis) failed; callers may fall back to SQL."""


def day_of(moment: datetime) -> int:
    """The UTC day bucket of an aware datetime (exact: integer microseconds, no floats)."""
    return (moment - EPOCH) // ONE_DAY


def day_start(day: int) -> datetime:
    """The first instant of a UTC day bucket."""
    return EPOCH + day * ONE_DAY


def window_buckets(window: str, now: datetime) -> list[tuple[int, float]]:
    """(day, weight) of the window's buckets at ``now``, oldest first; ValueError if the
    window is unknown or ``now`` is naive."""
    if window not in WINDOWS:
        raise ValueError(f"window must be one of {WINDOWS}, not {window!r}")
    if now.tzinfo is None:
        raise ValueError("now must be an aware datetime")
    return bucket_weights(now.timestamp(), window)


def is_empty(scope: TrendScope, n: int) -> bool:
    """True when the answer is [] whatever the data: n <= 0 or an empty profile set."""
    return n <= 0 or (scope.profiles is not None and not scope.profiles)


def rank(scores: dict[int, float], n: int) -> list[tuple[int, float]]:
    """The ``n`` best (media id, score) pairs: highest score first, then smaller id."""
    return sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:n]
