"""Sorted normalised names for exact-name lookups and title-prefix completion.

A large sorted run (a Python list bisected in C, with numpy arrays of ids and popularity
aligned to it) plus a small sorted delta for incremental inserts, merged in O(n) pointer copies
once it grows. Removed documents are filtered with the caller's liveness mask and purged when
they pile up.
"""

from __future__ import annotations

import bisect
import math
from itertools import compress

import numpy as np

MERGE_AT = 4096
_END = "\U0010ffff"


class NameIndex:
    """Normalised name -> internal document ids."""

    def __init__(self) -> None:
        self._names: list[str] = []
        self._ids = np.zeros(0, dtype=np.int32)
        self._pop = np.zeros(0, dtype=np.float64)
        self._delta: list[tuple[str, int, float]] = []
        self.dead = 0

    def __len__(self) -> int:
        return len(self._names) + len(self._delta)

    def bulk_load(self, names: list[str], ids: np.ndarray, popularity: np.ndarray) -> None:
        """Replace everything with parallel names, doc ids and popularities."""
        order = sorted(range(len(names)), key=names.__getitem__)
        self._names = [names[i] for i in order]
        self._ids = np.asarray(ids, dtype=np.int32)[order]
        self._pop = np.asarray(popularity, dtype=np.float64)[order]
        self._delta = []
        self.dead = 0

    def add(self, name: str, doc: int, popularity: float) -> None:
        """Index one more name of a document."""
        bisect.insort(self._delta, (name, doc, popularity))
        if len(self._delta) >= MERGE_AT:
            self.merge()

    def merge(self) -> None:
        """Fold the delta into the sorted run (pointer copies, no re-sort)."""
        if not self._delta:
            return
        positions = [bisect.bisect_left(self._names, name) for name, _, _ in self._delta]
        merged: list[str] = []
        start = 0
        for position, (name, _, _) in zip(positions, self._delta, strict=True):
            merged.extend(self._names[start:position])
            merged.append(name)
            start = position
        merged.extend(self._names[start:])
        self._ids = np.insert(self._ids, positions, [doc for _, doc, _ in self._delta])
        self._pop = np.insert(self._pop, positions, [pop for _, _, pop in self._delta])
        self._names = merged
        self._delta = []

    def purge(self, alive: np.ndarray) -> None:
        """Drop the names of removed documents."""
        self.merge()
        keep = alive[self._ids]
        self._names = list(compress(self._names, keep.tolist()))
        self._ids, self._pop = self._ids[keep], self._pop[keep]
        self.dead = 0

    def _ranges(self, low_key: str, high_key: str) -> tuple[slice, list[tuple[str, int, float]]]:
        low = bisect.bisect_left(self._names, low_key)
        high = bisect.bisect_right(self._names, high_key, low)
        d_low = bisect.bisect_left(self._delta, (low_key,))
        d_high = bisect.bisect_right(self._delta, (high_key, math.inf), d_low)
        return slice(low, high), self._delta[d_low:d_high]

    def exact(self, name: str, limit: int = 256) -> list[int]:
        """Ids of the (at most ``limit`` most popular) documents having exactly this
        normalised name, maybe removed ones."""
        static, delta = self._ranges(name, name)
        ids, pop = self._ids[static], self._pop[static]
        if len(ids) > limit:
            ids = ids[np.argpartition(-pop, limit - 1)[:limit]]
        found: list[int] = ids.tolist()
        return found + [doc for _, doc, _ in delta]

    def complete(
        self, prefix: str, count: int, alive: np.ndarray, media_ids: np.ndarray
    ) -> list[int]:
        """The ``count`` most popular live documents with a name starting with ``prefix``.

        Ties in popularity go to the smaller media id, so the order is stable.
        """
        static, delta = self._ranges(prefix, prefix + _END)
        ids, pop = self._ids[static], self._pop[static]
        want = count + 8
        while True:
            if len(ids) > want * 4:
                kth = np.partition(pop, len(pop) - want)[len(pop) - want]
                chosen = np.flatnonzero(pop >= kth)
            else:
                chosen = np.arange(len(ids))
            docs = ids[chosen]
            keep = alive[docs]
            docs, doc_pop = docs[keep], pop[chosen][keep]
            extra = [(doc, p) for _, doc, p in delta if alive[doc]]
            if extra:
                docs = np.concatenate((docs, np.array([d for d, _ in extra], dtype=np.int32)))
                doc_pop = np.concatenate((doc_pop, np.array([p for _, p in extra])))
            order = np.lexsort((media_ids[docs], -doc_pop))
            result = list(dict.fromkeys(docs[order].tolist()))[:count]
            if len(result) >= count or len(chosen) == len(ids):
                return result
            want *= 4
