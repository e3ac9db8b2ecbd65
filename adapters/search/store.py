"""Per-document columns (numpy, one row per internal id) and the structured filters over them.

Internal ids are handed out in increasing order and never reused: replacing a document kills
its old row and appends a new one. A bulk load appends rows by decreasing popularity, so the
first ``ordered`` ids are already in ranking order.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from adapters.search.columns import Column
from adapters.search.facets import FacetIndex
from core.search.types import SearchDocument, SearchQuery

MAX_GENRES = 64
_POP_HALF = math.log1p(1000.0)  # a popularity of 1000 scores 0.5


def popularity_score(popularity: float) -> float:
    """Popularity squashed into [0, 1): log-scaled and saturating, whatever the units."""
    scaled = math.log1p(max(0.0, popularity))
    return scaled / (scaled + _POP_HALF)


class DocStore:
    """Columns of the indexed documents, and of their names.

    Each row owns a contiguous run of names; each name owns a contiguous run of term ids in
    ``name_terms`` (CSR layout), so scoring a few thousand candidate names is a handful of
    vectorised gathers instead of a Python loop.
    """

    def __init__(self) -> None:
        self.media_ids = Column(np.int64)
        self.popularity = Column(np.float64)
        self.pop_score = Column(np.float32)
        self.kind = Column(np.int8)
        self.year = Column(np.int16)
        self.rating = Column(np.float32, np.nan)
        self.language = Column(np.int16, -1)
        self.genres = Column(np.uint64)
        self.word_count = Column(np.int16)
        self.alive = Column(np.bool_, False)
        self.first_name = Column(np.int64)
        self.name_count = Column(np.int16)
        self.name_start = Column(np.int64)
        self.name_len = Column(np.int16)
        self.name_hash = Column(np.int64)
        self.name_terms = Column(np.int32)
        self.display: list[str] = []
        self.by_media: dict[int, int] = {}
        self.facets = FacetIndex()
        self.ordered = 0
        self._rows = self._names = self._terms = 0
        self._pending_rows: tuple[list[Any], ...] = tuple([] for _ in self._loaded_columns())
        self._pending_appends = tuple(pending.append for pending in self._pending_rows)
        self._pending_names: tuple[list[int], ...] = ([], [], [])
        self._pending_terms: list[int] = []
        self._genre_cache: dict[tuple[str, ...], tuple[int, list[int]]] = {}
        self._codes: dict[str, dict[str, int]] = {"kind": {}, "lang": {}, "genre": {}}

    def __len__(self) -> int:
        return len(self.by_media)

    @property
    def size(self) -> int:
        """Rows ever appended (live or not)."""
        return self.media_ids.size

    def _code(self, space: str, value: str) -> int:
        codes = self._codes[space]
        code = codes.get(value)
        if code is None:
            code = codes[value] = len(codes)
        return code

    def append(
        self,
        doc: SearchDocument,
        names: list[str],
        norms: list[str],
        terms: list[list[int]],
        *,
        bulk: bool = False,
    ) -> int:
        """Add a row for ``doc``: its display ``names``, their normalised ``norms`` and the
        term ids of each norm's words. In ``bulk`` mode the values wait in Python lists until
        :meth:`finish_bulk` turns them into columns at once."""
        row = self._rows
        genre_mask, bits = self._genre_bits(doc.genres)
        codes = self._codes
        kind = codes["kind"].get(doc.kind)
        if kind is None:
            kind = self._code("kind", doc.kind)
        language = self._code("lang", doc.language.casefold()) if doc.language else -1
        values = (
            doc.media_id,
            doc.popularity,
            kind,
            doc.year or 0,
            np.nan if doc.rating is None else doc.rating,
            language,
            genre_mask,
            min(len(t) for t in terms),
            self._names,
            len(names),
        )
        if len(terms) == 1:
            flat, lengths, starts, hashes = (
                terms[0],
                [len(terms[0])],
                [self._terms],
                [hash(norms[0])],
            )
        else:
            lengths = [len(ids) for ids in terms]
            starts = [self._terms + sum(lengths[:i]) for i in range(len(lengths))]
            hashes = [hash(norm) for norm in norms]
            flat = [term for ids in terms for term in ids]
        if bulk:
            for append, value in zip(self._pending_appends, values, strict=True):
                append(value)
            pending = self._pending_names
            pending[0].extend(starts)
            pending[1].extend(lengths)
            pending[2].extend(hashes)
            self._pending_terms.extend(flat)
        else:
            for column, value in zip(self._loaded_columns(), values, strict=True):
                column.append(value)
            self.pop_score.append(popularity_score(doc.popularity))
            self.alive.append(True)
            for column, items in zip(self._name_columns(), (starts, lengths, hashes), strict=True):
                column.extend(items)
            self.name_terms.extend(flat)
            self.facets.add(row, kind, language, doc.year or 0, bits)
        self.display.extend(names)
        self.by_media[doc.media_id] = row
        self._rows += 1
        self._names += len(names)
        self._terms += len(flat)
        return row

    def _genre_bits(self, genres: tuple[str, ...]) -> tuple[int, list[int]]:
        cached = self._genre_cache.get(genres)
        if cached is None:
            bits = sorted({self._code("genre", genre.casefold()) for genre in genres})
            bits = [bit for bit in bits if bit < MAX_GENRES]
            cached = self._genre_cache[genres] = (sum(1 << bit for bit in bits), bits)
        return cached

    def _loaded_columns(self) -> tuple[Column, ...]:
        """The columns :meth:`append` fills, in the order of its values."""
        return (
            self.media_ids,
            self.popularity,
            self.kind,
            self.year,
            self.rating,
            self.language,
            self.genres,
            self.word_count,
            self.first_name,
            self.name_count,
        )

    def _name_columns(self) -> tuple[Column, ...]:
        return (self.name_start, self.name_len, self.name_hash)

    def finish_bulk(self) -> None:
        """Turn the rows appended in bulk mode into columns, and index their facets."""
        start = self.media_ids.size
        for column, values in zip(self._loaded_columns(), self._pending_rows, strict=True):
            column.extend(values)
        for column, values in zip(self._name_columns(), self._pending_names, strict=True):
            column.extend(values)
        self.name_terms.extend(self._pending_terms)
        added = self.media_ids.size - start
        popularity = np.log1p(np.maximum(self.popularity.view()[start:], 0.0))
        self.pop_score.extend(list(popularity / (popularity + _POP_HALF)))
        self.alive.extend([True] * added)
        self._pending_rows = tuple([] for _ in self._loaded_columns())
        self._pending_appends = tuple(pending.append for pending in self._pending_rows)
        self._pending_names = ([], [], [])
        self._pending_terms = []
        self.facets.bulk_load(
            self.kind.view(), self.language.view(), self.year.view(), self.genres.view()
        )

    def row_names(self, row: int) -> range:
        """The name ids of a row."""
        first = int(self.first_name[row])
        return range(first, first + int(self.name_count[row]))

    def row_terms(self, row: int) -> set[int]:
        """The distinct term ids of all names of a row."""
        terms: set[int] = set()
        view = self.name_terms.view()
        for name in self.row_names(row):
            start = int(self.name_start[name])
            terms.update(view[start : start + int(self.name_len[name])].tolist())
        return terms

    def kill(self, media_id: int) -> int | None:
        """Mark the row of ``media_id`` removed and return it."""
        row = self.by_media.pop(media_id, None)
        if row is not None:
            self.alive[row] = False
            for name in self.row_names(row):
                self.display[name] = ""
        return row

    def filter_codes(self, query: SearchQuery) -> dict[str, list[int]]:
        """The facet codes satisfying each categorical filter of ``query`` (an empty list
        when nothing indexed can match)."""
        codes: dict[str, list[int]] = {}
        spaces = (("kind", query.kinds), ("lang", query.languages), ("genre", query.genres))
        for space, values in spaces:
            if values:
                known = self._codes[space]
                found = [known[v.casefold()] for v in values if v.casefold() in known]
                codes[space] = found if space != "genre" or len(found) == len(values) else []
        return codes

    def filter_mask(self, rows: np.ndarray | slice, query: SearchQuery) -> np.ndarray:
        """Which of ``rows`` are alive and pass the query's filters."""
        mask = np.array(self.alive.view()[rows], dtype=bool)  # a copy, even for a slice
        if query.kinds:
            mask &= self._any_of(self.kind.view()[rows], "kind", query.kinds)
        if query.languages:
            mask &= self._any_of(self.language.view()[rows], "lang", query.languages)
        if query.year_from is not None or query.year_to is not None:
            year = self.year.view()[rows]
            if query.year_from is None:
                mask &= year > 0  # unknown years never match a year filter
            else:
                mask &= year >= max(query.year_from, 1)
            if query.year_to is not None:
                mask &= year <= query.year_to
        if query.min_rating is not None:
            mask &= self.rating.view()[rows] >= query.min_rating
        if query.max_rating is not None:
            mask &= self.rating.view()[rows] <= query.max_rating
        if query.genres:
            mask &= self._genre_mask(rows, query.genres)
        return mask

    def _any_of(self, values: np.ndarray, space: str, wanted: tuple[str, ...]) -> np.ndarray:
        codes = self._codes[space]
        found = [code for value in wanted if (code := codes.get(value.casefold())) is not None]
        mask = np.zeros(len(values), dtype=bool)
        for code in found:  # a few codes: comparisons beat np.isin's sort
            mask |= values == code
        return mask

    def _genre_mask(self, rows: np.ndarray | slice, genres: tuple[str, ...]) -> np.ndarray:
        required = 0
        for genre in genres:
            bit = self._codes["genre"].get(genre.casefold())
            if bit is None or bit >= MAX_GENRES:
                return np.zeros(len(self.genres.view()[rows]), dtype=bool)
            required |= 1 << bit
        wanted = np.uint64(required)
        result: np.ndarray = (self.genres.view()[rows] & wanted) == wanted
        return result
