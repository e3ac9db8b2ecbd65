"""Interaction data: raw events, id mapping and sparse user x item matrices.

`IdIndex` is the only place where raw string ids are mapped to the dense inner
integer ids used by every model. `Interactions` holds one row per event as
parallel numpy arrays and builds the CSR matrices the models train on.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Self

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]

#: Rating -> weight curve for implicit rankers, as knots over the rating's position in
#: its scale (0 = lowest, 1 = highest). Tuned on a MovieLens validation split: a 1-star
#: rating adds nothing, a 3-star rating is a weak positive, 5 stars is a strong one.
RATING_KNOTS: tuple[tuple[float, ...], tuple[float, ...]] = (
    (0.0, 0.25, 0.5, 0.75, 1.0),
    (0.0, 0.3, 0.6, 1.0, 1.5),
)


class IdIndex:
    """Bidirectional mapping between raw string ids and dense inner ids 0..n-1."""

    def __init__(self, raw_ids: Iterable[str] = ()) -> None:
        self._to_inner: dict[str, int] = {}
        self._to_raw: list[str] = []
        for raw in raw_ids:
            self.add(raw)

    def __len__(self) -> int:
        return len(self._to_raw)

    def __contains__(self, raw: object) -> bool:
        return raw in self._to_inner

    def add(self, raw: str) -> int:
        """Return the inner id of `raw`, assigning the next free one if it is new."""
        inner = self._to_inner.get(raw)
        if inner is None:
            inner = len(self._to_raw)
            self._to_inner[raw] = inner
            self._to_raw.append(raw)
        return inner

    def inner(self, raw: str) -> int:
        """Inner id of a known raw id (KeyError if unknown)."""
        return self._to_inner[raw]

    def get(self, raw: str) -> int | None:
        """Inner id of `raw`, or None if it was never added."""
        return self._to_inner.get(raw)

    def raw(self, inner: int) -> str:
        """Raw id of an inner id."""
        return self._to_raw[inner]

    def raws(self) -> list[str]:
        """All raw ids, in inner-id order."""
        return list(self._to_raw)

    def encode(self, raws: Iterable[str]) -> IntArray:
        """Inner ids for many raw ids, adding unknown ones."""
        return np.fromiter((self.add(r) for r in raws), dtype=np.int64)


class EventKind(enum.Enum):
    """Kinds of user feedback the bot records."""

    RATING = "rating"
    WATCH = "watch"
    REWATCH = "rewatch"
    LIST_ADD = "list_add"
    LIKE = "like"
    NOT_INTERESTED = "not_interested"


@dataclass(frozen=True, slots=True)
class EventWeights:
    """Implicit-feedback weight of each event kind (ratings follow `rating_knots`)."""

    watch: float = 0.8
    rewatch: float = 1.5
    list_add: float = 0.5
    like: float = 1.2
    not_interested: float = -1.0
    rating_knots: tuple[tuple[float, ...], tuple[float, ...]] = RATING_KNOTS

    def rating(self, value: float, scale: tuple[float, float]) -> float:
        """Weight of a rating `value` given on `scale` (e.g. (1, 5) or (1, 10))."""
        lo, hi = scale
        position = (value - lo) / (hi - lo)
        return float(np.interp(position, self.rating_knots[0], self.rating_knots[1]))

    def of(self, kind: EventKind) -> float:
        """Weight of a non-rating event kind."""
        return float(getattr(self, kind.value))


@dataclass(frozen=True, slots=True)
class Event:
    """One raw feedback event; `value` is the rating for RATING events."""

    user: str
    item: str
    kind: EventKind
    timestamp: int = 0
    value: float | None = None
    scale: tuple[float, float] = (1.0, 10.0)


@dataclass(slots=True)
class Interactions:
    """Events as parallel arrays over inner ids, plus the id indexes.

    `weight` is the implicit confidence (negative = "not interested");
    `rating` is the explicit rating on `rating_scale`, NaN for other events.
    """

    user: IntArray
    item: IntArray
    weight: FloatArray
    timestamp: IntArray
    rating: FloatArray
    users: IdIndex = field(default_factory=IdIndex)
    items: IdIndex = field(default_factory=IdIndex)
    rating_scale: tuple[float, float] = (1.0, 10.0)

    @property
    def n_users(self) -> int:
        """Number of users known to the id index."""
        return max(len(self.users), int(self.user.max(initial=-1)) + 1)

    @property
    def n_items(self) -> int:
        """Number of items known to the id index."""
        return max(len(self.items), int(self.item.max(initial=-1)) + 1)

    def __len__(self) -> int:
        return len(self.user)

    @classmethod
    def from_ratings(
        cls,
        rows: Iterable[tuple[str, str, float, int]],
        scale: tuple[float, float] = (1.0, 5.0),
        weights: EventWeights | None = None,
        users: IdIndex | None = None,
        items: IdIndex | None = None,
    ) -> Self:
        """Build from `(user, item, rating, timestamp)` rows on one rating scale."""
        events = (Event(u, i, EventKind.RATING, int(t), float(r), scale) for u, i, r, t in rows)
        return cls.from_events(events, weights, scale, users, items)

    @classmethod
    def from_events(
        cls,
        events: Iterable[Event],
        weights: EventWeights | None = None,
        rating_scale: tuple[float, float] = (1.0, 10.0),
        users: IdIndex | None = None,
        items: IdIndex | None = None,
    ) -> Self:
        """Build from raw events, converting ratings to `rating_scale`."""
        weights = weights or EventWeights()
        users = users if users is not None else IdIndex()
        items = items if items is not None else IdIndex()
        rows = [
            (
                users.add(ev.user),
                items.add(ev.item),
                *_event_values(ev, weights, rating_scale),
                ev.timestamp,
            )
            for ev in events
        ]
        cols = list(zip(*rows, strict=True)) if rows else [(), (), (), (), ()]
        return cls(
            np.asarray(cols[0], dtype=np.int64),
            np.asarray(cols[1], dtype=np.int64),
            np.asarray(cols[2], dtype=np.float64),
            np.asarray(cols[4], dtype=np.int64),
            np.asarray(cols[3], dtype=np.float64),
            users,
            items,
            rating_scale,
        )

    def subset(self, mask: npt.NDArray[np.bool_]) -> Interactions:
        """Rows selected by a boolean mask, sharing the id indexes."""
        return Interactions(
            self.user[mask],
            self.item[mask],
            self.weight[mask],
            self.timestamp[mask],
            self.rating[mask],
            self.users,
            self.items,
            self.rating_scale,
        )

    def matrix(self, recency: float = 0.0, recency_decay: float = 0.8) -> sp.csr_matrix:
        """User x item CSR of positive weights; duplicates keep the largest weight.

        With `recency` > 0 each weight is multiplied by 1 + recency * recency_decay ** r,
        r being the event's rank from the user's newest (0 = newest), so the last few
        titles a user watched steer the scores ("what next").
        """
        weight = self.weight.copy()
        if recency and len(self):
            weight *= 1.0 + recency * np.power(recency_decay, self.recency_ranks())
        keep = weight > 0
        return max_csr(self.user[keep], self.item[keep], weight[keep], self.shape)

    def recency_ranks(self) -> IntArray:
        """Rank of each event from its user's newest (ties: larger item id is newer)."""
        rows = np.arange(len(self))
        order = np.lexsort((rows, self.item, self.timestamp, self.user))
        users = self.user[order]
        starts = np.r_[0, np.flatnonzero(np.diff(users)) + 1]
        counts = np.diff(np.r_[starts, users.size])
        position = rows - np.repeat(starts, counts)
        ranks = np.empty(len(self), dtype=np.int64)
        ranks[order] = np.repeat(counts, counts) - 1 - position
        return ranks

    def binary(self) -> sp.csr_matrix:
        """User x item CSR with 1 wherever the user has any event (seen items)."""
        ones = np.ones(len(self), dtype=np.float64)
        return max_csr(self.user, self.item, ones, self.shape)

    def negatives(self) -> dict[int, set[int]]:
        """Items each user marked "not interested" (negative weight)."""
        out: dict[int, set[int]] = {}
        neg = self.weight < 0
        for u, i in zip(self.user[neg].tolist(), self.item[neg].tolist(), strict=True):
            out.setdefault(u, set()).add(i)
        return out

    @property
    def shape(self) -> tuple[int, int]:
        """(n_users, n_items)."""
        return self.n_users, self.n_items


