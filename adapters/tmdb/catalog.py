"""TmdbCatalog: the core's MetadataProvider port over the TMDb client (DTOs -> NewMedia)."""

from __future__ import annotations

from datetime import date

from adapters.http.errors import NotFoundAtProvider, ProviderError, ProviderUnavailable
from adapters.tmdb.client import TmdbClient
from adapters.tmdb.models import (
    TmdbCredit,
    TmdbMovie,
    TmdbSearchResult,
    TmdbSeason,
    TmdbShow,
    WatchProviders,
)
from core.domain.errors import NotFound
from core.domain.media import Credit, CreditRole, Episode, MediaKind, NewMedia, Season
from core.i18n import N_
from core.ports import ProviderUnavailableError

CAST_LIMIT = 10
_ROLES = {"actor": CreditRole.ACTOR, "director": CreditRole.DIRECTOR, "writer": CreditRole.WRITER}


def _year(value: date | None) -> int | None:
    return value.year if value else None


def _credits(credits: tuple[TmdbCredit, ...]) -> tuple[Credit, ...]:
    chosen = [c for c in credits if c.role != "actor"]
    chosen += sorted((c for c in credits if c.role == "actor"), key=lambda c: c.order or 0)[
        :CAST_LIMIT
    ]
    return tuple(Credit(c.name, _ROLES[c.role], c.character, c.order or 0) for c in chosen)


def _streaming(providers: WatchProviders) -> dict[str, list[str]]:
    return {
        r.region: list(r.flatrate or r.free or r.ads)
        for r in providers.regions
        if r.flatrate or r.free or r.ads
    }


def movie_to_new_media(movie: TmdbMovie) -> NewMedia:
    """A TMDb movie with its appended parts."""
    return NewMedia(
        kind=MediaKind.MOVIE,
        title=movie.title,
        year=_year(movie.release_date),
        release_date=movie.release_date,
        original_title=movie.original_title,
        original_language=movie.original_language,
        overview=movie.overview or None,
        runtime=movie.runtime_minutes,
        genres=tuple(g.name for g in movie.genres),
        certification=movie.certification_us,
        poster_path=movie.poster_path,
        backdrop_path=movie.backdrop_path,
        vote_average=movie.vote_average,
        vote_count=movie.vote_count or 0,
        tmdb_id=movie.tmdb_id,
        imdb_id=movie.imdb_id,
        credits=_credits(movie.credits),
        streaming=_streaming(movie.watch_providers),
        source="tmdb",
    )


def _season(season: TmdbSeason) -> Season:
    episodes = tuple(
        Episode(
            0,
            season.season_number,
            e.episode_number,
            e.name or f"Episode {e.episode_number}",
            e.air_date,
            e.runtime_minutes,
        )
        for e in season.episodes
    )
    return Season(
        season.season_number,
        season.name,
        season.air_date,
        season.episode_count or len(episodes),
        episodes,
    )


def show_to_new_media(show: TmdbShow, seasons: tuple[TmdbSeason, ...] = ()) -> NewMedia:
    """A TMDb show; ``seasons`` with episodes replace the summary ones when given."""
    detailed = {s.season_number: s for s in seasons}
    credits = tuple(
        Credit(name, CreditRole.DIRECTOR, None, i) for i, name in enumerate(show.created_by)
    )
    return NewMedia(
        kind=MediaKind.TV,
        title=show.name,
        year=_year(show.first_air_date),
        release_date=show.first_air_date,
        original_title=show.original_name,
        original_language=show.original_language,
        overview=show.overview or None,
        runtime=show.episode_run_time[0] if show.episode_run_time else None,
        genres=tuple(g.name for g in show.genres),
        certification=show.content_rating_us,
        poster_path=show.poster_path,
        backdrop_path=show.backdrop_path,
        vote_average=show.vote_average,
        vote_count=show.vote_count or 0,
        tmdb_id=show.tmdb_id,
        imdb_id=show.imdb_id,
        credits=credits + _credits(show.credits),
        seasons=tuple(_season(detailed.get(s.season_number, s)) for s in show.seasons),
        status=show.status,
        streaming=_streaming(show.watch_providers),
        source="tmdb",
    )


def result_to_new_media(result: TmdbSearchResult, genres: dict[int, str]) -> NewMedia | None:
    """A search result (movie or show); people and unknown types give None."""
    if result.media_type not in ("movie", "tv"):
        return None
    return NewMedia(
        kind=MediaKind.MOVIE if result.media_type == "movie" else MediaKind.TV,
        title=result.title,
        year=_year(result.release_date),
        release_date=result.release_date,
        original_title=result.original_title,
        original_language=result.original_language,
        overview=result.overview or None,
        genres=tuple(genres[g] for g in result.genre_ids if g in genres),
        poster_path=result.poster_path,
        backdrop_path=result.backdrop_path,
        vote_average=result.vote_average,
        vote_count=result.vote_count or 0,
        tmdb_id=result.tmdb_id,
        source="tmdb",
    )


class TmdbCatalog:
    """MetadataProvider over TMDb; provider failures become ProviderUnavailableError."""

    def __init__(self, client: TmdbClient, *, fetch_seasons: int = 30) -> None:
        self._client = client
        self._fetch_seasons = fetch_seasons
        self._genres: dict[int, str] = {}

    @property
    def configured(self) -> bool:
        """Whether an API key is set."""
        return self._client.configured

    async def _genre_names(self) -> dict[int, str]:
        if not self._genres:
            for media in ("movie", "tv"):
                self._genres.update({g.id: g.name for g in await self._client.genres(media)})
        return self._genres

    async def search(self, text: str, limit: int) -> list[NewMedia]:
        """Movies and shows matching ``text``."""
        try:
            page = await self._client.search_multi(text)
            genres = await self._genre_names()
        except (ProviderUnavailable, ProviderError) as error:
            raise ProviderUnavailableError(str(error)) from error
        found = (result_to_new_media(r, genres) for r in page.results)
        return [m for m in found if m is not None][:limit]

    async def details(self, kind: MediaKind, tmdb_id: int) -> NewMedia:
        """Full details, with every season's episodes for shows."""
        try:
            if kind is MediaKind.MOVIE:
                return movie_to_new_media(await self._client.get_movie(tmdb_id))
            show = await self._client.get_show(tmdb_id)
            numbers = [s.season_number for s in show.seasons][: self._fetch_seasons]
            return show_to_new_media(show, await self._seasons(tmdb_id, numbers))
        except NotFoundAtProvider:
            raise NotFound(N_("The metadata provider no longer knows that title.")) from None
        except (ProviderUnavailable, ProviderError) as error:
            raise ProviderUnavailableError(str(error)) from error

    async def _seasons(self, tmdb_id: int, numbers: list[int]) -> tuple[TmdbSeason, ...]:
        found = []
        for number in numbers:
            try:
                found.append(await self._client.get_season(tmdb_id, number))
            except NotFoundAtProvider:
                continue  # the summary from the show is kept for this season
        return tuple(found)

    async def find_imdb(self, imdb_id: str) -> NewMedia | None:
        """A title by IMDb id."""
        try:
            found = await self._client.find_by_imdb_id(imdb_id)
        except NotFoundAtProvider:
            return None
        except (ProviderUnavailable, ProviderError) as error:
            raise ProviderUnavailableError(str(error)) from error
        for result in (*found.movies, *found.shows):
            kind = MediaKind.MOVIE if result.media_type == "movie" else MediaKind.TV
            return await self.details(kind, result.tmdb_id)
        return None
