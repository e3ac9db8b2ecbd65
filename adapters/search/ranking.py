"""Query words, candidate gathering (numpy, stage 1) and exact name scoring (Python, stage 2).

Stage 1 walks the postings of the query words' matches with dense score buffers: no sort, no
hashing, a handful of vectorised passes over a few thousand ids. Very common words ("the")
would dominate that cost while barely moving the score, so they only take part in stage 2,
which re-scores the few hundred best candidates word by word.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from adapters.search.terms import PREFIX_QUALITY, TermIndex

RARE_DF = 30  # a known word this rare may well be a typo of a common one
ESSENTIAL_VOLUME = 8_000  # postings stage 1 walks (the rarest words first)
_COUNT = 1024.0  # score buffer packs "words matched" above the idf sum (< 1024)
PROBE_TERMS = 16  # matches of a non-generating word probed in stage 1
MIN_HEAD = 64  # postings kept per term at least when a word is over budget
QUERY_WEIGHT, NAME_WEIGHT = 0.7, 0.3


@dataclass(slots=True)
class QueryWord:
    """One normalised query word and the vocabulary words it matches."""

    text: str
    idf: float
    matches: list[tuple[int, float]]  # scored in stage 2
    generating: list[tuple[int, float]]  # whose postings make stage-1 candidates
    volume: int  # postings behind ``generating``
    prefix: bool = False


def prepare(terms: TermIndex, words: list[str], *, deep: bool) -> list[QueryWord]:
    """Expand query words: exact, prefix (last word) and typos.

    Typos of an unknown word generate candidates (two edits for long words when none is one
    edit away); typos of a known word (one edit) only re-score candidates, unless the word is
    rare (then it is likely a typo itself). ``deep`` is the retry when no title matched every
    word: two edits for every long word, and every typo generates candidates.
    """
    words = _join_split_words(terms, words)
    df = terms.df.view()
    prepared = []
    for position, text in enumerate(words):
        prefix = position == len(words) - 1
        known = terms.term_id(text)
        unknown_depth = 2 if deep else 1
        strong = terms.expand(text, prefix=prefix, typos=known is None, depth=unknown_depth)
        matches = strong
        if known is not None:
            typos = terms.expand(text, prefix=prefix, typos=True, depth=int(deep))
            matches = typos
            if deep or df[known] < RARE_DF:
                strong = typos
        volume = sum(int(df[term]) for term, _ in strong)
        idf = terms.idf(known) if known is not None else _typo_idf(terms, matches)
        prepared.append(QueryWord(text, idf, matches, strong, volume, prefix))
    return prepared


def _typo_idf(terms: TermIndex, matches: list[tuple[int, float]]) -> float:
    return max((terms.idf(term) for term, _ in matches), default=terms.idf(None))


def _join_split_words(terms: TermIndex, words: list[str]) -> list[str]:
    """``di caprio`` -> ``dicaprio`` when the joined form is a known word and one half is
    unknown and no typo away from a known word ("lie to" stays: "lie" may be "life")."""
    joined: list[str] = []
    for word in words:
        if joined and terms.term_id(joined[-1] + word) is not None:
            halves = (joined[-1], word)
            if any(terms.term_id(h) is None and not terms.typos(h, depth=0) for h in halves):
                joined[-1] += word
                continue
        joined.append(word)
    return joined


@dataclass(slots=True)
class Buffers:
    """Dense per-entity scratch arrays, zero between queries."""

    score: np.ndarray = field(default_factory=lambda: np.zeros(0, np.float32))
    best: np.ndarray = field(default_factory=lambda: np.zeros(0, np.float32))

    def fit(self, size: int) -> None:
        """Grow to cover ``size`` entities."""
        if len(self.score) < size:
            capacity = max(size, 2 * len(self.score), 1024)
            self.score = np.zeros(capacity, np.float32)
            self.best = np.zeros(capacity, np.float32)


def essential(words: list[QueryWord], budget: int = ESSENTIAL_VOLUME) -> list[QueryWord]:
    """The words that generate candidates: the rarest first, while their postings fit the
    budget (at least one word). The others only re-score those candidates in stage 2."""
    chosen: list[QueryWord] = []
    spent = 0
    for word in sorted((w for w in words if w.generating), key=lambda w: w.volume):
        if chosen and spent + word.volume > budget:
            break
        chosen.append(word)
        spent += word.volume
    return chosen


def gather(
    terms: TermIndex, words: list[QueryWord], buffers: Buffers, budget: int = ESSENTIAL_VOLUME
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Candidates of ``words`` (ids may repeat) with their matched idf and matched word count.

    A word whose postings exceed the ``budget`` on its own (a query of common words only)
    keeps the head of each bulk-loaded posting in proportion (bulk-loaded titles are in
    popularity order), plus every id added since.
    """
    score, best = buffers.score, buffers.best
    parts = []
    for word in words:
        share = budget / word.volume if word.volume > budget else 1.0
        postings = [(quality, _posting(terms, term, share)) for term, quality in word.generating]
        if len(postings) == 1:  # one posting holds each id once
            quality, ids = postings[0]
            score[ids] += np.float32(word.idf * quality + _COUNT)
        else:
            postings.sort(key=lambda item: item[0])  # a better match overwrites a worse one
            for quality, posting in postings:
                best[posting] = quality
            ids = np.concatenate([posting for _, posting in postings])
            # repeated ids read the same value, so the fancy += adds it once
            score[ids] += np.float32(word.idf) * best[ids] + np.float32(_COUNT)
            best[ids] = 0.0
        parts.append(ids)
    if not parts:
        empty = np.zeros(0, np.int32)
        return empty, np.zeros(0, np.float32), np.zeros(0, np.int16)
    rows = np.concatenate(parts) if len(parts) > 1 else parts[0]
    packed = score[rows]
    score[rows] = 0.0
    counts = np.floor_divide(packed, np.float32(_COUNT))
    return rows, packed - counts * np.float32(_COUNT), counts.astype(np.int16)


