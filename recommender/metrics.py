"""Top-N ranking metrics with binary relevance (Precision, Recall, NDCG, HitRate, coverage)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from recommender.data import FloatArray, IntArray


def dcg_discounts(k: int) -> FloatArray:
    """1 / log2(rank + 1) for ranks 1..k."""
    return 1.0 / np.log2(np.arange(2, k + 2))


def ndcg_at_k(ranked: Sequence[int], relevant: set[int], k: int = 10) -> float:
    """NDCG@k; the ideal DCG places min(|relevant|, k) hits first."""
    if not relevant:
        return 0.0
    disc = dcg_discounts(k)
    gains = np.array([1.0 if i in relevant else 0.0 for i in ranked[:k]])
    ideal = disc[: min(len(relevant), k)].sum()
    return float((gains * disc[: gains.size]).sum() / ideal)


def precision_at_k(ranked: Sequence[int], relevant: set[int], k: int = 10) -> float:
    """Share of the k slots holding a relevant item."""
    return sum(1 for i in ranked[:k] if i in relevant) / k


def recall_at_k(ranked: Sequence[int], relevant: set[int], k: int = 10) -> float:
    """Share of relevant items found in the top k."""
    if not relevant:
        return 0.0
    return sum(1 for i in ranked[:k] if i in relevant) / len(relevant)


def hit_at_k(ranked: Sequence[int], relevant: set[int], k: int = 10) -> float:
    """1 if any relevant item is in the top k."""
    return 1.0 if any(i in relevant for i in ranked[:k]) else 0.0


def coverage(rankings: Iterable[Sequence[int]], n_items: int, k: int = 10) -> float:
    """Distinct items appearing in any top-k list, over the catalog size."""
    seen = {i for ranked in rankings for i in ranked[:k]}
    return len(seen) / n_items if n_items else 0.0


@dataclass(frozen=True, slots=True)
class Metrics:
    """Mean metrics over evaluated users."""

    precision: float
    recall: float
    ndcg: float
    hit_rate: float
    coverage: float
    users: int


def evaluate_rankings(
    rankings: Mapping[int, Sequence[int]],
    relevant: Mapping[int, set[int]],
    n_items: int,
    k: int = 10,
) -> Metrics:
    """Average metrics over users with at least one relevant item (others skipped)."""
    users = [u for u, rel in relevant.items() if rel]
    rows = np.array(
        [
            [
                precision_at_k(rankings.get(u, []), relevant[u], k),
                recall_at_k(rankings.get(u, []), relevant[u], k),
                ndcg_at_k(rankings.get(u, []), relevant[u], k),
                hit_at_k(rankings.get(u, []), relevant[u], k),
            ]
            for u in users
        ]
    ).reshape(-1, 4)
    means = rows.mean(axis=0) if users else np.zeros(4)
    cov = coverage((rankings.get(u, []) for u in users), n_items, k)
    p, r, n, h = (float(m) for m in means)
    return Metrics(p, r, n, h, coverage=cov, users=len(users))


def batch_ndcg(top: IntArray, relevant: sp.csr_matrix, k: int = 10) -> FloatArray:
    """Per-row NDCG@k of a (users x k) array of item ids against a binary relevance CSR."""
    hits = np.asarray(relevant[np.arange(top.shape[0])[:, None], top[:, :k]].toarray() > 0)
    disc = dcg_discounts(k)
    n_rel = np.minimum(np.diff(relevant.indptr), k)
    ideal = np.concatenate([[1.0], np.cumsum(disc)])[n_rel]
    return np.asarray((hits * disc[: hits.shape[1]]).sum(axis=1) / ideal, dtype=np.float64)


def batch_top_k(scores: FloatArray, k: int) -> IntArray:
    """Row-wise indices of the k highest scores, best first (-inf entries last)."""
    k = min(k, scores.shape[1])
    part = np.argpartition(-scores, k - 1, axis=1)[:, :k]
    order = np.argsort(-np.take_along_axis(scores, part, axis=1), axis=1, kind="stable")
    return np.asarray(np.take_along_axis(part, order, axis=1), dtype=np.int64)
