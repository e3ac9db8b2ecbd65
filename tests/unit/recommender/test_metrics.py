"""Ranking metrics on tiny hand-computed examples."""

from __future__ import annotations

import math

import numpy as np
import pytest
import scipy.sparse as sp

from recommender.metrics import (
    batch_ndcg,
    batch_top_k,
    coverage,
    evaluate_rankings,
    hit_at_k,
    ndcg_at_k,
    precision_at_k,
    recall_at_k,
)

RANKED = [1, 2, 3, 4]
RELEVANT = {2, 4, 9}


def test_ndcg_by_hand() -> None:
    dcg = 1 / math.log2(3) + 1 / math.log2(5)
    idcg = 1 + 1 / math.log2(3) + 1 / math.log2(4)
    assert ndcg_at_k(RANKED, RELEVANT, 10) == pytest.approx(dcg / idcg)
    assert ndcg_at_k([9, 2, 4], RELEVANT, 10) == pytest.approx(1.0)
    assert ndcg_at_k([5, 6], RELEVANT, 10) == 0.0
    assert ndcg_at_k(RANKED, set(), 10) == 0.0


def test_ideal_dcg_caps_at_k() -> None:
    # 12 relevant items but only 10 slots: a perfect list scores exactly 1
    relevant = set(range(12))
    assert ndcg_at_k(list(range(10)), relevant, 10) == pytest.approx(1.0)


def test_precision_recall_hit_by_hand() -> None:
    assert precision_at_k(RANKED, RELEVANT, 10) == pytest.approx(0.2)
    assert recall_at_k(RANKED, RELEVANT, 10) == pytest.approx(2 / 3)
    assert hit_at_k(RANKED, RELEVANT, 10) == 1.0
    assert hit_at_k([7], RELEVANT, 10) == 0.0
    assert precision_at_k(RANKED, RELEVANT, 2) == pytest.approx(0.5)


def test_coverage_by_hand() -> None:
    assert coverage([[1, 2], [2, 3]], 10) == pytest.approx(0.3)
    assert coverage([[1, 2, 3]], 10, k=1) == pytest.approx(0.1)


def test_evaluate_rankings_skips_users_without_relevant_items() -> None:
    result = evaluate_rankings({0: RANKED, 1: [5], 2: [2]}, {0: RELEVANT, 1: set(), 2: {2}}, 10)
    assert result.users == 2
    assert result.hit_rate == pytest.approx(1.0)
    assert result.precision == pytest.approx((0.2 + 0.1) / 2)
    assert result.coverage == pytest.approx(0.4)  # items 1, 2, 3, 4 (user 1 skipped)


def test_batch_versions_agree_with_scalar_ones() -> None:
    rng = np.random.default_rng(0)
    scores = rng.random((5, 30))
    relevant = sp.csr_matrix((rng.random((5, 30)) > 0.7).astype(float))
    top = batch_top_k(scores, 10)
    assert (top[:, 0] == scores.argmax(axis=1)).all()
    expected = [ndcg_at_k(top[u].tolist(), set(relevant[u].indices.tolist()), 10) for u in range(5)]
    assert batch_ndcg(top, relevant, 10) == pytest.approx(expected)
