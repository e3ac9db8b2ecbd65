"""The in-process search engine (synchronous; :mod:`adapters.search.inprocess` wraps it).

Layout: a word-level inverted index over every name of every title (:class:`TermIndex`), a
sorted list of whole normalised names for exact and prefix lookups (:class:`NameIndex`), numpy
columns for popularity and filters (:class:`DocStore`) and the same word index over people.
Typos are solved against the vocabulary, never against the titles.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

from adapters.search.names import NameIndex
from adapters.search.normalize import normalize
from adapters.search.people import PeopleIndex
from adapters.search.scoring import EXACT_BONUS
from adapters.search.store import DocStore, popularity_score
from adapters.search.terms import TermIndex
from adapters.search.titles import POP_WEIGHT, Ranked, TitleRanker, browse
from core.search.types import PersonHit, SearchDocument, SearchHit, SearchPage, SearchQuery

MAX_LIMIT = 100
MAX_OFFSET = 1000
PERSON_TEXT = 0.5 * EXACT_BONUS + 1.0  # a person's exact name: below an exact title
PURGE_SHARE = 0.2  # share of dead names that triggers a purge of the name index


class SearchEngine:
    """Typo-tolerant, prefix-aware title and people search over an in-memory catalog."""

    def __init__(self) -> None:
        self._reset()

    def _reset(self) -> None:
        self._store = DocStore()
        self._terms = TermIndex()
        self._names = NameIndex()
        self._people = PeopleIndex()
        self._ranker = TitleRanker(self._store, self._terms, self._names)

    def __len__(self) -> int:
        return len(self._store)

    def __contains__(self, media_id: int) -> bool:
        return media_id in self._store.by_media

    def build(self, docs: Iterable[SearchDocument]) -> None:
        """Replace the whole index (fastest way to load a catalog: rows by popularity)."""
        unique = {doc.media_id: doc for doc in docs}
        ordered = sorted(unique.values(), key=lambda d: (-d.popularity, d.media_id))
        self._reset()
        names: list[str] = []
        rows: list[int] = []
        for doc in ordered:
            row, norms = self._add(doc, bulk=True)
            names.extend(norms)
            rows.extend([row] * len(norms))
        store = self._store
        store.finish_bulk()
        row_ids = np.array(rows, dtype=np.int64)
        self._names.bulk_load(names, row_ids, store.popularity.view()[row_ids])
        name_rows = np.repeat(np.arange(store.size), store.name_count.view())
        term_rows = np.repeat(name_rows, store.name_len.view())
        self._terms.load(store.name_terms.view(), term_rows, store.size)
        self._people.finish_bulk(store.pop_score.view())
        self._store.ordered = self._store.size

    def upsert(self, docs: Sequence[SearchDocument]) -> None:
        """Add or replace titles, incrementally."""
        if not self._store.size and len(docs) > 1000:
            self.build(docs)
            return
        for doc in docs:
            self._kill(doc.media_id)
            row, norms = self._add(doc, bulk=False)
            for norm in norms:
                self._names.add(norm, row, doc.popularity)

    def remove(self, media_ids: Sequence[int]) -> None:
        """Forget titles (unknown ids are ignored)."""
        for media_id in media_ids:
            self._kill(media_id)
        if self._names.dead > PURGE_SHARE * max(1, len(self._names)):
            self._names.purge(self._store.alive.view())

    def _add(self, doc: SearchDocument, *, bulk: bool) -> tuple[int, list[str]]:
        names: list[str] = []
        norms: list[str] = []
        others = (doc.original_title, *doc.alt_titles) if doc.original_title else doc.alt_titles
        for name in (doc.title, *others) if others else (doc.title,):
            norm = normalize(name) if name else ""
            if norm and norm not in norms:
                names.append(name)
                norms.append(norm)
        if not norms:  # nothing but punctuation: index the raw text as one word
            names, norms = [doc.title], [doc.title.strip().casefold() or "untitled"]
        terms = [self._terms.ids_for(norm.split(), bulk=bulk) for norm in norms]
        row = self._store.append(doc, names, norms, terms, bulk=bulk)
        if not bulk:
            self._terms.add({term for ids in terms for term in ids}, row)
        if doc.people:
            fame = 0.0 if bulk else popularity_score(doc.popularity)  # bulk: set at the end
            self._people.add(doc.people, row, fame, bulk=bulk)
        return row, norms

    def _kill(self, media_id: int) -> None:
        row = self._store.by_media.get(media_id)
        if row is None:
            return
        self._terms.discard(self._store.row_terms(row))
        self._names.dead += int(self._store.name_count[row])
        self._store.kill(media_id)

    def search(self, query: SearchQuery, *, offset: int = 0, limit: int = 10) -> SearchPage:
        """One page of titles matching the query's text and filters, best first."""
        offset = max(0, min(offset, MAX_OFFSET))
        limit = max(1, min(limit, MAX_LIMIT))
        words = normalize(query.text).split()
        store = self._store
        if not words:
            rows, total = browse(store, query, offset + limit)
            hits = [self._hit(row, None, POP_WEIGHT * float(store.pop_score[row])) for row in rows]
        else:
            ranked, total = self._ranker.rank(query, words, offset + limit)
            hits = self._with_people(query, words, ranked)
            total = max(total, len(hits))
        page = tuple(hits[offset : offset + limit])
        following = offset + limit if offset + limit < total else None
        return SearchPage(page, total, offset, limit, following)

    def _hit(
        self, row: int, name: int | None, score: float, person: str | None = None
    ) -> SearchHit:
        """A hit for ``row`` showing name id ``name`` (its display title when ``None``)."""
        store = self._store
        title = store.display[int(store.first_name[row]) if name is None else name]
        return SearchHit(int(store.media_ids[row]), round(score, 4), title, person)

    def _with_people(
        self, query: SearchQuery, words: list[str], ranked: list[Ranked]
    ) -> list[SearchHit]:
        """Merge the filmography of a person the query names (exactly, or with typos when no
        title matches every word) into the title ranking."""
        full_match = bool(ranked) and ranked[0].words_matched >= ranked[0].words
        person = self._people.exact(" ".join(words))
        if person is None and not full_match and len(" ".join(words)) >= 3 and len(words) <= 3:
            found = self._people.search(words, 1, retry=False)
            if found and found[0][2]:
                person = found[0][0]
        scored = [(r.score, r.row, self._hit(r.row, r.name, r.score)) for r in ranked]
        if person is not None:
            name, store = self._people.names[person], self._store
            rows = self._people.filmography(person, store)
            mask = store.filter_mask(np.array(rows, dtype=np.int64), query).tolist()
            rows = [row for row, ok in zip(rows, mask, strict=True) if ok]
            seen = {r.row for r in ranked if r.score >= PERSON_TEXT}
            for row in rows:
                if row not in seen:
                    score = PERSON_TEXT + POP_WEIGHT * float(store.pop_score[row])
                    scored.append((score, row, self._hit(row, None, score, name)))
        popularity = self._store.popularity.view()
        scored.sort(key=lambda item: (-item[0], -popularity[item[1]], item[2].media_id))
        hits, seen = [], set()
        for _, row, hit in scored:
            if row not in seen:
                seen.add(row)
                hits.append(hit)
        return hits

    def autocomplete(self, prefix: str, *, limit: int = 10) -> list[SearchHit]:
        """The most popular titles whose name starts with ``prefix`` (2+ characters), then
        word-prefix and typo matches if there are not enough."""
        limit = max(1, min(limit, MAX_LIMIT))
        norm = normalize(prefix)
        if len(norm) < 2:
            return []
        store = self._store
        rows = self._names.complete(norm, limit, store.alive.view(), store.media_ids.view())
        hits = []
        for row in rows:
            names = store.row_names(row)
            which = next((i for i in names if normalize(store.display[i]).startswith(norm)), None)
            hits.append(self._hit(row, which, EXACT_BONUS + float(store.pop_score[row])))
        if len(hits) < limit:
            words = norm.split()
            if len(words) > 1 and len(words[-1]) < 2:
                words.pop()  # "alien r": a single letter says nothing yet
            known = {hit.media_id for hit in hits}
            ranked, _ = self._ranker.rank(SearchQuery(), words, limit, retry=False)
            for item in ranked:
                if len(hits) < limit and int(store.media_ids[item.row]) not in known:
                    hits.append(self._hit(item.row, item.name, item.score))
        return hits

    def search_people(self, text: str, *, limit: int = 5) -> list[PersonHit]:
        """People whose name matches ``text`` (typos allowed), each with their live titles."""
        words = normalize(text).split()
        if not words:
            return []
        hits = []
        for person, score, _ in self._people.search(words, max(1, min(limit, MAX_LIMIT))):
            rows = self._people.filmography(person, self._store)
            if rows:
                media = tuple(int(self._store.media_ids[row]) for row in rows)
                hits.append(PersonHit(self._people.names[person], media, round(score, 4)))
        return hits
