"""Per-user train/test splits: random fraction (protocol A) or most recent k (protocol B)."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from recommender.data import IntArray

BoolArray = npt.NDArray[np.bool_]


def _user_groups(user: IntArray, order: IntArray) -> list[IntArray]:
    """Row indices of each user's events, in `order`, grouped by user."""
    ordered_users = user[order]
    bounds = np.flatnonzero(np.diff(ordered_users)) + 1
    return [g for g in np.split(order, bounds) if g.size]


def random_split(user: IntArray, fraction: float = 0.2, seed: int = 0) -> BoolArray:
    """Test mask holding round(fraction * n_u) random events of every user (users sorted)."""
    rng = np.random.default_rng(seed)
    test = np.zeros(user.size, dtype=bool)
    for rows in _user_groups(user, np.argsort(user, kind="stable")):
        n_test = round(fraction * rows.size)
        test[rows[rng.permutation(rows.size)[:n_test]]] = True
    return test


def temporal_split(
    user: IntArray, timestamp: IntArray, k: int = 10, tiebreak: IntArray | None = None
) -> BoolArray:
    """Test mask holding each user's `k` most recent events.

    Events with equal timestamps are ordered by `tiebreak` (e.g. the item id; larger
    counts as newer), then by row order. A user always keeps at least one training event.
    """
    test = np.zeros(user.size, dtype=bool)
    rows = np.arange(user.size)
    order = np.lexsort((rows, rows if tiebreak is None else tiebreak, timestamp, user))
    for rows in _user_groups(user, order):
        n_test = min(k, rows.size - 1)
        test[rows[rows.size - n_test :]] = n_test > 0
    return test
