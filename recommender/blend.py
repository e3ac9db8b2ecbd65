"""Score blending: per-user normalisation and validation-tuned blend weights."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from recommender.data import FloatArray
from recommender.metrics import batch_ndcg, batch_top_k

#: Weight values tried for each component during coordinate ascent.
WEIGHT_GRID: tuple[float, ...] = (0.0, 0.05, 0.1, 0.2, 0.35, 0.5, 0.75, 1.0, 1.5, 2.0)


def normalise(scores: FloatArray, blocked: npt.NDArray[np.bool_] | None = None) -> FloatArray:
    """Z-score each row over its non-blocked entries (blocked entries become 0).

    Works on one score vector or a (users x items) matrix.
    """
    matrix = np.atleast_2d(np.asarray(scores, dtype=np.float64))
    if blocked is None:
        mean = matrix.mean(axis=1, keepdims=True)
        std = matrix.std(axis=1, keepdims=True)
        out = (matrix - mean) / np.where(std > 0, std, 1.0)
    else:
        block = np.atleast_2d(blocked)
        open_ = ~block
        count = np.maximum(open_.sum(axis=1, keepdims=True), 1)
        mean = np.where(open_, matrix, 0.0).sum(axis=1, keepdims=True) / count
        var = np.where(open_, (matrix - mean) ** 2, 0.0).sum(axis=1, keepdims=True) / count
        std = np.sqrt(var)
        out = np.where(open_, (matrix - mean) / np.where(std > 0, std, 1.0), 0.0)
    result: FloatArray = out if np.ndim(scores) == 2 else out[0]
    return result


def combine(normalised: Mapping[str, FloatArray], weights: Mapping[str, float]) -> FloatArray:
    """Weighted sum of normalised score arrays (components with weight 0 skipped)."""
    total: FloatArray | None = None
    for name, weight in weights.items():
        if weight and name in normalised:
            part = weight * normalised[name]
            total = part if total is None else total + part
    if total is None:
        first = next(iter(normalised.values()))
        return np.zeros_like(first)
    return total


def validation_ndcg(
    blended: FloatArray, blocked: npt.NDArray[np.bool_], relevant: sp.csr_matrix, k: int = 10
) -> float:
    """Mean NDCG@k over rows of `relevant` with at least one relevant item."""
    users = np.flatnonzero(np.diff(relevant.indptr) > 0)
    scores = np.where(blocked[users], -np.inf, blended[users])
    return float(batch_ndcg(batch_top_k(scores, k), relevant[users], k).mean())


def tune_weights(
    normalised: Mapping[str, FloatArray],
    blocked: npt.NDArray[np.bool_],
    relevant: sp.csr_matrix,
    start: Mapping[str, float],
    grid: Sequence[float] = WEIGHT_GRID,
    rounds: int = 2,
) -> tuple[dict[str, float], float]:
    """Coordinate ascent on blend weights maximising validation NDCG@10.

    `normalised` maps component names to (users x items) normalised scores of a model
    fitted on the training part; `relevant` is the validation relevance (users x items).
    The first component of `start` is the anchor and keeps weight 1.
    """
    weights = {name: float(w) for name, w in start.items() if name in normalised}
    best = validation_ndcg(combine(normalised, weights), blocked, relevant)
    anchor = next(iter(weights))
    for _ in range(rounds):
        improved = False
        for name in weights:
            if name == anchor:
                continue
            for value in grid:
                trial = {**weights, name: value}
                score = validation_ndcg(combine(normalised, trial), blocked, relevant)
                if score > best + 1e-6:
                    best, weights, improved = score, trial, True
        if not improved:
            break
    return weights, best
