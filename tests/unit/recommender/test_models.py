"""Model-specific behaviour: content reasons, trending decay, rating predictor, EASE."""

from __future__ import annotations

import numpy as np
import pytest

from recommender.content import ContentRecommender, ItemMeta
from recommender.data import IdIndex, Interactions
from recommender.ease import EASERecommender, ease_weights
from recommender.rating import RatingPredictor
from recommender.reasons import ReasonKind
from recommender.trending import DAY, TrendingRecommender, decay_to, trending_scores
from tests.unit.recommender.conftest import ITEMS, checkerboard_rows

META = [
    ItemMeta("Alien", 1979, "Crew meets creature", ("Horror", "Sci-Fi"), ("Weaver",), ("Scott",)),
    ItemMeta("Prometheus", 2012, "Crew meets makers", ("Sci-Fi",), ("Rapace",), ("Scott",)),
    ItemMeta("Aliens", 1986, "Marines", ("Action", "Sci-Fi"), ("Weaver", "Biehn", "Paxton")),
    ItemMeta("The Thing", 1982, "Arctic creature", ("Horror", "Sci-Fi"), ("Russell",)),
    ItemMeta("Notting Hill", 1999, "Bookshop romance", ("Romance",), ("Roberts",)),
    ItemMeta("Titanic", 1997, "Ship romance", ("Romance", "Drama"), ("Paxton", "Biehn", "Winslet")),
]


def _content() -> ContentRecommender:
    rows = [("u", "0", 5.0, 0), ("v", "4", 5.0, 0)]
    data = Interactions.from_ratings(rows, items=IdIndex(str(k) for k in range(len(META))))
    return ContentRecommender(META).fit(data)


def test_content_reasons_name_shared_features() -> None:
    model = _content()
    reasons = {s.item: s.reason for s in model.similar_items(0, 5)}
    assert reasons[1] is not None and reasons[1].text() == "Same director: Scott"
    assert reasons[2] is not None and reasons[2].kind is ReasonKind.SHARED_ACTORS
    assert reasons[3] is not None and reasons[3].text() == "Genres: Horror, Sci-Fi"
    titanic = {s.item: s.reason for s in model.similar_items(2, 5)}[5]
    assert titanic is not None and titanic.text() == "2 shared actors (Paxton, Biehn)"


def test_content_genre_onboarding() -> None:
    scores = _content().genre_scores(["romance"])
    assert set(np.flatnonzero(scores == scores.max()).tolist()) == {4, 5}


def test_trending_half_lives_and_incremental_update() -> None:
    items = np.array([0, 0, 1])
    stamps = np.array([0, 7 * int(DAY), 7 * int(DAY)])
    weights = np.array([1.0, 1.0, 1.0])
    now = 14 * DAY
    week = trending_scores(items, stamps, weights, now, 7 * DAY, 2)
    assert week.tolist() == pytest.approx([0.25 + 0.5, 0.5])
    day = trending_scores(items, stamps, weights, now, DAY, 2)
    assert day[0] < week[0]
    stored = trending_scores(items[:1], stamps[:1], weights[:1], 7 * DAY, 7 * DAY, 2)
    updated = decay_to(stored, 7 * DAY, now, 7 * DAY) + trending_scores(
        items[1:], stamps[1:], weights[1:], now, 7 * DAY, 2
    )
    assert updated.tolist() == pytest.approx(week.tolist())
    with pytest.raises(ValueError, match="window"):
        TrendingRecommender(window="year")


def test_trending_ignores_future_events() -> None:
    scores = trending_scores(np.array([0]), np.array([100]), np.array([1.0]), 50.0, DAY, 1)
    assert scores.tolist() == [0.0]


def test_rating_predictor_on_a_ten_point_scale() -> None:
    rows = [(u, i, r * 2.0, t) for u, i, r, t in checkerboard_rows()]
    data = Interactions.from_ratings(rows, scale=(1.0, 10.0), items=IdIndex(ITEMS))
    model = RatingPredictor(seed=1).fit(data)
    u0 = data.users.inner("u0")
    liked, disliked = model.predict(u0, data.items.inner("i6")), model.predict(u0, 3)
    assert 1.0 <= disliked < liked <= 10.0
    assert model.predict_items(u0, np.arange(8)).shape == (8,)


def test_ease_closed_form_reconstructs_with_zero_diagonal() -> None:
    x = Interactions.from_ratings(checkerboard_rows(), items=IdIndex(ITEMS)).matrix()
    weights = ease_weights(x, 0.5)
    assert np.allclose(np.diag(weights), 0.0)
    model = EASERecommender(l2=0.5).fit(Interactions.from_ratings(checkerboard_rows()))
    assert model.user_scores(0).shape == (8,)
