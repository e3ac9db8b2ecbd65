"""TMDb v3 client and its typed DTOs."""

from __future__ import annotations

from adapters.tmdb.client import TmdbClient
from adapters.tmdb.config import DEFAULT_BASE_URL, TMDB_POLICY, TmdbTtls
from adapters.tmdb.models import (
    ContentRating,
    CreditRole,
    ExternalIds,
    Genre,
    MediaType,
    RegionProviders,
    ReleaseDate,
    TmdbCredit,
    TmdbEpisode,
    TmdbFindResult,
    TmdbMovie,
    TmdbPage,
    TmdbPerson,
    TmdbSearchResult,
    TmdbSeason,
    TmdbShow,
    Trailer,
    WatchProviders,
    image_url,
)

__all__ = [
    "DEFAULT_BASE_URL",
    "TMDB_POLICY",
    "ContentRating",
    "CreditRole",
    "ExternalIds",
    "Genre",
    "MediaType",
    "RegionProviders",
    "ReleaseDate",
    "TmdbClient",
    "TmdbCredit",
    "TmdbEpisode",
    "TmdbFindResult",
    "TmdbMovie",
    "TmdbPage",
    "TmdbPerson",
    "TmdbSearchResult",
    "TmdbSeason",
    "TmdbShow",
    "TmdbTtls",
    "Trailer",
    "WatchProviders",
    "image_url",
]
