"""``watchbot train``: fit on the database, evaluate on a holdout, write an artifact, promote it
only if it is not worse than the current one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from adapters.recommend import artifacts
from adapters.recommend.events import TrainingData
from recommender.data import IdIndex, Interactions
from recommender.filters import Filters
from recommender.hybrid import HybridRecommender
from recommender.metrics import ndcg_at_k
from recommender.presets import production_hybrid
from recommender.rating import RatingPredictor
from recommender.splits import random_split

RELEVANT = 0.5  # an interaction weight from here on (a 6/10 rating, a watch...) counts as liked
MIN_RATINGS = 20
SVD_MAX_RATINGS = 200_000  # above, SVD's fit (twice: stacking) would not fit the nightly budget


@dataclass(frozen=True, slots=True)
class TrainingReport:
    """What one training run produced."""

    version: str
    promoted: bool
    metrics: dict[str, float]
    counts: dict[str, int]


def _interactions(data: TrainingData) -> Interactions:
    items = IdIndex(str(m) for m in data.media_ids)
    return Interactions.from_events(data.events, items=items)


def _model(data: TrainingData) -> HybridRecommender:
    model = production_hybrid(metadata=data.metadata, tune=False)
    return model


def holdout_ndcg(data: TrainingData, interactions: Interactions) -> float:
    """NDCG@10 on a random 20% of each user's positive interactions (seed 0)."""
    test = random_split(interactions.user, 0.2, seed=0) & (interactions.weight >= RELEVANT)
    if not test.any() or test.all():
        return 0.0
    model = _model(data).fit(interactions.subset(~test))
    relevant: dict[int, set[int]] = {}
    for user, item in zip(interactions.user[test], interactions.item[test], strict=True):
        relevant.setdefault(int(user), set()).add(int(item))
    scores = [
        ndcg_at_k([s.item for s in model.recommend_with(user, 10, Filters())], wanted, 10)
        for user, wanted in relevant.items()
    ]
    return float(np.mean(scores)) if scores else 0.0


def rating_predictor(interactions: Interactions) -> RatingPredictor | None:
    """The "you would rate this ~8/10" model: baseline + SVD stacked, baseline only on large
    data (the nightly budget); None with too few ratings to say anything."""
    ratings = int(np.isfinite(interactions.rating).sum())
    if ratings < MIN_RATINGS:
        return None
    components = ("baseline", "svd") if ratings <= SVD_MAX_RATINGS else ("baseline",)
    return RatingPredictor(components=components).fit(interactions)


def train(data: TrainingData, directory: Path) -> TrainingReport:
    """Fit, evaluate, write a versioned artifact and promote it when it is not worse."""
    interactions = _interactions(data)
    if len(interactions) == 0:
        raise ValueError("no interactions to learn from yet")
    metrics = {"ndcg@10": holdout_ndcg(data, interactions)}
    model = _model(data).fit(interactions)
    predictor = rating_predictor(interactions)
    now = datetime.now(UTC)
    meta = artifacts.ArtifactMeta(
        version=now.strftime("%Y%m%dT%H%M%S%fZ"),
        created_at=now.isoformat(),
        metrics=metrics,
        counts={
            "interactions": len(interactions),
            "users": interactions.n_users,
            "items": interactions.n_items,
            "ratings": int(np.isfinite(interactions.rating).sum()),
        },
        params=model.params(),
        users=interactions.users.raws(),
        items=interactions.items.raws(),
        titles=[m.title for m in data.metadata],
        certifications={str(k): v for k, v in data.certifications.items()},
    )
    directory.mkdir(parents=True, exist_ok=True)
    artifacts.write(directory, meta, model.save, predictor.save if predictor else None)
    promoted = artifacts.should_promote(directory, meta)
    if promoted:
        artifacts.promote(directory, meta.version)
    return TrainingReport(meta.version, promoted, metrics, meta.counts)
