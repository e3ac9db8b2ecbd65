"""The one search syntax every chat platform shares.

``alien year:1979-1990 genre:horror type:movie rating:>=7 lang:en``

A filter is ``name:value`` with the value written right after the colon (quote it when it has
spaces: ``genre:"science fiction"``). Everything else is the text to look for, so
``mission: impossible`` (a space after the colon) is plain text. Filters:

- ``year:1979``, ``year:1979-1990`` (or ``1979..1990``), ``year:>=2000``, ``year:<1990``,
  ``year:1990s`` (a decade);
- ``rating:7`` (at least 7), ``rating:>=7``, ``rating:<5``, ``rating:7-9`` (0 to 10);
- ``type:movie`` / ``type:tv`` (``film``, ``show``, ``series`` too; ``type:tv|movie`` for both);
- ``genre:horror``, ``genre:science-fiction``; several genres must all match;
- ``lang:en`` (ISO 639-1, or an English language name; ``lang:en|fr`` for either).

Repeated ``year:``/``rating:`` filters narrow the range; repeated ``type:``/``lang:`` add choices.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

from core.domain.errors import InvalidInput
from core.i18n import N_
from core.search.types import MOVIE, TV, SearchQuery

DEFAULT_GENRES: tuple[str, ...] = (
    "Action",
    "Adventure",
    "Animation",
    "Comedy",
    "Crime",
    "Documentary",
    "Drama",
    "Family",
    "Fantasy",
    "History",
    "Horror",
    "Music",
    "Mystery",
    "Romance",
    "Science Fiction",
    "Thriller",
    "War",
    "Western",
)
FILTER_NAMES: tuple[str, ...] = ("year", "genre", "type", "rating", "lang")
YEAR_MIN, YEAR_MAX = 1870, 2100
RATING_MAX = 10.0

_ALIASES = {"years": "year", "genres": "genre", "kind": "type", "language": "lang"}
_KINDS = {
    "movie": MOVIE,
    "movies": MOVIE,
    "film": MOVIE,
    "films": MOVIE,
    "tv": TV,
    "show": TV,
    "shows": TV,
    "series": TV,
    "tvshow": TV,
    "tv-show": TV,
}
_GENRE_ALIASES = {"sci-fi": "science fiction", "scifi": "science fiction", "sf": "science fiction"}
_LANGUAGES = {
    "english": "en",
    "french": "fr",
    "german": "de",
    "spanish": "es",
    "italian": "it",
    "portuguese": "pt",
    "russian": "ru",
    "japanese": "ja",
    "korean": "ko",
    "chinese": "zh",
    "hindi": "hi",
    "swedish": "sv",
    "danish": "da",
    "norwegian": "no",
    "dutch": "nl",
    "polish": "pl",
    "turkish": "tr",
    "arabic": "ar",
    "ukrainian": "uk",
}
_TOKEN = re.compile(
    r"""(?P<name>[^\W\d_][\w-]*):(?P<value>"[^"]*"?|[^\s"]\S*|(?=\s|$))"""  # name:value
    r"""|"(?P<phrase>[^"]*)"?"""  # a quoted phrase is text
    r"""|(?P<word>\S+)"""
)
_COMPARISON = re.compile(r"^(>=|<=|>|<|=)?(\d+(?:\.\d+)?)$")
_RANGE = re.compile(r"^(\d+(?:\.\d+)?)(?:-|\.\.)(\d+(?:\.\d+)?)$")
_DECADE = re.compile(r"^(\d{3}0)s$")


class _Bounds:
    """An inclusive numeric range being narrowed by repeated filters."""

    def __init__(self) -> None:
        self.low: float | None = None
        self.high: float | None = None

    def narrow(self, low: float | None, high: float | None) -> None:
        if low is not None:
            self.low = low if self.low is None else max(self.low, low)
        if high is not None:
            self.high = high if self.high is None else min(self.high, high)


