"""The production hybrid configuration, shared by `fit_and_rank` and the offline evaluation."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict
from typing import Any

from recommender.content import ItemMeta
from recommender.data import EventWeights
from recommender.hybrid import HybridRecommender
from recommender.tuning import TuningConfig

#: Rating -> weight knots making ratings in the top quarter of the scale (4-5 of 5) a
#: positive of weight 1 and everything else weight 0, as the classic baselines train.
POSITIVE_ONLY = EventWeights(rating_knots=((0.0, 0.7, 0.75, 1.0), (0.0, 0.0, 1.0, 1.0)))

#: Starting blend weights (the first component anchors the blend).
HYBRID_WEIGHTS: dict[str, float] = {
    "ease": 1.0,
    "als": 0.1,
    "itemknn": 0.1,
    "rp3beta": 0.1,
    "content": 0.2,
    "popularity": 0.0,
}

#: The blend validation chose on MovieLens-100K (protocol A, bench/RESULTS.md): what
#: production trains when it does not tune (the nightly budget), instead of the start point.
UNTUNED_WEIGHTS: dict[str, float] = {
    "ease": 1.0,
    "als": 0.5,
    "itemknn": 0.75,
    "rp3beta": 0.5,
    "content": 0.5,
    "popularity": 0.0,
}
UNTUNED_EASE: dict[str, Any] = {"l2": 250.0, "user_weight_power": 0.25}

#: Component hyper-parameters searched on the validation split.
HYBRID_GRIDS: dict[str, dict[str, Sequence[Any]]] = {
    "ease": {
        "l2": (250.0, 500.0, 1000.0),
        "user_weight_power": (0.0, 0.25),
        "recency": (0.0, 4.0, 16.0),
    },
    "itemknn": {"recency": (0.0, 4.0, 16.0)},
}

#: Fixed component settings (chosen on MovieLens-100K validation splits).
HYBRID_COMPONENTS: dict[str, dict[str, Any]] = {
    "als": {"factors": 32, "regularization": 10.0, "alpha": 1.0, "iterations": 15},
    "itemknn": {"k": 200},
    "rp3beta": {"alpha": 1.0, "beta": 0.5, "k": 200},
}


def production_hybrid(
    metadata: Sequence[ItemMeta] = (),
    validation: str = "random",
    diversity: float = 0.0,
    tune: bool = True,
    overrides: Mapping[str, Mapping[str, Any]] | None = None,
    num_threads: int = 1,
) -> HybridRecommender:
    """The hybrid as production trains it (no social or trending signals); ``tune=False``
    uses the blend validation chose on MovieLens-100K."""
    components: dict[str, dict[str, Any]] = {k: dict(v) for k, v in HYBRID_COMPONENTS.items()}
    components["als"]["num_threads"] = num_threads
    if metadata:
        components["content"] = {"metadata": [asdict(m) for m in metadata]}
    for name, params in (overrides or {}).items():
        components.setdefault(name, {}).update(params)
    if not tune:
        components["ease"] = {**UNTUNED_EASE, **components.get("ease", {})}
    tuning = {"validation": validation, "grids": HYBRID_GRIDS} if tune else None
    return HybridRecommender(
        weights=HYBRID_WEIGHTS if tune else UNTUNED_WEIGHTS,
        components=components,
        diversity=diversity,
        tuning=tuning,
    )


def tuning_config(validation: str) -> TuningConfig:
    """Validation split settings for the baselines (same carving as the hybrid)."""
    return TuningConfig(validation=validation)
