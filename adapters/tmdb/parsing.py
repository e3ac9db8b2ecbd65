"""Turn TMDb v3 JSON payloads into the DTOs of :mod:`adapters.tmdb.models`.

Parsers are tolerant: missing, ``null`` or mistyped optional fields are dropped,
list items without an id are skipped. Only a payload that cannot describe the
requested thing at all (not an object, no id) raises :class:`PayloadError`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from adapters.tmdb.fields import (
    JsonObject,
    PayloadError,
    as_object,
    flag,
    ints,
    objects,
    opt_date,
    opt_float,
    opt_int,
    opt_str,
    text,
)
from adapters.tmdb.models import (
    Genre,
    MediaType,
    TmdbFindResult,
    TmdbPage,
    TmdbPerson,
    TmdbSearchResult,
)

T = TypeVar("T")
_MEDIA_TYPES: dict[str, MediaType] = {"movie": "movie", "tv": "tv", "person": "person"}


def required_id(data: JsonObject, what: str) -> int:
    """The ``id`` of ``data``, or :class:`PayloadError`."""
    value = opt_int(data, "id")
    if value is None:
        raise PayloadError(f"{what}: missing id")
    return value


def parse_search_result(
    data: JsonObject, default_media: MediaType | None = None
) -> TmdbSearchResult | None:
    """One list item; ``None`` when it has no id or an unknown ``media_type``."""
    media = _MEDIA_TYPES.get(opt_str(data, "media_type") or "", default_media)
    tmdb_id = opt_int(data, "id")
    if media is None or tmdb_id is None:
        return None
    is_movie = media == "movie"
    known_for = tuple(
        title
        for item in objects(data.get("known_for"))
        if (title := opt_str(item, "title") or opt_str(item, "name")) is not None
    )
    return TmdbSearchResult(
        media_type=media,
        tmdb_id=tmdb_id,
        title=text(data, "title" if is_movie else "name"),
        original_title=opt_str(data, "original_title" if is_movie else "original_name"),
        overview=text(data, "overview"),
        release_date=opt_date(data, "release_date" if is_movie else "first_air_date"),
        poster_path=opt_str(data, "profile_path" if media == "person" else "poster_path"),
        backdrop_path=opt_str(data, "backdrop_path"),
        popularity=opt_float(data, "popularity"),
        vote_average=opt_float(data, "vote_average"),
        vote_count=opt_int(data, "vote_count"),
        genre_ids=ints(data.get("genre_ids")),
        original_language=opt_str(data, "original_language"),
        adult=flag(data, "adult"),
        known_for_department=opt_str(data, "known_for_department"),
        known_for=known_for,
    )


def parse_person(data: JsonObject) -> TmdbPerson | None:
    """A person search item; ``None`` without an id."""
    tmdb_id = opt_int(data, "id")
    if tmdb_id is None:
        return None
    known_for = tuple(
        r for item in objects(data.get("known_for")) if (r := parse_search_result(item))
    )
    return TmdbPerson(
        tmdb_id=tmdb_id,
        name=text(data, "name"),
        known_for_department=opt_str(data, "known_for_department"),
        profile_path=opt_str(data, "profile_path"),
        popularity=opt_float(data, "popularity"),
        gender=opt_int(data, "gender"),
        known_for=known_for,
    )


def parse_page(payload: Any, item: Callable[[JsonObject], T | None]) -> TmdbPage[T]:
    """A paginated list, items parsed by ``item`` (``None`` results skipped)."""
    data = as_object(payload, "page")
    results = tuple(r for entry in objects(data.get("results")) if (r := item(entry)) is not None)
    return TmdbPage(
        page=opt_int(data, "page") or 1,
        total_pages=opt_int(data, "total_pages") or (1 if results else 0),
        total_results=opt_int(data, "total_results") or len(results),
        results=results,
    )


def parse_find(payload: Any) -> TmdbFindResult:
    """The response of ``/find/{external_id}``."""
    data = as_object(payload, "find")

    def group(key: str, media: MediaType) -> tuple[TmdbSearchResult, ...]:
        return tuple(
            r for item in objects(data.get(key)) if (r := parse_search_result(item, media))
        )

    return TmdbFindResult(
        movies=group("movie_results", "movie"),
        shows=group("tv_results", "tv"),
        people=group("person_results", "person"),
    )


def parse_genres(value: Any) -> tuple[Genre, ...]:
    """An array of ``{"id", "name"}`` genres."""
    return tuple(
        Genre(id=gid, name=name)
        for item in objects(value)
        if (gid := opt_int(item, "id")) is not None and (name := opt_str(item, "name"))
    )


__all__ = [
    "PayloadError",
    "parse_find",
    "parse_genres",
    "parse_page",
    "parse_person",
    "parse_search_result",
    "required_id",
]
