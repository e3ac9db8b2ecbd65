"""TMDb client settings: endpoints, request budget and cache TTLs."""

from __future__ import annotations

import re
from dataclasses import dataclass

from adapters.http import HttpPolicy

DEFAULT_BASE_URL = "https://api.themoviedb.org/3"
MOVIE_APPEND = "credits,release_dates,videos,watch/providers,external_ids"
TV_APPEND = "credits,content_ratings,videos,watch/providers,external_ids"
#: Conservative budget: TMDb's historical limit of 40 requests per 10 s (today's is higher).
TMDB_POLICY = HttpPolicy(rate_limit=40, rate_period=10.0)
IMDB_ID_PATTERN = re.compile(r"^(tt|nm)\d{5,10}$")


@dataclass(frozen=True, slots=True)
class TmdbTtls:
    """Cache TTL per kind of endpoint, in seconds."""

    search: float = 3600.0
    details: float = 86400.0
    season: float = 86400.0
    lists: float = 3600.0
    trending: float = 3600.0
    providers: float = 43200.0
    genres: float = 7 * 86400.0
    find: float = 86400.0
