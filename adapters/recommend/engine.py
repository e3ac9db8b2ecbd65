"""HybridEngine: the core's RecommendationEngine over the promoted artifact (hot-swapped)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from adapters.recommend import artifacts
from core.domain.media import KID_CERTIFICATIONS
from core.ports import ServingContext, Suggestion
from recommender.base import RecommendationImpossible, Scored
from recommender.data import IdIndex
from recommender.filters import Filters, Profile
from recommender.group import group_recommend
from recommender.hybrid import HybridRecommender
from recommender.rating import RatingPredictor
from recommender.social import SocialSignal

VARIANT_DIVERSITY = {"diverse": 0.3}  # A/B variants: MMR diversity instead of the trained value


@dataclass(frozen=True, slots=True)
class _Loaded:
    version: str
    model: HybridRecommender
    users: IdIndex
    items: IdIndex
    rating: RatingPredictor | None = None


class HybridEngine:
    """Serves the promoted model; a newly promoted version is loaded on the next request."""

    def __init__(self, directory: Path) -> None:
        self._dir = directory
        self._loaded: _Loaded | None = None

    def _current(self) -> _Loaded | None:
        version = artifacts.current_version(self._dir)
        if version is None:
            return None
        if self._loaded is None or self._loaded.version != version:
            folder = self._dir / version
            meta = artifacts.read_meta(folder)
            model = HybridRecommender.load(folder / artifacts.MODEL_FILE)
            items = IdIndex(meta.items)
            certs = {items.inner(k): v for k, v in meta.certifications.items() if k in items}
            model.set_catalog(meta.titles, certs)
            rating_file = folder / artifacts.RATING_FILE
            rating = RatingPredictor.load(rating_file) if rating_file.exists() else None
            self._loaded = _Loaded(version, model, IdIndex(meta.users), items, rating)  # swap
        return self._loaded

    @property
    def version(self) -> str | None:
        """The promoted version (None before the first training)."""
        loaded = self._current()
        return loaded.version if loaded else None

    def _out(
        self, loaded: _Loaded, found: list[Scored], user: int | None = None
    ) -> list[Suggestion]:
        """Suggestions with raw media ids; for a known user, each with the rating the
        predictor expects (``params["predicted"]``, 1-10)."""
        predicted = _predict(loaded, user, [s.item for s in found])
        return [
            Suggestion(
                int(loaded.items.raw(s.item)),
                float(s.score),
                s.reason.kind.value if s.reason else "",
                {
                    **(dict(s.reason.params) if s.reason else {}),
                    **({"predicted": predicted[s.item]} if s.item in predicted else {}),
                },
            )
            for s in found
        ]

    async def predicted_ratings(
        self, profile_id: int, media_ids: Sequence[int]
    ) -> dict[int, float]:
        """The ratings (1-10) a profile the predictor knows would give these titles."""
        loaded = self._current()
        if loaded is None:
            return {}
        user = loaded.users.get(str(profile_id))
        inner = {m: loaded.items.get(str(m)) for m in media_ids}
        known = {m: i for m, i in inner.items() if i is not None}
        found = _predict(loaded, user, list(known.values()))
        return {m: found[i] for m, i in known.items() if i in found}

    def _filters(
        self,
        loaded: _Loaded,
        exclude: frozenset[int],
        kid: bool,
        available: frozenset[int] | None = None,
    ) -> Filters:
        return Filters(
            exclude=_inner(loaded, exclude),
            allowed_certifications=KID_CERTIFICATIONS if kid else None,
            available=_inner(loaded, available) if available is not None else None,
        )

    async def for_profile(
        self,
        profile_id: int,
        n: int,
        exclude: frozenset[int],
        kid: bool,
        variant: str = "control",
        context: ServingContext | None = None,
    ) -> list[Suggestion]:
        """Top-n for a profile (friends' activity blended in, streaming restriction applied);
        popular titles for one the model has not met."""
        loaded = self._current()
        if loaded is None:
            return []
        context = context or ServingContext()
        filters = self._filters(loaded, exclude, kid, context.available)
        social = _social(loaded, context)
        user = loaded.users.get(str(profile_id))
        if user is None:
            return self._out(loaded, loaded.model.popular(n, filters, social))
        trained = loaded.model.diversity
        loaded.model.diversity = VARIANT_DIVERSITY.get(variant, trained)
        try:  # one event loop: nothing else runs between setting and restoring the knob
            found = loaded.model.recommend_with(user, n, filters, social)
        finally:
            loaded.model.diversity = trained
        return self._out(loaded, found, user)

    async def for_picks(
        self,
        media_ids: Sequence[int],
        genres: Sequence[str],
        n: int,
        exclude: frozenset[int],
        kid: bool,
    ) -> list[Suggestion]:
        """Cold start from picked titles and genres."""
        loaded = self._current()
        if loaded is None:
            return []
        picked = {i: 1.0 for i in (loaded.items.get(str(m)) for m in media_ids) if i is not None}
        profile = Profile(items=picked, genres=tuple(genres))
        return self._out(
            loaded, loaded.model.recommend_profile(profile, n, self._filters(loaded, exclude, kid))
        )

    async def similar(self, media_id: int, n: int) -> list[Suggestion]:
        """Titles like one title."""
        loaded = self._current()
        item = loaded.items.get(str(media_id)) if loaded else None
        if loaded is None or item is None:
            return []
        try:
            return self._out(loaded, loaded.model.similar_items(item, n))
        except RecommendationImpossible:
            return []

    async def for_group(self, profile_ids: Sequence[int], n: int) -> list[Suggestion]:
        """Average without misery over the members the model knows."""
        loaded = self._current()
        if loaded is None:
            return []
        members = [u for u in (loaded.users.get(str(p)) for p in profile_ids) if u is not None]
        if not members:
            return self._out(loaded, loaded.model.popular(n))
        names = {u: loaded.users.raw(u) for u in members}
        return self._out(loaded, group_recommend(loaded.model, members, n, names=names))


def _inner(loaded: _Loaded, media_ids: frozenset[int]) -> frozenset[int]:
    """Inner item ids of the titles the model knows."""
    return frozenset(i for i in (loaded.items.get(str(m)) for m in media_ids) if i is not None)


def _social(loaded: _Loaded, context: ServingContext) -> list[SocialSignal]:
    """Friends' signals on the titles the model knows (friend ids kept as strings)."""
    found = []
    for signal in context.social:
        item = loaded.items.get(str(signal.media_id))
        if item is not None:
            found.append(SocialSignal(item, str(signal.friend_id), signal.strength))
    return found


def _predict(loaded: _Loaded, user: int | None, items: list[int]) -> dict[int, float]:
    """Predicted 1-10 ratings of inner ``items`` for inner ``user`` (none when unknown)."""
    predictor = loaded.rating
    if predictor is None or user is None or not items or user >= predictor.n_users:
        return {}
    values = predictor.predict_items(user, np.asarray(items, dtype=np.int64))
    return {int(i): round(float(v), 1) for i, v in zip(items, values, strict=True)}
