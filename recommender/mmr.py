"""Maximal Marginal Relevance re-ranking (Carbonell & Goldstein 1998)."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from recommender.data import FloatArray, IntArray


def pairwise_similarity(vectors: FloatArray | sp.csr_matrix, items: IntArray) -> FloatArray:
    """Cosine similarity between the given items' vectors (dense or sparse rows)."""
    if isinstance(vectors, np.ndarray):
        dense = np.asarray(vectors[items], dtype=np.float64)
    else:
        dense = np.asarray(vectors[items].toarray(), dtype=np.float64)
    norms = np.linalg.norm(dense, axis=1, keepdims=True)
    unit = dense / np.where(norms > 0, norms, 1.0)
    return np.asarray(unit @ unit.T, dtype=np.float64)


def mmr_rerank(relevance: FloatArray, similarity: FloatArray, n: int, lam: float) -> IntArray:
    """Greedy MMR order over candidates (positions into `relevance`).

    Each step picks argmax lam * rel(i) - (1 - lam) * max_{j selected} sim(i, j), with
    relevance min-max scaled to [0, 1]; lam = 1 keeps the relevance order.
    """
    size = relevance.size
    n = min(n, size)
    if lam >= 1.0 or size == 0:
        return np.argsort(-relevance, kind="stable")[:n].astype(np.int64)
    spread = relevance.max() - relevance.min()
    rel = (relevance - relevance.min()) / (spread if spread > 0 else 1.0)
    max_sim = np.zeros(size)
    available = np.ones(size, dtype=bool)
    chosen: list[int] = []
    for _ in range(n):
        gain = np.where(available, lam * rel - (1.0 - lam) * max_sim, -np.inf)
        pick = int(np.argmax(gain))
        chosen.append(pick)
        available[pick] = False
        max_sim = np.maximum(max_sim, similarity[pick])
    return np.asarray(chosen, dtype=np.int64)
