"""RP3beta (Paudel et al. 2017): 3-step random-walk item similarity with popularity damping."""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp
from sklearn.preprocessing import normalize

from recommender.base import Recommender
from recommender.data import FloatArray, IntArray, Interactions
from recommender.similarity import BLOCK_ROWS, block_topk
from recommender.sparse import csr_arrays, csr_from_arrays


class RP3BetaRecommender(Recommender):
    """W[i, j] = (P(i -> u -> j)) ** alpha / pop(j) ** beta, top-`k` per row; score = x_u W."""

    kind = "rp3beta"

    def __init__(self, alpha: float = 1.0, beta: float = 0.3, k: int = 200) -> None:
        super().__init__()
        self.alpha = alpha
        self.beta = beta
        self.k = k
        self.walk: sp.csr_matrix = sp.csr_matrix((0, 0))
        self.profiles: sp.csr_matrix = sp.csr_matrix((0, 0))

    def _fit(self, interactions: Interactions) -> None:
        x = interactions.matrix()
        self.profiles = x
        p_ui = normalize(x, norm="l1", axis=1).tocsr()
        p_iu = normalize(x.T.tocsr(), norm="l1", axis=1).tocsr()
        damp = np.power(np.asarray(x.getnnz(axis=0), dtype=np.float64) + 1.0, -self.beta)
        n = x.shape[1]
        rows, cols, vals = [], [], []
        for start in range(0, n, BLOCK_ROWS):
            block = np.asarray((p_iu[start : start + BLOCK_ROWS] @ p_ui).toarray())
            block = np.power(block, self.alpha) * damp[None, :]
            block[np.arange(block.shape[0]), np.arange(start, start + block.shape[0])] = 0.0
            r, c, v = block_topk(block, self.k)
            rows.append(r + start)
            cols.append(c)
            vals.append(v)
        self.walk = sp.csr_matrix(
            (np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))), shape=(n, n)
        )

    def user_scores(self, user: int) -> FloatArray:
        """x_u W."""
        return np.asarray((self.profiles[user] @ self.walk).toarray(), dtype=np.float64).ravel()

    def batch_scores(self, users: IntArray) -> FloatArray:
        """Scores for many users at once."""
        return np.asarray((self.profiles[users] @ self.walk).toarray(), dtype=np.float64)

    def profile_scores(self, items: IntArray, weights: FloatArray) -> FloatArray:
        """Scores for an ad-hoc weighted item profile."""
        return np.asarray(weights @ self.walk[items].toarray(), dtype=np.float64)

    def item_scores(self, item: int) -> FloatArray:
        """Walk probabilities from `item`."""
        return np.asarray(self.walk[item].toarray(), dtype=np.float64).ravel()

    def params(self) -> dict[str, Any]:
        """Constructor arguments."""
        return {"alpha": self.alpha, "beta": self.beta, "k": self.k}

    def state(self) -> dict[str, npt.NDArray[Any]]:
        """Walk matrix and profiles."""
        return {**csr_arrays("w", self.walk), **csr_arrays("pr", self.profiles)}

    def set_state(self, arrays: dict[str, npt.NDArray[Any]]) -> None:
        """Restore walk matrix and profiles."""
        self.walk = csr_from_arrays("w", arrays, (self.n_items, self.n_items))
        self.profiles = csr_from_arrays("pr", arrays, (self.n_users, self.n_items))
