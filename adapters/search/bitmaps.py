"""Bitmaps for the most frequent terms: O(1) "does row r contain term t" for any row.

Common words ("the", "love", "man") have postings too long to walk on every keystroke, so they
never generate candidates; instead their membership is probed for the candidates the rarer
words produced. A bitmap costs one bit per row: a few hundred terms at a million rows is
tens of MiB.
"""

from __future__ import annotations

import numpy as np

DENSE_DF = 4096  # postings at least this long get a bitmap


class TermBitmaps:
    """term id -> packed bitmap over entity ids (little-endian bit order)."""

    def __init__(self) -> None:
        self._maps: dict[int, np.ndarray] = {}
        self._bytes = 1024

    def __contains__(self, term: int) -> bool:
        return term in self._maps

    def __len__(self) -> int:
        return len(self._maps)

    def _fit(self, entity: int) -> None:
        needed = entity // 8 + 1
        if needed > self._bytes:
            self._bytes = max(needed, 2 * self._bytes)
            for term, bitmap in self._maps.items():
                grown = np.zeros(self._bytes, np.uint8)
                grown[: len(bitmap)] = bitmap
                self._maps[term] = grown

    def promote(self, term: int, posting: np.ndarray) -> None:
        """Give a term that became frequent its bitmap, from its posting."""
        if len(posting):
            self._fit(int(posting[-1]))
        bits = np.zeros(self._bytes * 8, bool)
        bits[posting] = True
        self._maps[term] = np.packbits(bits, bitorder="little")

    def add(self, term: int, entity: int) -> None:
        """Set the bit of ``entity`` if ``term`` has a bitmap."""
        bitmap = self._maps.get(term)
        if bitmap is not None:
            if entity // 8 >= len(bitmap):
                self._fit(entity)
                bitmap = self._maps[term]
            bitmap[entity >> 3] |= np.uint8(1 << (entity & 7))

    def contains(self, term: int, rows: np.ndarray) -> np.ndarray:
        """Which of ``rows`` contain ``term`` (the term must have a bitmap)."""
        bitmap = self._maps[term]
        result: np.ndarray = (bitmap[rows >> 3] >> (rows & 7).astype(np.uint8)) & 1
        return result.astype(bool)
