"""Validation tuning for the hybrid: component hyper-parameters, then blend weights.

The validation split is carved from the training interactions only (never a test set):
per user, a random fraction or the most recent events are held out, and held-out events
with weight >= `relevant_weight` (e.g. ratings >= 4 of 5) count as relevant. Random
carvings hold out 10 % and are repeated with 4 seeds, so the settings are chosen on
models fitted to 90 % of the training data, close to the final fit on all of it.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from recommender.base import Recommender
from recommender.blend import normalise, tune_weights, validation_ndcg
from recommender.data import IntArray, Interactions
from recommender.splits import random_split, temporal_split

Builder = Callable[[Mapping[str, float]], dict[str, Recommender]]


@dataclass(frozen=True, slots=True)
class TuningConfig:
    """How to carve the validation split and what to search."""

    validation: str = "random"  # or "temporal"
    #: Held-out share of each user's events. Small, so the sub-training part (90 % of the
    #: training data) behaves like the final fit; `folds` carvings average out the noise.
    fraction: float = 0.1
    recent: int = 10
    seed: int = 1
    relevant_weight: float = 1.0
    max_users: int = 1000
    folds: int = 4  # random carvings averaged (temporal validation always uses one)
    grids: Mapping[str, Mapping[str, Sequence[Any]]] = field(default_factory=dict)


@dataclass(slots=True)
class Validation:
    """A fitted-on-sub-training view: users, blocked (seen) mask and relevance."""

    sub: Interactions
    users: IntArray
    blocked: npt.NDArray[np.bool_]
    relevant: sp.csr_matrix


def carve_folds(interactions: Interactions, config: TuningConfig) -> list[Validation]:
    """One validation carving per fold (random: seeds seed, seed+1, ...)."""
    if config.validation == "temporal":
        return [carve(interactions, config)]
    return [carve(interactions, config, config.seed + f) for f in range(max(config.folds, 1))]


def carve(interactions: Interactions, config: TuningConfig, seed: int | None = None) -> Validation:
    """Split `interactions` into sub-training and validation relevance."""
    seed = config.seed if seed is None else seed
    if config.validation == "temporal":
        held = temporal_split(
            interactions.user, interactions.timestamp, config.recent, interactions.item
        )
    else:
        held = random_split(interactions.user, config.fraction, seed)
    sub = interactions.subset(~held)
    rel = held & (interactions.weight >= config.relevant_weight)
    users = np.unique(interactions.user[rel])
    if users.size > config.max_users:
        users = np.sort(np.random.default_rng(seed).choice(users, config.max_users, False))
    shape = interactions.shape
    rel_matrix = sp.csr_matrix(
        (np.ones(int(rel.sum())), (interactions.user[rel], interactions.item[rel])), shape=shape
    )
    blocked = np.asarray(sub.binary()[users].toarray() > 0)
    return Validation(sub, users, blocked, (rel_matrix[users] > 0).astype(np.float64).tocsr())


def score(model: Recommender, val: Validation) -> float:
    """Validation NDCG@10 of one fitted model."""
    return validation_ndcg(model.batch_scores(val.users), val.blocked, val.relevant)


def grid_search(
    make: Callable[[dict[str, Any]], Recommender],
    grid: Mapping[str, Sequence[Any]],
    folds: Sequence[Validation],
) -> tuple[dict[str, Any], float]:
    """Best parameter combination of `grid` (by mean validation NDCG@10 over folds)."""
    best: tuple[dict[str, Any], float] = ({}, -1.0)
    keys = list(grid)
    for values in itertools.product(*(grid[k] for k in keys)):
        params = dict(zip(keys, values, strict=True))
        ndcg = float(np.mean([score(make(params).fit(val.sub), val) for val in folds]))
        if ndcg > best[1]:
            best = (params, ndcg)
    return best


def tune_hybrid(
    interactions: Interactions,
    weights: Mapping[str, float],
    build: Builder,
    config: TuningConfig,
    component_params: dict[str, dict[str, Any]] | None = None,
) -> dict[str, float]:
    """Tune component grids (updating `component_params` in place), then blend weights."""
    folds = [val for val in carve_folds(interactions, config) if val.users.size]
    if not folds:  # too little data to validate anything: keep the defaults
        return dict(weights)
    params = component_params if component_params is not None else {}
    for name, grid in config.grids.items():
        if name not in weights:
            continue

        def make(p: dict[str, Any], name: str = name) -> Recommender:
            params[name] = {**params.get(name, {}), **p}
            return build({name: 1.0})[name]

        best, _ = grid_search(make, grid, folds)
        params[name] = {**params.get(name, {}), **best}
    parts = [_fold_scores(build, weights, val) for val in folds]
    normalised = {name: np.vstack([p[name] for p in parts]) for name in parts[0]}
    blocked = np.vstack([val.blocked for val in folds])
    relevant = sp.vstack([val.relevant for val in folds]).tocsr()
    tuned, _ = tune_weights(normalised, blocked, relevant, weights)
    return {**dict.fromkeys(weights, 0.0), **tuned}


def _fold_scores(
    build: Builder, weights: Mapping[str, float], val: Validation
) -> dict[str, npt.NDArray[np.float64]]:
    """Normalised validation scores of every component fitted on one fold's sub-training."""
    models = {name: m.fit(val.sub) for name, m in build(weights).items()}
    return {name: normalise(m.batch_scores(val.users)) for name, m in models.items()}
