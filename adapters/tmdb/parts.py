"""Small value objects shared by the TMDb DTOs (credits, releases, videos, providers)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

CreditRole = Literal["actor", "director", "writer"]

IMAGE_BASE_URL = "https://image.tmdb.org/t/p/"


def image_url(path: str | None, size: str = "w500") -> str | None:
    """Full image URL for a TMDb image path (``None`` stays ``None``)."""
    return None if not path else f"{IMAGE_BASE_URL}{size}{path}"


@dataclass(frozen=True, slots=True)
class Genre:
    """A TMDb genre (ids differ between movies and TV)."""

    id: int
    name: str


@dataclass(frozen=True, slots=True)
class TmdbCredit:
    """A cast member (``actor``) or a director/writer of the crew."""

    person_id: int
    name: str
    role: CreditRole
    character: str | None = None
    order: int | None = None
    job: str | None = None
    profile_path: str | None = None


@dataclass(frozen=True, slots=True)
class ReleaseDate:
    """One release of a movie in one country (``type``: 1 premiere … 6 TV)."""

    region: str
    release_date: datetime | None
    certification: str | None
    type: int | None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class ContentRating:
    """A TV content rating in one country."""

    region: str
    rating: str


@dataclass(frozen=True, slots=True)
class Trailer:
    """A YouTube trailer or teaser."""

    key: str
    name: str
    site: str
    type: str
    official: bool
    language: str | None = None
    published_at: datetime | None = None

    @property
    def url(self) -> str:
        """Watch URL on YouTube."""
        return f"https://www.youtube.com/watch?v={self.key}"


@dataclass(frozen=True, slots=True)
class RegionProviders:
    """Where a title can be watched in one region (provider names, best first)."""

    region: str
    link: str | None = None
    flatrate: tuple[str, ...] = ()
    rent: tuple[str, ...] = ()
    buy: tuple[str, ...] = ()
    free: tuple[str, ...] = ()
    ads: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class WatchProviders:
    """Watch providers for every region TMDb (JustWatch data) knows of."""

    regions: tuple[RegionProviders, ...] = ()

    def get(self, region: str) -> RegionProviders | None:
        """Providers for ``region`` (ISO 3166-1 code, e.g. ``"US"``), if any."""
        wanted = region.upper()
        return next((r for r in self.regions if r.region == wanted), None)

    def as_dict(self) -> dict[str, RegionProviders]:
        """Region code -> providers."""
        return {r.region: r for r in self.regions}


@dataclass(frozen=True, slots=True)
class ExternalIds:
    """Identifiers of the same title or person elsewhere."""

    imdb_id: str | None = None
    tvdb_id: int | None = None
    wikidata_id: str | None = None
