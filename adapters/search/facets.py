"""Facet postings (kind, language, genre, year -> rows) for selective filter-only queries.

A filter-only query is answered by scanning rows in popularity order; when one of its filters
matches few rows (``lang:ja``, ``year:1971``), walking that filter's posting instead avoids
touching the whole catalog.
"""

from __future__ import annotations

from array import array

import numpy as np

from core.search.types import SearchQuery

SELECTIVE = 0.15  # walk a posting only when it holds fewer rows than this share of all rows
MAX_YEARS = 40  # wider year ranges are not worth merging


class FacetIndex:
    """``(facet, code) -> array('i')`` of rows, ascending."""

    def __init__(self) -> None:
        self._postings: dict[tuple[str, int], array[int]] = {}

    def add(self, row: int, kind: int, language: int, year: int, genres: list[int]) -> None:
        """Index one row under each of its facet values."""
        keys = [("kind", kind), ("year", year)]
        if language >= 0:
            keys.append(("lang", language))
        keys += [("genre", bit) for bit in genres]
        for key in keys:
            posting = self._postings.get(key)
            if posting is None:
                posting = self._postings[key] = array("i")
            posting.append(row)

    def bulk_load(
        self, kind: np.ndarray, language: np.ndarray, year: np.ndarray, genres: np.ndarray
    ) -> None:
        """Rebuild every posting from whole columns (after a bulk load)."""
        self._postings = {}
        for facet, column in (("kind", kind), ("lang", language), ("year", year)):
            for code in np.unique(column).tolist():
                if facet != "lang" or code >= 0:
                    self._store(facet, code, np.flatnonzero(column == code))
        present = np.bitwise_or.reduce(genres) if len(genres) else np.uint64(0)
        for bit in range(64):
            flag = np.uint64(1 << bit)
            if present & flag:
                self._store("genre", bit, np.flatnonzero(genres & flag))

    def _store(self, facet: str, code: int, rows: np.ndarray) -> None:
        posting = array("i")
        posting.frombytes(rows.astype(np.int32).tobytes())
        self._postings[(facet, code)] = posting

    def _size(self, facet: str, codes: list[int]) -> int:
        return sum(len(self._postings.get((facet, code), ())) for code in codes)

    def rows(
        self, query: SearchQuery, codes: dict[str, list[int]], total: int, wanted: int
    ) -> np.ndarray | None:
        """Rows that may match (a superset, unordered), or ``None`` when scanning rows in
        popularity order until ``wanted`` matches turn up should be cheaper.

        ``codes`` maps each facet the query filters on to the codes that would satisfy it
        (``genre`` codes must all match, the others any). The scan is estimated from the
        filters' shares of all rows, as if they were independent.
        """
        options: list[tuple[int, str, list[int]]] = []
        for facet in ("kind", "lang"):
            if facet in codes:
                options.append((self._size(facet, codes[facet]), facet, codes[facet]))
        for bit in codes.get("genre", []):
            options.append((self._size("genre", [bit]), "genre", [bit]))
        if query.year_from is not None or query.year_to is not None:
            low = query.year_from if query.year_from is not None else 0
            high = query.year_to if query.year_to is not None else 9999
            if high - low <= MAX_YEARS:
                years = list(range(low, high + 1))
                options.append((self._size("year", years), "year", years))
        if not options:
            return None
        size, facet, chosen = min(options)
        share = float(np.prod([option[0] / max(1, total) for option in options]))
        if size > SELECTIVE * total or size > wanted / max(share, 1e-9):
            return None
        parts = [
            np.frombuffer(posting, dtype=np.int32)
            for code in chosen
            if (posting := self._postings.get((facet, code)))
        ]
        if not parts:
            return np.zeros(0, np.int64)
        return np.concatenate(parts).astype(np.int64)
