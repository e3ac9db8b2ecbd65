"""Trending items: exponentially time-decayed event scores (pure numpy).

An event of weight w at time t contributes w * 2 ** (-(now - t) / half_life). Scores can
be kept incrementally (`decay_to`), which is what a Redis/SQL store would do.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

from recommender.base import Recommender, Scored, mask_items, top_n
from recommender.data import FloatArray, IntArray, Interactions

DAY = 86_400.0
HALF_LIVES: dict[str, float] = {"day": DAY, "week": 7 * DAY, "month": 30 * DAY}


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
