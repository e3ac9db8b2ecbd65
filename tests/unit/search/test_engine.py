"""Search quality and behaviour of the in-process engine on a small catalog of real titles."""

from __future__ import annotations

import dataclasses

import pytest

from adapters.search.engine import SearchEngine
from adapters.search.normalize import normalize
from core.search.query import parse_query
from core.search.types import SearchDocument
from tests.unit.search.catalog import CATALOG, DICAPRIO, NOLAN, doc


@pytest.fixture(scope="module")
def engine() -> SearchEngine:
    built = SearchEngine()
    built.build(CATALOG)
    return built


def titles(engine: SearchEngine, raw: str, limit: int = 10) -> list[str]:
    """Matched titles for a raw query, best first."""
    return [hit.matched_title for hit in engine.search(parse_query(raw), limit=limit).hits]


def ids(engine: SearchEngine, raw: str, limit: int = 10) -> list[int]:
    """Media ids for a raw query, best first."""
    return [hit.media_id for hit in engine.search(parse_query(raw), limit=limit).hits]


@pytest.mark.parametrize(
    ("raw", "first"),
    [
        ("godfahter", "The Godfather"),  # transposition
        ("the godfther", "The Godfather"),  # deletion
        ("inceptoin", "Inception"),
        ("intersteller", "Interstellar"),  # substitution
        ("the dark knigth", "The Dark Knight"),
        ("breking bad", "Breaking Bad"),
        ("game of throens", "Game of Thrones"),
    ],
)
def test_typos_still_find_the_title(engine: SearchEngine, raw: str, first: str) -> None:
    assert titles(engine, raw)[0] == first


def test_two_typos_in_a_long_word(engine: SearchEngine) -> None:
    assert titles(engine, "intrestelar")[0] == "Interstellar"


def test_word_order_and_missing_words_do_not_matter(engine: SearchEngine) -> None:
    assert titles(engine, "lord rings return")[0] == (
        "The Lord of the Rings: The Return of the King"
    )
    assert titles(engine, "fellowship ring lord")[0] == (
        "The Lord of the Rings: The Fellowship of the Ring"
    )


def test_accents_case_and_punctuation_are_ignored(engine: SearchEngine) -> None:
    assert titles(engine, "amelie")[0] == "Amélie"
    assert titles(engine, "AMÉLIE")[0] == "Amélie"
    assert ids(engine, "ALIEN") == ids(engine, "alien")
    assert titles(engine, "mission impossible")[0] == "Mission: Impossible"
    assert titles(engine, "mission: impossible")[0] == "Mission: Impossible"


def test_original_and_alternative_titles_match_and_are_reported(engine: SearchEngine) -> None:
    assert titles(engine, "fabuleux destin")[0] == "Le Fabuleux Destin d'Amélie Poulain"
    assert titles(engine, "gisaengchung")[0] == "Gisaengchung"
    assert ids(engine, "千と千尋の神隠し")[0] == 129


def test_the_exact_title_ranks_first_then_popularity(engine: SearchEngine) -> None:
    ranked = titles(engine, "alien")

    assert ranked[0] == "Alien"  # exact, although Aliens is more popular
    assert ranked.index("Alien Nation") < ranked.index("The Alien Within")
    assert ranked.index("Alien Raiders") < ranked.index("The Alien Within")
    assert titles(engine, "aliens")[0] == "Aliens"


def test_same_name_titles_come_most_popular_first(engine: SearchEngine) -> None:
    assert ids(engine, "dune")[:2] == [438631, 841]


def test_the_last_word_may_be_unfinished(engine: SearchEngine) -> None:
    assert titles(engine, "the godf")[:3] == [
        "The Godfather",
        "The Godfather Part II",
        "The Godfather Part III",
    ]
    assert titles(engine, "interst")[0] == "Interstellar"


