"""Parse OMDb's all-strings JSON into :class:`OmdbTitle`."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from adapters.omdb.models import OmdbTitle

_NUMBER = re.compile(r"\d+(?:\.\d+)?")


class OmdbPayloadError(ValueError):
    """The payload is not an OMDb title object."""


def value(data: Mapping[str, Any], key: str) -> str | None:
    """A field's string, with OMDb's ``"N/A"`` and blanks as ``None``."""
    raw = data.get(key)
    if not isinstance(raw, str):
        return None
    raw = raw.strip()
    return None if not raw or raw.upper() == "N/A" else raw


def _listing(data: Mapping[str, Any], key: str) -> tuple[str, ...]:
    raw = value(data, key)
    return tuple(part.strip() for part in raw.split(",") if part.strip()) if raw else ()


def _first_number(raw: str | None) -> float | None:
    if raw is None:
        return None
    match = _NUMBER.search(raw.replace(",", ""))
    return float(match.group()) if match else None


def _int(raw: str | None) -> int | None:
    number = _first_number(raw)
    return int(number) if number is not None else None


def _released(raw: str | None) -> date | None:
    if raw is None:
        return None
    try:
        return datetime.strptime(raw, "%d %b %Y").date()
    except ValueError:
        return None


def _rating(data: Mapping[str, Any], source: str) -> str | None:
    ratings = data.get("Ratings")
    if not isinstance(ratings, list):
        return None
    for item in ratings:
        if isinstance(item, Mapping) and item.get("Source") == source:
            return value(item, "Value")
    return None


def parse_title(payload: Any) -> OmdbTitle:
    """Build an :class:`OmdbTitle` from a successful OMDb ``?i=`` response."""
    if not isinstance(payload, Mapping):
        raise OmdbPayloadError("expected a JSON object")
    imdb_id = value(payload, "imdbID")
    if imdb_id is None:
        raise OmdbPayloadError("missing imdbID")
    metacritic = _rating(payload, "Metacritic")
    return OmdbTitle(
        imdb_id=imdb_id,
        title=value(payload, "Title") or "",
        type=value(payload, "Type"),
        year=value(payload, "Year"),
        rated=value(payload, "Rated"),
        released=_released(value(payload, "Released")),
        runtime_minutes=_int(value(payload, "Runtime")),
        genres=_listing(payload, "Genre"),
        directors=_listing(payload, "Director"),
        writers=_listing(payload, "Writer"),
        actors=_listing(payload, "Actors"),
        plot=value(payload, "Plot"),
        languages=_listing(payload, "Language"),
        countries=_listing(payload, "Country"),
        awards=value(payload, "Awards"),
        poster_url=value(payload, "Poster"),
        imdb_rating=_first_number(value(payload, "imdbRating")),
        imdb_votes=_int(value(payload, "imdbVotes")),
        rotten_tomatoes=_int(_rating(payload, "Rotten Tomatoes")),
        metacritic=_int(value(payload, "Metascore") or metacritic),
        box_office=value(payload, "BoxOffice"),
        total_seasons=_int(value(payload, "totalSeasons")),
    )
