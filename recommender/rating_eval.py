"""Rating-prediction evaluation with Surprise's protocol: 5-fold KFold, RMSE and MAE."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from surprise import SVD, AlgoBase, KNNBaseline, Reader, SVDpp, Trainset
from surprise.dataset import DatasetAutoFolds
from surprise.model_selection import KFold

from recommender.data import IdIndex, Interactions
from recommender.movielens import RatingRow
from recommender.rating import RatingPredictor

TestRow = tuple[str, str, float]


class RowsDataset(DatasetAutoFolds):  # type: ignore[misc]
    """A Surprise dataset over in-memory rating rows (no pandas, no file)."""

    def __init__(self, rows: Sequence[RatingRow], scale: tuple[float, float]) -> None:
        self.reader = Reader(rating_scale=scale)
        self.has_been_split = False
        self.raw_ratings = [(u, i, float(r), None) for u, i, r, _ in rows]


@dataclass(frozen=True, slots=True)
class RatingResult:
    """Mean (and std) of RMSE and MAE over folds."""

    name: str
    rmse: float
    rmse_std: float
    mae: float
    seconds: float


def _surprise(make: Callable[[], AlgoBase]) -> Callable[[Trainset, list[TestRow]], list[float]]:
    def run(train: Trainset, test: list[TestRow]) -> list[float]:
        algo = make()
        algo.fit(train)
        return [algo.predict(u, i).est for u, i, _ in test]

    return run


def _ours(users: IdIndex, items: IdIndex, scale: tuple[float, float]) -> Callable[..., list[float]]:
    def run(train: Trainset, test: list[TestRow]) -> list[float]:
        rows = [(train.to_raw_uid(u), train.to_raw_iid(i), r, 0) for u, i, r in train.all_ratings()]
        model = RatingPredictor().fit(Interactions.from_ratings(rows, scale, None, users, items))
        uid = np.array([users.inner(u) for u, _, _ in test])
        iid = np.array([items.inner(i) for _, i, _ in test])
        out = np.zeros(len(test))
        for user in np.unique(uid):
            rows_u = np.flatnonzero(uid == user)
            out[rows_u] = model.predict_items(int(user), iid[rows_u])
        return out.tolist()

    return run


def run_rating_cv(
    rows: Sequence[RatingRow], scale: tuple[float, float], folds: int = 5, seed: int = 0
) -> list[RatingResult]:
    """SVD, SVD++, KNNBaseline (item, pearson_baseline) and our blend under KFold."""
    users, items = IdIndex(r[0] for r in rows), IdIndex(r[1] for r in rows)
    knn_sim = {"name": "pearson_baseline", "user_based": False}
    models: dict[str, Callable[[Trainset, list[TestRow]], list[float]]] = {
        "SVD": _surprise(lambda: SVD(random_state=seed)),
        "SVD++": _surprise(lambda: SVDpp(random_state=seed, cache_ratings=True)),
        "KNNBaseline (item, pearson_baseline)": _surprise(
            lambda: KNNBaseline(sim_options=knn_sim, verbose=False)
        ),
        "ours (stacked blend)": _ours(users, items, scale),
    }
    errors: dict[str, list[tuple[float, float]]] = {name: [] for name in models}
    seconds = dict.fromkeys(models, 0.0)
    lo, hi = scale
    for train, test in KFold(n_splits=folds, random_state=seed).split(RowsDataset(rows, scale)):
        truth = np.array([r for _, _, r in test])
        for name, run in models.items():
            start = time.perf_counter()
            pred = np.clip(np.array(run(train, test)), lo, hi)
            seconds[name] += time.perf_counter() - start
            err = pred - truth
            errors[name].append((float(np.sqrt(np.mean(err**2))), float(np.mean(np.abs(err)))))
    return [
        RatingResult(
            name,
            float(np.mean([e[0] for e in errs])),
            float(np.std([e[0] for e in errs])),
            float(np.mean([e[1] for e in errs])),
            seconds[name],
        )
        for name, errs in errors.items()
    ]