def test_autocomplete_lists_title_prefixes_by_popularity(engine: SearchEngine) -> None:
    hits = engine.autocomplete("the godf")

    assert [hit.media_id for hit in hits] == [238, 240, 242]
    assert hits[0].score >= hits[1].score >= hits[2].score


def test_autocomplete_fills_up_with_looser_matches(engine: SearchEngine) -> None:
    hits = engine.autocomplete("ali", limit=5)

    assert [h.matched_title for h in hits[:2]] == ["Aliens", "Alien"]  # by popularity
    assert len(hits) == 5
    assert engine.autocomplete("a") == []  # two characters at least


def test_autocomplete_matches_a_word_inside_the_title(engine: SearchEngine) -> None:
    assert engine.autocomplete("fellowship")[0].media_id == 120


def test_people_search_tolerates_typos_and_split_names(engine: SearchEngine) -> None:
    for text in ("nolan", "christopher nolan", "cristopher nolan", "Christophe Nolan"):
        people = engine.search_people(text)
        assert people[0].name == NOLAN, text
        assert people[0].media_ids == (27205, 157336, 155)  # by popularity

    for text in ("di caprio", "leonardo dicaprio", "Leonardo Di Caprio", "leonard dicapro"):
        assert engine.search_people(text)[0].name == DICAPRIO, text


def test_a_person_name_in_search_lists_their_titles(engine: SearchEngine) -> None:
    page = engine.search(parse_query("christopher nolan"))

    assert [hit.media_id for hit in page.hits] == [27205, 157336, 155]
    assert {hit.person for hit in page.hits} == {NOLAN}


def test_a_misspelt_person_is_found_when_no_title_matches(engine: SearchEngine) -> None:
    hits = engine.search(parse_query("sigourny weaver")).hits

    assert [hit.media_id for hit in hits] == [679, 348]
    assert hits[0].person == "Sigourney Weaver"


def test_filters_apply_inside_the_engine(engine: SearchEngine) -> None:
    assert titles(engine, "alien year:1980-1990") == ["Aliens", "Alien Nation"]
    assert titles(engine, "alien genre:horror") == ["Alien", "Alien Raiders", "The Alien Within"]
    assert ids(engine, "alien rating:>=8") == [348]
    assert ids(engine, "bad type:tv") == [1396]
    assert ids(engine, "the type:tv") == []
    assert ids(engine, "dune year:<2000") == [841]


def test_filter_only_queries_list_the_most_popular_matches(engine: SearchEngine) -> None:
    assert ids(engine, "type:tv") == [1399, 1396]
    assert ids(engine, "genre:science-fiction year:2010-2020") == [27205, 157336]
    assert ids(engine, "lang:fr") == [194]
    assert ids(engine, 'genre:"science fiction" genre:horror') == [348]
    assert ids(engine, "lang:ja|ko") == [496243, 129]
    page = engine.search(parse_query("genre:western"))
    assert (page.hits, page.total, page.next_offset) == ((), 0, None)


def test_pages_are_consecutive_and_stable(engine: SearchEngine) -> None:
    everything = engine.search(parse_query("the"), limit=100)
    first = engine.search(parse_query("the"), limit=3)
    second = engine.search(parse_query("the"), offset=3, limit=3)

    assert first.next_offset == 3
    assert second.offset == 3
    assert [h.media_id for h in first.hits + second.hits] == [
        h.media_id for h in everything.hits[:6]
    ]
    assert everything.total == len(everything.hits)
    last = engine.search(parse_query("the"), offset=everything.total - 1, limit=5)
    assert len(last.hits) == 1
    assert last.next_offset is None


def test_browsing_pages_by_popularity(engine: SearchEngine) -> None:
    page = engine.search(parse_query("genre:drama"), limit=2)
    rest = engine.search(parse_query("genre:drama"), offset=2, limit=10)

    assert [h.media_id for h in page.hits] == [597, 1399]
    assert page.total == 6
    assert page.next_offset == 2
    assert [h.media_id for h in rest.hits] == [238, 1396, 240, 242]
    assert rest.next_offset is None


