"""Vocabulary internals that the quality tests cannot reach: typos, prefixes, growth."""

from __future__ import annotations

import numpy as np

from adapters.search.normalize import normalize
from adapters.search.terms import TermIndex
from adapters.search.typos import DeletionIndex, deletions, max_edits


def test_alphabetical_keys_stay_ordered_when_words_keep_landing_in_one_gap() -> None:
    terms = TermIndex()
    words = ["b", "a"] + ["a" + "m" * depth for depth in range(1, 90)]  # each sorts last-but-one
    for entity, word in enumerate(words):
        terms.add(set(terms.ids_for([word])), entity)

    keys = terms.rank.view()
    ordered = sorted(words)
    assert [terms.terms[i] for i in np.argsort(keys)] == ordered
    low, high = terms.prefix_keys("amm")
    found = {terms.terms[i] for i in np.flatnonzero((keys >= low) & (keys < high))}
    assert found == {w for w in words if w.startswith("amm")}


def test_the_deletion_index_finds_every_kind_of_single_typo() -> None:
    words = ["alien", "alen", "ailen", "alpen", "aliens", "xalien", "align", "alienate", "élien"]
    index = DeletionIndex()
    index.load(words[:5])
    for term, word in enumerate(words[5:], start=5):
        index.add(term, word)

    found = {words[t] for t in index.one_edit("alien", words)}

    assert found == {"alen", "ailen", "alpen", "aliens", "xalien", "align", "élien"}
    assert deletions("ab") == {"ab", "a", "b"}
    assert [max_edits(w) for w in ("up", "dune", "alien", "godfather")] == [0, 1, 1, 2]


def test_typos_find_known_words_one_and_two_edits_away() -> None:
    terms = TermIndex()
    for entity, title in enumerate(["The Godfather", "Interstellar", "Bergerac", "Gold"]):
        terms.add(set(terms.ids_for(normalize(title).split())), entity)

    def near(word: str, depth: int) -> set[tuple[str, int]]:
        return {(terms.terms[t], d) for t, d in terms.typos(word, depth=depth)}

    assert near("godfahter", 0) == {("godfather", 1)}
    assert near("bregeac", 1) == {("bergerac", 2)}
    assert near("bregeac", 0) == set()
    assert ("gold", 1) in near("golf", 0)
