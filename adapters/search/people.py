"""People (directors, top cast) by name, typo-tolerant, each with the titles they are in."""

from __future__ import annotations

from array import array
from collections.abc import Iterable

import numpy as np

from adapters.search.columns import Column
from adapters.search.normalize import normalize
from adapters.search.ranking import Buffers, NameScorer, essential, gather, prepare
from adapters.search.store import DocStore
from adapters.search.terms import TermIndex

STAGE_TWO = 30
POP_WEIGHT = 0.3


class PeopleIndex:
    """Person name -> person id -> internal document ids.

    Credits from a bulk load live in CSR arrays (one sorted run of rows per person); later
    credits go to small per-person arrays.
    """

    def __init__(self) -> None:
        self.terms = TermIndex()
        self._ids: dict[str, int] = {}
        self.names: list[str] = []
        self._fame = Column(np.float32)  # best popularity score among the person's titles
        self._starts = np.zeros(1, np.int64)  # CSR: rows of person p are _rows[_starts[p]:...]
        self._rows = np.zeros(0, np.int32)
        self._extra: dict[int, array[int]] = {}
        self._raw: dict[str, int] = {}  # raw spelling -> person, during a bulk load
        self._credits: tuple[list[int], list[int]] = ([], [])  # (person, row), bulk
        self._word_pairs: tuple[list[int], list[int]] = ([], [])  # (term, person), bulk
        self._buffers = Buffers()

    def __len__(self) -> int:
        return len(self.names)

    def add(self, people: Iterable[str], row: int, pop_score: float, *, bulk: bool) -> None:
        """Credit document ``row`` to each named person.

        A bulk load brings rows by decreasing popularity, so a person's first title is their
        most popular one; it also remembers raw spellings to skip normalising them again.
        """
        for name in people:
            person = self._raw.get(name) if bulk else None
            if person is None:
                person = self._person(name, pop_score, bulk)
                if person is None:
                    continue
            if bulk:
                self._credits[0].append(person)
                self._credits[1].append(row)
            else:
                self._extra.setdefault(person, array("i")).append(row)
                if pop_score > self._fame[person]:
                    self._fame[person] = pop_score

    def _person(self, name: str, pop_score: float, bulk: bool) -> int | None:
        norm = normalize(name)
        if not norm:
            return None
        person = self._ids.get(norm)
        if person is None:
            person = self._ids[norm] = len(self.names)
            self.names.append(name)
            self._fame.append(pop_score)
            words = set(self.terms.ids_for(norm.split(), bulk=bulk))
            if bulk:
                self._word_pairs[0].extend(words)
                self._word_pairs[1].extend([person] * len(words))
            else:
                self.terms.add(words, person)
        if bulk:
            self._raw[name] = person
        return person

    def finish_bulk(self, pop_score: np.ndarray) -> None:
        """Group the bulk credits by person, rate each person by their most popular title
        (``pop_score`` per row) and prepare the vocabulary."""
        persons = np.array(self._credits[0], dtype=np.int64)
        rows = np.array(self._credits[1], dtype=np.int32)
        order = np.argsort(persons, kind="stable")
        self._rows = rows[order]
        counts = np.bincount(persons, minlength=len(self.names))
        self._starts = np.zeros(len(self.names) + 1, np.int64)
        np.cumsum(counts, out=self._starts[1:])
        credited = np.flatnonzero(counts)
        firsts = self._rows[self._starts[credited]]  # rows come by decreasing popularity
        self._fame.view()[credited] = np.maximum(self._fame.view()[credited], pop_score[firsts])
        words, owners = self._word_pairs
        self.terms.load(np.array(words, np.int64), np.array(owners, np.int64), len(self.names))
        self._raw, self._credits, self._word_pairs = {}, ([], []), ([], [])

    def exact(self, norm: str) -> int | None:
        """The person whose normalised name is exactly ``norm``."""
        return self._ids.get(norm)

    def filmography(self, person: int, store: DocStore) -> list[int]:
        """The person's live rows, most popular first."""
        rows = np.zeros(0, np.int32)
        if person + 1 < len(self._starts):
            rows = self._rows[self._starts[person] : self._starts[person + 1]]
        extra = self._extra.get(person)
        if extra is not None:
            rows = np.concatenate((rows, np.frombuffer(extra, dtype=np.int32)))
        rows = np.unique(rows)
        rows = rows[store.alive.view()[rows]]
        order = np.lexsort((store.media_ids.view()[rows], -store.popularity.view()[rows]))
        result: list[int] = rows[order].tolist()
        return result

    def search(
        self, words: list[str], limit: int, *, retry: bool = True
    ) -> list[tuple[int, float, bool]]:
        """Best matching people: (person id, score, whether every query word matched)."""
        result = self._search(words, limit, deep=False)
        if retry and (not result or not result[0][2]):
            result = self._search(words, limit, deep=True)
        return result

    def _search(self, words: list[str], limit: int, *, deep: bool) -> list[tuple[int, float, bool]]:
        qwords = prepare(self.terms, words, deep=deep)
        self._buffers.fit(len(self.names))
        rows, matched, _ = gather(self.terms, essential(qwords), self._buffers)
        if not len(rows):
            return []
        fame = self._fame.view()
        first = matched + POP_WEIGHT * fame[rows]
        pick = min(len(rows), STAGE_TWO * len(qwords))
        top = rows[np.argpartition(-first, pick - 1)[:pick]] if pick < len(rows) else rows
        scorer = NameScorer(self.terms, qwords)
        ranked = []
        for person in dict.fromkeys(top.tolist()):
            text, count, _ = scorer.score(normalize(self.names[person]))
            full = count >= len(qwords)
            ranked.append((text + POP_WEIGHT * float(fame[person]), full, person))
        ranked.sort(key=lambda item: (-item[0], item[2]))
        return [(person, score, full) for score, full, person in ranked[:limit]]
