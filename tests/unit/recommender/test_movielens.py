"""End-to-end check on MovieLens-100K (slow): the hybrid beats popularity (protocol A)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from recommender.evaluate import fit_and_rank
from recommender.metrics import evaluate_rankings
from recommender.movielens import load
from recommender.offline import make_setup

DATA = Path(__file__).resolve().parents[3].parent / "shared" / "datasets" / "ml-100k"


@pytest.mark.slow
@pytest.mark.timeout(300)  # ~26 s on a quiet 2-core machine
def test_hybrid_beats_popularity_on_protocol_a() -> None:
    if not DATA.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"MovieLens-100K missing at {DATA} (required in CI)")
        pytest.skip(f"MovieLens-100K not found at {DATA} (../shared/datasets/ml-100k)")
    data = load(DATA)
    setup = make_setup(data, "A")
    users = [setup.users.raw(u) for u in sorted(setup.relevant)]
    ranked = fit_and_rank(setup.train, data.items, users, 10)
    inner = {
        setup.users.inner(u): [setup.items.inner(i) for i in items] for u, items in ranked.items()
    }
    hybrid = evaluate_rankings(inner, setup.relevant, len(setup.items))
    counts: dict[int, int] = {}
    for _, item, _, _ in setup.train:
        counts[setup.items.inner(item)] = counts.get(setup.items.inner(item), 0) + 1
    order = sorted(counts, key=lambda i: -counts[i])
    seen: dict[int, set[int]] = {}
    for user, item, _, _ in setup.train:
        seen.setdefault(setup.users.inner(user), set()).add(setup.items.inner(item))
    popular = {u: [i for i in order if i not in seen[u]][:10] for u in setup.relevant}
    baseline = evaluate_rankings(popular, setup.relevant, len(setup.items))
    assert hybrid.ndcg > baseline.ndcg + 0.15
    assert hybrid.ndcg > 0.38
