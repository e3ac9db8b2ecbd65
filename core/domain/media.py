"""Media: movies and TV shows with their genres, people, seasons and episodes (no I/O)."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, datetime


class MediaKind(enum.StrEnum):
    """What a title is."""

    MOVIE = "movie"
    TV = "tv"


class CreditRole(enum.StrEnum):
    """How a person worked on a title."""

    ACTOR = "actor"
    DIRECTOR = "director"
    WRITER = "writer"


@dataclass(frozen=True, slots=True)
class Credit:
    """One person's credit on a title."""

    name: str
    role: CreditRole
    character: str | None = None
    order: int = 0


@dataclass(frozen=True, slots=True)
class Episode:
    """One TV episode."""

    id: int
    season_number: int
    number: int
    title: str
    air_date: date | None = None
    runtime: int | None = None

    @property
    def code(self) -> str:
        """The familiar ``S01E03`` form."""
        return f"S{self.season_number:02d}E{self.number:02d}"


@dataclass(frozen=True, slots=True)
class Season:
    """One TV season and its episodes (possibly not loaded)."""

    number: int
    name: str
    air_date: date | None = None
    episode_count: int = 0
    episodes: tuple[Episode, ...] = ()


@dataclass(frozen=True, slots=True)
class Media:
    """A movie or TV show as the core sees it."""

    id: int
    kind: MediaKind
    title: str
    year: int | None = None
    release_date: date | None = None
    original_title: str | None = None
    original_language: str | None = None
    overview: str | None = None
    runtime: int | None = None
    genres: tuple[str, ...] = ()
    certification: str | None = None
    poster_path: str | None = None
    backdrop_path: str | None = None
    vote_average: float | None = None
    vote_count: int = 0
    tmdb_id: int | None = None
    imdb_id: str | None = None
    alt_titles: tuple[str, ...] = ()
    credits: tuple[Credit, ...] = ()
    streaming: dict[str, list[str]] = field(default_factory=dict)
    metadata_updated_at: datetime | None = None

    @property
    def label(self) -> str:
        """Title with the year, as shown in lists and buttons."""
        return f"{self.title} ({self.year})" if self.year else self.title

    def people(self, role: CreditRole) -> tuple[str, ...]:
        """Names credited in ``role``, in billing order."""
        chosen = sorted((c for c in self.credits if c.role is role), key=lambda c: c.order)
        return tuple(c.name for c in chosen)


@dataclass(frozen=True, slots=True)
class NewMedia:
    """Everything needed to insert or update a title in the catalog."""

    kind: MediaKind
    title: str
    year: int | None = None
    release_date: date | None = None
    original_title: str | None = None
    original_language: str | None = None
    overview: str | None = None
    runtime: int | None = None
    genres: tuple[str, ...] = ()
    certification: str | None = None
    poster_path: str | None = None
    vote_average: float | None = None
    vote_count: int = 0
    tmdb_id: int | None = None
    imdb_id: str | None = None
    alt_titles: tuple[str, ...] = ()
    credits: tuple[Credit, ...] = ()
    seasons: tuple[Season, ...] = ()
    status: str | None = None
    streaming: dict[str, list[str]] = field(default_factory=dict)
    backdrop_path: str | None = None
    source: str = "manual"


#: Certifications a kid's profile may see (films and TV).
KID_CERTIFICATIONS = frozenset({"G", "PG", "TV-Y", "TV-Y7", "TV-G", "TV-PG"})
