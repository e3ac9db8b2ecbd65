"""Offline top-N evaluation: protocols A (random) and B (temporal) over rating data.

Every model's hyper-parameters are picked on a validation split carved from the
training part only; the test part is touched once, for the reported metrics.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from recommender.als import ALSRecommender
from recommender.base import Recommender
from recommender.content import ItemMeta
from recommender.data import EventWeights, IdIndex, Interactions
from recommender.ease import EASERecommender
from recommender.hybrid import HybridRecommender
from recommender.itemknn import ItemKNNRecommender
from recommender.metrics import Metrics, batch_ndcg, batch_top_k, evaluate_rankings
from recommender.movielens import Dataset, RatingRow
from recommender.popularity import PopularityRecommender
from recommender.presets import POSITIVE_ONLY, production_hybrid, tuning_config
from recommender.rating_models import History, extract, make_algo, predict, trainset
from recommender.splits import random_split, temporal_split
from recommender.tuning import carve_folds, grid_search

RELEVANT_RATING = 4.0
NOVELTY_GRID = (0.0, 0.5, 1.0, 1.5, 2.0, 3.0, 4.0)


@dataclass(frozen=True, slots=True)
class Result:
    """One table row."""

    name: str
    metrics: Metrics
    params: Mapping[str, Any]
    seconds: float


@dataclass(slots=True)
class Setup:
    """A protocol's split, shared id indexes and test relevance."""

    protocol: str
    train: list[RatingRow]
    users: IdIndex
    items: IdIndex
    relevant: dict[int, set[int]]
    scale: tuple[float, float]
    meta: list[ItemMeta]

    @property
    def validation(self) -> str:
        """Validation carving that mirrors the protocol."""
        return "temporal" if self.protocol == "B" else "random"

    def interactions(self, weights: EventWeights | None = None) -> Interactions:
        """Training interactions under an event-weight scheme."""
        return Interactions.from_ratings(self.train, self.scale, weights, self.users, self.items)


def make_setup(data: Dataset, protocol: str, seed: int = 0) -> Setup:
    """Split ratings per user (A: 80/20 random, `seed` 0 by default; B: 10 most recent held out).

    `seed` only changes protocol A's random split; validation carvings are unaffected.
    """
    users = IdIndex(sorted({r[0] for r in data.ratings}, key=_natural))
    items = IdIndex(sorted({r[0] for r in data.items} | {r[1] for r in data.ratings}, key=_natural))
    uid = users.encode(r[0] for r in data.ratings)
    if protocol == "A":
        test = random_split(uid, 0.2, seed=seed)
    elif protocol == "B":
        stamps = np.array([r[3] for r in data.ratings], dtype=np.int64)
        # equal timestamps are common: the larger item id counts as the more recent
        test = temporal_split(uid, stamps, 10, items.encode(r[1] for r in data.ratings))
    else:
        raise ValueError(f"unknown protocol {protocol!r}")
    relevant: dict[int, set[int]] = {}
    for row, held in zip(data.ratings, test.tolist(), strict=True):
        if held and row[2] >= RELEVANT_RATING:
            relevant.setdefault(users.inner(row[0]), set()).add(items.inner(row[1]))
    train = [row for row, held in zip(data.ratings, test.tolist(), strict=True) if not held]
    scale = (1.0, max(5.0, max(r[2] for r in data.ratings)))
    meta = [ItemMeta()] * len(items)
    for item, title, year, genres in data.items:
        meta[items.inner(item)] = ItemMeta(title=title, year=year, genres=genres)
    return Setup(protocol, train, users, items, relevant, scale, meta)


def _natural(raw: str) -> tuple[int, str]:
    """Sort key: numeric ids by value, others after them alphabetically."""
    return (int(raw), "") if raw.isdigit() else (sys.maxsize, raw)


def _rank(model: Recommender, setup: Setup) -> dict[int, list[int]]:
    users = np.array(sorted(setup.relevant), dtype=np.int64)
    scores = model.batch_scores(users)
    seen = model.seen
    assert seen is not None
    scores[np.asarray(seen[users].toarray() > 0)] = -np.inf
    top = batch_top_k(scores, 10)
    return {int(u): top[row].tolist() for row, u in enumerate(users)}


def evaluate_baseline(
    setup: Setup,
    name: str,
    make: Callable[[dict[str, Any]], Recommender],
    grid: Mapping[str, Sequence[Any]],
    weights: EventWeights,
) -> Result:
    """Tune `make` over `grid` on validation, refit on the training part, score the test."""
    start = time.perf_counter()
    train = setup.interactions(weights)
    params: dict[str, Any] = {}
    if grid:
        params, _ = grid_search(make, grid, carve_folds(train, tuning_config(setup.validation)))
    model = make(params).fit(train)
    metrics = evaluate_rankings(_rank(model, setup), setup.relevant, len(setup.items))
    return Result(name, metrics, params, time.perf_counter() - start)


