"""Watchlists: system and custom lists, their names and the rules around them."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

from core.domain.errors import InvalidInput
from core.i18n import N_

LIST_NAME_MIN = 2
LIST_NAME_MAX = 100
LIST_DESCRIPTION_MAX = 500
NOTE_MAX = 500


class SystemList(enum.StrEnum):
    """The four lists every profile gets on first contact."""

    FAVORITES = "favorites"
    TO_WATCH = "to_watch"
    WATCHING = "watching"
    COMPLETED = "completed"

    @property
    def display_name(self) -> str:
        """The English name (a msgid)."""
        return SYSTEM_LIST_NAMES[self]


SYSTEM_LIST_NAMES: dict[SystemList, str] = {
    SystemList.FAVORITES: N_("Favorites"),
    SystemList.TO_WATCH: N_("To Watch"),
    SystemList.WATCHING: N_("Watching"),
    SystemList.COMPLETED: N_("Completed"),
}


class Visibility(enum.StrEnum):
    """Who may see a list or review."""

    PUBLIC = "public"
    FRIENDS = "friends"
    PRIVATE = "private"


@dataclass(frozen=True, slots=True)
class WatchList:
    """A list owned by a profile (or a club), without its items."""

    id: int
    name: str
    system_key: SystemList | None
    description: str | None
    visibility: Visibility
    item_count: int = 0

    @property
    def is_system(self) -> bool:
        """System lists cannot be renamed or deleted."""
        return self.system_key is not None


@dataclass(frozen=True, slots=True)
class ListItem:
    """One title on a list."""

    list_id: int
    media_id: int
    position: int
    title: str
    year: int | None
    notes: str | None
    added_at: datetime


def name_key(name: str) -> str:
    """Case- and space-insensitive key used for uniqueness and lookups."""
    return " ".join(name.casefold().replace("_", " ").split())


def validate_list_name(name: str) -> str:
    """Return the cleaned name or raise InvalidInput naming the limits."""
    cleaned = " ".join(name.split())
    if not LIST_NAME_MIN <= len(cleaned) <= LIST_NAME_MAX:
        raise InvalidInput(
            N_("A list name must be {min} to {max} characters long (you gave {length})."),
            min=LIST_NAME_MIN,
            max=LIST_NAME_MAX,
            length=len(cleaned),
        )
    return cleaned


def validate_description(description: str | None) -> str | None:
    """Return the cleaned description or raise InvalidInput when too long."""
    if description is None:
        return None
    cleaned = description.strip()
    if len(cleaned) > LIST_DESCRIPTION_MAX:
        raise InvalidInput(
            N_("A list description can be at most {max} characters (you gave {length})."),
            max=LIST_DESCRIPTION_MAX,
            length=len(cleaned),
        )
    return cleaned or None


def validate_note(note: str) -> str | None:
    """Return the cleaned note or raise InvalidInput when too long."""
    cleaned = note.strip()
    if len(cleaned) > NOTE_MAX:
        raise InvalidInput(
            N_("A note can be at most {max} characters (you gave {length})."),
            max=NOTE_MAX,
            length=len(cleaned),
        )
    return cleaned or None
