"""Reasons for hybrid recommendations: which history item supports each result most."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from recommender.als import ALSRecommender
from recommender.base import Recommender
from recommender.content import ContentRecommender
from recommender.data import FloatArray, IntArray
from recommender.ease import EASERecommender
from recommender.filters import Catalog
from recommender.itemknn import ItemKNNRecommender
from recommender.reasons import POPULAR, Reason, because_you_liked


def support_matrix(
    components: Mapping[str, Recommender], history: IntArray, chosen: IntArray
) -> FloatArray | None:
    """(len(history) x len(chosen)) item-item support from the cheapest informative model.

    Dense slices (EASE weights, ALS factor cosines) come first: they cost microseconds.
    """
    for model in components.values():
        if isinstance(model, EASERecommender):
            return np.asarray(model.weights[np.ix_(history, chosen)], dtype=np.float64)
    for model in components.values():
        if isinstance(model, ALSRecommender):
            hist = model.item_factors[history].astype(np.float64)
            cand = model.item_factors[chosen].astype(np.float64)
            norms = np.linalg.norm(hist, axis=1)[:, None] * np.linalg.norm(cand, axis=1)
            return np.asarray((hist @ cand.T) / np.maximum(norms, 1e-9))
    for model in components.values():
        if isinstance(model, ItemKNNRecommender):
            return np.asarray(model.scorer[history][:, chosen].toarray(), dtype=np.float64)
    for model in components.values():
        if isinstance(model, ContentRecommender):
            sims = model.vectors[history] @ model.vectors[chosen].T
            return np.asarray(sims.toarray(), dtype=np.float64)
    return None


def anchor_reasons(
    components: Mapping[str, Recommender],
    history: IntArray,
    weights: FloatArray,
    chosen: IntArray,
    catalog: Catalog,
) -> list[Reason]:
    """A "Because you liked X" reason per chosen item, X being its largest supporter."""
    if history.size == 0 or chosen.size == 0:
        return [POPULAR] * int(chosen.size)
    support = support_matrix(components, history, chosen)
    if support is None:
        return [POPULAR] * int(chosen.size)
    contrib = support * weights[:, None]
    best = np.argmax(contrib, axis=0)
    reasons = []
    for col, row in enumerate(best.tolist()):
        if contrib[row, col] > 0:
            anchor = int(history[row])
            reasons.append(because_you_liked(anchor, catalog.title(anchor)))
        else:
            reasons.append(POPULAR)
    return reasons
