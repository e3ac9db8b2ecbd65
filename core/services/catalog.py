"""Catalog lookups: resolve what the user typed to a title (an id, or words)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from core.domain.errors import InvalidInput, NotFound
from core.domain.media import Media, NewMedia, Season
from core.i18n import N_
from core.ports import Clock, UnitOfWork
from core.text import title_key

_ID = re.compile(r"^#(\d{1,12})$")
_YEAR_SUFFIX = re.compile(r"^(?P<title>.+?)\s*\(?(?P<year>(18|19|20)\d\d)\)?$")
CHOICES = 8


@dataclass(frozen=True, slots=True)
class Resolution:
    """Either one title, or several candidates to choose from."""

    media: Media | None
    candidates: tuple[Media, ...] = ()


class CatalogService:
    """Finds titles in the local catalog and keeps it up to date."""

    def __init__(self, uow: Callable[[], UnitOfWork], clock: Clock) -> None:
        self._uow, self._clock = uow, clock

    async def get(self, media_id: int) -> Media:
        """One title with credits; NotFound when the id does not exist."""
        async with self._uow() as uow:
            media = await uow.media.get(media_id)
        if media is None:
            raise NotFound(N_("There is no title #{id}."), id=media_id)
        return media

    async def resolve(self, text: str) -> Resolution:
        """``#123`` or words -> one title, or candidates; NotFound when nothing matches."""
        raw = text.strip()
        if not raw:
            raise InvalidInput(N_("Tell me which title, e.g. “Alien” or “#12”."))
        by_id = _ID.match(raw)
        if by_id:
            return Resolution(await self.get(int(by_id.group(1))))
        matches = await self.lookup(raw, CHOICES + 1)
        if not matches:
            raise NotFound(N_("I found no title matching “{query}”."), query=raw)
        keys = {title_key(raw), title_key(_strip_year(raw))}
        exact = [m for m in matches if title_key(m.title) in keys]
        if len(exact) == 1 or len(matches) == 1:
            return Resolution(exact[0] if exact else matches[0])
        return Resolution(None, tuple((exact or matches)[:CHOICES]))

    async def lookup(self, text: str, limit: int) -> list[Media]:
        """Exact or prefix matches on the title (a trailing year narrows them)."""
        title, year = text.strip(), None
        match = _YEAR_SUFFIX.match(title)
        async with self._uow() as uow:
            if match:
                found = await uow.media.find_by_title(
                    title_key(match["title"]), int(match["year"]), limit
                )
                if found:
                    return found
            return await uow.media.find_by_title(title_key(title), year, limit)

    async def suggest(self, text: str, limit: int) -> list[Media]:
        """Titles for autocomplete and inline search (every keystroke; local catalog only)."""
        if len(text.strip()) < 2:
            return []
        return await self.lookup(text, limit)

    async def seasons(self, media_id: int) -> list[Season]:
        """A show's seasons and episodes."""
        async with self._uow() as uow:
            return await uow.media.seasons(media_id)

    async def upsert(self, media: NewMedia) -> int:
        """Insert or update one title."""
        async with self._uow() as uow:
            media_id = await uow.media.upsert(media, self._clock.now())
            await uow.commit()
            return media_id

    async def upsert_many(self, media: list[NewMedia]) -> list[int]:
        """Insert or update many titles in one transaction (all or nothing)."""
        async with self._uow() as uow:
            now = self._clock.now()
            ids = [await uow.media.upsert(m, now) for m in media]
            await uow.commit()
            return ids

    async def count(self) -> int:
        """How many titles the catalog holds."""
        async with self._uow() as uow:
            return await uow.media.count()


def _strip_year(text: str) -> str:
    match = _YEAR_SUFFIX.match(text.strip())
    return match["title"] if match else text
