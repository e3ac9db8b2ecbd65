"""Watch history, ownership formats and the library filter."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime

from core.domain.errors import InvalidInput
from core.domain.media import MediaKind
from core.i18n import N_


class OwnedFormat(enum.StrEnum):
    """Physical or digital formats a title can be owned in."""

    BLURAY = "bluray"
    DVD = "dvd"
    UHD = "4k"
    DIGITAL = "digital"
    STREAMING = "streaming"


_FORMAT_ALIASES = {
    "blu-ray": OwnedFormat.BLURAY,
    "bluray": OwnedFormat.BLURAY,
    "br": OwnedFormat.BLURAY,
    "dvd": OwnedFormat.DVD,
    "4k": OwnedFormat.UHD,
    "uhd": OwnedFormat.UHD,
    "4k-uhd": OwnedFormat.UHD,
    "digital": OwnedFormat.DIGITAL,
    "streaming": OwnedFormat.STREAMING,
    "stream": OwnedFormat.STREAMING,
}


def parse_format(raw: str) -> OwnedFormat:
    """Parse an ownership format name (Blu-ray, DVD, 4K, digital, streaming)."""
    found = _FORMAT_ALIASES.get(raw.strip().casefold().replace(" ", "-"))
    if found is None:
        raise InvalidInput(
            N_("“{given}” is not a format I know. Use one of: {known}."),
            given=raw,
            known="Blu-ray, DVD, 4K, digital, streaming",
        )
    return found


def parse_watch_date(raw: str, today: date) -> date:
    """Parse ``YYYY-MM-DD``; dates in the future are refused."""
    try:
        when = date.fromisoformat(raw.strip())
    except ValueError:
        raise InvalidInput(
            N_("“{given}” is not a date; write it as YYYY-MM-DD, e.g. 2024-05-31."), given=raw
        ) from None
    if when > today:
        raise InvalidInput(
            N_("{given} is in the future; you cannot have watched it yet."), given=raw
        )
    return when


@dataclass(frozen=True, slots=True)
class WatchRecord:
    """How often and when a profile watched a title."""

    media_id: int
    count: int
    first_watched: datetime
    last_watched: datetime


@dataclass(frozen=True, slots=True)
class LibraryFilter:
    """Filters for the library view; ``None`` means no restriction."""

    kind: MediaKind | None = None
    genre: str | None = None
    year_from: int | None = None
    year_to: int | None = None
    min_rating: int | None = None
    max_rating: int | None = None
    owned_format: OwnedFormat | None = None
    owned_only: bool = False


@dataclass(frozen=True, slots=True)
class LibraryEntry:
    """A watched or owned title in the library view."""

    media_id: int
    title: str
    year: int | None
    kind: MediaKind
    rating: int | None
    watch_count: int
    last_watched: datetime | None
    formats: tuple[OwnedFormat, ...]
