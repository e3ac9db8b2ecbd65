"""Search over the local catalog: query syntax, values and the :class:`SearchIndex` port."""

from core.search.port import SearchIndex
from core.search.query import DEFAULT_GENRES, FILTER_NAMES, parse_query
from core.search.types import (
    KINDS,
    MOVIE,
    TV,
    PersonHit,
    SearchDocument,
    SearchHit,
    SearchPage,
    SearchQuery,
)

__all__ = [
    "DEFAULT_GENRES",
    "FILTER_NAMES",
    "KINDS",
    "MOVIE",
    "TV",
    "PersonHit",
    "SearchDocument",
    "SearchHit",
    "SearchIndex",
    "SearchPage",
    "SearchQuery",
    "parse_query",
]
