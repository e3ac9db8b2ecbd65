"""One contract every recommender model must honour (modelled on implicit's tests)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from recommender.als import ALSRecommender
from recommender.base import RecommendationImpossible, Recommender
from recommender.content import ContentRecommender
from recommender.data import Interactions
from recommender.ease import EASERecommender
from recommender.hybrid import HybridRecommender
from recommender.itemknn import ItemKNNRecommender
from recommender.popularity import PopularityRecommender
from recommender.rating import RatingPredictor
from recommender.rp3beta import RP3BetaRecommender
from recommender.trending import TrendingRecommender
from tests.unit.recommender.conftest import checkerboard_meta

FACTORIES: dict[str, Callable[[], Recommender]] = {
    "popularity": PopularityRecommender,
    "itemknn": lambda: ItemKNNRecommender(k=10),
    "ease": lambda: EASERecommender(l2=1.0),
    "als": lambda: ALSRecommender(factors=4, regularization=0.1, iterations=20, seed=7),
    "rp3beta": RP3BetaRecommender,
    "content": lambda: ContentRecommender(checkerboard_meta()),
    "trending": lambda: TrendingRecommender(window="week", now=2000.0),
    "rating": lambda: RatingPredictor(seed=7),
    "hybrid": lambda: HybridRecommender(
        components={"als": {"factors": 4, "regularization": 0.1}, "ease": {"l2": 1.0}}
    ),
}


@pytest.fixture(params=sorted(FACTORIES))
def factory(request: pytest.FixtureRequest) -> Callable[[], Recommender]:
    """Each model kind in turn."""
    return FACTORIES[request.param]


@pytest.fixture
def fitted(factory: Callable[[], Recommender], checkerboard: Interactions) -> Recommender:
    """A model fitted on the checkerboard."""
    return factory().fit(checkerboard)


def _ids(data: Interactions) -> tuple[int, int]:
    return data.users.inner("u0"), data.items.inner("i6")


class TestContract:
    """Shared behaviour over every model."""

    def test_known_answer(self, fitted: Recommender, checkerboard: Interactions) -> None:
        user, expected = _ids(checkerboard)
        assert fitted.recommend(user, 1)[0].item == expected

    def test_scores_descend_and_skip_seen(
        self, fitted: Recommender, checkerboard: Interactions
    ) -> None:
        user, _ = _ids(checkerboard)
        recs = fitted.recommend(user, 5)
        scores = [r.score for r in recs]
        assert scores == sorted(scores, reverse=True)
        assert not {r.item for r in recs} & set(fitted.seen_items(user).tolist())

    def test_unknown_user_and_item_raise(self, fitted: Recommender) -> None:
        for bad in (-1, fitted.n_users, 10_000):
            with pytest.raises(RecommendationImpossible):
                fitted.recommend(bad, 3)
        for bad in (-1, fitted.n_items):
            with pytest.raises(RecommendationImpossible):
                fitted.similar_items(bad, 3)

    def test_n_larger_than_catalog(self, fitted: Recommender, checkerboard: Interactions) -> None:
        user, _ = _ids(checkerboard)
        recs = fitted.recommend(user, 1000)
        items = [r.item for r in recs]
        assert len(items) == len(set(items)) <= fitted.n_items - len(fitted.seen_items(user))
        assert all(0 <= i < fitted.n_items for i in items)

    def test_exclude_respected(self, fitted: Recommender, checkerboard: Interactions) -> None:
        user, best = _ids(checkerboard)
        assert best not in {r.item for r in fitted.recommend(user, 10, exclude={best})}

    def test_similar_items_never_self(self, fitted: Recommender) -> None:
        assert 3 not in {r.item for r in fitted.similar_items(3, 20)}

    def test_deterministic(
        self, factory: Callable[[], Recommender], checkerboard: Interactions
    ) -> None:
        user, _ = _ids(checkerboard)
        first = factory().fit(checkerboard).recommend(user, 5)
        second = factory().fit(checkerboard).recommend(user, 5)
        assert [r.item for r in first] == [r.item for r in second]
        assert [r.score for r in first] == pytest.approx([r.score for r in second])

    def test_save_load_round_trip(
        self, fitted: Recommender, checkerboard: Interactions, tmp_path: Path
    ) -> None:
        user, _ = _ids(checkerboard)
        path = tmp_path / "model.npz"
        fitted.save(path)
        loaded = type(fitted).load(path)
        before, after = fitted.recommend(user, 5), loaded.recommend(user, 5)
        assert [r.item for r in after] == [r.item for r in before]
        assert [r.score for r in after] == pytest.approx([r.score for r in before], rel=1e-5)
        assert [r.item for r in loaded.similar_items(2, 3)] == [
            r.item for r in fitted.similar_items(2, 3)
        ]

    def test_load_rejects_other_kind(self, fitted: Recommender, tmp_path: Path) -> None:
        path = tmp_path / "model.npz"
        fitted.save(path)
        other = (
            PopularityRecommender
            if not isinstance(fitted, PopularityRecommender)
            else (EASERecommender)
        )
        with pytest.raises(ValueError, match="model"):
            other.load(path)