def probe(
    terms: TermIndex, words: list[QueryWord], rows: np.ndarray, buffers: Buffers
) -> tuple[np.ndarray, np.ndarray]:
    """Matched idf and matched word count of the distinct ``rows`` for words that did not
    generate them: bitmaps for frequent terms, a scattered posting for the others."""
    matched = np.zeros(len(rows), np.float32)
    counts = np.zeros(len(rows), np.int16)
    best = buffers.best
    for word in words:
        quality = np.zeros(len(rows), np.float32)
        ranked = sorted(word.generating, key=lambda m: (-m[1], -int(terms.df[m[0]])))
        for term, level in ranked[:PROBE_TERMS]:
            if term in terms.bitmaps:
                hit = terms.bitmaps.contains(term, rows)
                np.maximum(quality, np.where(hit, np.float32(level), np.float32(0)), out=quality)
            else:
                posting = terms.posting(term)
                best[posting] = level
                np.maximum(quality, best[rows], out=quality)
                best[posting] = 0.0
        matched += np.float32(word.idf) * quality
        counts += quality > 0
    return matched, counts


def _posting(terms: TermIndex, term: int, share: float) -> np.ndarray:
    base, delta = terms.posting_parts(term)
    head = max(MIN_HEAD, int(share * len(base)))
    if len(base) > head:
        base = base[:head]
    return base if delta is None else np.concatenate((base, delta))


class NameScorer:
    """Scores a normalised name against the query, word by word (stage 2)."""

    def __init__(self, terms: TermIndex, words: list[QueryWord]) -> None:
        self._terms = terms
        self._lookup: dict[str, list[tuple[int, float]]] = {}
        for position, word in enumerate(words):
            for term, quality in word.matches:
                self._lookup.setdefault(terms.terms[term], []).append((position, quality))
        last = words[-1] if words else None
        self._prefix = last.text if last and last.prefix and len(last.text) >= 2 else None
        self._idfs = [w.idf for w in words]
        self._total = sum(self._idfs) or 1.0
        self._memo: dict[str, float] = {}

    def score(self, name: str) -> tuple[float, int, float]:
        """Text relevance of ``name`` in [0, 1], how many query words it matched and their
        idf-weighted share (the query coverage)."""
        best = [0.0] * len(self._idfs)
        name_idf = matched_idf = 0.0
        memo, lookup, prefix = self._memo, self._lookup, self._prefix
        for word in name.split():
            idf = memo.get(word)
            if idf is None:
                idf = memo[word] = self._terms.idf_of(word)
            name_idf += idf
            hits = lookup.get(word)
            if prefix is not None and word.startswith(prefix):
                hits = [*(hits or ()), (len(best) - 1, PREFIX_QUALITY)]
            if hits:
                matched_idf += idf
                for position, quality in hits:
                    if quality > best[position]:
                        best[position] = quality
        query = sum(i * q for i, q in zip(self._idfs, best, strict=True)) / self._total
        covered = matched_idf / name_idf if name_idf else 0.0
        text = QUERY_WEIGHT * query + NAME_WEIGHT * covered
        return text, sum(1 for q in best if q), query
