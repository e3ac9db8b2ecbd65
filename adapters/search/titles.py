"""Title ranking: text relevance blended with popularity, filters applied inside.

``final = 0.7 * query coverage + 0.3 * name coverage (+1 for an exact name) + 0.3 * popularity``

Query coverage is the idf-weighted share of query words found in a name (typos and prefixes
count a bit less than exact words); name coverage is the idf-weighted share of the name's words
the query matched, so "alien" prefers *Alien* to *Alien Nation*; popularity is squashed to
[0, 1) so it orders equally relevant titles and lifts famous ones over obscure near matches.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from adapters.search.names import NameIndex
from adapters.search.ranking import (
    NAME_WEIGHT,
    QUERY_WEIGHT,
    Buffers,
    QueryWord,
    essential,
    gather,
    prepare,
    probe,
)
from adapters.search.scoring import NameScoring
from adapters.search.store import DocStore
from adapters.search.terms import TermIndex
from core.search.types import SearchQuery

POP_WEIGHT = 0.3
MIN_COVERAGE = 0.5  # idf-weighted share of the query a title must match (if any does)
STAGE_TWO = 600  # candidates scored name by name (at least)
MAX_TOTAL = 1000  # matches counted at most (a chat never pages that far)


@dataclass(frozen=True, slots=True)
class Ranked:
    """One ranked title: its row, which of its names matched, how well."""

    score: float
    row: int
    name: int
    words_matched: int
    words: int


class TitleRanker:
    """Ranks rows of a :class:`DocStore` for a text query."""

    def __init__(self, store: DocStore, terms: TermIndex, names: NameIndex) -> None:
        self._store, self._terms, self._names = store, terms, names
        self._buffers = Buffers()
        self._mark = np.zeros(0, np.int32)
        self._scoring = NameScoring(store, terms)

    def rank(
        self, query: SearchQuery, words: list[str], need: int, *, retry: bool = True
    ) -> tuple[list[Ranked], int]:
        """The best ``need`` titles, best first, and the (capped) number of matches.

        When no title matches every word, a second, deeper pass also tries two-edit typos of
        known words and lets typos of common words generate candidates (unless ``retry`` is
        false).
        """
        ranked, total = self._rank(query, words, need, deep=False)
        if retry and (not ranked or ranked[0].words_matched < ranked[0].words):
            ranked, total = self._rank(query, words, need, deep=True)
        return ranked, total

    def _rank(
        self, query: SearchQuery, words: list[str], need: int, *, deep: bool
    ) -> tuple[list[Ranked], int]:
        store = self._store
        qwords = prepare(self._terms, words, deep=deep)
        width = max(STAGE_TWO, 2 * need)  # deep pages widen stage 2
        rows, total = self._candidates(query, qwords, width)
        full = " ".join(words)
        exact = np.array(self._names.exact(full), dtype=np.int64)
        if len(exact):
            rows = np.concatenate((rows, exact[store.filter_mask(exact, query)]))
            rows = self._distinct(rows)
        if not len(rows):
            return [], 0
        scores = self._scoring.score(rows, qwords, full)
        relevant = np.flatnonzero(scores.coverage >= MIN_COVERAGE)
        if len(relevant):
            complete = total <= width  # every candidate was scored
            total = len(relevant) if complete else max(total, len(relevant))
        else:
            relevant = np.arange(len(rows))
        final = scores.text[relevant] + POP_WEIGHT * store.pop_score.view()[rows[relevant]]
        top = self._top(rows[relevant], final, need)
        ranked = []
        for index in top:
            position = relevant[index]
            row = int(rows[position])
            name = scores.best_name(position, int(store.name_count[row]))
            words_matched = int(scores.words[position])
            ranked.append(Ranked(float(final[index]), row, name, words_matched, len(qwords)))
        return ranked, min(MAX_TOTAL, total)

    def _top(self, rows: np.ndarray, final: np.ndarray, need: int) -> list[int]:
        """Indices of the ``need`` best, ordered by score, popularity, then media id."""
        if len(final) > need:
            kth = np.partition(final, len(final) - need)[len(final) - need]
            chosen = np.flatnonzero(final >= kth)  # ties at the cut stay in the running
        else:
            chosen = np.arange(len(final))
        popularity = self._store.popularity.view()[rows[chosen]]
        media_ids = self._store.media_ids.view()[rows[chosen]]
        order = np.lexsort((media_ids, -popularity, -final[chosen]))
        result: list[int] = chosen[order][:need].tolist()
        return result

    def _candidates(
        self, query: SearchQuery, qwords: list[QueryWord], width: int
    ) -> tuple[np.ndarray, int]:
        """Stage 1: at most ``width`` distinct rows by a vectorised score, and how many
        matched."""
        store, generating = self._store, essential(qwords)
        self._buffers.fit(store.size)
        rows, matched, counts = gather(self._terms, generating, self._buffers)
        keep = self._first_occurrence(rows)
        rows, matched, counts = rows[keep], matched[keep], counts[keep]
        keep = store.filter_mask(rows, query)
        rows, matched, counts = rows[keep], matched[keep], counts[keep]
        others = [w for w in qwords if w not in generating and w.generating]
        if others and len(rows):
            extra, extra_counts = probe(self._terms, others, rows, self._buffers)
            matched, counts = matched + extra, counts + extra_counts
        keep = matched >= 0.5 * MIN_COVERAGE * sum(w.idf for w in qwords)
        rows, matched, counts = rows[keep], matched[keep], counts[keep]
        total = len(rows)
        if total > width:
            covered = np.minimum(1.0, counts / store.word_count.view()[rows])
            first = (
                QUERY_WEIGHT * matched / (sum(w.idf for w in qwords) or 1.0)
                + NAME_WEIGHT * covered
                + POP_WEIGHT * store.pop_score.view()[rows]
            )
            rows = rows[np.argpartition(-first, width - 1)[:width]]
        return rows.astype(np.int64), total

    def _first_occurrence(self, rows: np.ndarray) -> np.ndarray:
        """Mask keeping one occurrence of each id (no sort: last write wins per id)."""
        if len(self._mark) < self._store.size:
            self._mark = np.zeros(max(self._store.size, 2 * len(self._mark)), np.int32)
        positions = np.arange(len(rows), dtype=np.int32)
        self._mark[rows] = positions
        mask: np.ndarray = self._mark[rows] == positions
        return mask

    def _distinct(self, rows: np.ndarray) -> np.ndarray:
        result: np.ndarray = rows[self._first_occurrence(rows)]
        return result


def browse(store: DocStore, query: SearchQuery, need: int) -> tuple[list[int], int]:
    """Filter-only listing: the ``need`` most popular matching rows and the match count.

    Rows below ``store.ordered`` are already in popularity order. A selective filter walks its
    facet posting; otherwise rows are scanned in growing chunks until enough matches are
    counted. Rows appended since the bulk load are sorted explicitly.
    """
    codes = store.filter_codes(query)
    if any(not values for values in codes.values()):
        return [], 0
    candidates = store.facets.rows(query, codes, store.size, MAX_TOTAL)
    if candidates is not None:
        rows = candidates[store.filter_mask(candidates, query)]
        count = len(rows)
        head, tail = rows[rows < store.ordered], rows[rows >= store.ordered]
        if len(head) > need:  # the smallest rows are the most popular
            head = np.partition(head, need - 1)[:need]
    else:
        found: list[np.ndarray] = []
        count, start, chunk = 0, 0, 32_768
        while start < store.ordered and count < MAX_TOTAL:
            stop = min(store.ordered, start + chunk)
            hits = np.flatnonzero(store.filter_mask(slice(start, stop), query)) + start
            found.append(hits)
            count += len(hits)
            start, chunk = stop, chunk * 2
        tail = np.arange(store.ordered, store.size, dtype=np.int64)
        tail = tail[store.filter_mask(tail, query)] if len(tail) else tail
        count += len(tail)
        head = np.concatenate(found)[:need] if found else np.zeros(0, np.int64)
    rows = np.concatenate((head, tail))
    order = np.lexsort((store.media_ids.view()[rows], -store.popularity.view()[rows]))
    return rows[order][:need].tolist(), min(MAX_TOTAL, count)
