"""The shared search syntax: filters, their errors, and titles that merely contain colons."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.domain.errors import InvalidInput
from core.search.query import DEFAULT_GENRES, parse_query
from core.search.types import SearchQuery


def test_the_full_example_parses_every_filter() -> None:
    query = parse_query("alien year:1979-1990 genre:horror type:movie rating:>=7 lang:en")

    assert query == SearchQuery(
        text="alien",
        kinds=("movie",),
        year_from=1979,
        year_to=1990,
        genres=("Horror",),
        min_rating=7.0,
        languages=("en",),
    )


@pytest.mark.parametrize(
    ("raw", "year_from", "year_to"),
    [
        ("year:1979", 1979, 1979),
        ("year:1979-1990", 1979, 1990),
        ("year:1979..1990", 1979, 1990),
        ("year:>=2000", 2000, None),
        ("year:>2000", 2001, None),
        ("year:<1990", None, 1989),
        ("year:<=1990", None, 1990),
        ("year:1990s", 1990, 1999),
        ("year:>=1990 year:<2000", 1990, 1999),
    ],
)
def test_year_forms(raw: str, year_from: int | None, year_to: int | None) -> None:
    query = parse_query(raw)

    assert (query.year_from, query.year_to) == (year_from, year_to)
    assert query.text == ""


@pytest.mark.parametrize(
    ("raw", "low", "high"),
    [
        ("rating:7", 7.0, None),
        ("rating:>=7.5", 7.5, None),
        ("rating:<=5", None, 5.0),
        ("rating:7-9", 7.0, 9.0),
        ("rating:7,5", 7.5, None),
    ],
)
def test_rating_forms(raw: str, low: float | None, high: float | None) -> None:
    query = parse_query(raw)

    assert (query.min_rating, query.max_rating) == (low, high)


def test_strict_rating_bounds_exclude_the_value_itself() -> None:
    query = parse_query("rating:>7 rating:<9")

    assert query.min_rating is not None and query.max_rating is not None
    assert 7.0 < query.min_rating < 7.0001
    assert 8.9999 < query.max_rating < 9.0
    assert math.nextafter(7.0, 8.0) == query.min_rating


@pytest.mark.parametrize(
    ("raw", "kinds"),
    [
        ("type:movie", ("movie",)),
        ("type:film", ("movie",)),
        ("type:tv", ("tv",)),
        ("type:show", ("tv",)),
        ("type:series", ("tv",)),
        ("type:tv|movie", ("movie", "tv")),
        ("kind:TV", ("tv",)),
    ],
)
def test_type_forms(raw: str, kinds: tuple[str, ...]) -> None:
    assert parse_query(raw).kinds == kinds


@pytest.mark.parametrize(
    "raw",
    [
        'genre:"science fiction"',
        "genre:science-fiction",
        "genre:Science_Fiction",
        "genre:sci-fi",
        "GENRE:SCIENCE-FICTION",
    ],
)
def test_genre_spellings_reach_the_vocabulary_name(raw: str) -> None:
    assert parse_query(raw).genres == ("Science Fiction",)


def test_several_genres_must_all_match_and_keep_their_order() -> None:
    query = parse_query("genre:horror genre:comedy genre:horror")

    assert query.genres == ("Horror", "Comedy")


def test_a_custom_genre_vocabulary_is_used_instead_of_the_default() -> None:
    query = parse_query('genre:"sci-fi & fantasy"', genres=["Sci-Fi & Fantasy", "Kids"])

    assert query.genres == ("Sci-Fi & Fantasy",)
    with pytest.raises(InvalidInput):
        parse_query("genre:horror", genres=["Kids"])


def test_languages_accept_codes_names_and_alternatives() -> None:
    assert parse_query("lang:EN").languages == ("en",)
    assert parse_query("language:french").languages == ("fr",)
    assert parse_query("lang:en|fr lang:ja").languages == ("en", "fr", "ja")


def test_words_that_are_not_filters_form_the_text_in_order() -> None:
    query = parse_query("the  lord year:2003 of the rings")

    assert query.text == "the lord of the rings"
    assert query.year_from == 2003


@pytest.mark.parametrize(
    "raw",
    ["mission: impossible", "Star Wars: Episode IV", "2001: a space odyssey", '"re:zero"'],
)
def test_a_colon_in_a_title_is_not_a_filter(raw: str) -> None:
    query = parse_query(raw)

    assert query.text == raw.strip('"')
    assert not query.has_filters


def test_a_quoted_phrase_is_text_even_with_filter_names_inside() -> None:
    query = parse_query('"year:1999" type:movie')

    assert query.text == "year:1999"
    assert query.kinds == ("movie",)
    assert query.year_from is None


@pytest.mark.parametrize(
    ("raw", "named"),
    [
        ("year:abc", "year"),
        ("year:1800", "year"),
        ("year:2000-1990", "year"),
        ("year:>=2000 year:<1990", "year"),
        ("year:", "year"),
        ("rating:11", "rating"),
        ("rating:good", "rating"),
        ("rating:9-7", "rating"),
        ("type:book", "type"),
        ("lang:klingon", "lang"),
        ("genre:polka", "polka"),
        ("foo:bar", "foo"),
        ("mission:impossible", "mission"),
    ],
)
def test_bad_filters_raise_invalid_input_naming_the_filter(raw: str, named: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_query(raw)

    error = caught.value
    rendered = error.message.format(**error.params)
    assert named in rendered
    assert error.message != InvalidInput.message  # a specific msgid, not the generic one


def test_an_unknown_filter_message_lists_the_known_ones() -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_query("director:nolan")

    assert caught.value.params["name"] == "director"
    assert "genre" in str(caught.value.params["known"])


def test_filter_only_queries_have_empty_text() -> None:
    query = parse_query("type:tv genre:drama")

    assert query.text == ""
    assert query.has_filters
    assert not query.is_empty
    assert parse_query("   ").is_empty


@given(
    words=st.lists(st.from_regex(r"[a-z]{1,8}", fullmatch=True), max_size=5),
    year=st.integers(1900, 2030),
    genre=st.sampled_from(DEFAULT_GENRES),
)
def test_filters_never_leak_into_the_text(words: list[str], year: int, genre: str) -> None:
    raw = " ".join([*words, f"year:{year}", f'genre:"{genre}"'])

    query = parse_query(raw)

    assert query.text == " ".join(words)
    assert (query.year_from, query.year_to, query.genres) == (year, year, (genre,))


@given(st.text(max_size=40))
def test_any_input_parses_or_raises_invalid_input(raw: str) -> None:
    try:
        query = parse_query(raw)
    except InvalidInput as error:
        rendered = error.message.format(**error.params)  # renders with its own parameters
        query = SearchQuery(text=rendered)
    assert "  " not in query.text
