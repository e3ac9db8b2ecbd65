"""Typed DTO for OMDb title payloads."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class OmdbTitle:
    """Ratings and facts OMDb knows about one IMDb title ("N/A" values are ``None``).

    ``rotten_tomatoes`` is the Tomatometer percentage (0-100); ``metacritic`` the
    Metascore (0-100); ``imdb_rating`` is out of 10.
    """

    imdb_id: str
    title: str
    type: str | None = None
    year: str | None = None
    rated: str | None = None
    released: date | None = None
    runtime_minutes: int | None = None
    genres: tuple[str, ...] = ()
    directors: tuple[str, ...] = ()
    writers: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    plot: str | None = None
    languages: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    awards: str | None = None
    poster_url: str | None = None
    imdb_rating: float | None = None
    imdb_votes: int | None = None
    rotten_tomatoes: int | None = None
    metacritic: int | None = None
    box_office: str | None = None
    total_seasons: int | None = None

    @property
    def start_year(self) -> int | None:
        """First year of ``year`` (``"2008–2013"`` -> 2008)."""
        if not self.year or not self.year[:4].isdigit():
            return None
        return int(self.year[:4])
