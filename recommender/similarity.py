"""Sparse top-k cosine similarity between row vectors, computed in bounded blocks."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from sklearn.preprocessing import normalize

from recommender.data import FloatArray, IntArray

BLOCK_ROWS = 512


def topk_cosine(vectors: sp.csr_matrix, k: int, shrink: float = 0.0) -> sp.csr_matrix:
    """Row i holds the `k` rows most cosine-similar to row i (self excluded).

    Memory stays at O(BLOCK_ROWS x n_rows) dense floats whatever the catalog size.
    `shrink` damps similarities supported by few co-occurrences: sim * n / (n + shrink).
    """
    unit = normalize(vectors.astype(np.float32), norm="l2", axis=1).tocsr()
    binary = (vectors != 0).astype(np.float32).tocsr() if shrink else None
    n = unit.shape[0]
    rows: list[IntArray] = []
    cols: list[IntArray] = []
    vals: list[FloatArray] = []
    for start in range(0, n, BLOCK_ROWS):
        stop = min(start + BLOCK_ROWS, n)
        block = np.asarray((unit[start:stop] @ unit.T).toarray(), dtype=np.float32)
        if binary is not None:
            support = np.asarray((binary[start:stop] @ binary.T).toarray(), dtype=np.float32)
            block *= support / (support + shrink)
        block[np.arange(stop - start), np.arange(start, stop)] = 0.0
        r, c, v = block_topk(block, k)
        rows.append(r + start)
        cols.append(c)
        vals.append(v)
    data = np.concatenate(vals) if vals else np.zeros(0)
    row = np.concatenate(rows) if rows else np.zeros(0, dtype=np.int64)
    col = np.concatenate(cols) if cols else np.zeros(0, dtype=np.int64)
    return sp.csr_matrix((data.astype(np.float32), (row, col)), shape=(n, n))


def block_topk(block: np.ndarray, k: int) -> tuple[IntArray, IntArray, FloatArray]:
    """(row, col, value) of the k largest positive entries of each row of `block`."""
    k = min(k, block.shape[1])
    if k < block.shape[1]:
        idx = np.argpartition(-block, k - 1, axis=1)[:, :k]
    else:
        idx = np.tile(np.arange(block.shape[1]), (block.shape[0], 1))
    values = np.take_along_axis(block, idx, axis=1)
    rows = np.repeat(np.arange(block.shape[0]), idx.shape[1])
    keep = values.ravel() > 0
    return (
        rows[keep].astype(np.int64),
        idx.ravel()[keep].astype(np.int64),
        values.ravel()[keep].astype(np.float64),
    )
