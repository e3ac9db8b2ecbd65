"""Typo candidates over a vocabulary: which known words are one or two edits away.

The vocabulary (tens of thousands of distinct words) is far smaller than the catalog, so typo
tolerance is solved once per query word here, then reuses the exact-word postings.

- One edit: a deletion index (the word and its one-deletion variants, hashed) proposes the
  candidates, rapidfuzz's optimal-string-alignment distance keeps those one edit away.
- Two edits (words of 6+ letters, when asked: the word is unknown, or a retry): a padded
  bigram inverted index over the vocabulary proposes the words sharing the most bigrams,
  and rapidfuzz's optimal-string-alignment distance verifies them.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import OSA

from adapters.search.postings import Postings, distinct

MAX_VERIFIED = 1000


def max_edits(word: str) -> int:
    """How many typos a word may carry: none up to 2 letters, 1 up to 5, then 2."""
    length = len(word)
    return 0 if length <= 2 else 1 if length <= 5 else 2


def deletions(word: str) -> set[str]:
    """``word`` and every string one deletion away from it."""
    return {word, *(word[:i] + word[i + 1 :] for i in range(len(word)))}


class DeletionIndex:
    """Finds the vocabulary words one edit away without enumerating edits.

    Two words are at most one edit apart (substitution, insertion, deletion or adjacent
    transposition) only if their sets of "the word and its one-deletion variants" intersect, so
    every word is filed under the hashes of those few strings (a sorted numpy array; a dict
    for words added later) and candidates are verified with rapidfuzz.
    """

    def __init__(self) -> None:
        self._keys = np.zeros(0, np.int64)
        self._ids = np.zeros(0, np.int32)
        self._extra: dict[int, list[int]] = {}

    def load(self, words: list[str]) -> None:
        """Index a whole vocabulary (word ``i`` has id ``i``)."""
        keys: list[int] = []
        owners: list[int] = []
        for term, word in enumerate(words):
            variants = deletions(word)
            keys.extend(hash(variant) for variant in variants)
            owners.extend([term] * len(variants))
        hashed = np.array(keys, dtype=np.int64)
        order = np.argsort(hashed, kind="stable")
        self._keys, self._ids = hashed[order], np.array(owners, dtype=np.int32)[order]
        self._extra = {}

    def add(self, term: int, word: str) -> None:
        """Index one more vocabulary word."""
        for variant in deletions(word):
            self._extra.setdefault(hash(variant), []).append(term)

    def one_edit(self, word: str, terms: list[str]) -> list[int]:
        """Ids of the vocabulary words exactly one edit from ``word``."""
        probes = [hash(variant) for variant in deletions(word)]
        keys = np.array(probes, dtype=np.int64)
        low = np.searchsorted(self._keys, keys, side="left")
        high = np.searchsorted(self._keys, keys, side="right")
        found = set(self._ids[np.repeat(low, high - low) + _ranges(high - low)].tolist())
        for probe in probes:
            found.update(self._extra.get(probe, ()))
        return [t for t in found if OSA.distance(word, terms[t], score_cutoff=1) == 1]


def _ranges(counts: np.ndarray) -> np.ndarray:
    """``0..c-1`` for each count, concatenated."""
    total = int(counts.sum())
    starts = np.cumsum(counts) - counts
    result: np.ndarray = np.arange(total) - np.repeat(starts, counts)
    return result


def bigram_codes(words: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Bigrams of each padded word (``\x01word\x02``) as integer codes, with the index of the
    word each comes from (vectorised over the UTF-32 code points)."""
    padded = "".join(f"\x01{word}\x02" for word in words)
    points = np.frombuffer(padded.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    owner = np.repeat(np.arange(len(words)), [len(word) + 2 for word in words])
    same = owner[:-1] == owner[1:]
    return ((points[:-1] << 21) | points[1:])[same], owner[:-1][same]


class GramIndex:
    """Bigram -> ids of the vocabulary words containing it.

    Bigrams rather than trigrams: two edits in a seven-letter word can leave a single shared
    trigram, drowned among thousands of words, while most bigrams survive.
    """

    def __init__(self) -> None:
        self._keys: dict[int, int] = {}  # bigram code -> key in the postings
        self._postings = Postings()
        self._count = 0

    def load(self, words: list[str]) -> None:
        """Index a whole vocabulary (word ``i`` has id ``i``)."""
        codes, owners = bigram_codes(words)
        grams = distinct(codes)
        self._keys = {code: key for key, code in enumerate(grams.tolist())}
        self._postings.load(np.searchsorted(grams, codes), owners, len(grams))
        self._count = len(words)

    def add(self, term_id: int, word: str) -> None:
        """Index one more vocabulary word (ids grow)."""
        codes, _ = bigram_codes([word])
        for code in set(codes.tolist()):
            key = self._keys.get(code)
            if key is None:
                key = self._keys[code] = len(self._keys)
            self._postings.add(key, term_id)
        self._count = max(self._count, term_id + 1)

    def two_edit_candidates(
        self, word: str, terms: list[str], lengths: Callable[[np.ndarray], np.ndarray]
    ) -> list[tuple[int, int]]:
        """Vocabulary ids within two edits of ``word``, with their distance (0 excluded)."""
        codes = set(bigram_codes([word])[0].tolist())
        keys = [key for code in codes if (key := self._keys.get(code)) is not None]
        lists = [self._postings.get(key) for key in keys]
        if not lists:
            return []
        counts = np.bincount(np.concatenate(lists), minlength=self._count)
        # an edit breaks up to 2 bigrams, a transposition (OSA counts it as one) up to 3
        candidates = np.flatnonzero(counts >= max(1, len(codes) - 6))
        candidates = candidates[np.abs(lengths(candidates) - len(word)) <= 2]
        if len(candidates) > MAX_VERIFIED:
            best = np.argpartition(-counts[candidates], MAX_VERIFIED)[:MAX_VERIFIED]
            candidates = candidates[best]
        ids = candidates.tolist()
        found = process.extract(
            word, [terms[i] for i in ids], scorer=OSA.distance, score_cutoff=2, limit=None
        )
        return [(ids[index], int(distance)) for _, distance, index in found if distance > 0]
