"""Validation carving used by the hybrid's tuning and the offline baselines."""

from __future__ import annotations

import numpy as np

from recommender.data import Interactions
from recommender.tuning import TuningConfig, carve_folds


def _dense_world(users: int = 12, items: int = 30, per_user: int = 20) -> Interactions:
    """Every user rates `per_user` distinct items, all 5 stars (all relevant if held out)."""
    rng = np.random.default_rng(3)
    rows = [
        (f"u{u}", f"i{i}", 5.0, 1000 + k)
        for u in range(users)
        for k, i in enumerate(rng.choice(items, per_user, replace=False).tolist())
    ]
    return Interactions.from_ratings(rows)


def test_random_carving_holds_out_a_tenth_in_four_folds() -> None:
    data = _dense_world()
    folds = carve_folds(data, TuningConfig())
    assert len(folds) == 4
    held_sets = []
    for val in folds:
        assert len(val.sub) == len(data) - 2 * 12  # round(0.1 * 20) = 2 per user
        assert val.relevant.sum() == 2 * 12
        assert not (val.blocked & (val.relevant.toarray() > 0)).any()
        held_sets.append(frozenset(zip(*val.relevant.nonzero(), strict=True)))
    assert len(set(held_sets)) == 4  # one seed per fold


def test_temporal_carving_is_a_single_fold_of_recent_events() -> None:
    data = _dense_world()
    (val,) = carve_folds(data, TuningConfig(validation="temporal", recent=3))
    assert len(val.sub) == len(data) - 3 * 12
    assert int(val.sub.timestamp.max()) == 1000 + 16  # the 3 newest of 0..19 held out
