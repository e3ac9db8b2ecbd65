"""Cold start: recommendations for a profile built from onboarding picks."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from recommender.base import Scored
from recommender.blend import normalise
from recommender.content import ContentRecommender
from recommender.explain import anchor_reasons
from recommender.filters import Filters, Profile
from recommender.reasons import POPULAR, Reason, ReasonKind

if TYPE_CHECKING:
    from recommender.hybrid import HybridRecommender

#: Weight of the genre match and of popularity when onboarding by genre.
GENRE_WEIGHT = 2.0
GENRE_POPULARITY = 0.5


def recommend_for_profile(
    model: HybridRecommender, profile: Profile, n: int, filters: Filters
) -> list[Scored]:
    """Picked items are folded into every component; picked genres use the content
    model plus a little popularity; with no picks at all, the most popular items."""
    model.check_item(0)
    blocked = model.catalog.blocked(filters, np.zeros(0, np.int64), [])
    items = np.fromiter(profile.items.keys(), dtype=np.int64)
    items = items[(items >= 0) & (items < model.n_items)]
    weights = np.asarray([profile.items[int(i)] for i in items], dtype=np.float64)
    blocked[items] = True
    scores = model.profile_scores(items, weights) if items.size else np.zeros(model.n_items)
    genre_reason = None
    content = model.models.get("content")
    if profile.genres and isinstance(content, ContentRecommender):
        scores = scores + GENRE_WEIGHT * content.genre_scores(profile.genres)
        popularity = model.models["popularity"].user_scores(0)
        scores = scores + GENRE_POPULARITY * normalise(popularity)
        genre_reason = Reason(ReasonKind.FOR_YOUR_PICKS, {"genres": list(profile.genres)})
    if not items.size and genre_reason is None:
        return model.popular_blocked(n, blocked)
    chosen, values = model.select_items(scores, blocked, n)
    reasons = (
        anchor_reasons(model.models, items, weights, chosen, model.catalog)
        if items.size
        else [genre_reason or POPULAR] * chosen.size
    )
    return [Scored(int(i), float(s), r) for i, s, r in zip(chosen, values, reasons, strict=True)]
