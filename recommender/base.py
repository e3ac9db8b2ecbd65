"""The recommender interface shared by every model (modelled on implicit's RecommenderBase).

Models work on inner integer ids (see `recommender.data.IdIndex`). A model computes a
score vector over the whole catalog for a user (`user_scores`) or an item
(`item_scores`); the base class turns those into ranked `Scored` lists, filters seen and
excluded items, and persists state as a numpy ``.npz`` archive holding arrays plus a
JSON blob of constructor parameters (no pickling of arbitrary objects).
"""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, Self

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from recommender.data import FloatArray, IntArray, Interactions, user_items
from recommender.reasons import Reason

NEG_INF = -np.inf


class RecommendationImpossible(LookupError):
    """Raised for a user or item the model has no data about."""


@dataclass(frozen=True, slots=True)
class Scored:
    """One recommended item (inner id) with its score and an optional reason."""

    item: int
    score: float
    reason: Reason | None = None


#: Block size of the two-stage top-n selection used on large catalogs.
BLOCK = 128


def top_n(scores: npt.NDArray[np.floating[Any]], n: int) -> IntArray:
    """Indices of the `n` best finite scores, best first, ties broken by lower index."""
    if scores.size > 64 * BLOCK and 0 < n <= 256:
        cutoff = _block_cutoff(scores, n)
        if np.isfinite(cutoff):
            idx = np.flatnonzero(scores >= cutoff)
            return np.asarray(idx[np.lexsort((idx, -scores[idx]))][:n], dtype=np.int64)
    finite = np.flatnonzero(np.isfinite(scores))
    if n <= 0 or finite.size == 0:
        return np.zeros(0, dtype=np.int64)
    values = scores[finite]
    if n < finite.size:
        part = np.argpartition(-values, n - 1)[:n]
        cutoff = values[part].min()
        part = np.flatnonzero(values >= cutoff)  # keep all ties at the cut-off
        finite, values = finite[part], values[part]
    order = np.lexsort((finite, -values))[:n]
    return np.asarray(finite[order], dtype=np.int64)


def _block_cutoff(scores: npt.NDArray[np.floating[Any]], n: int) -> float:
    """The n-th largest score, found via the n blocks with the largest maxima.

    Every item among the top n lies in a block whose maximum is at least the n-th largest
    score, and at most n blocks qualify, so the n best blocks hold the whole top n.
    """
    full = scores.size - scores.size % BLOCK
    maxima = scores[:full].reshape(-1, BLOCK).max(axis=1)
    if full < scores.size:
        maxima = np.append(maxima, scores[full:].max())
    k = min(n, maxima.size)
    blocks = np.argpartition(-maxima, k - 1)[:k]
    cand = (blocks[:, None] * BLOCK + np.arange(BLOCK)).ravel()
    values = scores[cand[cand < scores.size]]
    if values.size < n:
        return float("-inf")
    return float(np.partition(values, values.size - n)[values.size - n])


def mask_items(scores: FloatArray, items: Iterable[int] | IntArray) -> FloatArray:
    """Copy of `scores` with `items` set to -inf."""
    out = np.array(scores, dtype=np.float64)
    idx = np.fromiter(items, dtype=np.int64) if not isinstance(items, np.ndarray) else items
    idx = idx[(idx >= 0) & (idx < out.size)]
    out[idx] = NEG_INF
    return out


