"""Stage 2, vectorised: score every name of a few thousand candidate rows, word by word.

The names' term ids are gathered from the CSR columns of :class:`DocStore`; each query word's
matches become a per-term quality through a dense scratch table (exact 1.0, typo 0.8/0.65,
prefix 0.85 via alphabetical keys), and ``reduceat`` folds terms into names and names into rows.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from adapters.search.ranking import NAME_WEIGHT, QUERY_WEIGHT, QueryWord
from adapters.search.store import DocStore
from adapters.search.terms import PREFIX_QUALITY, TermIndex

EXACT_BONUS = 1.0


@dataclass(frozen=True, slots=True)
class RowScores:
    """Per candidate row: best name text score, query coverage, query words matched."""

    text: np.ndarray
    coverage: np.ndarray
    words: np.ndarray
    name_text: np.ndarray  # per gathered name
    name_ids: np.ndarray
    offsets: np.ndarray  # where each row's names start in ``name_ids``

    def best_name(self, index: int, count: int) -> int:
        """The name id that gave row number ``index`` (with ``count`` names) its score."""
        start = int(self.offsets[index])
        return int(self.name_ids[start + int(np.argmax(self.name_text[start : start + count]))])


def _segments(starts: np.ndarray, lengths: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Expand CSR runs into positions; also return where each run starts in the output."""
    offsets = np.zeros(len(lengths), dtype=np.int64)
    np.cumsum(lengths[:-1], out=offsets[1:])
    positions = np.repeat(starts - offsets, lengths) + np.arange(int(lengths.sum()))
    return positions, offsets


class NameScoring:
    """Scores candidate rows of a store against prepared query words."""

    def __init__(self, store: DocStore, terms: TermIndex) -> None:
        self._store, self._terms = store, terms
        self._table = np.zeros(0, np.float32)

    def score(self, rows: np.ndarray, words: list[QueryWord], full: str) -> RowScores:
        """Text relevance of each row's best name (``full``: the normalised query)."""
        store, terms = self._store, self._terms
        counts = store.name_count.view()[rows].astype(np.int64)
        names, row_offsets = _segments(store.first_name.view()[rows], counts)
        lengths = store.name_len.view()[names].astype(np.int64)
        positions, name_offsets = _segments(store.name_start.view()[names], lengths)
        term_ids = store.name_terms.view()[positions]
        if len(self._table) < len(terms):
            self._table = np.zeros(max(len(terms), 2 * len(self._table)), np.float32)
        coverage = np.zeros(len(names), np.float32)
        hits = np.zeros(len(names), np.int16)
        matched = np.zeros(len(term_ids), bool)
        for word in words:
            quality = self._quality(word, term_ids)
            best = np.maximum.reduceat(quality, name_offsets)
            coverage += np.float32(word.idf) * best
            hits += best > 0
            matched |= quality > 0
        coverage /= np.float32(sum(w.idf for w in words) or 1.0)
        idf = terms.idfs(term_ids)
        name_idf = np.add.reduceat(idf, name_offsets)
        covered = np.add.reduceat(idf * matched, name_offsets) / np.maximum(name_idf, 1e-6)
        text = QUERY_WEIGHT * coverage + NAME_WEIGHT * covered
        text += EXACT_BONUS * (store.name_hash.view()[names] == hash(full))
        return RowScores(
            np.maximum.reduceat(text, row_offsets),
            np.maximum.reduceat(coverage, row_offsets),
            np.maximum.reduceat(hits, row_offsets),
            text,
            names,
            row_offsets,
        )

    def _quality(self, word: QueryWord, term_ids: np.ndarray) -> np.ndarray:
        if word.matches:
            ids = np.fromiter((t for t, _ in word.matches), np.int64, len(word.matches))
            self._table[ids] = [q for _, q in word.matches]
            quality = self._table[term_ids]
            self._table[ids] = 0.0
        else:
            quality = np.zeros(len(term_ids), np.float32)
        if word.prefix and len(word.text) >= 2:
            low, high = self._terms.prefix_keys(word.text)
            if low < high:
                rank = self._terms.rank.view()[term_ids]
                prefixed = (rank >= low) & (rank < high)
                quality = np.maximum(quality, np.where(prefixed, PREFIX_QUALITY, 0.0))
        result: np.ndarray = quality.astype(np.float32, copy=False)
        return result
