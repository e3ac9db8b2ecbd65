"""`recommender.evaluate.fit_and_rank`: shape, exclusion, cold start, scales."""

from __future__ import annotations

import numpy as np
import pytest

from recommender.evaluate import fit_and_rank

GENRES = ("Drama", "Comedy", "Horror", "Action")


def _world(
    scale: float,
) -> tuple[list[tuple[str, str, float, int]], list[tuple[str, str, int | None, tuple[str, ...]]]]:
    rng = np.random.default_rng(3)
    items: list[tuple[str, str, int | None, tuple[str, ...]]] = [
        (f"m{k}", f"Movie {k}", 1990 + k % 10, (GENRES[k % 4],)) for k in range(40)
    ]
    train = []
    for u in range(30):
        liked = rng.choice(np.arange(u % 4, 36, 4), size=6, replace=False)
        for t, k in enumerate(liked):
            rating = float(rng.integers(3, 6)) * scale / 5.0
            train.append((f"u{u}", f"m{k}", rating, 1000 * u + t))
    return train, items  # items m36..m39 have no ratings at all


@pytest.mark.parametrize("scale", [5.0, 10.0])
def test_shape_exclusion_and_cold_start(scale: float) -> None:
    train, items = _world(scale)
    users = ["u0", "u7", "stranger"]
    ranked = fit_and_rank(train, items, users, 5)
    assert list(ranked) == users
    for user in users:
        assert len(ranked[user]) == 5
        assert len(set(ranked[user])) == 5
        assert set(ranked[user]) <= {item for item, *_ in items}
    for user in ("u0", "u7"):
        seen = {i for u, i, _, _ in train if u == user}
        assert not seen & set(ranked[user])
    counts: dict[str, int] = {}
    for _, item, _, _ in train:
        counts[item] = counts.get(item, 0) + 1
    most_popular = sorted(counts, key=lambda i: (-counts[i], int(i[1:])))[:5]
    assert set(ranked["stranger"]) == set(most_popular)


def test_items_without_ratings_are_rankable() -> None:
    train, items = _world(5.0)
    ranked = fit_and_rank(train, items, ["u1"], 100)
    assert len(ranked["u1"]) == 40 - 6  # every item but the user's six
    assert {"m36", "m37", "m38", "m39"} <= set(ranked["u1"])
