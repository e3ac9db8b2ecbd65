"""Hybrid filters, diversity knob, reasons and cold start."""

from __future__ import annotations

import numpy as np
import pytest

from recommender.data import Event, EventKind, IdIndex, Interactions
from recommender.filters import Filters, Profile
from recommender.hybrid import HybridRecommender
from recommender.reasons import ReasonKind
from tests.unit.recommender.conftest import ITEMS, checkerboard_meta, checkerboard_rows

SMALL = {"als": {"factors": 4, "regularization": 0.1}, "ease": {"l2": 1.0}}


def _events(extra: list[Event]) -> Interactions:
    events = [Event(u, i, EventKind.RATING, t, r, (1.0, 5.0)) for u, i, r, t in checkerboard_rows()]
    return Interactions.from_events(events + extra, rating_scale=(1.0, 5.0), items=IdIndex(ITEMS))


def _fit(data: Interactions, **kwargs: object) -> HybridRecommender:
    model = HybridRecommender(components=SMALL, **kwargs)  # type: ignore[arg-type]
    return model.fit(data)


def test_not_interested_is_never_returned() -> None:
    data = _events([Event("u0", "i6", EventKind.NOT_INTERESTED, 2000)])
    model = _fit(data)
    u0, i6 = data.users.inner("u0"), data.items.inner("i6")
    assert i6 not in {s.item for s in model.recommend(u0, 100)}


def test_seen_items_are_excluded_unless_asked() -> None:
    data = _events([])
    model = _fit(data)
    u0 = data.users.inner("u0")
    seen = set(model.seen_items(u0).tolist())
    assert not seen & {s.item for s in model.recommend(u0, 100)}
    keep_seen = model.recommend_with(u0, 100, Filters(filter_seen=False))
    assert seen <= {s.item for s in keep_seen}


def test_kid_profile_only_gets_allowed_certifications() -> None:
    data = _events([])
    model = _fit(data)
    certs = {k: ("R" if k % 3 == 0 else "PG") for k in range(len(ITEMS) - 1)}  # i7: unknown
    model.set_catalog(certifications=certs)
    u0 = data.users.inner("u0")
    recs = model.recommend_with(u0, 100, Filters(allowed_certifications=frozenset({"PG", "G"})))
    assert recs
    assert all(certs.get(s.item) == "PG" for s in recs)


def test_available_items_restrict_results() -> None:
    data = _events([])
    model = _fit(data)
    u0 = data.users.inner("u0")
    recs = model.recommend_with(u0, 100, Filters(available={3, 5}))
    assert {s.item for s in recs} <= {3, 5}


def test_reasons_name_the_anchor_title() -> None:
    data = _events([])
    model = _fit(data)
    model.set_catalog(titles=[m.title for m in checkerboard_meta()])
    best = model.recommend(data.users.inner("u0"), 1)[0]
    assert best.reason is not None
    assert best.reason.kind is ReasonKind.BECAUSE_YOU_LIKED
    assert best.reason.text().startswith("Because you liked Film ")
    assert best.reason.to_dict()["params"]["item"] in {0, 2, 4}


def test_mmr_knob_changes_diversity() -> None:
    rng = np.random.default_rng(0)
    rows = [
        (f"u{u}", f"i{i}", float(rng.integers(3, 6)), int(t))
        for t, (u, i) in enumerate(
            zip(rng.integers(0, 60, 3000), rng.integers(0, 80, 3000), strict=True)
        )
    ]
    data = Interactions.from_ratings(rows, scale=(1.0, 5.0))
    comps = {"als": {"factors": 8, "regularization": 0.1}}
    plain = HybridRecommender({"als": 1.0}, comps).fit(data)
    diverse = HybridRecommender({"als": 1.0}, comps, diversity=0.8).fit(data)
    factors = plain.models["als"].item_factors  # type: ignore[attr-defined]
    unit = factors / np.linalg.norm(factors, axis=1, keepdims=True)

    def mean_similarity(items: list[int]) -> float:
        sims = unit[items] @ unit[items].T
        return float(sims[np.triu_indices(len(items), 1)].mean())

    users = range(10)
    before = np.mean([mean_similarity([s.item for s in plain.recommend(u, 10)]) for u in users])
    after = np.mean([mean_similarity([s.item for s in diverse.recommend(u, 10)]) for u in users])
    assert after < before


def test_cold_start_from_picked_items_and_genres() -> None:
    data = _events([])
    model = HybridRecommender(
        {"ease": 1.0, "content": 0.5},
        {**SMALL, "content": {"metadata": checkerboard_meta()}},
    ).fit(data)
    picked = model.recommend_profile(Profile(items={1: 1.0, 3: 1.0}), 2)
    assert {s.item for s in picked} <= {5, 7}
    assert picked[0].reason is not None
    assert picked[0].reason.kind is ReasonKind.BECAUSE_YOU_LIKED
    by_genre = model.recommend_profile(Profile(genres=("Horror",)), 3)
    assert all(s.item % 2 == 0 for s in by_genre)
    assert by_genre[0].reason is not None
    assert by_genre[0].reason.text() == "Matches your picks: Horror"


def test_no_history_falls_back_to_popular() -> None:
    data = _events([Event("newbie", "i1", EventKind.NOT_INTERESTED, 5)])
    model = _fit(data)
    recs = model.recommend(data.users.inner("newbie"), 3)
    assert recs[0].reason is not None
    assert recs[0].reason.text() == "Popular right now"
    assert 1 not in {s.item for s in recs}
    assert [s.item for s in model.popular(2)] == [
        s.item for s in model.recommend_profile(Profile(), 2)
    ]


def test_tuning_keeps_weights_for_every_component() -> None:
    rng = np.random.default_rng(1)
    rows = [
        (f"u{u}", f"i{(u % 5) * 8 + i % 8}", 5.0, int(t))
        for t, (u, i) in enumerate(
            zip(rng.integers(0, 50, 2000), rng.integers(0, 40, 2000), strict=True)
        )
    ]
    data = Interactions.from_ratings(rows, scale=(1.0, 5.0))
    model = HybridRecommender(
        {"ease": 1.0, "itemknn": 0.1},
        {"ease": {"l2": 5.0}},
        tuning={"grids": {"ease": {"l2": [1.0, 50.0]}}},
    ).fit(data)
    assert set(model.weights) == {"ease", "itemknn", "popularity"}
    assert model.component_params["ease"]["l2"] in (1.0, 50.0)


def test_similar_items_with_content_reasons() -> None:
    data = _events([])
    model = HybridRecommender(
        {"ease": 1.0, "content": 1.0}, {**SMALL, "content": {"metadata": checkerboard_meta()}}
    ).fit(data)
    first = model.similar_items(0, 1)[0]
    assert first.item % 2 == 0
    assert first.reason is not None
    assert first.reason.text() == "Same director: Carpenter"


@pytest.mark.parametrize("diversity", [0.0, 0.5])
def test_save_load_keeps_hybrid_settings(tmp_path: object, diversity: float) -> None:
    from pathlib import Path

    data = _events([Event("u0", "i6", EventKind.NOT_INTERESTED, 2000)])
    model = _fit(data, diversity=diversity)
    path = Path(str(tmp_path)) / "h.npz"
    model.save(path)
    loaded = HybridRecommender.load(path)
    assert loaded.weights == model.weights
    assert loaded.diversity == model.diversity
    u0 = data.users.inner("u0")
    assert [s.item for s in loaded.recommend(u0, 5)] == [s.item for s in model.recommend(u0, 5)]
