"""Trending items: exponentially time-decayed event scores (pure numpy and pure Python).

Per event: an event of weight w at time t contributes w * 2 ** (-(now - t) / half_life);
scores can be kept incrementally (`decay_to`). Per day bucket (what the trending stores
in ``adapters/trending`` use, so Redis and SQL agree): `event_weight` turns an activity
event into a weight, `bucket_weights` gives each UTC day of a window its decay weight.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np
import numpy.typing as npt

from recommender.base import Recommender, Scored, mask_items, top_n
from recommender.data import FloatArray, IntArray, Interactions

DAY = 86_400.0
HALF_LIVES: dict[str, float] = {"day": DAY, "week": 7 * DAY, "month": 30 * DAY}

#: Days in each trending window, and the half-life of its day buckets (in seconds).
WINDOW_DAYS: dict[str, int] = {"day": 1, "week": 7, "month": 30}
BUCKET_HALF_LIVES: dict[str, float] = {"day": 0.5 * DAY, "week": 2 * DAY, "month": 7 * DAY}

#: Weights of the counted activity kinds; "rated" depends on the rating (1-10 scale).
KIND_WEIGHTS: dict[str, float] = {"watched": 1.0, "listed": 0.5, "reviewed": 0.5}
RATED_KIND = "rated"
RATED_HIGH_FROM = 7.0
RATED_HIGH = 1.0
RATED_LOW = 0.5
TRENDING_KINDS: tuple[str, ...] = ("watched", RATED_KIND, "listed", "reviewed")


def event_weight(kind: str, payload: Mapping[str, Any] | None) -> float:
    """Weight of one activity event: 0.0 for kinds that do not count.

    A rating of 7 or more (``payload["value"]``) weighs 1.0; a lower, missing or
    unreadable one 0.5.
    """
    if kind != RATED_KIND:
        return KIND_WEIGHTS.get(kind, 0.0)
    value = (payload or {}).get("value")
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return RATED_LOW
    try:
        return RATED_HIGH if float(value) >= RATED_HIGH_FROM else RATED_LOW
    except ValueError:
        return RATED_LOW


def day_index(ts: float) -> int:
    """The UTC day bucket of a Unix timestamp: whole days since 1970-01-01."""
    return math.floor(ts / DAY)


def bucket_weights(now_ts: float, window: str) -> list[tuple[int, float]]:
    """(day index, weight) of every UTC day bucket of ``window`` at ``now_ts``, oldest first.

    The window is the interval (now - W, now], W = 1, 7 or 30 days. Its buckets are the
    W + 1 UTC days it overlaps: the oldest is cut by the window's start, the newest is
    the current day. A bucket's weight is ``coverage * 2 ** (-age / half_life)``:

    * coverage: the fraction of the bucket's day inside the window. The oldest bucket
      gets ``1 - f``, where f is the elapsed fraction of the current day: as if its
      events were spread evenly over the day, only the part after the window's start
      counts. Every other bucket, the current one included, counts in full: all of the
      current day's events are already in the past (so the covered parts span exactly
      W days). A bucket is all or nothing: events stamped later than ``now`` on the
      current day (only clock skew makes them) count too.
    * age: ``now`` minus the middle of the bucket's covered part, i.e. of
      [max(day start, window start), min(day end, now)]; the current bucket's age is
      half the elapsed part of today.
    * half_life: 12 hours for "day", 2 days for "week", 7 days for "month".

    Every weight is in (0, 1], and a newer bucket never weighs less than an older one.
    """
    if window not in WINDOW_DAYS:
        raise ValueError(f"window must be one of {sorted(WINDOW_DAYS)}, not {window!r}")
    days, half_life = WINDOW_DAYS[window], BUCKET_HALF_LIVES[window]
    current = day_index(now_ts)
    start = now_ts - days * DAY
    buckets: list[tuple[int, float]] = []
    for day in range(current - days, current + 1):
        low = max(day * DAY, start)
        high = min((day + 1) * DAY, now_ts)
        coverage = 1.0 if day == current else ((day + 1) * DAY - low) / DAY
        age = now_ts - (low + high) / 2
        buckets.append((day, coverage * 2.0 ** (-age / half_life)))
    return buckets


def trending_scores(
    items: IntArray,
    timestamps: IntArray,
    weights: FloatArray,
    now: float,
    half_life: float,
    n_items: int,
) -> FloatArray:
    """Decayed sum of event weights per item; events after `now` are ignored."""
    age = now - timestamps.astype(np.float64)
    keep = (age >= 0) & (weights > 0)
    contrib = weights[keep] * np.exp2(-age[keep] / half_life)
    totals = np.bincount(items[keep], weights=contrib, minlength=n_items)
    return np.asarray(totals, dtype=np.float64)


def decay_to(scores: FloatArray, last: float, now: float, half_life: float) -> FloatArray:
    """Scores stored at time `last`, decayed to time `now` (add new events afterwards)."""
    return np.asarray(scores * np.exp2(-(now - last) / half_life), dtype=np.float64)


class TrendingRecommender(Recommender):
    """Non-personalised ranking by decayed event weight over a window ("day"/"week"/"month")."""

    kind = "trending"

    def __init__(self, window: str = "week", now: float | None = None) -> None:
        super().__init__()
        if window not in HALF_LIVES:
            raise ValueError(f"window must be one of {sorted(HALF_LIVES)}")
        self.window = window
        self.now = now
        self.scores: FloatArray = np.zeros(0)

    def _fit(self, interactions: Interactions) -> None:
        now = self.now
        if now is None:
            now = float(interactions.timestamp.max(initial=0))
        self.scores = trending_scores(
            interactions.item,
            interactions.timestamp,
            interactions.weight,
            now,
            HALF_LIVES[self.window],
            interactions.n_items,
        )

    def user_scores(self, user: int) -> FloatArray:
        """Trending does not depend on the user."""
        return self.scores

    def profile_scores(self, items: IntArray, weights: FloatArray) -> FloatArray:
        """Not personalised: the same scores for any profile."""
        return self.scores

    def item_scores(self, item: int) -> FloatArray:
        """No item-item signal: the most trending items."""
        return self.scores

    def global_top(self, n: int, exclude: set[int] | None = None) -> list[Scored]:
        """Trending items for anyone, skipping `exclude`; items with no recent events omitted."""
        scores = np.where(self.scores > 0, self.scores, -np.inf)
        scores = mask_items(scores, list(exclude or ()))
        return [Scored(int(i), float(scores[i])) for i in top_n(scores, n)]

    def params(self) -> dict[str, Any]:
        """Constructor arguments."""
        return {"window": self.window, "now": self.now}

    def state(self) -> dict[str, npt.NDArray[Any]]:
        """Decayed scores."""
        return {"scores": self.scores}

    def set_state(self, arrays: dict[str, npt.NDArray[Any]]) -> None:
        """Restore decayed scores."""
        self.scores = arrays["scores"]
