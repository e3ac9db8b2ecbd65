"""Item-based k-nearest-neighbours with cosine similarity over user vectors."""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from recommender.base import Recommender
from recommender.data import FloatArray, IntArray, Interactions
from recommender.similarity import topk_cosine
from recommender.sparse import csr_arrays, csr_from_arrays


class ItemKNNRecommender(Recommender):
    """Score(u, j) = sum of cosine(i, j) over the user's items i among j's `k` neighbours.

    `max_fanout` caps how many items one history item can vote for (its strongest
    reverse neighbours): popular "hub" items otherwise make scoring cost grow with the
    catalog. None keeps the exact model.
    """

    kind = "itemknn"

    def __init__(
        self,
        k: int = 100,
        shrink: float = 0.0,
        min_weight: float = 0.0,
        recency: float = 0.0,
        recency_decay: float = 0.8,
        max_fanout: int | None = None,
    ) -> None:
        super().__init__()
        self.k = k
        self.shrink = shrink
        self.min_weight = min_weight
        self.recency = recency
        self.recency_decay = recency_decay
        self.max_fanout = max_fanout
        self.neighbours: sp.csr_matrix = sp.csr_matrix((0, 0))
        self.profiles: sp.csr_matrix = sp.csr_matrix((0, 0))
        # scorer[i, j] = sim(j, i) when i is among j's neighbours: score = x_u @ scorer
        self.scorer: sp.csr_matrix = sp.csr_matrix((0, 0))

    def _fit(self, interactions: Interactions) -> None:
        x = interactions.matrix()
        if self.min_weight:
            x.data[x.data < self.min_weight] = 0.0
            x.eliminate_zeros()
        self.neighbours = topk_cosine(x.T.tocsr(), self.k, self.shrink)
        self.profiles = x
        if self.recency:
            boosted = interactions.matrix(self.recency, self.recency_decay)
            self.profiles = boosted.multiply(x > 0).tocsr()
        self.scorer = cap_rows(self.neighbours.T.tocsr(), self.max_fanout)

    def user_scores(self, user: int) -> FloatArray:
        """Sum of the user's weighted similarities."""
        lo, hi = self.profiles.indptr[user], self.profiles.indptr[user + 1]
        items = self.profiles.indices[lo:hi]
        return self.profile_scores(items, self.profiles.data[lo:hi])

    def batch_scores(self, users: IntArray) -> FloatArray:
        """Scores for many users at once."""
        return np.asarray((self.profiles[users] @ self.scorer).toarray(), dtype=np.float64)

    def profile_scores(self, items: IntArray, weights: FloatArray) -> FloatArray:
        """Scores for an ad-hoc weighted item profile (sparse gather, no matrix product)."""
        indptr, indices, data = self.scorer.indptr, self.scorer.indices, self.scorer.data
        starts, stops = indptr[items], indptr[np.asarray(items) + 1]
        lengths = stops - starts
        if not lengths.sum():
            return np.zeros(self.n_items)
        pos = np.repeat(starts - np.cumsum(np.r_[0, lengths[:-1]]), lengths) + np.arange(
            lengths.sum()
        )
        contrib = data[pos] * np.repeat(np.asarray(weights, dtype=np.float64), lengths)
        totals = np.bincount(indices[pos], weights=contrib, minlength=self.n_items)
        return np.asarray(totals, dtype=np.float64)

    def item_scores(self, item: int) -> FloatArray:
        """Cosine similarity to `item` (zero outside its `k` neighbours)."""
        return np.asarray(self.neighbours[item].toarray(), dtype=np.float64).ravel()

    def params(self) -> dict[str, Any]:
        """Constructor arguments."""
        return {
            "k": self.k,
            "shrink": self.shrink,
            "min_weight": self.min_weight,
            "recency": self.recency,
            "recency_decay": self.recency_decay,
            "max_fanout": self.max_fanout,
        }

    def state(self) -> dict[str, npt.NDArray[Any]]:
        """Neighbour lists and user profiles."""
        return {
            **csr_arrays("nb", self.neighbours),
            **csr_arrays("pr", self.profiles),
        }

    def set_state(self, arrays: dict[str, npt.NDArray[Any]]) -> None:
        """Restore neighbour lists and user profiles."""
        n_items = self.n_items
        self.neighbours = csr_from_arrays("nb", arrays, (n_items, n_items))
        self.profiles = csr_from_arrays("pr", arrays, (self.n_users, n_items))
        self.scorer = cap_rows(self.neighbours.T.tocsr(), self.max_fanout)


def cap_rows(matrix: sp.csr_matrix, cap: int | None) -> sp.csr_matrix:
    """Keep at most `cap` largest entries per row (all of them when cap is None)."""
    lengths = np.diff(matrix.indptr)
    if cap is None or lengths.max(initial=0) <= cap:
        return matrix
    keep = np.ones(matrix.nnz, dtype=bool)
    for row in np.flatnonzero(lengths > cap).tolist():
        lo, hi = matrix.indptr[row], matrix.indptr[row + 1]
        weakest = np.argpartition(-matrix.data[lo:hi], cap - 1)[cap:]
        keep[lo + weakest] = False
    rows = np.repeat(np.arange(matrix.shape[0]), lengths)[keep]
    return sp.csr_matrix((matrix.data[keep], (rows, matrix.indices[keep])), shape=matrix.shape)
