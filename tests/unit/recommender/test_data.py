"""Id mapping, event weighting and matrix helpers."""

from __future__ import annotations

import numpy as np
import pytest

from recommender.data import Event, EventKind, EventWeights, IdIndex, Interactions, max_csr
from recommender.splits import random_split, temporal_split


def test_id_index_round_trip() -> None:
    index = IdIndex(["b", "a"])
    assert index.add("b") == 0
    assert index.add("c") == 2
    assert index.raw(1) == "a"
    assert index.get("zz") is None
    assert "c" in index
    assert len(index) == 3
    assert index.encode(["a", "d"]).tolist() == [1, 3]


def test_events_get_configured_weights_and_ratings_on_target_scale() -> None:
    weights = EventWeights(watch=0.7, list_add=0.4)
    events = [
        Event("u", "a", EventKind.RATING, 1, 10.0, (1.0, 10.0)),
        Event("u", "b", EventKind.RATING, 2, 1.0, (1.0, 5.0)),
        Event("u", "c", EventKind.WATCH, 3),
        Event("u", "d", EventKind.LIST_ADD, 4),
        Event("u", "e", EventKind.NOT_INTERESTED, 5),
    ]
    data = Interactions.from_events(events, weights, rating_scale=(1.0, 5.0))
    assert data.weight.tolist() == pytest.approx([1.5, 0.0, 0.7, 0.4, -1.0])
    assert data.rating[:2].tolist() == pytest.approx([5.0, 1.0])
    assert np.isnan(data.rating[2:]).all()
    assert data.negatives() == {0: {4}}
    matrix = data.matrix()
    assert sorted(matrix.indices.tolist()) == [0, 2, 3]  # zero and negative weights dropped
    assert data.binary().nnz == 5


def test_rating_weights_follow_scale_position() -> None:
    weights = EventWeights()
    assert weights.rating(4.0, (1.0, 5.0)) == pytest.approx(1.0)
    assert weights.rating(8.5, (1.0, 10.0)) == pytest.approx(
        weights.rating(4.0, (1.0, 5.0)) + 0.1667, abs=1e-3
    )


def test_rating_event_requires_value() -> None:
    with pytest.raises(ValueError, match="without a value"):
        Interactions.from_events([Event("u", "a", EventKind.RATING)])


def test_duplicates_keep_the_largest_weight() -> None:
    m = max_csr(np.array([0, 0, 1]), np.array([2, 2, 0]), np.array([0.5, 1.5, 1.0]), (2, 3))
    assert m[0, 2] == pytest.approx(1.5)
    assert m.nnz == 2


def test_recency_boost_favours_latest_items() -> None:
    data = Interactions.from_ratings([("u", "a", 4.0, 1), ("u", "b", 4.0, 2), ("u", "c", 4.0, 2)])
    assert data.recency_ranks().tolist() == [2, 1, 0]  # ties: larger item id is newer
    boosted = data.matrix(recency=1.0, recency_decay=0.5).toarray()[0]
    assert boosted.tolist() == pytest.approx([1.25, 1.5, 2.0])


def test_random_split_fraction_and_seed() -> None:
    users = np.repeat(np.arange(4), 10)
    test = random_split(users, 0.2, seed=0)
    assert np.bincount(users[test]).tolist() == [2, 2, 2, 2]
    assert (random_split(users, 0.2, seed=0) == test).all()


def test_temporal_split_keeps_most_recent_and_one_training_event() -> None:
    users = np.array([0, 0, 0, 1, 1])
    stamps = np.array([5, 1, 9, 3, 3])
    test = temporal_split(users, stamps, 2, tiebreak=np.array([0, 0, 0, 7, 2]))
    assert test.tolist() == [True, False, True, True, False]
