"""Synthetic interaction data for the recommender benchmarks (clustered, Zipf popularity)."""

from __future__ import annotations

import numpy as np

from recommender.data import IdIndex, Interactions


def synthetic_interactions(
    n_interactions: int, n_users: int, n_items: int, clusters: int = 32, seed: int = 0
) -> Interactions:
    """Users mostly pick items of their own taste cluster, popular items more often."""
    rng = np.random.default_rng(seed)
    user = rng.integers(0, n_users, n_interactions)
    user_cluster = rng.integers(0, clusters, n_users)
    item_cluster = rng.integers(0, clusters, n_items)
    by_cluster = [np.flatnonzero(item_cluster == c) for c in range(clusters)]
    zipf = rng.zipf(1.3, n_interactions)
    own = rng.random(n_interactions) < 0.75
    item = np.empty(n_interactions, dtype=np.int64)
    item[~own] = (zipf[~own] - 1) % n_items
    for c in range(clusters):
        rows = np.flatnonzero(own & (user_cluster[user] == c))
        pool = by_cluster[c]
        item[rows] = pool[(zipf[rows] - 1) % pool.size]
    match = item_cluster[item] == user_cluster[user]
    rating = np.clip(np.round(rng.normal(np.where(match, 4.2, 2.8), 0.8)), 1, 5)
    weights = np.interp((rating - 1) / 4, (0.0, 0.25, 0.5, 0.75, 1.0), (0.0, 0.3, 0.6, 1.0, 1.5))
    return Interactions(
        user=user,
        item=item,
        weight=weights,
        timestamp=rng.integers(0, 30 * 86_400, n_interactions),
        rating=rating,
        users=IdIndex(f"u{k}" for k in range(n_users)),
        items=IdIndex(f"i{k}" for k in range(n_items)),
        rating_scale=(1.0, 5.0),
    )