def parse_query(raw: str, *, genres: Iterable[str] | None = None) -> SearchQuery:
    """Split ``raw`` into text and filters; raise :class:`InvalidInput` naming a bad filter.

    ``genres`` is the genre vocabulary (:data:`DEFAULT_GENRES` when omitted); genre names are
    matched case-insensitively and returned as spelt in the vocabulary.
    """
    vocabulary = {g.casefold(): g for g in (DEFAULT_GENRES if genres is None else genres)}
    words: list[str] = []
    kinds: set[str] = set()
    languages: set[str] = set()
    wanted: list[str] = []
    years, ratings = _Bounds(), _Bounds()
    for match in _TOKEN.finditer(raw):
        if match["name"] is None:
            text = match["word"] if match["phrase"] is None else match["phrase"]
            words.extend(text.split())
            continue
        name = match["name"].casefold()
        name = _ALIASES.get(name, name)
        value = match["value"].strip('"').strip()
        if not match["value"] and name not in FILTER_NAMES:
            words.append(match[0])  # "mission: impossible": a colon ending a word is text
            continue
        if not value:
            raise InvalidInput(N_("The filter {name}: needs a value."), name=name)
        if name == "year":
            years.narrow(*_year_range(value))
        elif name == "rating":
            ratings.narrow(*_rating_range(value))
        elif name == "type":
            kinds.update(_choices(value, _KINDS, "type"))
        elif name == "lang":
            languages.update(_language(v) for v in re.split(r"[|,]", value) if v)
        elif name == "genre":
            for genre in (_genre(v, vocabulary) for v in value.split(",") if v):
                if genre not in wanted:
                    wanted.append(genre)
        else:
            raise InvalidInput(
                N_(
                    "Unknown filter {name}: use one of {known}, or put a space after the colon "
                    "to search for it as text."
                ),
                name=match["name"],
                known=", ".join(FILTER_NAMES),
            )
    _check_order(years, "year")
    _check_order(ratings, "rating")
    return SearchQuery(
        text=" ".join(words),
        kinds=tuple(sorted(kinds)),
        year_from=None if years.low is None else int(years.low),
        year_to=None if years.high is None else int(years.high),
        genres=tuple(wanted),
        min_rating=ratings.low,
        max_rating=ratings.high,
        languages=tuple(sorted(languages)),
    )


def _year_range(value: str) -> tuple[int | None, int | None]:
    """``1979`` / ``1979-1990`` / ``>=2000`` / ``1990s`` as an inclusive range of years."""
    decade = _DECADE.match(value)
    if decade:
        start = _year(decade[1], value)
        return start, start + 9
    bounds = _RANGE.match(value)
    if bounds:
        return _year(bounds[1], value), _year(bounds[2], value)
    comparison = _COMPARISON.match(value)
    if not comparison:
        raise _bad_value("year", value, "year:1999, year:1990-1999, year:>=2000, year:1990s")
    year = _year(comparison[2], value)
    operator = comparison[1] or "="
    return {
        "=": (year, year),
        ">=": (year, None),
        ">": (year + 1, None),
        "<=": (None, year),
        "<": (None, year - 1),
    }[operator]


def _year(digits: str, value: str) -> int:
    if not digits.isdigit() or not YEAR_MIN <= int(digits) <= YEAR_MAX:
        raise InvalidInput(
            N_("The year in year:{value} must be a year between {low} and {high}."),
            value=value,
            low=YEAR_MIN,
            high=YEAR_MAX,
        )
    return int(digits)


def _rating_range(value: str) -> tuple[float | None, float | None]:
    """``7`` (at least 7) / ``>=7`` / ``<5`` / ``7-9`` as an inclusive range of ratings."""
    value = value.replace(",", ".")
    bounds = _RANGE.match(value)
    if bounds:
        return _rating(bounds[1], value), _rating(bounds[2], value)
    comparison = _COMPARISON.match(value)
    if not comparison:
        raise _bad_value("rating", value, "rating:7, rating:>=7, rating:<5, rating:7-9")
    rating = _rating(comparison[2], value)
    operator = comparison[1] or ">="
    return {
        "=": (rating, rating),
        ">=": (rating, None),
        ">": (math.nextafter(rating, math.inf), None),
        "<=": (None, rating),
        "<": (None, math.nextafter(rating, -math.inf)),
    }[operator]


def _rating(number: str, value: str) -> float:
    rating = float(number)
    if not 0.0 <= rating <= RATING_MAX:
        raise InvalidInput(
            N_("The rating in rating:{value} must be between 0 and 10."), value=value
        )
    return rating


def _choices(value: str, known: dict[str, str], name: str) -> set[str]:
    chosen = set()
    for choice in re.split(r"[|,]", value.casefold()):
        if choice not in known:
            raise _bad_value(name, choice, "type:movie, type:tv, type:tv|movie")
        chosen.add(known[choice])
    return chosen


def _language(value: str) -> str:
    code = value.casefold()
    code = _LANGUAGES.get(code, code)
    if len(code) != 2 or not code.isascii() or not code.isalpha():
        raise _bad_value("lang", value, "lang:en, lang:fr|de")
    return code


def _genre(value: str, vocabulary: dict[str, str]) -> str:
    key = " ".join(re.split(r"[\s_-]+", value.casefold())).strip()
    key = _GENRE_ALIASES.get(value.casefold(), key)
    for candidate in (key, value.casefold()):
        if candidate in vocabulary:
            return vocabulary[candidate]
    raise InvalidInput(
        N_("Unknown genre in genre:{value}: use one of {known}."),
        value=value,
        known=", ".join(sorted(vocabulary.values())),
    )


def _check_order(bounds: _Bounds, name: str) -> None:
    if bounds.low is not None and bounds.high is not None and bounds.low > bounds.high:
        raise InvalidInput(
            N_("The {name} filters leave an empty range: the start is after the end."), name=name
        )


def _bad_value(name: str, value: str, examples: str) -> InvalidInput:
    return InvalidInput(
        N_("Bad value for the {name} filter: {value}. Try {examples}."),
        name=name,
        value=value,
        examples=examples,
    )
