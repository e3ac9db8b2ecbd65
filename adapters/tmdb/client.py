"""TMDb v3 API client (https://developer.themoviedb.org/reference)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal, TypeVar

import httpx

from adapters.cache.base import Cache
from adapters.http import (
    HttpPolicy,
    MissingApiKey,
    Params,
    ParamValue,
    ProviderError,
)
from adapters.http.keyed import KeyedProviderClient
from adapters.tmdb.config import (
    DEFAULT_BASE_URL,
    IMDB_ID_PATTERN,
    MOVIE_APPEND,
    TMDB_POLICY,
    TV_APPEND,
    TmdbTtls,
)
from adapters.tmdb.details import parse_movie, parse_season, parse_show
from adapters.tmdb.fields import as_object
from adapters.tmdb.models import (
    Genre,
    MediaType,
    ReleaseDate,
    TmdbFindResult,
    TmdbMovie,
    TmdbPage,
    TmdbPerson,
    TmdbSearchResult,
    TmdbSeason,
    TmdbShow,
    Trailer,
    WatchProviders,
)
from adapters.tmdb.parse_parts import (
    certification_for,
    parse_release_dates,
    parse_trailers,
    parse_watch_providers,
)
from adapters.tmdb.parsing import parse_find, parse_genres, parse_page, parse_person
from adapters.tmdb.parsing import parse_search_result as _result

R = TypeVar("R")
Media = Literal["movie", "tv"]


def _page_of(media: MediaType | None) -> Callable[[Any], TmdbPage[TmdbSearchResult]]:
    return lambda payload: parse_page(payload, lambda item: _result(item, media))


class TmdbClient(KeyedProviderClient):
    """Async TMDb v3 client returning typed DTOs.

    The API key goes in the ``api_key`` query parameter. Without a key every call
    raises :class:`~adapters.http.MissingApiKey` (a ``ProviderUnavailable``) before
    any request. Errors: see :mod:`adapters.http.errors`.
    """

    def __init__(
        self,
        api_key: str | None,
        base_url: str = DEFAULT_BASE_URL,
        cache: Cache | None = None,
        *,
        language: str = "en-US",
        region: str = "US",
        policy: HttpPolicy | None = None,
        ttls: TmdbTtls | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.language = language
        self.region = region
        self.ttls = ttls or TmdbTtls()
        super().__init__(
            "tmdb", "api_key", api_key, base_url, cache, policy or TMDB_POLICY, transport
        )

    async def _get(
        self, path: str, params: Params, ttl: float, parse: Callable[[Any], R], *, lang: bool = True
    ) -> R:
        if not self._api_key:
            raise MissingApiKey("tmdb", "no TMDb API key configured")
        query = dict(params)
        if lang and query.get("language") is None:
            query["language"] = self.language
        payload = await self.http.get_json(path, query, cache_ttl=ttl)
        try:
            return parse(payload)
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            raise ProviderError("tmdb", f"unexpected payload from {path}: {exc}") from exc

    async def _search(
        self, kind: str, query: str, parse: Callable[[Any], R], **params: ParamValue
    ) -> R:
        return await self._get(
            f"/search/{kind}", {"query": query, **params}, self.ttls.search, parse
        )

    async def search_multi(
        self, query: str, *, page: int = 1, language: str | None = None, include_adult: bool = False
    ) -> TmdbPage[TmdbSearchResult]:
        """Movies, shows and people matching ``query`` (``/search/multi``)."""
        return await self._search(
            "multi",
            query,
            _page_of(None),
            page=page,
            language=language,
            include_adult=include_adult,
        )

    async def search_movies(
        self,
        query: str,
        *,
        page: int = 1,
        year: int | None = None,
        language: str | None = None,
        include_adult: bool = False,
    ) -> TmdbPage[TmdbSearchResult]:
        """Movies matching ``query``, optionally of a release ``year``."""
        return await self._search(
            "movie",
            query,
            _page_of("movie"),
            page=page,
            year=year,
            language=language,
            include_adult=include_adult,
        )

    async def search_tv(
        self,
        query: str,
        *,
        page: int = 1,
        first_air_date_year: int | None = None,
        language: str | None = None,
        include_adult: bool = False,
    ) -> TmdbPage[TmdbSearchResult]:
        """TV shows matching ``query``, optionally first aired in ``first_air_date_year``."""
        return await self._search(
            "tv",
            query,
            _page_of("tv"),
            page=page,
            first_air_date_year=first_air_date_year,
            language=language,
            include_adult=include_adult,
        )

    async def search_people(
        self, query: str, *, page: int = 1, language: str | None = None, include_adult: bool = False
    ) -> TmdbPage[TmdbPerson]:
        """People matching ``query`` (``/search/person``)."""
        return await self._search(
            "person",
            query,
            lambda p: parse_page(p, parse_person),
            page=page,
            language=language,
            include_adult=include_adult,
        )

    async def get_movie(self, movie_id: int, *, language: str | None = None) -> TmdbMovie:
        """Movie details with credits, release dates, videos, providers and external ids."""
        params: Params = {"append_to_response": MOVIE_APPEND, "language": language}
        return await self._get(f"/movie/{int(movie_id)}", params, self.ttls.details, parse_movie)

    async def get_show(self, tv_id: int, *, language: str | None = None) -> TmdbShow:
        """TV details with credits, content ratings, videos, providers and external ids."""
        params: Params = {"append_to_response": TV_APPEND, "language": language}
        return await self._get(f"/tv/{int(tv_id)}", params, self.ttls.details, parse_show)

    async def get_season(
        self, tv_id: int, season_number: int, *, language: str | None = None
    ) -> TmdbSeason:
        """One season of a show with its episodes."""
        path = f"/tv/{int(tv_id)}/season/{int(season_number)}"
        return await self._get(path, {"language": language}, self.ttls.season, parse_season)

    async def get_release_dates(self, movie_id: int) -> tuple[ReleaseDate, ...]:
        """Every release of a movie, in every country."""
        return await self._get(
            f"/movie/{int(movie_id)}/release_dates",
            {},
            self.ttls.details,
            lambda p: parse_release_dates(as_object(p, "release dates")),
            lang=False,
        )

    async def get_certification(self, movie_id: int, region: str = "US") -> str | None:
        """The movie's certification in ``region`` (e.g. ``"R"``), if any."""
        return certification_for(await self.get_release_dates(movie_id), region.upper())

    async def get_trailers(
        self, media: Media, tmdb_id: int, *, language: str | None = None
    ) -> tuple[Trailer, ...]:
        """YouTube trailers and teasers of a movie or show, best first."""
        return await self._get(
            f"/{media}/{int(tmdb_id)}/videos",
            {"language": language},
            self.ttls.details,
            lambda p: parse_trailers(as_object(p, "videos")),
        )

    async def get_watch_providers(self, media: Media, tmdb_id: int) -> WatchProviders:
        """Streaming / rent / buy providers of a movie or show for every region."""
        return await self._get(
            f"/{media}/{int(tmdb_id)}/watch/providers",
            {},
            self.ttls.providers,
            lambda p: parse_watch_providers(as_object(p, "watch providers")),
            lang=False,
        )

    async def _list(
        self, path: str, media: MediaType | None, ttl: float, params: Params
    ) -> TmdbPage[TmdbSearchResult]:
        return await self._get(path, params, ttl, _page_of(media))

    async def upcoming(
        self, *, page: int = 1, region: str | None = None, language: str | None = None
    ) -> TmdbPage[TmdbSearchResult]:
        """Movies coming soon to theatres in ``region`` (default: the client's region)."""
        params: Params = {"page": page, "region": region or self.region, "language": language}
        return await self._list("/movie/upcoming", "movie", self.ttls.lists, params)

    async def now_playing(
        self, *, page: int = 1, region: str | None = None, language: str | None = None
    ) -> TmdbPage[TmdbSearchResult]:
        """Movies in theatres now in ``region``."""
        params: Params = {"page": page, "region": region or self.region, "language": language}
        return await self._list("/movie/now_playing", "movie", self.ttls.lists, params)

    async def on_the_air(
        self, *, page: int = 1, language: str | None = None
    ) -> TmdbPage[TmdbSearchResult]:
        """Shows with an episode airing in the next seven days."""
        params: Params = {"page": page, "language": language}
        return await self._list("/tv/on_the_air", "tv", self.ttls.lists, params)

    async def trending(
        self,
        media: Literal["all", "movie", "tv"] = "all",
        window: Literal["day", "week"] = "week",
        *,
        page: int = 1,
        language: str | None = None,
    ) -> TmdbPage[TmdbSearchResult]:
        """Trending titles (``/trending/{media}/{window}``)."""
        default: MediaType | None = None if media == "all" else media
        params: Params = {"page": page, "language": language}
        return await self._list(f"/trending/{media}/{window}", default, self.ttls.trending, params)

    async def find_by_imdb_id(self, imdb_id: str) -> TmdbFindResult:
        """Titles and people with IMDb id ``imdb_id`` (``tt…`` or ``nm…``).

        Raises ``ValueError`` for an id that is not IMDb-shaped (no request is sent).
        """
        ext = imdb_id.strip()
        if not IMDB_ID_PATTERN.match(ext):
            raise ValueError(f"not an IMDb id: {imdb_id!r}")
        params: Params = {"external_source": "imdb_id"}
        return await self._get(f"/find/{ext}", params, self.ttls.find, parse_find)

    async def genres(self, media: Media, *, language: str | None = None) -> tuple[Genre, ...]:
        """The genre list of movies or TV."""
        return await self._get(
            f"/genre/{media}/list",
            {"language": language},
            self.ttls.genres,
            lambda p: parse_genres(as_object(p, "genres").get("genres")),
        )
