"""Content-based recommender: TF-IDF over item metadata, with feature-level reasons."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

from recommender.base import Recommender, Scored, mask_items, top_n
from recommender.data import FloatArray, IntArray, Interactions
from recommender.reasons import Reason, ReasonKind, similar_to
from recommender.sparse import csr_arrays, csr_from_arrays

#: Relative weight of each metadata field in the item vector.
FIELD_WEIGHTS: dict[str, float] = {
    "title": 0.5,
    "overview": 1.0,
    "genres": 1.0,
    "cast": 1.0,
    "directors": 1.0,
    "keywords": 1.0,
}


@dataclass(frozen=True, slots=True)
class ItemMeta:
    """Descriptive metadata of one title."""

    title: str = ""
    year: int | None = None
    overview: str = ""
    genres: tuple[str, ...] = ()
    cast: tuple[str, ...] = ()
    directors: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ItemMeta:
        """Inverse of `dataclasses.asdict`."""
        return cls(
            title=str(data.get("title", "")),
            year=data.get("year"),
            overview=str(data.get("overview", "")),
            genres=tuple(data.get("genres", ())),
            cast=tuple(data.get("cast", ())),
            directors=tuple(data.get("directors", ())),
            keywords=tuple(data.get("keywords", ())),
        )


def _tokens(values: Sequence[str]) -> list[str]:
    """Whole names as single tokens ("Tom Hanks" -> "tom hanks")."""
    return [v.strip().lower() for v in values if v.strip()]


def item_vectors(meta: Sequence[ItemMeta], weights: Mapping[str, float]) -> sp.csr_matrix:
    """Row-normalised TF-IDF item x feature matrix, one block per metadata field."""
    blocks = []
    for name, weight in weights.items():
        if weight <= 0:
            continue
        if name in ("title", "overview"):
            docs: list[Any] = [getattr(m, name) for m in meta]
            vec = TfidfVectorizer(stop_words="english", sublinear_tf=True, min_df=1)
        else:
            docs = [_tokens(getattr(m, name)) for m in meta]
            vec = TfidfVectorizer(analyzer=lambda d: d, min_df=1)
        if not any(docs):
            continue
        try:
            block = vec.fit_transform(docs)
        except ValueError:  # only stop words
            continue
        blocks.append(normalize(block) * weight)
    if not blocks:
        return sp.csr_matrix((len(meta), 1), dtype=np.float64)
    return normalize(sp.hstack(blocks).tocsr())


def shared_reason(a: ItemMeta, b: ItemMeta, item: int) -> Reason:
    """The most telling feature `b` shares with anchor `a` (director > cast > genres)."""
    directors = [d for d in b.directors if d in a.directors]
    if directors:
        return Reason(ReasonKind.SAME_DIRECTOR, {"name": directors[0]})
    actors = [c for c in b.cast if c in a.cast]
    if actors:
        return Reason(ReasonKind.SHARED_ACTORS, {"count": len(actors), "names": actors[:3]})
    genres = [g for g in b.genres if g in a.genres]
    if genres:
        return Reason(ReasonKind.SHARED_GENRES, {"genres": genres})
    keywords = [k for k in b.keywords if k in a.keywords]
    if keywords:
        return Reason(ReasonKind.SHARED_KEYWORDS, {"keywords": keywords[:3]})
    return similar_to(item, a.title or None)


class ContentRecommender(Recommender):
    """Scores items by TF-IDF cosine to the weighted sum of the user's item vectors.

    `metadata[i]` describes inner item i; items without metadata get empty vectors.
    """

    kind = "content"

    def __init__(
        self,
        metadata: Sequence[ItemMeta | Mapping[str, Any]] = (),
        field_weights: Mapping[str, float] | None = None,
    ) -> None:
        super().__init__()
        self.metadata = [m if isinstance(m, ItemMeta) else ItemMeta.from_dict(m) for m in metadata]
        self.field_weights = dict(field_weights or FIELD_WEIGHTS)
        self.vectors: sp.csr_matrix = sp.csr_matrix((0, 0))
        self.profiles: sp.csr_matrix = sp.csr_matrix((0, 0))

    def _fit(self, interactions: Interactions) -> None:
        n_items = interactions.n_items
        meta = self.metadata[:n_items] + [ItemMeta()] * max(0, n_items - len(self.metadata))
        self.metadata = meta
        self.vectors = item_vectors(meta, self.field_weights)
        self.profiles = interactions.matrix()

    def user_scores(self, user: int) -> FloatArray:
        """Cosine of each item to the user's weighted taste profile."""
        profile = self.profiles[user] @ self.vectors
        return np.asarray((self.vectors @ profile.T).toarray(), dtype=np.float64).ravel()

    def batch_scores(self, users: IntArray) -> FloatArray:
        """Scores for many users at once."""
        profiles = self.profiles[users] @ self.vectors
        return np.asarray((profiles @ self.vectors.T).toarray(), dtype=np.float64)

    def profile_scores(self, items: IntArray, weights: FloatArray) -> FloatArray:
        """Cosine of each item to an ad-hoc weighted item profile."""
        profile = sp.csr_matrix(weights @ self.vectors[items])
        return np.asarray((self.vectors @ profile.T).toarray(), dtype=np.float64).ravel()

    def genre_scores(self, genres: Sequence[str]) -> FloatArray:
        """Share of the wanted genres each item has (onboarding by genre)."""
        wanted = {g.lower() for g in genres}
        hits = [len(wanted & {g.lower() for g in m.genres}) for m in self.metadata]
        return np.asarray(hits, dtype=np.float64) / max(len(wanted), 1)

    def item_scores(self, item: int) -> FloatArray:
        """Cosine similarity of item vectors."""
        return np.asarray((self.vectors @ self.vectors[item].T).toarray(), np.float64).ravel()

    def similar_items(self, item: int, n: int = 10) -> list[Scored]:
        """Most similar items, each with a reason naming the features it shares."""
        self.check_item(item)
        scores = mask_items(self.item_scores(item), [item])
        return [
            Scored(int(i), float(scores[i]), self.reason_for(item, int(i)))
            for i in top_n(scores, n)
        ]

    def reason_for(self, anchor: int, item: int) -> Reason:
        """Reason naming what `item` shares with `anchor` (director, cast, genres...)."""
        return shared_reason(self.metadata[anchor], self.metadata[item], anchor)

    def params(self) -> dict[str, Any]:
        """Constructor arguments (metadata included, as plain dicts)."""
        return {
            "metadata": [asdict(m) for m in self.metadata],
            "field_weights": self.field_weights,
        }

    def state(self) -> dict[str, npt.NDArray[Any]]:
        """User profiles (item vectors are rebuilt from metadata on load)."""
        return csr_arrays("pr", self.profiles)

    def set_state(self, arrays: dict[str, npt.NDArray[Any]]) -> None:
        """Restore profiles and rebuild item vectors."""
        self.profiles = csr_from_arrays("pr", arrays, (self.n_users, self.n_items))
        self.vectors = item_vectors(self.metadata, self.field_weights)
