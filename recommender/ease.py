"""EASE (Steck 2019): a closed-form item-item linear autoencoder with a zero diagonal."""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp
from scipy.linalg import lapack

from recommender.base import Recommender
from recommender.data import FloatArray, IntArray, Interactions
from recommender.sparse import csr_arrays, csr_from_arrays

#: Above this catalog size the dense item x item matrix gets too large (n^2 floats).
MAX_ITEMS = 20_000
#: Above this catalog size the inversion runs in float32 (4x faster, ample precision).
FLOAT64_ITEMS = 4_000


class EASERecommender(Recommender):
    """Item-item weights B = argmin ||X - XB||^2 + lambda ||B||^2 with diag(B) = 0.

    `user_weight_power` > 0 down-weights heavy users in the Gram matrix (rows of X are
    divided by |items of u| ** power, and `l2` is rescaled to match). `recency` boosts
    each user's latest items when scoring (see `Interactions.matrix`); B is unchanged.
    """

    kind = "ease"

    def __init__(
        self,
        l2: float = 300.0,
        user_weight_power: float = 0.0,
        recency: float = 0.0,
        recency_decay: float = 0.8,
    ) -> None:
        super().__init__()
        self.l2 = l2
        self.user_weight_power = user_weight_power
        self.recency = recency
        self.recency_decay = recency_decay
        self.weights: npt.NDArray[np.float32] = np.zeros((0, 0), dtype=np.float32)
        self.profiles: sp.csr_matrix = sp.csr_matrix((0, 0))

    def _fit(self, interactions: Interactions) -> None:
        x = interactions.matrix()
        if x.shape[1] > MAX_ITEMS:
            raise ValueError(f"EASE needs a catalog of at most {MAX_ITEMS} items")
        self.weights = ease_weights(x, self.l2, self.user_weight_power)
        self.profiles = interactions.matrix(self.recency, self.recency_decay) if self.recency else x

    def user_scores(self, user: int) -> FloatArray:
        """x_u B."""
        row = self.profiles[user]
        return np.asarray(row @ self.weights, dtype=np.float64).ravel()

    def batch_scores(self, users: IntArray) -> FloatArray:
        """Scores for many users at once (rows follow `users`)."""
        return np.asarray(self.profiles[users] @ self.weights, dtype=np.float64)

    def profile_scores(self, items: IntArray, weights: FloatArray) -> FloatArray:
        """Scores for an ad-hoc weighted item profile."""
        return np.asarray(weights @ self.weights[items], dtype=np.float64)

    def item_scores(self, item: int) -> FloatArray:
        """Column `item` of B: how much `item` supports each other item."""
        return np.asarray(self.weights[item], dtype=np.float64)

    def params(self) -> dict[str, Any]:
        """Constructor arguments."""
        return {
            "l2": self.l2,
            "user_weight_power": self.user_weight_power,
            "recency": self.recency,
            "recency_decay": self.recency_decay,
        }

    def state(self) -> dict[str, npt.NDArray[Any]]:
        """B and the user profiles."""
        return {"weights": self.weights, **csr_arrays("pr", self.profiles)}

    def set_state(self, arrays: dict[str, npt.NDArray[Any]]) -> None:
        """Restore B and the user profiles."""
        self.weights = arrays["weights"]
        self.profiles = csr_from_arrays("pr", arrays, (self.n_users, self.weights.shape[0]))


def ease_weights(
    x: sp.csr_matrix, l2: float, user_weight_power: float = 0.0
) -> npt.NDArray[np.float32]:
    """Closed-form EASE item-item matrix for user x item matrix `x`.

    With `user_weight_power`, `l2` is rescaled by the shrinkage of the Gram diagonal so
    the same `l2` values stay meaningful whatever the power.
    """
    if user_weight_power:
        counts = np.maximum(np.diff(x.indptr), 1).astype(np.float64)
        before = float(x.multiply(x).sum())
        x = sp.diags(counts**-user_weight_power) @ x
        l2 *= float(x.multiply(x).sum()) / max(before, 1e-12)
    dtype = np.float64 if x.shape[1] <= FLOAT64_ITEMS else np.float32
    gram: npt.NDArray[np.floating[Any]] = np.asarray((x.T @ x).toarray(), dtype=dtype)
    gram[np.diag_indices_from(gram)] += l2
    inverse = spd_inverse(gram)
    weights = inverse / -np.diag(inverse)
    np.fill_diagonal(weights, 0.0)
    return weights.astype(np.float32)


def spd_inverse(matrix: npt.NDArray[np.floating[Any]]) -> npt.NDArray[np.floating[Any]]:
    """Inverse of a symmetric positive-definite matrix via Cholesky (about 2x np.linalg.inv)."""
    single = matrix.dtype == np.float32
    factor, info = (lapack.spotrf if single else lapack.dpotrf)(matrix, lower=True)
    if info != 0:
        return np.asarray(np.linalg.inv(matrix))
    inverse, info = (lapack.spotri if single else lapack.dpotri)(factor, lower=True)
    lower = np.tril(inverse)
    return np.asarray(lower + np.tril(lower, -1).T)
