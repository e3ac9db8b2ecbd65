"""Group recommendations: average without misery."""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt
import pytest

from recommender.base import RecommendationImpossible, Recommender
from recommender.data import FloatArray, IdIndex, Interactions
from recommender.group import group_recommend, percentile_ranks
from recommender.reasons import ReasonKind

# Fixed scores for 3 users over 6 items. Item 0 is everyone's decent choice; item 1 is
# Ann's favourite but Bob hates it (misery); item 5 has been seen by Cid.
SCORES = np.array(
    [
        [0.8, 1.0, 0.1, 0.5, 0.2, 0.9],  # ann
        [0.9, 0.0, 0.2, 0.6, 0.3, 0.8],  # bob
        [0.7, 0.6, 0.3, 0.9, 0.1, 0.0],  # cid
    ]
)


class FixedScores(Recommender):
    """A stub whose scores are SCORES and whose seen items are given."""

    kind = "fixed"

    def _fit(self, interactions: Interactions) -> None:
        return None

    def user_scores(self, user: int) -> FloatArray:
        return np.array(SCORES[user], dtype=np.float64)

    def item_scores(self, item: int) -> FloatArray:
        return np.array(SCORES[:, item], dtype=np.float64)

    def params(self) -> dict[str, Any]:
        return {}

    def state(self) -> dict[str, npt.NDArray[Any]]:
        return {}

    def set_state(self, arrays: dict[str, npt.NDArray[Any]]) -> None:
        return None


@pytest.fixture
def model() -> FixedScores:
    data = Interactions.from_ratings(
        [("ann", "i4", 5.0, 0), ("bob", "i4", 5.0, 0), ("cid", "i5", 5.0, 0)]
        + [("zed", f"i{k}", 5.0, 0) for k in range(6)],
        items=IdIndex(f"i{k}" for k in range(6)),
    )
    fitted = FixedScores().fit(data)
    return fitted


def test_percentile_ranks() -> None:
    ranks = percentile_ranks(np.array([3.0, -np.inf, 1.0, 2.0]))
    assert ranks.tolist() == [1.0, -np.inf, 0.0, 0.5]


def test_average_without_misery(model: FixedScores) -> None:
    names = {0: "Ann", 1: "Bob", 2: "Cid"}
    recs = group_recommend(model, [0, 1, 2], n=5, misery=0.3, names=names)
    items = [r.item for r in recs]
    assert 1 not in items  # Bob's misery
    assert 4 not in items and 5 not in items  # seen by a member
    assert items[0] == 0
    reason = recs[0].reason
    assert reason is not None and reason.kind is ReasonKind.GROUP_FIT
    assert reason.params["members"][0] == "Bob"
    assert reason.text().startswith("Suits Bob")


def test_without_misery_threshold_plain_average(model: FixedScores) -> None:
    recs = group_recommend(model, [0, 1, 2], n=5, misery=0.0)
    assert 1 in [r.item for r in recs]


def test_seen_by_others_allowed_when_asked(model: FixedScores) -> None:
    recs = group_recommend(model, [0, 1], n=5, misery=0.0, exclude_seen_by_any=False)
    assert 4 not in [r.item for r in recs]  # both saw item 4
    recs = group_recommend(model, [0, 2], n=5, misery=0.0, exclude_seen_by_any=False)
    assert 5 not in [r.item for r in recs]  # Cid saw item 5: still not for Cid


def test_unknown_member_raises(model: FixedScores) -> None:
    with pytest.raises(RecommendationImpossible):
        group_recommend(model, [0, 99])
    assert group_recommend(model, []) == []