def evaluate_svd_ranking(setup: Setup) -> Result:
    """Rank by Surprise SVD's predicted rating (default parameters, seed 0)."""
    start = time.perf_counter()
    train = setup.interactions()
    rows = list(zip(train.user.tolist(), train.item.tolist(), train.rating.tolist(), strict=True))
    data = trainset(rows, setup.scale)
    algo = make_algo("svd_default", 0)
    algo.fit(data)
    arrays = extract("svd", algo, data, train.shape)
    seen = train.binary()
    rankings: dict[int, list[int]] = {}
    all_items = np.arange(train.n_items)
    no_history = History(np.zeros(0, np.int64), np.zeros(0))
    for user in sorted(setup.relevant):
        scores = predict("svd", arrays, user, all_items, no_history)
        scores[seen.indices[seen.indptr[user] : seen.indptr[user + 1]]] = -np.inf
        rankings[user] = batch_top_k(scores[None, :], 10)[0].tolist()
    metrics = evaluate_rankings(rankings, setup.relevant, len(setup.items))
    return Result("SVD predicted rating", metrics, {}, time.perf_counter() - start)


def choose_novelty(
    setup: Setup, model: HybridRecommender, tolerance: float = 0.03
) -> tuple[float, float]:
    """Largest novelty whose validation NDCG@10 stays within `tolerance` of the best.

    Refits the already-tuned blend on each validation fold of the training part.
    Returns (novelty, validation NDCG at that novelty).
    """
    folds = carve_folds(setup.interactions(), tuning_config(setup.validation))
    ndcg = np.zeros(len(NOVELTY_GRID))
    for val in folds:
        clone = HybridRecommender(model.weights, model.component_params, pool=model.pool)
        clone.fit(val.sub)
        scores = np.where(val.blocked, -np.inf, clone.batch_scores(val.users))
        pool = batch_top_k(scores, clone.pool)
        base = np.take_along_axis(scores, pool, axis=1)
        penalty = clone.popularity_penalty()[pool]
        for k, novelty in enumerate(NOVELTY_GRID):
            order = np.argsort(-(base - novelty * penalty), axis=1, kind="stable")
            top = np.take_along_axis(pool, order[:, :10], axis=1)
            ndcg[k] += float(batch_ndcg(top, val.relevant).mean()) / len(folds)
    ok = [k for k in range(len(NOVELTY_GRID)) if ndcg[k] >= (1 - tolerance) * ndcg.max()]
    return NOVELTY_GRID[ok[-1]], float(ndcg[ok[-1]])


def _hybrid_row(setup: Setup, model: HybridRecommender, name: str, start: float) -> Result:
    rankings = {u: [s.item for s in model.recommend(u, 10)] for u in sorted(setup.relevant)}
    metrics = evaluate_rankings(rankings, setup.relevant, len(setup.items))
    params: dict[str, Any] = {"weights": model.weights}
    for part in ("ease", "itemknn"):
        if part in model.component_params:
            params[part] = model.component_params[part]
    return Result(name, metrics, params, time.perf_counter() - start)


def evaluate_hybrid(
    setup: Setup, diversities: Sequence[float], num_threads: int = 1
) -> list[Result]:
    """The production hybrid (tuned on validation), ranked through `recommend`.

    One row per MMR diversity setting, plus a coverage row whose novelty is chosen on
    validation (NDCG within 3% of the best).
    """
    start = time.perf_counter()
    model = production_hybrid(setup.meta, setup.validation, num_threads=num_threads)
    model.fit(setup.interactions())
    rows = []
    for diversity in diversities:
        model.diversity = diversity
        rows.append(_hybrid_row(setup, model, f"hybrid (diversity={diversity:g})", start))
    model.diversity = 0.0
    model.novelty, _ = choose_novelty(setup, model)
    rows.append(_hybrid_row(setup, model, f"hybrid (novelty={model.novelty:g})", start))
    return rows


def run_protocol(
    data: Dataset,
    protocol: str,
    diversities: Sequence[float],
    num_threads: int = 1,
    seed: int = 0,
) -> list[Result]:
    """All table rows of one protocol (`seed`: protocol A's random split)."""
    setup = make_setup(data, protocol, seed)
    results = [
        evaluate_baseline(
            setup, "popularity", lambda p: PopularityRecommender(), {}, POSITIVE_ONLY
        ),
        evaluate_baseline(
            setup,
            "ItemKNN",
            lambda p: ItemKNNRecommender(**p),
            {"k": (50, 100, 200)},
            POSITIVE_ONLY,
        ),
        evaluate_baseline(
            setup,
            "ALS",
            lambda p: ALSRecommender(num_threads=num_threads, **p),
            {"factors": (32, 64), "regularization": (5.0, 8.0, 12.0)},
            POSITIVE_ONLY,
        ),
        evaluate_baseline(
            setup,
            "EASE",
            lambda p: EASERecommender(**p),
            {"l2": (100.0, 200.0, 300.0, 500.0, 1000.0)},
            POSITIVE_ONLY,
        ),
        evaluate_svd_ranking(setup),
    ]
    results += evaluate_hybrid(setup, diversities, num_threads)
    return results
