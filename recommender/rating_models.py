"""Surprise rating models, trained by Surprise and served by vectorised numpy.

Surprise predicts one (user, item) pair per Python call, far too slow for ranking a
catalog. After fitting, each model's learned arrays are copied out, re-indexed to our
inner ids, and predictions for a user over many items are computed in numpy with the
same formulas as Surprise (`BaselineOnly`, `SVD`, `SVDpp`, item-based `KNNBaseline`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from surprise import SVD, AlgoBase, BaselineOnly, Dataset, KNNBaseline, Reader, SVDpp, Trainset

from recommender.data import FloatArray, IntArray

Arrays = dict[str, npt.NDArray[Any]]
RatingRow = tuple[int, int, float]

#: Components of the blended rating predictor, by name.
COMPONENTS = ("baseline", "svd", "svdpp", "knn_item")
#: Item-item similarities are dense: skip KNN above this catalog size.
MAX_KNN_ITEMS = 20_000


def make_algo(name: str, seed: int) -> AlgoBase:
    """A fresh Surprise algorithm for a component name."""
    bsl = {"method": "als", "n_epochs": 20, "reg_u": 15, "reg_i": 10}
    if name == "baseline":
        return BaselineOnly(bsl_options=bsl, verbose=False)
    if name == "svd_default":
        return SVD(random_state=seed)
    if name == "svd":
        return SVD(n_factors=100, n_epochs=40, lr_all=0.007, reg_all=0.08, random_state=seed)
    if name == "svdpp":
        return SVDpp(random_state=seed, cache_ratings=True)
    if name == "knn_item":
        sim = {"name": "pearson_baseline", "user_based": False}
        return KNNBaseline(k=40, sim_options=sim, bsl_options=bsl, verbose=False)
    raise ValueError(f"unknown rating component {name!r}")


def trainset(rows: Sequence[RatingRow], scale: tuple[float, float]) -> Trainset:
    """Surprise trainset whose raw ids are our inner ids."""
    reader = Reader(rating_scale=scale)
    return Dataset(reader).construct_trainset([(u, i, r, None) for u, i, r in rows])


def _spread(
    values: npt.NDArray[Any], mapping: dict[Any, int], size: int
) -> npt.NDArray[np.float64]:
    """Re-index rows of `values` (Surprise inner ids) to our inner ids 0..size-1."""
    out = np.zeros((size, *values.shape[1:]), dtype=np.float64)
    if mapping:
        ours = np.fromiter(mapping.keys(), dtype=np.int64)
        theirs = np.fromiter(mapping.values(), dtype=np.int64)
        out[ours] = values[theirs]
    return out


def extract(name: str, algo: AlgoBase, data: Trainset, shape: tuple[int, int]) -> Arrays:
    """Learned arrays of a fitted algorithm, indexed by our inner ids."""
    users, items = data._raw2inner_id_users, data._raw2inner_id_items
    n_users, n_items = shape
    arrays: Arrays = {
        "mu": np.array(data.global_mean),
        "bu": _spread(np.asarray(algo.bu), users, n_users),
        "bi": _spread(np.asarray(algo.bi), items, n_items),
    }
    if name in ("svd", "svdpp"):
        arrays["pu"] = _spread(np.asarray(algo.pu), users, n_users).astype(np.float32)
        arrays["qi"] = _spread(np.asarray(algo.qi), items, n_items).astype(np.float32)
    if name == "svdpp":
        arrays["yj"] = _spread(np.asarray(algo.yj), items, n_items).astype(np.float32)
    if name == "knn_item":
        sim = _spread(np.asarray(algo.sim), items, n_items)
        arrays["sim"] = _spread(sim.T, items, n_items).T.astype(np.float32)
        arrays["k"] = np.array(algo.k)
    return arrays


@dataclass(slots=True)
class History:
    """A user's training ratings: items and ratings."""

    items: IntArray
    ratings: FloatArray


def predict(name: str, arrays: Arrays, user: int, items: IntArray, hist: History) -> FloatArray:
    """Predicted ratings of `items` for `user` (unclipped), as Surprise would compute."""
    base = float(arrays["mu"]) + arrays["bu"][user] + arrays["bi"][items]
    if name == "baseline":
        return np.asarray(base, dtype=np.float64)
    if name == "svd":
        return np.asarray(base + arrays["qi"][items] @ arrays["pu"][user], dtype=np.float64)
    if name == "svdpp":
        factors = arrays["pu"][user].astype(np.float64)
        if hist.items.size:
            implicit = arrays["yj"][hist.items].sum(axis=0) / np.sqrt(hist.items.size)
            factors = factors + implicit
        return np.asarray(base + arrays["qi"][items] @ factors, dtype=np.float64)
    if name == "knn_item":
        return np.asarray(base + _knn_offset(arrays, user, items, hist), dtype=np.float64)
    raise ValueError(f"unknown rating component {name!r}")


def _knn_offset(arrays: Arrays, user: int, items: IntArray, hist: History) -> FloatArray:
    """Similarity-weighted mean residual over each item's k most similar rated items."""
    if hist.items.size == 0:
        return np.zeros(items.size)
    k = int(arrays["k"])
    resid = hist.ratings - (float(arrays["mu"]) + arrays["bu"][user] + arrays["bi"][hist.items])
    sim = arrays["sim"][np.ix_(items, hist.items)].astype(np.float64)
    if hist.items.size > k:
        top = np.argpartition(-sim, k - 1, axis=1)[:, :k]
        sim = np.take_along_axis(sim, top, axis=1)
        resid_k = resid[top]
    else:
        resid_k = np.broadcast_to(resid, sim.shape)
    sim = np.where(sim > 0, sim, 0.0)
    total = sim.sum(axis=1)
    weighted = (sim * resid_k).sum(axis=1)
    out: FloatArray = np.divide(weighted, total, out=np.zeros_like(total), where=total != 0)
    return out


def blend_features(
    preds: FloatArray, user_counts: FloatArray, item_counts: FloatArray
) -> FloatArray:
    """Stacking features: each prediction, gated by log user/item support, plus offsets.

    `preds` is (n_pairs, n_components); the gating lets the blend trust neighbourhood
    models more for well-supported items and factor models more for heavy users.
    """
    lu = (np.log1p(user_counts) - 4.0) / 2.0
    li = (np.log1p(item_counts) - 4.0) / 2.0
    ones = np.ones_like(lu)
    return np.column_stack([preds, preds * lu[:, None], preds * li[:, None], lu, li, ones]).astype(
        np.float64
    )


def fit_blend(features: FloatArray, target: FloatArray, ridge: float = 1.0) -> FloatArray:
    """Ridge least-squares blend weights."""
    gram = features.T @ features + ridge * np.eye(features.shape[1])
    return np.asarray(np.linalg.solve(gram, features.T @ target), dtype=np.float64)
