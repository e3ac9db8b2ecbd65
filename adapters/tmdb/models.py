"""Typed, immutable DTOs for TMDb v3 payloads (our own shapes, not TMDb's).

Every optional field of TMDb may be missing or ``null``: such fields are ``None``
or empty tuples here. Image fields hold TMDb *paths* (``"/abc.jpg"``); see
:func:`image_url` to build a full URL.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Generic, Literal, TypeVar

from adapters.tmdb.parts import (
    IMAGE_BASE_URL,
    ContentRating,
    CreditRole,
    ExternalIds,
    Genre,
    RegionProviders,
    ReleaseDate,
    TmdbCredit,
    Trailer,
    WatchProviders,
    image_url,
)

MediaType = Literal["movie", "tv", "person"]
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class TmdbSearchResult:
    """One item of a search, trending, list or find response.

    ``title`` is TMDb's ``title`` (movies) or ``name`` (TV, people); ``release_date``
    is ``release_date`` or ``first_air_date``; ``poster_path`` is the poster or, for
    people, the profile picture. ``known_for*`` are only filled for people.
    """

    media_type: MediaType
    tmdb_id: int
    title: str
    original_title: str | None = None
    overview: str = ""
    release_date: date | None = None
    poster_path: str | None = None
    backdrop_path: str | None = None
    popularity: float | None = None
    vote_average: float | None = None
    vote_count: int | None = None
    genre_ids: tuple[int, ...] = ()
    original_language: str | None = None
    adult: bool = False
    known_for_department: str | None = None
    known_for: tuple[str, ...] = ()

    @property
    def year(self) -> int | None:
        """Release (or first air) year."""
        return self.release_date.year if self.release_date else None


@dataclass(frozen=True, slots=True)
class TmdbPerson:
    """A person as returned by person search."""

    tmdb_id: int
    name: str
    known_for_department: str | None = None
    profile_path: str | None = None
    popularity: float | None = None
    gender: int | None = None
    known_for: tuple[TmdbSearchResult, ...] = ()


@dataclass(frozen=True, slots=True)
class TmdbPage(Generic[T]):
    """One page of a paginated TMDb list."""

    page: int
    total_pages: int
    total_results: int
    results: tuple[T, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class _HasCredits:
    credits: tuple[TmdbCredit, ...] = ()

    @property
    def cast(self) -> tuple[TmdbCredit, ...]:
        """Actors in billing order."""
        return tuple(c for c in self.credits if c.role == "actor")

    @property
    def directors(self) -> tuple[TmdbCredit, ...]:
        """Directors."""
        return tuple(c for c in self.credits if c.role == "director")

    @property
    def writers(self) -> tuple[TmdbCredit, ...]:
        """Writers (screenplay, story, novel, …)."""
        return tuple(c for c in self.credits if c.role == "writer")


@dataclass(frozen=True, slots=True, kw_only=True)
class TmdbMovie(_HasCredits):
    """Movie details, with what ``append_to_response`` brought along."""

    tmdb_id: int
    title: str
    original_title: str | None = None
    original_language: str | None = None
    overview: str = ""
    tagline: str | None = None
    release_date: date | None = None
    runtime_minutes: int | None = None
    status: str | None = None
    genres: tuple[Genre, ...] = ()
    poster_path: str | None = None
    backdrop_path: str | None = None
    popularity: float | None = None
    vote_average: float | None = None
    vote_count: int | None = None
    homepage: str | None = None
    budget: int | None = None
    revenue: int | None = None
    collection_name: str | None = None
    release_dates: tuple[ReleaseDate, ...] = ()
    certification_us: str | None = None
    trailers: tuple[Trailer, ...] = ()
    watch_providers: WatchProviders = field(default_factory=WatchProviders)
    external_ids: ExternalIds = field(default_factory=ExternalIds)

    @property
    def imdb_id(self) -> str | None:
        """IMDb id (``tt…``), if known."""
        return self.external_ids.imdb_id

    @property
    def year(self) -> int | None:
        """Release year."""
        return self.release_date.year if self.release_date else None


@dataclass(frozen=True, slots=True)
class TmdbEpisode:
    """One TV episode."""

    tmdb_id: int
    season_number: int
    episode_number: int
    name: str
    overview: str = ""
    air_date: date | None = None
    runtime_minutes: int | None = None
    still_path: str | None = None
    vote_average: float | None = None
    episode_type: str | None = None


@dataclass(frozen=True, slots=True)
class TmdbSeason:
    """A TV season; ``episodes`` is empty when it comes from the show's summary."""

    tmdb_id: int
    season_number: int
    name: str
    overview: str = ""
    air_date: date | None = None
    episode_count: int = 0
    poster_path: str | None = None
    episodes: tuple[TmdbEpisode, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class TmdbShow(_HasCredits):
    """TV show details, with what ``append_to_response`` brought along."""

    tmdb_id: int
    name: str
    original_name: str | None = None
    original_language: str | None = None
    overview: str = ""
    tagline: str | None = None
    first_air_date: date | None = None
    last_air_date: date | None = None
    status: str | None = None
    in_production: bool = False
    number_of_seasons: int | None = None
    number_of_episodes: int | None = None
    episode_run_time: tuple[int, ...] = ()
    genres: tuple[Genre, ...] = ()
    networks: tuple[str, ...] = ()
    created_by: tuple[str, ...] = ()
    origin_country: tuple[str, ...] = ()
    poster_path: str | None = None
    backdrop_path: str | None = None
    popularity: float | None = None
    vote_average: float | None = None
    vote_count: int | None = None
    homepage: str | None = None
    seasons: tuple[TmdbSeason, ...] = ()
    last_episode_to_air: TmdbEpisode | None = None
    next_episode_to_air: TmdbEpisode | None = None
    content_ratings: tuple[ContentRating, ...] = ()
    content_rating_us: str | None = None
    trailers: tuple[Trailer, ...] = ()
    watch_providers: WatchProviders = field(default_factory=WatchProviders)
    external_ids: ExternalIds = field(default_factory=ExternalIds)

    @property
    def imdb_id(self) -> str | None:
        """IMDb id (``tt…``), if known."""
        return self.external_ids.imdb_id


@dataclass(frozen=True, slots=True)
class TmdbFindResult:
    """What ``/find/{external_id}`` matched."""

    movies: tuple[TmdbSearchResult, ...] = ()
    shows: tuple[TmdbSearchResult, ...] = ()
    people: tuple[TmdbSearchResult, ...] = ()


__all__ = [
    "IMAGE_BASE_URL",
    "ContentRating",
    "CreditRole",
    "ExternalIds",
    "Genre",
    "MediaType",
    "RegionProviders",
    "ReleaseDate",
    "TmdbCredit",
    "TmdbEpisode",
    "TmdbFindResult",
    "TmdbMovie",
    "TmdbPage",
    "TmdbPerson",
    "TmdbSearchResult",
    "TmdbSeason",
    "TmdbShow",
    "Trailer",
    "WatchProviders",
    "image_url",
]