def _event_values(
    ev: Event, weights: EventWeights, scale: tuple[float, float]
) -> tuple[float, float]:
    """(implicit weight, rating on `scale` or NaN) of one event."""
    if ev.kind is not EventKind.RATING:
        return weights.of(ev.kind), float("nan")
    if ev.value is None:
        raise ValueError(f"rating event without a value: {ev}")
    lo, hi = ev.scale
    rating = scale[0] + (ev.value - lo) / (hi - lo) * (scale[1] - scale[0])
    return weights.rating(ev.value, ev.scale), rating


def max_csr(
    rows: IntArray, cols: IntArray, values: FloatArray, shape: tuple[int, int]
) -> sp.csr_matrix:
    """CSR matrix where duplicate (row, col) entries keep their maximum value."""
    if len(rows) == 0:
        return sp.csr_matrix(shape, dtype=np.float32)
    key = rows.astype(np.int64) * shape[1] + cols
    order = np.lexsort((values, key))
    key_sorted = key[order]
    last = np.r_[key_sorted[1:] != key_sorted[:-1], True]
    chosen = order[last]
    return sp.csr_matrix(
        (values[chosen].astype(np.float32), (rows[chosen], cols[chosen])), shape=shape
    )


def user_items(matrix: sp.csr_matrix, user: int) -> IntArray:
    """Column indices of a user's non-zero entries."""
    return np.asarray(matrix.indices[matrix.indptr[user] : matrix.indptr[user + 1]], np.int64)
