"""Benchmark queries and their expected answers, computed by brute force over the catalog.

Query types (the share of ``--queries`` in brackets):

- ``exact`` (20%): a title as displayed. Correct at 1 when the first hit carries that exact
  normalised name and no title with the same name is more popular.
- ``prefix`` (20%): the first 3-8 characters of a title, sent to ``autocomplete``. A title
  *matches the prefix* when one of its normalised names starts with the normalised prefix; the
  expected answer is the 10 most popular matches (ties: smaller media id), found by scanning
  every name. Answered when the returned top 10 is that set.
- ``typo`` (20%): a title with 1 or 2 random edits (substitution, deletion, insertion,
  adjacent transposition), each in a different word of 4+ letters, or both in one word of
  8+ letters. Correct when a title with the original name is in the top 1 / top 10.
- ``swap`` (15%): a title's words shuffled, each stop word dropped with probability 1/2.
  (For typos and swaps, a title named exactly like the query also counts as correct.)
- ``filtered`` (15%): a title plus 1-3 filters it satisfies (type, year range, genre, rating).
- ``filter_only`` (10%): 1-3 random filters, no text: expected is the 10 most popular
  matching titles (brute force over numpy columns); answered when the top 10 is that set.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
from rapidfuzz.distance import OSA

from adapters.search.normalize import normalize
from core.search.query import parse_query
from core.search.types import SearchDocument

MIX = {"exact": 20, "prefix": 20, "typo": 20, "swap": 15, "filtered": 15, "filter_only": 10}
STOP_WORDS = {"the", "of", "a", "an", "and", "in", "to", "on", "for"}
GENRE_CHOICES = ("Drama", "Comedy", "Horror", "Science Fiction", "Crime", "Western", "Family")
LETTERS = "abcdefghijklmnopqrstuvwxyz"


@dataclass(slots=True)
class Case:
    """One query with what counts as a right answer."""

    kind: str
    text: str
    relevant: set[int] = field(default_factory=set)  # any of these at 1 is correct
    expected: list[int] = field(default_factory=list)  # the exact top-10 (prefix, filter_only)


class Truth:
    """Brute-force views of a catalog for computing expected answers."""

    def __init__(self, docs: list[SearchDocument]) -> None:
        self.docs = docs
        self.by_name: dict[str, list[int]] = defaultdict(list)
        for index, doc in enumerate(docs):
            for norm in {normalize(name) for name in doc.names}:
                self.by_name[norm].append(index)
        self.popularity = np.array([d.popularity for d in docs])
        self.media = np.array([d.media_id for d in docs])
        self.year = np.array([d.year or 0 for d in docs])
        self.rating = np.array([np.nan if d.rating is None else d.rating for d in docs])
        self.kind = np.array([d.kind for d in docs])
        self.language = np.array([d.language or "" for d in docs])
        self.cumulative = np.cumsum(self.popularity)
        self.genre = {g: np.array([g in d.genres for d in docs]) for g in GENRE_CHOICES}

    def rank_key(self, index: int) -> tuple[float, int]:
        """Ranking order among equally relevant titles: popularity, then smaller id."""
        return (-self.docs[index].popularity, self.docs[index].media_id)

    def best_named(self, norm: str) -> set[int]:
        """Media ids of the most popular titles with this exact normalised name."""
        indices = self.by_name.get(norm, [])
        if not indices:
            return set()
        top = max(self.docs[i].popularity for i in indices)
        return {self.docs[i].media_id for i in indices if self.docs[i].popularity == top}

    def named(self, norm: str) -> set[int]:
        """Media ids of every title with this exact normalised name."""
        return {self.docs[i].media_id for i in self.by_name.get(norm, [])}

    def sample(self, rng: random.Random) -> SearchDocument:
        """Half by popularity (people look up famous titles), half uniformly."""
        if rng.random() < 0.5:
            return self.docs[rng.randrange(len(self.docs))]
        point = rng.random() * float(self.cumulative[-1])
        return self.docs[int(np.searchsorted(self.cumulative, point, side="right"))]


def _edit(word: str, rng: random.Random) -> str:
    position = rng.randrange(len(word))
    operation = rng.choice(("substitute", "delete", "insert", "transpose"))
    if operation == "substitute":
        return word[:position] + rng.choice(LETTERS) + word[position + 1 :]
    if operation == "delete":
        return word[:position] + word[position + 1 :]
    if operation == "insert":
        return word[:position] + rng.choice(LETTERS) + word[position:]
    position = min(position, len(word) - 2)
    return word[:position] + word[position + 1] + word[position] + word[position + 2 :]


def _typo(norm: str, rng: random.Random) -> str | None:
    words = norm.split()
    eligible = [i for i, w in enumerate(words) if len(w) >= 4 and w.isalpha()]
    if not eligible:
        return None
    edits = rng.choice((1, 2))
    long_words = [i for i in eligible if len(words[i]) >= 8]
    if edits == 2 and len(eligible) >= 2 and (not long_words or rng.random() < 0.5):
        plan = [(i, 1) for i in rng.sample(eligible, 2)]
    elif edits == 2 and long_words:
        plan = [(rng.choice(long_words), 2)]
    else:
        plan = [(rng.choice(eligible), 1)]
    for index, count in plan:
        original = words[index]
        for _ in range(20):
            changed = original
            for _ in range(count):
                changed = _edit(changed, rng)
            if OSA.distance(changed, original) == count:
                words[index] = changed
                break
        else:
            return None
    return " ".join(words)


def _swap(norm: str, rng: random.Random) -> str | None:
    words = [w for w in norm.split() if w not in STOP_WORDS or rng.random() < 0.5]
    if len(words) < 2 or len(set(words)) < 2:
        return None
    original = list(words)
    while words == original:
        rng.shuffle(words)
    return " ".join(words)


def _filters(doc: SearchDocument, rng: random.Random) -> list[str]:
    options = [f"type:{doc.kind}"]
    if doc.year:
        options.append(f"year:{doc.year - rng.randint(0, 3)}-{doc.year + rng.randint(0, 3)}")
    if doc.genres:
        options.append('genre:"' + rng.choice(doc.genres) + '"')
    if doc.rating is not None:
        options.append(f"rating:>={max(0, int(doc.rating) - 1)}")
    return rng.sample(options, rng.randint(1, min(3, len(options))))


def _random_filters(rng: random.Random) -> list[str]:
    options = [
        f"type:{rng.choice(('movie', 'tv'))}",
        f"year:{(start := rng.randint(1930, 2020))}-{start + rng.randint(0, 15)}",
        f'genre:"{rng.choice(GENRE_CHOICES)}"',
        f"rating:>={rng.choice((5, 6, 7, 8))}",
        f"lang:{rng.choice(('en', 'fr', 'ja', 'ko', 'de'))}",
    ]
    return rng.sample(options, rng.randint(1, 3))


def make_cases(truth: Truth, count: int, seed: int) -> list[Case]:
    """``count`` queries in the :data:`MIX` proportions (deterministic for a seed)."""
    rng = random.Random(seed)
    weights = sum(MIX.values())
    cases: list[Case] = []
    for kind, share in MIX.items():
        wanted = round(count * share / weights)
        made = 0
        while made < wanted:
            case = _make(kind, truth, rng)
            if case is not None:
                cases.append(case)
                made += 1
    rng.shuffle(cases)
    _expect_prefixes(truth, [c for c in cases if c.kind == "prefix"])
    _expect_filters(truth, [c for c in cases if c.kind == "filter_only"])
    return cases


def _make(kind: str, truth: Truth, rng: random.Random) -> Case | None:
    if kind == "filter_only":
        return Case(kind, " ".join(_random_filters(rng)))
    doc = truth.sample(rng)
    norm = normalize(doc.title)
    if not norm:
        return None
    if kind == "exact":
        return Case(kind, doc.title, truth.best_named(norm))
    if kind == "prefix":
        text = doc.title[: rng.randint(3, 8)]
        return Case(kind, text) if len(normalize(text)) >= 2 else None
    if kind == "filtered":
        return Case(kind, " ".join([norm, *_filters(doc, rng)]), truth.named(norm))
    varied = _typo(norm, rng) if kind == "typo" else _swap(norm, rng)
    if varied is None:
        return None
    # a query that is itself exactly some title's name is rightly answered with that title
    return Case(kind, varied, truth.named(norm) | truth.named(varied))


def _expect_prefixes(truth: Truth, cases: list[Case]) -> None:
    """Scan every name of every title once, testing each length a prefix query has."""
    wanted = {normalize(c.text) for c in cases}
    lengths = sorted({len(p) for p in wanted})
    matches: dict[str, set[int]] = defaultdict(set)
    for norm, indices in truth.by_name.items():
        for length in lengths:
            if norm[:length] in wanted:
                matches[norm[:length]].update(indices)
    for case in cases:
        ranked = sorted(matches[normalize(case.text)], key=truth.rank_key)[:10]
        case.expected = [truth.docs[i].media_id for i in ranked]


def _expect_filters(truth: Truth, cases: list[Case]) -> None:
    for case in cases:
        query = parse_query(case.text)
        mask = np.ones(len(truth.docs), dtype=bool)
        if query.kinds:
            mask &= np.isin(truth.kind, query.kinds)
        if query.languages:
            mask &= np.isin(truth.language, query.languages)
        if query.year_from is not None:
            mask &= (truth.year >= query.year_from) & (truth.year > 0)
        if query.year_to is not None:
            mask &= (truth.year <= query.year_to) & (truth.year > 0)
        if query.min_rating is not None:
            mask &= truth.rating >= query.min_rating
        for genre in query.genres:
            mask &= truth.genre[genre]
        indices = np.flatnonzero(mask)
        order = np.lexsort((truth.media[indices], -truth.popularity[indices]))[:10]
        case.expected = truth.media[indices[order]].tolist()
