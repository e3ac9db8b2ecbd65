"""OMDb API client (https://www.omdbapi.com/): IMDb, Rotten Tomatoes and Metacritic ratings."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Literal, NoReturn

import httpx

from adapters.cache.base import Cache
from adapters.http import (
    HttpPolicy,
    MissingApiKey,
    NotFoundAtProvider,
    ProviderError,
    ProviderUnauthorized,
)
from adapters.http.keyed import KeyedProviderClient
from adapters.omdb.models import OmdbTitle
from adapters.omdb.parsing import parse_title, value

DEFAULT_BASE_URL = "https://www.omdbapi.com/"
#: OMDb's free tier allows 1,000 requests a day; keep bursts small.
OMDB_POLICY = HttpPolicy(rate_limit=20, rate_period=10.0)
_IMDB_TITLE_ID = re.compile(r"^tt\d{5,10}$")
_AUTH_ERRORS = ("api key", "limit reached")


def _is_success(payload: Any) -> bool:
    return isinstance(payload, Mapping) and payload.get("Response") == "True"


class OmdbClient(KeyedProviderClient):
    """Async OMDb client returning :class:`OmdbTitle`.

    The key goes in the ``apikey`` query parameter; without one every call raises
    :class:`~adapters.http.MissingApiKey` before any request. Only successful
    answers are cached (``ttl_seconds``, default one day).
    """

    def __init__(
        self,
        api_key: str | None,
        base_url: str = DEFAULT_BASE_URL,
        cache: Cache | None = None,
        *,
        policy: HttpPolicy | None = None,
        ttl_seconds: float = 86400.0,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.ttl_seconds = ttl_seconds
        super().__init__(
            "omdb", "apikey", api_key, base_url, cache, policy or OMDB_POLICY, transport
        )

    async def get_by_imdb_id(
        self, imdb_id: str, *, plot: Literal["short", "full"] = "short"
    ) -> OmdbTitle:
        """Ratings, awards and facts of the title ``imdb_id`` (``tt…``).

        Raises ``ValueError`` for a malformed id (no request is sent),
        :class:`NotFoundAtProvider` when OMDb does not know the title, and the
        usual provider errors otherwise.
        """
        if not self._api_key:
            raise MissingApiKey("omdb", "no OMDb API key configured")
        title_id = imdb_id.strip()
        if not _IMDB_TITLE_ID.match(title_id):
            raise ValueError(f"not an IMDb title id: {imdb_id!r}")
        payload = await self.http.get_json(
            "/", {"i": title_id, "plot": plot}, cache_ttl=self.ttl_seconds, cacheable=_is_success
        )
        if not isinstance(payload, Mapping):
            raise ProviderError("omdb", "expected a JSON object")
        if payload.get("Response") == "False":
            self._raise_for_error(title_id, value(payload, "Error") or "unknown error")
        try:
            return parse_title(payload)
        except ValueError as exc:
            raise ProviderError("omdb", f"unexpected payload: {exc}") from exc

    @staticmethod
    def _raise_for_error(title_id: str, error: str) -> NoReturn:
        lowered = error.lower()
        if "not found" in lowered or "incorrect imdb id" in lowered:
            raise NotFoundAtProvider("omdb", f"{title_id}: {error}")
        if any(marker in lowered for marker in _AUTH_ERRORS):
            raise ProviderUnauthorized("omdb", error)
        raise ProviderError("omdb", error)
