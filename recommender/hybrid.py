"""The production recommender: a tuned blend of rankers, filters, MMR diversity and reasons.

Each component's scores are z-normalised per user and summed with weights (optionally
tuned on a validation split carved from the training interactions only). Results are
filtered (seen, not interested, certification, availability), optionally re-ranked for
diversity with MMR, and every result carries a `Reason`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from recommender.base import RecommendationImpossible, Recommender, Scored, top_n
from recommender.blend import combine, normalise
from recommender.coldstart import recommend_for_profile
from recommender.content import ContentRecommender
from recommender.data import FloatArray, IntArray, Interactions
from recommender.ease import MAX_ITEMS
from recommender.explain import anchor_reasons
from recommender.filters import NO_FILTERS, Catalog, Filters, Profile
from recommender.mmr import mmr_rerank, pairwise_similarity
from recommender.reasons import POPULAR, similar_to
from recommender.registry import make_component
from recommender.social import SocialSignal, add_social, friends_reasons
from recommender.sparse import csr_arrays, csr_from_arrays
from recommender.tuning import TuningConfig, tune_hybrid

#: Blend weights found on MovieLens-100K validation splits (see bench/RESULTS.md).
DEFAULT_WEIGHTS: dict[str, float] = {"ease": 1.0, "als": 0.1, "itemknn": 0.1, "popularity": 0.0}


class HybridRecommender(Recommender):
    """Weighted blend of named components (kinds from `recommender.registry`).

    `diversity` in [0, 1] is 1 - lambda of MMR over a candidate pool of `pool` items;
    `novelty` >= 0 re-ranks the same pool after subtracting that many standard deviations
    of log-popularity (favours the long tail among good candidates: more coverage).
    `components` holds constructor arguments per component name.
    """

    kind = "hybrid"

    def __init__(
        self,
        weights: Mapping[str, float] | None = None,
        components: Mapping[str, Mapping[str, Any]] | None = None,
        diversity: float = 0.0,
        pool: int = 50,
        tuning: Mapping[str, Any] | None = None,
        novelty: float = 0.0,
    ) -> None:
        super().__init__()
        self.weights = dict(weights or DEFAULT_WEIGHTS)
        self.component_params = {k: dict(v) for k, v in (components or {}).items()}
        self.diversity = diversity
        self.novelty = novelty
        self.pool = pool
        self.tuning = TuningConfig(**(tuning or {})) if tuning is not None else None
        self.models: dict[str, Recommender] = {}
        self.profiles: sp.csr_matrix = sp.csr_matrix((0, 0))
        self.negatives: sp.csr_matrix = sp.csr_matrix((0, 0))
        self.catalog = Catalog(0)
        self._penalty: FloatArray | None = None

    # ------------------------------------------------------------------ training
    def _active(self, n_items: int) -> dict[str, float]:
        active = dict(self.weights)
        active.setdefault("popularity", 0.0)
        if n_items > MAX_ITEMS:
            active.pop("ease", None)
        if "content" in active and not self.component_params.get("content", {}).get("metadata"):
            active.pop("content")
        return active

    def _build(self, names: Mapping[str, float]) -> dict[str, Recommender]:
        return {name: make_component(name, self.component_params.get(name, {})) for name in names}

    def _fit(self, interactions: Interactions) -> None:
        active = self._active(interactions.n_items)
        if self.tuning is not None:
            active = tune_hybrid(
                interactions, active, self._build, self.tuning, self.component_params
            )
        self.weights = active
        self._penalty = None
        self.models = {n: m.fit(interactions) for n, m in self._build(active).items()}
        self.profiles = interactions.matrix()
        neg = interactions.weight < 0
        ones = np.ones(int(neg.sum()))
        self.negatives = sp.csr_matrix(
            (ones, (interactions.user[neg], interactions.item[neg])), shape=interactions.shape
        )
        if self.catalog.n_items != interactions.n_items:
            self.catalog = Catalog(interactions.n_items)

    def set_catalog(
        self,
        titles: Mapping[int, str] | Sequence[str] = (),
        certifications: Mapping[int, str] | None = None,
    ) -> None:
        """Titles (for reasons) and certifications (for kid filters) of inner item ids."""
        self.catalog = Catalog(self.n_items, titles, certifications)

    # ------------------------------------------------------------------ scoring
    def _history(self, user: int) -> tuple[IntArray, FloatArray]:
        lo, hi = self.profiles.indptr[user], self.profiles.indptr[user + 1]
        items = np.asarray(self.profiles.indices[lo:hi], dtype=np.int64)
        return items, np.asarray(self.profiles.data[lo:hi], dtype=np.float64)

    def user_scores(self, user: int) -> FloatArray:
        """Blended, per-component normalised scores of every item."""
        return np.asarray(self._blend(user), dtype=np.float64)

    def _blend(self, user: int) -> npt.NDArray[np.floating[Any]]:
        """`user_scores` in float32, built in place (the serving hot path)."""
        total = np.zeros(self.n_items, dtype=np.float32)
        for name, model in self.models.items():
            weight = self.weights[name]
            if weight:
                part = model.normalised_scores(user)
                part *= weight
                total += part
        return total

    def batch_scores(self, users: IntArray) -> FloatArray:
        """Blended scores for many users (rows follow `users`)."""
        parts = {
            n: normalise(m.batch_scores(users)) for n, m in self.models.items() if self.weights[n]
        }
        return combine(parts, self.weights)

    def popularity_penalty(self) -> FloatArray:
        """Z-scored log-popularity of every item (what `novelty` subtracts)."""
        if self._penalty is None:
            counts = np.maximum(self.models["popularity"].user_scores(0), 0.0)
            self._penalty = normalise(np.log1p(counts))
        return self._penalty

    def profile_scores(self, items: IntArray, weights: FloatArray) -> FloatArray:
        """Blended fold-in scores for an ad-hoc item profile (components that support it)."""
        parts: dict[str, FloatArray] = {}
        for name, model in self.models.items():
            if self.weights[name]:
                try:
                    parts[name] = normalise(model.profile_scores(items, weights))
                except RecommendationImpossible:
                    continue
        return combine(parts, self.weights) if parts else np.zeros(self.n_items)

    def item_scores(self, item: int) -> FloatArray:
        """Blended normalised item-item similarities."""
        parts = {
            n: normalise(m.item_scores(item)) for n, m in self.models.items() if self.weights[n]
        }
        return combine(parts, self.weights)

    # ------------------------------------------------------------------ serving
    def recommend(
        self, user: int, n: int = 10, exclude: set[int] | None = None, filter_seen: bool = True
    ) -> list[Scored]:
        """Top-`n` for a known user, with reasons (see `recommend_with` for all filters)."""
        filters = Filters(exclude=frozenset(exclude or ()), filter_seen=filter_seen)
        return self.recommend_with(user, n, filters)

    def recommend_with(
        self,
        user: int,
        n: int,
        filters: Filters,
        social: Sequence[SocialSignal] = (),
    ) -> list[Scored]:
        """Top-`n` for a known user under `filters`, lifted by friends' `social` signals;
        no history -> popular items (lifted the same way)."""
        self.check_user(user)
        history, weights = self._history(user)
        lo, hi = self.negatives.indptr[user], self.negatives.indptr[user + 1]
        blocked = self.catalog.blocked(
            filters, self.seen_items(user), self.negatives.indices[lo:hi].tolist()
        )
        if history.size == 0:
            return self.popular_blocked(n, blocked, social)
        scores = self._blend(user)
        add_social(scores, social)
        chosen, picked = self.select_items(scores, blocked, n)
        reasons = anchor_reasons(self.models, history, weights, chosen, self.catalog)
        social_reasons = friends_reasons([int(i) for i in chosen], social)
        return [
            Scored(int(i), float(s), f or r)
            for i, s, r, f in zip(chosen, picked, reasons, social_reasons, strict=True)
        ]

    def recommend_profile(
        self, profile: Profile, n: int, filters: Filters = NO_FILTERS
    ) -> list[Scored]:
        """Cold start: recommendations from onboarding picks (items and/or genres)."""
        return recommend_for_profile(self, profile, n, filters)

    def popular(
        self, n: int, filters: Filters = NO_FILTERS, social: Sequence[SocialSignal] = ()
    ) -> list[Scored]:
        """Most popular items under `filters` (for users the model has never seen), lifted
        by friends' `social` signals."""
        self.check_item(0)
        blocked = self.catalog.blocked(filters, np.zeros(0, np.int64), [])
        return self.popular_blocked(n, blocked, social)

    def popular_blocked(
        self, n: int, blocked: npt.NDArray[np.bool_], social: Sequence[SocialSignal] = ()
    ) -> list[Scored]:
        """Most popular items outside the `blocked` mask (log-popularity plus `social`)."""
        counts = np.maximum(self.models["popularity"].user_scores(0), 0.0)
        scores = normalise(np.log1p(counts)) if social else np.array(counts, np.float64)
        add_social(scores, social)
        scores[blocked] = -np.inf
        chosen = [int(i) for i in top_n(scores, n)]
        social_reasons = friends_reasons(chosen, social)
        return [
            Scored(i, float(scores[i]), f or POPULAR)
            for i, f in zip(chosen, social_reasons, strict=True)
        ]

    def select_items(
        self, scores: npt.NDArray[np.floating[Any]], blocked: npt.NDArray[np.bool_], n: int
    ) -> tuple[IntArray, npt.NDArray[np.floating[Any]]]:
        """Best `n` unblocked items (pool re-ranked for novelty/diversity); edits `scores`."""
        masked = scores
        masked[blocked] = -np.inf
        if self.diversity <= 0 and self.novelty <= 0:
            chosen = top_n(masked, n)
            return chosen, masked[chosen]
        pool = top_n(masked, max(self.pool, n))
        relevance = masked[pool] - self.novelty * self.popularity_penalty()[pool]
        vectors = self._diversity_vectors() if self.diversity > 0 else None
        if vectors is None or pool.size == 0:
            order = np.argsort(-relevance, kind="stable")[:n]
        else:
            similarity = pairwise_similarity(vectors, pool)
            order = mmr_rerank(relevance, similarity, n, 1 - self.diversity)
        return pool[order], relevance[order]

    def _diversity_vectors(self) -> FloatArray | sp.csr_matrix | None:
        for name in ("als", "content", "itemknn"):
            model = self.models.get(name)
            if model is not None:
                vectors = getattr(model, "item_factors", None)
                if vectors is None:
                    vectors = getattr(model, "vectors", None)
                if vectors is None:
                    vectors = getattr(model, "neighbours", None)
                return vectors
        return None

    def similar_items(self, item: int, n: int = 10) -> list[Scored]:
        """Items most like `item` by the blend, with "Similar to X" or shared-feature reasons."""
        self.check_item(item)
        content = self.models.get("content")
        scores = self.item_scores(item)
        scores[item] = -np.inf
        chosen = top_n(scores, n)
        if isinstance(content, ContentRecommender):
            return [
                Scored(int(i), float(scores[i]), content.reason_for(item, int(i))) for i in chosen
            ]
        reason = similar_to(item, self.catalog.title(item))
        return [Scored(int(i), float(scores[i]), reason) for i in chosen]

    # ------------------------------------------------------------------ persistence
    def params(self) -> dict[str, Any]:
        """Constructor arguments (weights are the tuned ones after fitting)."""
        return {
            "weights": self.weights,
            "components": self.component_params,
            "diversity": self.diversity,
            "novelty": self.novelty,
            "pool": self.pool,
            "tuning": None,
        }

    def state(self) -> dict[str, npt.NDArray[Any]]:
        """Every component's state plus profiles and "not interested" marks."""
        out: dict[str, npt.NDArray[Any]] = {
            **csr_arrays("profiles", self.profiles),
            **csr_arrays("negatives", self.negatives),
        }
        for name, model in self.models.items():
            out.update({f"{name}__{k}": v for k, v in model.state().items()})
        return out

    def set_state(self, arrays: dict[str, npt.NDArray[Any]]) -> None:
        """Rebuild components and restore their state."""
        shape = (self.n_users, self.n_items)
        self.profiles = csr_from_arrays("profiles", arrays, shape)
        self.negatives = csr_from_arrays("negatives", arrays, shape)
        self.models = self._build(self.weights)
        self._penalty = None
        for name, model in self.models.items():
            model.seen = self.seen
            prefix = f"{name}__"
            model.set_state(
                {k[len(prefix) :]: v for k, v in arrays.items() if k.startswith(prefix)}
            )
        self.catalog = Catalog(self.n_items)