class Recommender(ABC):
    """Base class: subclasses implement `_fit`, `user_scores`, `item_scores` and state."""

    #: Registry key written into saved archives.
    kind: ClassVar[str] = "base"

    def __init__(self) -> None:
        self.seen: sp.csr_matrix | None = None

    # ----------------------------------------------------------------- subclass API
    @abstractmethod
    def _fit(self, interactions: Interactions) -> None:
        """Learn model state from interactions."""

    @abstractmethod
    def user_scores(self, user: int) -> FloatArray:
        """Raw score of every item for a known user (higher is better)."""

    @abstractmethod
    def item_scores(self, item: int) -> FloatArray:
        """Similarity of every item to a known item (higher is more similar)."""

    def batch_scores(self, users: IntArray) -> FloatArray:
        """Scores for many users at once, one row per user (override for speed)."""
        return np.vstack([self.user_scores(int(u)) for u in users]).astype(np.float64)

    def normalised_scores(self, user: int) -> npt.NDArray[np.floating[Any]]:
        """`user_scores` z-normalised over all items (models may override with a shortcut)."""
        scores = self.user_scores(user)
        std = float(scores.std())
        return np.asarray((scores - scores.mean()) / (std if std > 0 else 1.0))

    def profile_scores(self, items: IntArray, weights: FloatArray) -> FloatArray:
        """Scores for an ad-hoc profile of weighted items (onboarding picks, fold-in)."""
        raise RecommendationImpossible(f"{self.kind} cannot score an ad-hoc profile")

    @abstractmethod
    def params(self) -> dict[str, Any]:
        """JSON-serialisable constructor keyword arguments."""

    @abstractmethod
    def state(self) -> dict[str, npt.NDArray[Any]]:
        """Learned arrays to persist."""

    @abstractmethod
    def set_state(self, arrays: dict[str, npt.NDArray[Any]]) -> None:
        """Restore learned arrays produced by `state`."""

    # ------------------------------------------------------------------ public API
    def fit(self, interactions: Interactions) -> Self:
        """Train on `interactions` and remember each user's seen items."""
        self.seen = interactions.binary()
        self._fit(interactions)
        return self

    @property
    def n_users(self) -> int:
        """Number of users seen in training."""
        return 0 if self.seen is None else int(self.seen.shape[0])

    @property
    def n_items(self) -> int:
        """Number of items in the catalog seen in training."""
        return 0 if self.seen is None else int(self.seen.shape[1])

    def check_user(self, user: int) -> None:
        """Raise RecommendationImpossible unless `user` is a trained inner user id."""
        if self.seen is None:
            raise RecommendationImpossible("model is not fitted")
        if not 0 <= user < self.n_users:
            raise RecommendationImpossible(f"unknown user {user}")

    def check_item(self, item: int) -> None:
        """Raise RecommendationImpossible unless `item` is a trained inner item id."""
        if self.seen is None:
            raise RecommendationImpossible("model is not fitted")
        if not 0 <= item < self.n_items:
            raise RecommendationImpossible(f"unknown item {item}")

    def seen_items(self, user: int) -> IntArray:
        """Items the user interacted with in training."""
        self.check_user(user)
        assert self.seen is not None
        return user_items(self.seen, user)

    def recommend(
        self, user: int, n: int = 10, exclude: set[int] | None = None, filter_seen: bool = True
    ) -> list[Scored]:
        """Top-`n` unseen items for `user`, skipping `exclude`."""
        self.check_user(user)
        scores = np.asarray(self.user_scores(user), dtype=np.float64)
        blocked = list(exclude or ())
        if filter_seen:
            blocked.extend(self.seen_items(user).tolist())
        scores = mask_items(scores, blocked)
        return [Scored(int(i), float(scores[i])) for i in top_n(scores, n)]

    def similar_items(self, item: int, n: int = 10) -> list[Scored]:
        """The `n` items most similar to `item` (never the item itself)."""
        self.check_item(item)
        scores = mask_items(np.asarray(self.item_scores(item), dtype=np.float64), [item])
        return [Scored(int(i), float(scores[i])) for i in top_n(scores, n)]

    def save(self, path: str | Path) -> None:
        """Write parameters and learned arrays to a ``.npz`` archive."""
        if self.seen is None:
            raise RecommendationImpossible("cannot save an unfitted model")
        arrays: dict[str, npt.NDArray[Any]] = {f"state_{k}": v for k, v in self.state().items()}
        meta = {"kind": self.kind, "params": self.params()}
        arrays["meta"] = np.array(json.dumps(meta))
        arrays["seen_data"] = self.seen.data
        arrays["seen_indices"] = self.seen.indices
        arrays["seen_indptr"] = self.seen.indptr
        arrays["seen_shape"] = np.array(self.seen.shape)
        with Path(path).open("wb") as handle:
            np.savez_compressed(handle, allow_pickle=False, **arrays)

    @classmethod
    def load(cls, path: str | Path) -> Self:
        """Restore a model written by `save`."""
        with np.load(Path(path), allow_pickle=False) as archive:
            meta = json.loads(str(archive["meta"]))
            if meta["kind"] != cls.kind:
                raise ValueError(f"archive holds a {meta['kind']!r} model, not {cls.kind!r}")
            model = cls(**meta["params"])
            shape = tuple(int(x) for x in archive["seen_shape"])
            model.seen = sp.csr_matrix(
                (archive["seen_data"], archive["seen_indices"], archive["seen_indptr"]),
                shape=shape,
            )
            state = {k[6:]: archive[k] for k in archive.files if k.startswith("state_")}
        model.set_state(state)
        return model
