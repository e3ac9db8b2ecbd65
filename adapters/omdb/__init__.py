"""OMDb client (IMDb / Rotten Tomatoes / Metacritic ratings) and its DTO."""

from __future__ import annotations

from adapters.omdb.client import DEFAULT_BASE_URL, OMDB_POLICY, OmdbClient
from adapters.omdb.models import OmdbTitle

__all__ = ["DEFAULT_BASE_URL", "OMDB_POLICY", "OmdbClient", "OmdbTitle"]
