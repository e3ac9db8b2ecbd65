"""Postings lists: key -> ascending int32 ids, as a CSR base plus small per-key deltas.

A bulk load sorts all ``(key, id)`` pairs once (numpy) instead of appending to a million
small arrays; later ids go to per-key ``array('i')`` deltas. Ids only grow, so a base slice
followed by its delta is still ascending.
"""

from __future__ import annotations

from array import array

import numpy as np

_LOW = np.int64(0xFFFFFFFF)
_EMPTY = np.zeros(0, np.int32)


def distinct(values: np.ndarray) -> np.ndarray:
    """Sorted distinct values (sort-based: faster than ``np.unique`` here)."""
    ordered = np.sort(values)
    if len(ordered) < 2:
        return ordered
    result: np.ndarray = ordered[np.concatenate(([True], ordered[1:] != ordered[:-1]))]
    return result


class Postings:
    """Sorted id lists per integer key."""

    def __init__(self) -> None:
        self._ids = _EMPTY
        self._starts = np.zeros(1, np.int64)
        self._delta: dict[int, array[int]] = {}
        self.delta_size = 0

    def load(self, keys: np.ndarray, ids: np.ndarray, key_count: int) -> np.ndarray:
        """Replace everything with the distinct ``(key, id)`` pairs; return counts per key."""
        pairs = distinct((keys.astype(np.int64) << 32) | ids.astype(np.int64))
        self._ids = (pairs & _LOW).astype(np.int32)
        counts = np.bincount((pairs >> 32).astype(np.int64), minlength=key_count)
        self._starts = np.zeros(len(counts) + 1, np.int64)
        np.cumsum(counts, out=self._starts[1:])
        self._delta = {}
        self.delta_size = 0
        return counts

    @property
    def base_size(self) -> int:
        """How many ids the bulk-loaded base holds."""
        return len(self._ids)

    def add(self, key: int, value: int) -> None:
        """Append ``value`` (greater than every id already under ``key``)."""
        delta = self._delta.get(key)
        if delta is None:
            delta = self._delta[key] = array("i")
        delta.append(value)
        self.delta_size += 1

    def base(self, key: int) -> np.ndarray:
        """The ids loaded in bulk under ``key`` (a view)."""
        if key + 1 >= len(self._starts):
            return _EMPTY
        return self._ids[self._starts[key] : self._starts[key + 1]]

    def delta(self, key: int) -> np.ndarray | None:
        """The ids added since the bulk load (a view: use before the next add)."""
        delta = self._delta.get(key)
        return None if delta is None else np.frombuffer(delta, dtype=np.int32)

    def get(self, key: int) -> np.ndarray:
        """Every id under ``key``, ascending."""
        base, delta = self.base(key), self.delta(key)
        return base if delta is None else np.concatenate((base, delta))

    def pairs(self) -> tuple[np.ndarray, np.ndarray]:
        """All ``(key, id)`` pairs, to rebuild with :meth:`load`."""
        keys = np.repeat(np.arange(len(self._starts) - 1), np.diff(self._starts))
        extra_keys = [np.full(len(d), k, np.int64) for k, d in self._delta.items()]
        extra_ids = [np.frombuffer(d, dtype=np.int32) for d in self._delta.values()]
        return np.concatenate([keys, *extra_keys]), np.concatenate([self._ids, *extra_ids])

    def compact(self, key_count: int) -> None:
        """Fold the deltas into the base."""
        keys, ids = self.pairs()
        self.load(keys, ids, key_count)
