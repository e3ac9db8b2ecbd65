"""Implicit-feedback matrix factorisation (Hu, Koren & Volinsky 2008) via `implicit` (CPU)."""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt
import threadpoolctl
from implicit.cpu.als import AlternatingLeastSquares

from recommender.base import Recommender
from recommender.data import FloatArray, IntArray, Interactions

F32 = npt.NDArray[np.float32]


class ALSRecommender(Recommender):
    """Weighted ALS; confidence = 1 + alpha * weight. Scores are user . item factors."""

    kind = "als"

    def __init__(
        self,
        factors: int = 32,
        regularization: float = 10.0,
        alpha: float = 1.0,
        iterations: int = 15,
        seed: int = 0,
        num_threads: int = 1,
        min_weight: float = 0.0,
    ) -> None:
        super().__init__()
        self.factors = factors
        self.regularization = regularization
        self.alpha = alpha
        self.iterations = iterations
        self.seed = seed
        self.num_threads = num_threads
        self.min_weight = min_weight
        self.user_factors: F32 = np.zeros((0, factors), dtype=np.float32)
        self.item_factors: F32 = np.zeros((0, factors), dtype=np.float32)
        self._moments: tuple[FloatArray, FloatArray] | None = None

    def _fit(self, interactions: Interactions) -> None:
        x = interactions.matrix()
        if self.min_weight:
            x.data[x.data < self.min_weight] = 0.0
            x.eliminate_zeros()
        # implicit warns (and slows down badly) when BLAS runs its own thread pool
        with threadpoolctl.threadpool_limits(1, "blas"):
            model = AlternatingLeastSquares(
                factors=self.factors,
                regularization=self.regularization,
                alpha=self.alpha,
                iterations=self.iterations,
                random_state=self.seed,
                num_threads=self.num_threads,
            )
            model.fit(x.astype(np.float32).tocsr(), show_progress=False)
        self.user_factors = np.ascontiguousarray(model.user_factors, dtype=np.float32)
        self.item_factors = np.ascontiguousarray(model.item_factors, dtype=np.float32)
        self._moments = None

    def user_scores(self, user: int) -> FloatArray:
        """Dot product of the user's factors with every item's."""
        return np.asarray(self.item_factors @ self.user_factors[user], dtype=np.float64)

    def normalised_scores(self, user: int) -> npt.NDArray[np.floating[Any]]:
        """Z-normalised scores from precomputed item-factor moments: one float32 matvec.

        mean(V u) = mean(V) . u and var(V u) = u' cov(V) u, so no pass over the scores
        is needed beyond the product itself.
        """
        if self._moments is None:
            v = self.item_factors.astype(np.float64)
            self._moments = (v.mean(axis=0), np.cov(v, rowvar=False, bias=True))
        mean_v, cov_v = self._moments
        u = self.user_factors[user].astype(np.float64)
        std = float(np.sqrt(max(u @ cov_v @ u, 0.0))) or 1.0
        scores: F32 = self.item_factors @ (u / std).astype(np.float32)
        scores -= np.float32(mean_v @ u / std)
        return scores

    def batch_scores(self, users: IntArray) -> FloatArray:
        """Scores for many users at once."""
        return np.asarray(self.user_factors[users] @ self.item_factors.T, dtype=np.float64)

    def profile_scores(self, items: IntArray, weights: FloatArray) -> FloatArray:
        """Fold-in: solve the user's factors for an ad-hoc profile, then score."""
        v = self.item_factors.astype(np.float64)
        conf = 1.0 + self.alpha * np.asarray(weights, dtype=np.float64)
        picked = v[items]
        lhs = v.T @ v + (picked.T * (conf - 1.0)) @ picked
        lhs += self.regularization * np.eye(v.shape[1])
        factors = np.linalg.solve(lhs, picked.T @ conf)
        return np.asarray(v @ factors, dtype=np.float64)

    def item_scores(self, item: int) -> FloatArray:
        """Cosine similarity of item factors."""
        norms = np.linalg.norm(self.item_factors, axis=1) + 1e-9
        v = self.item_factors[item] / norms[item]
        return np.asarray(self.item_factors @ v / norms, dtype=np.float64)

    def params(self) -> dict[str, Any]:
        """Constructor arguments."""
        return {
            "factors": self.factors,
            "regularization": self.regularization,
            "alpha": self.alpha,
            "iterations": self.iterations,
            "seed": self.seed,
            "num_threads": self.num_threads,
            "min_weight": self.min_weight,
        }

    def state(self) -> dict[str, npt.NDArray[Any]]:
        """User and item factors."""
        return {"user_factors": self.user_factors, "item_factors": self.item_factors}

    def set_state(self, arrays: dict[str, npt.NDArray[Any]]) -> None:
        """Restore factors."""
        self.user_factors = arrays["user_factors"]
        self.item_factors = arrays["item_factors"]
        self._moments = None
