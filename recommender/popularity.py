"""Most-popular baseline: items ranked by how many users interacted with them."""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

from recommender.base import Recommender, Scored, mask_items, top_n
from recommender.data import FloatArray, IntArray, Interactions


class PopularityRecommender(Recommender):
    """Ranks items by the number of users with an event of weight >= `min_weight`."""

    kind = "popularity"

    def __init__(self, min_weight: float = 0.0) -> None:
        super().__init__()
        self.min_weight = min_weight
        self.counts: FloatArray = np.zeros(0)

    def _fit(self, interactions: Interactions) -> None:
        keep = interactions.weight >= self.min_weight
        counts = np.zeros(interactions.n_items, dtype=np.float64)
        # one count per (user, item) pair, whatever the number of events
        pairs = np.unique(interactions.user[keep] * interactions.n_items + interactions.item[keep])
        np.add.at(counts, pairs % max(interactions.n_items, 1), 1.0)
        self.counts = counts

    def user_scores(self, user: int) -> FloatArray:
        """Popularity does not depend on the user."""
        return self.counts

    def profile_scores(self, items: IntArray, weights: FloatArray) -> FloatArray:
        """Not personalised: the same scores for any profile."""
        return self.counts

    def item_scores(self, item: int) -> FloatArray:
        """Without co-occurrence data, the most similar items are the most popular ones."""
        return self.counts

    def global_top(self, n: int, exclude: set[int] | None = None) -> list[Scored]:
        """Most popular items for anyone (cold start), skipping `exclude`."""
        scores = mask_items(self.counts, list(exclude or ()))
        return [Scored(int(i), float(scores[i])) for i in top_n(scores, n)]

    def params(self) -> dict[str, Any]:
        """Constructor arguments."""
        return {"min_weight": self.min_weight}

    def state(self) -> dict[str, npt.NDArray[Any]]:
        """Item counts."""
        return {"counts": self.counts}

    def set_state(self, arrays: dict[str, npt.NDArray[Any]]) -> None:
        """Restore item counts."""
        self.counts = arrays["counts"]
