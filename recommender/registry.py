"""Component kinds the hybrid can blend, by name."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from recommender.als import ALSRecommender
from recommender.base import Recommender
from recommender.content import ContentRecommender
from recommender.ease import EASERecommender
from recommender.itemknn import ItemKNNRecommender
from recommender.popularity import PopularityRecommender
from recommender.rp3beta import RP3BetaRecommender
from recommender.trending import TrendingRecommender

REGISTRY: dict[str, type[Recommender]] = {
    cls.kind: cls
    for cls in (
        ALSRecommender,
        ContentRecommender,
        EASERecommender,
        ItemKNNRecommender,
        PopularityRecommender,
        RP3BetaRecommender,
        TrendingRecommender,
    )
}


def make_component(name: str, params: Mapping[str, Any]) -> Recommender:
    """A fresh component; `name` is a registry kind, optionally suffixed ("ease:recent")."""
    kind = name.split(":", 1)[0]
    try:
        cls = REGISTRY[kind]
    except KeyError:
        raise ValueError(f"unknown component {name!r}; known: {sorted(REGISTRY)}") from None
    return cls(**params)