def test_nothing_found_is_an_empty_page(engine: SearchEngine) -> None:
    page = engine.search(parse_query("zzzzqqqq"))

    assert page.hits == ()
    assert page.total == 0
    assert page.next_offset is None


def test_upsert_makes_a_new_title_searchable_at_once() -> None:
    engine = SearchEngine()
    engine.build(CATALOG)
    engine.upsert([doc(872585, "Oppenheimer", 2023, 40000, people=(NOLAN,))])

    assert titles(engine, "oppenhiemer")[0] == "Oppenheimer"
    assert engine.autocomplete("oppen")[0].media_id == 872585
    assert engine.search_people("nolan")[0].media_ids[0] == 872585
    assert ids(engine, "christopher nolan")[0] == 872585


def test_upsert_replaces_a_title_and_remove_forgets_it() -> None:
    engine = SearchEngine()
    engine.build(CATALOG)
    renamed = dataclasses.replace(CATALOG[3], title="Alien: Director's Cut", popularity=5)

    engine.upsert([renamed])
    assert "Alien" not in titles(engine, "alien")
    assert "Alien: Director's Cut" in titles(engine, "alien directors cut")
    assert len(engine) == len(CATALOG)

    engine.remove([348, 679, 123456789])
    assert not {348, 679} & set(ids(engine, "alien"))
    assert all(h.media_id not in {348, 679} for h in engine.autocomplete("alie"))
    assert engine.search_people("sigourney weaver") == []
    assert len(engine) == len(CATALOG) - 2


def test_an_engine_fed_only_incrementally_behaves_the_same(engine: SearchEngine) -> None:
    incremental = SearchEngine()
    for start in range(0, len(CATALOG), 4):
        incremental.upsert(CATALOG[start : start + 4])

    for raw in ("godfahter", "alien", "lord rings return", "type:tv", "dune", "amelie"):
        assert ids(incremental, raw) == ids(engine, raw), raw
    assert incremental.search_people("nolan") == engine.search_people("nolan")
    assert [h.media_id for h in incremental.autocomplete("the")] == [
        h.media_id for h in engine.autocomplete("the")
    ]


def test_many_updates_keep_the_index_consistent() -> None:
    engine = SearchEngine()
    engine.build(CATALOG)
    live: dict[int, SearchDocument] = {d.media_id: d for d in CATALOG}
    for round_ in range(15):
        for media_id in list(live)[round_ % 3 :: 5]:
            live[media_id] = dataclasses.replace(
                live[media_id], title=f"{live[media_id].title} {round_}", popularity=round_
            )
            engine.upsert([live[media_id]])
        victim = list(live)[round_ % len(live)]
        engine.remove([victim])
        del live[victim]

    assert len(engine) == len(live)
    for document in live.values():
        assert engine.search(parse_query(document.title), limit=1).hits[0].media_id == (
            document.media_id
        ), document.title


def test_titles_without_words_are_still_indexed() -> None:
    engine = SearchEngine()
    engine.upsert([doc(1, "?", 2000, 10), doc(2, "", 2000, 5)])

    assert ids(engine, "type:movie") == [1, 2]
    assert normalize("?") == ""


def test_deep_pages_walk_every_match_once() -> None:
    engine = SearchEngine()
    engine.build([doc(i, f"Star {i}", 2000, float(i % 97)) for i in range(1, 1501)])

    seen: list[int] = []
    offset: int | None = 0
    while offset is not None:
        page = engine.search(parse_query("star"), offset=offset, limit=100)
        seen += [hit.media_id for hit in page.hits]
        offset = page.next_offset

    assert len(seen) == 1000  # the engine counts (and pages through) at most 1000 matches
    assert len(set(seen)) == len(seen)
    popularity = [i % 97 for i in seen]
    assert popularity == sorted(popularity, reverse=True)
