"""A word-level inverted index: vocabulary, document frequencies and postings.

Entity ids only ever grow, so every posting is sorted. Removed entities stay in the postings
and are filtered out by the caller's liveness mask (their document frequency drops at once).
A bulk load registers words with :meth:`TermIndex.ids_for` and hands every ``(term, entity)``
pair to :meth:`TermIndex.load` at the end; later entities are added one by one.
"""

from __future__ import annotations

import bisect
import math
from array import array
from collections.abc import Iterable

import numpy as np

from adapters.search.bitmaps import DENSE_DF, TermBitmaps
from adapters.search.columns import Column
from adapters.search.postings import Postings
from adapters.search.typos import DeletionIndex, GramIndex, max_edits

PREFIX_QUALITY = 0.85
TYPO_QUALITY = {1: 0.8, 2: 0.65}
MAX_PREFIX_TERMS = 32  # prefix completions that generate candidates (stage 2 checks all)
COMPACT_SHARE = 0.2  # fold the deltas into the base when they grow past this share
_TYPO_CACHE_SIZE = 20_000
_END = "\U0010ffff"
_GAP = 1024.0


class TermIndex:
    """Vocabulary plus postings for one kind of entity (titles or people)."""

    def __init__(self) -> None:
        self._ids: dict[str, int] = {}
        self.terms: list[str] = []
        self.df = Column(np.int32)
        # term id -> a key in alphabetical order, spaced so new words fit between neighbours
        self.rank = Column(np.float64)
        self._lengths = Column(np.int16)
        self._postings = Postings()
        self._sorted: list[str] = []
        self._sorted_ids = array("i")
        self._grams = GramIndex()
        self._deletions = DeletionIndex()
        self.bitmaps = TermBitmaps()
        self._typo_cache: dict[tuple[str, int], tuple[tuple[int, int], ...]] = {}
        self.entities = 0  # live entities, the N of idf

    def __len__(self) -> int:
        return len(self.terms)

    def term_id(self, word: str) -> int | None:
        """The id of a known word."""
        return self._ids.get(word)

    def ids_for(self, words: Iterable[str], *, bulk: bool = False) -> list[int]:
        """Term ids of ``words``, creating the unknown ones (``bulk``: wait for :meth:`load`)."""
        get = self._ids.get
        return [t if (t := get(w)) is not None else self._new_term(w, bulk) for w in words]

    def _new_term(self, word: str, bulk: bool) -> int:
        term = len(self.terms)
        self._ids[word] = term
        self.terms.append(word)
        if bulk:
            return term
        self.df.append(0)
        self._lengths.append(min(len(word), 32767))
        position = bisect.bisect_left(self._sorted, word)
        ranks = self.rank.view()
        before = ranks[self._sorted_ids[position - 1]] if position else -_GAP
        after = (
            ranks[self._sorted_ids[position]] if position < len(self._sorted) else before + 2 * _GAP
        )
        self._sorted.insert(position, word)
        self._sorted_ids.insert(position, term)
        self.rank.append((before + after) / 2)
        if not before < self.rank[term] < after:  # the gap is used up: space all keys again
            self.rank.view()[np.frombuffer(self._sorted_ids, dtype=np.int32)] = self._spaced()
        self._grams.add(term, word)
        self._deletions.add(term, word)
        self._typo_cache.clear()
        return term

    def load(self, terms: np.ndarray, entities: np.ndarray, entity_count: int) -> None:
        """Replace all postings with the ``(term, entity)`` pairs of a bulk load."""
        count = len(self.terms)
        self.df = Column(np.int32)
        self.df.extend(self._postings.load(terms, entities, count))
        self._lengths = Column(np.int16)
        self._lengths.extend([min(len(w), 32767) for w in self.terms])
        order = sorted(range(count), key=self.terms.__getitem__)
        self._sorted = [self.terms[i] for i in order]
        self._sorted_ids = array("i", order)
        self.rank = Column(np.float64)
        self.rank.extend(np.zeros(count))
        self.rank.view()[order] = self._spaced()
        self._grams.load(self.terms)
        self._deletions.load(self.terms)
        self.bitmaps = TermBitmaps()
        for term in np.flatnonzero(self.df.view() >= DENSE_DF).tolist():
            self.bitmaps.promote(term, self._postings.base(term))
        self.entities = entity_count
        self._typo_cache.clear()

    def add(self, terms: set[int], entity: int) -> None:
        """Index one more entity (larger than all before) under its distinct term ids."""
        self.entities += 1
        df = self.df.view()
        for term in terms:
            self._postings.add(term, entity)
            df[term] += 1
            if term in self.bitmaps:
                self.bitmaps.add(term, entity)
            elif df[term] >= DENSE_DF:
                self.bitmaps.promote(term, self._postings.get(term))
        if self._postings.delta_size > COMPACT_SHARE * max(100_000, self._postings.base_size):
            self._postings.compact(len(self.terms))

    def discard(self, terms: set[int]) -> None:
        """Forget one entity's contribution to the document frequencies."""
        self.entities -= 1
        df = self.df.view()
        for term in terms:
            df[term] -= 1

    def idf(self, term: int | None) -> float:
        """Inverse document frequency (an unknown word gets the highest)."""
        df = 0 if term is None else max(0, int(self.df[term]))
        return math.log((self.entities + 1) / (df + 0.5))

    def idf_of(self, word: str) -> float:
        """Inverse document frequency of a word given as text."""
        return self.idf(self._ids.get(word))

    def idfs(self, terms: np.ndarray) -> np.ndarray:
        """Vectorised :meth:`idf` of term ids."""
        df = np.maximum(self.df.view()[terms], 0).astype(np.float32)
        result: np.ndarray = np.log(np.float32(self.entities + 1) / (df + np.float32(0.5)))
        return result

    def posting(self, term: int) -> np.ndarray:
        """The entity ids containing the term, ascending."""
        return self._postings.get(term)

    def posting_parts(self, term: int) -> tuple[np.ndarray, np.ndarray | None]:
        """The bulk-loaded ids of a term and those added since (views: use them at once)."""
        return self._postings.base(term), self._postings.delta(term)

    def _spaced(self) -> np.ndarray:
        return np.arange(len(self._sorted), dtype=np.float64) * _GAP

    def prefix_range(self, prefix: str) -> tuple[int, int]:
        """Positions ``[low, high)`` in alphabetical order of the words starting with
        ``prefix``."""
        low = bisect.bisect_left(self._sorted, prefix)
        return low, bisect.bisect_left(self._sorted, prefix + _END, low)

    def prefix_keys(self, prefix: str) -> tuple[float, float]:
        """Bounds ``[low, high)`` of :attr:`rank` for the words starting with ``prefix``."""
        low, high = self.prefix_range(prefix)
        ranks, ids = self.rank.view(), self._sorted_ids
        size = len(self._sorted)
        return (
            float(ranks[ids[low]]) if low < size else math.inf,
            float(ranks[ids[high]]) if high < size else math.inf,
        )

    def prefixed(self, prefix: str) -> list[int]:
        """Ids of the words starting with ``prefix`` (itself excluded), most frequent first."""
        low, high = self.prefix_range(prefix)
        if low < high and self._sorted[low] == prefix:
            low += 1
        ids = np.frombuffer(self._sorted_ids, dtype=np.int32)[low:high]
        if len(ids) > MAX_PREFIX_TERMS:
            df = self.df.view()[ids]
            ids = ids[np.argpartition(-df, MAX_PREFIX_TERMS)[:MAX_PREFIX_TERMS]]
        result: list[int] = ids.tolist()
        return result

    def typos(self, word: str, *, depth: int) -> tuple[tuple[int, int], ...]:
        """Known words one edit from ``word`` and, for words long enough, two edits when
        ``depth`` is 2, or is 1 and no word is one edit away: (id, distance)."""
        key = (word, depth)
        cached = self._typo_cache.get(key)
        if cached is not None:
            return cached
        allowed = max_edits(word)
        found: dict[int, int] = {}
        if allowed:
            found = dict.fromkeys(self._deletions.one_edit(word, self.terms), 1)
            if allowed > 1 and (depth > 1 or (depth == 1 and not found)):
                far = self._grams.two_edit_candidates(word, self.terms, self._length_of)
                for term, distance in far:
                    found.setdefault(term, distance)
        result = tuple(found.items())
        if len(self._typo_cache) >= _TYPO_CACHE_SIZE:
            self._typo_cache.clear()
        self._typo_cache[key] = result
        return result

    def _length_of(self, ids: np.ndarray) -> np.ndarray:
        lengths: np.ndarray = self._lengths.view()[ids]
        return lengths

    def expand(
        self, word: str, *, prefix: bool, typos: bool, depth: int = 0
    ) -> list[tuple[int, float]]:
        """Vocabulary words matching ``word`` with a quality in (0, 1]: itself (1.0), words it
        begins (when ``prefix``) and near misses (when ``typos``, see :meth:`typos`)."""
        matches: dict[int, float] = {}
        if typos:
            for term, distance in self.typos(word, depth=depth):
                matches[term] = TYPO_QUALITY[distance]
        if prefix and len(word) >= 2:
            for term in self.prefixed(word):
                matches[term] = max(matches.get(term, 0.0), PREFIX_QUALITY)
        exact = self._ids.get(word)
        if exact is not None:
            matches[exact] = 1.0
        df = self.df.view()
        return [(term, quality) for term, quality in matches.items() if df[term] > 0]
