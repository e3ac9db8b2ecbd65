"""Rating predictor: a stacked blend of Surprise models ("you would rate this ~8/10").

Fitting holds out a random fraction of the training ratings, fits every component on
the rest, learns ridge blend weights on the held-out part (features gated by user and
item support), then refits the components on all training ratings.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from recommender.base import RecommendationImpossible, Recommender
from recommender.data import FloatArray, IntArray, Interactions
from recommender.rating_models import (
    COMPONENTS,
    MAX_KNN_ITEMS,
    Arrays,
    History,
    RatingRow,
    blend_features,
    extract,
    fit_blend,
    make_algo,
    predict,
    trainset,
)
from recommender.sparse import csr_arrays, csr_from_arrays

#: Below this many ratings the blend is a plain average (too little data to stack).
MIN_STACKING_ROWS = 200


class RatingPredictor(Recommender):
    """Blend of baseline, SVD, SVD++ and item-KNN-baseline rating predictions."""

    kind = "rating"

    def __init__(
        self,
        components: Sequence[str] = COMPONENTS,
        holdout: float = 0.2,
        seed: int = 0,
    ) -> None:
        super().__init__()
        self.components = list(components)
        self.holdout = holdout
        self.seed = seed
        self.scale: tuple[float, float] = (1.0, 10.0)
        self.arrays: dict[str, Arrays] = {}
        self.blend: FloatArray = np.zeros(0)
        self.ratings: sp.csr_matrix = sp.csr_matrix((0, 0))
        self.item_counts: FloatArray = np.zeros(0)

    # ------------------------------------------------------------------ training
    def _fit(self, interactions: Interactions) -> None:
        self.scale = interactions.rating_scale
        has = np.isfinite(interactions.rating)
        rows = list(
            zip(
                interactions.user[has].tolist(),
                interactions.item[has].tolist(),
                interactions.rating[has].tolist(),
                strict=True,
            )
        )
        shape = interactions.shape
        if shape[1] > MAX_KNN_ITEMS and "knn_item" in self.components:
            self.components.remove("knn_item")
        self.blend = self._learn_blend(rows, shape)
        self.arrays = self._fit_components(rows, shape)
        self._set_ratings(_ratings_matrix(rows, shape))

    def _fit_components(
        self, rows: Sequence[RatingRow], shape: tuple[int, int]
    ) -> dict[str, Arrays]:
        data = trainset(rows, self.scale)
        out = {}
        for name in self.components:
            algo = make_algo(name, self.seed)
            algo.fit(data)
            out[name] = extract(name, algo, data, shape)
        return out

    def _learn_blend(self, rows: Sequence[RatingRow], shape: tuple[int, int]) -> FloatArray:
        n_features = 3 * len(self.components) + 3
        default = np.zeros(n_features)
        default[: len(self.components)] = 1.0 / len(self.components)
        if len(rows) < MIN_STACKING_ROWS:
            return default
        rng = np.random.default_rng(self.seed)
        held = np.zeros(len(rows), dtype=bool)
        held[rng.permutation(len(rows))[: int(len(rows) * self.holdout)]] = True
        fit_rows = [r for r, h in zip(rows, held, strict=True) if not h]
        held_rows = [r for r, h in zip(rows, held, strict=True) if h]
        self.arrays = self._fit_components(fit_rows, shape)
        self._set_ratings(_ratings_matrix(fit_rows, shape))
        users = np.array([r[0] for r in held_rows], dtype=np.int64)
        items = np.array([r[1] for r in held_rows], dtype=np.int64)
        features = self._features_for_pairs(users, items)
        target = np.array([r[2] for r in held_rows], dtype=np.float64)
        return fit_blend(features, target)

    def _set_ratings(self, ratings: sp.csr_matrix) -> None:
        self.ratings = ratings
        self.item_counts = np.bincount(ratings.indices, minlength=ratings.shape[1]).astype(float)

    # ---------------------------------------------------------------- prediction
    def _history(self, user: int) -> History:
        lo, hi = self.ratings.indptr[user], self.ratings.indptr[user + 1]
        return History(
            np.asarray(self.ratings.indices[lo:hi], dtype=np.int64),
            np.asarray(self.ratings.data[lo:hi], dtype=np.float64),
        )

    def _features(self, user: int, items: IntArray) -> FloatArray:
        hist = self._history(user)
        lo, hi = self.scale
        preds = np.column_stack(
            [
                np.clip(predict(name, self.arrays[name], user, items, hist), lo, hi)
                for name in self.components
            ]
        )
        user_counts = np.full(items.size, hist.items.size, dtype=np.float64)
        return blend_features(preds, user_counts, self.item_counts[items])

    def _features_for_pairs(self, users: IntArray, items: IntArray) -> FloatArray:
        out = np.zeros((users.size, 3 * len(self.components) + 3))
        order = np.argsort(users, kind="stable")
        bounds = np.flatnonzero(np.diff(users[order])) + 1
        for group in np.split(order, bounds):
            if group.size:
                out[group] = self._features(int(users[group[0]]), items[group])
        return out

    def predict_items(self, user: int, items: IntArray) -> FloatArray:
        """Predicted ratings (on the training rating scale) of `items` for `user`."""
        self.check_user(user)
        items = np.asarray(items, dtype=np.int64)
        if items.size and (items.min() < 0 or items.max() >= self.n_items):
            raise RecommendationImpossible("unknown item")
        lo, hi = self.scale
        return np.clip(self._features(user, items) @ self.blend, lo, hi)

    def predict(self, user: int, item: int) -> float:
        """Predicted rating of one item for one user, on the training rating scale."""
        self.check_item(item)
        return float(self.predict_items(user, np.array([item]))[0])

    def user_scores(self, user: int) -> FloatArray:
        """Predicted rating of every item."""
        return self.predict_items(user, np.arange(self.n_items))

    def item_scores(self, item: int) -> FloatArray:
        """Cosine similarity of SVD item factors (bias-free)."""
        name = next((c for c in ("svd", "svdpp") if c in self.arrays), None)
        if name is None:
            return np.zeros(self.n_items)
        q = self.arrays[name]["qi"].astype(np.float64)
        norms = np.linalg.norm(q, axis=1) + 1e-9
        return np.asarray(q @ (q[item] / norms[item]) / norms, dtype=np.float64)

    # ------------------------------------------------------------------ persistence
    def params(self) -> dict[str, Any]:
        """Constructor arguments."""
        return {"components": self.components, "holdout": self.holdout, "seed": self.seed}

    def state(self) -> dict[str, npt.NDArray[Any]]:
        """Component arrays, blend weights, training ratings and the scale."""
        out: dict[str, npt.NDArray[Any]] = {
            f"{name}__{key}": value
            for name, arrays in self.arrays.items()
            for key, value in arrays.items()
        }
        out.update(csr_arrays("ratings", self.ratings))
        out["blend"] = self.blend
        out["scale"] = np.array(self.scale)
        return out

    def set_state(self, arrays: dict[str, npt.NDArray[Any]]) -> None:
        """Restore everything written by `state`."""
        self.blend = arrays["blend"]
        lo, hi = (float(x) for x in arrays["scale"])
        self.scale = (lo, hi)
        self._set_ratings(csr_from_arrays("ratings", arrays, (self.n_users, self.n_items)))
        self.arrays = {name: {} for name in self.components}
        for key, value in arrays.items():
            name, sep, field = key.partition("__")
            if sep:
                self.arrays[name][field] = value


def _ratings_matrix(rows: Sequence[RatingRow], shape: tuple[int, int]) -> sp.csr_matrix:
    """User x item CSR of ratings (the last rating wins for duplicates)."""
    if not rows:
        return sp.csr_matrix(shape, dtype=np.float64)
    latest = {(u, i): r for u, i, r in rows}
    users, items = zip(*latest.keys(), strict=True)
    return sp.csr_matrix((list(latest.values()), (users, items)), shape=shape, dtype=np.float64)
