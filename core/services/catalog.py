"""Catalog lookups: resolve what the user typed to a title (an id, or words)."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from core.domain.errors import InvalidInput, NotFound
from core.domain.media import Media, MediaKind, NewMedia, Season
from core.i18n import N_
from core.ports import Clock, MetadataProvider, ProviderUnavailableError, UnitOfWork
from core.search.port import SearchIndex
from core.search.types import SearchPage, SearchQuery
from core.text import title_key

_ID = re.compile(r"^#(\d{1,12})$")
_MANUAL = re.compile(r"^(?P<title>.+?)\s*\((?P<year>\d{4})\)$")
_YEAR_SUFFIX = re.compile(r"^(?P<title>.+?)\s*\(?(?P<year>(18|19|20)\d\d)\)?$")
CHOICES = 8
#: How often a process's search index looks for titles other processes changed.
INDEX_SYNC = timedelta(seconds=30)
INDEX_OVERLAP = timedelta(minutes=2)
INDEX_SYNC_BATCH = 5_000


@dataclass(frozen=True, slots=True)
class Resolution:
    """Either one title, or several candidates to choose from."""

    media: Media | None
    candidates: tuple[Media, ...] = ()


class CatalogService:
    """Finds titles in the local catalog and keeps it up to date."""

    def __init__(
        self,
        uow: Callable[[], UnitOfWork],
        clock: Clock,
        provider: MetadataProvider | None = None,
        live_timeout: float = 2.0,
        index: SearchIndex | None = None,
    ) -> None:
        self._uow, self._clock = uow, clock
        self._index = index
        self._indexed = False
        self._synced_at: datetime | None = None
        self._index_lock = asyncio.Lock()
        self._provider = provider
        self._live_timeout = live_timeout

    @property
    def live(self) -> bool:
        """Whether a metadata provider is configured."""
        return self._provider is not None and self._provider.configured

    async def search_live(self, text: str, limit: int) -> bool:
        """Merge the provider's matches into the catalog; False when live results are off.

        Bounded by ``live_timeout`` so a slow provider never holds a reply back.
        """
        if self._provider is None or not self._provider.configured:
            return False
        try:
            found = await asyncio.wait_for(self._provider.search(text, limit), self._live_timeout)
        except (ProviderUnavailableError, TimeoutError):
            return False
        if found:
            await self.upsert_many(found)
        return True

    async def enrich(self, media_id: int) -> Media:
        """Refresh one title from the provider (details, credits, seasons, where to watch)."""
        media = await self.get(media_id)
        if self._provider is None or not self._provider.configured:
            raise ProviderUnavailableError("no metadata provider configured")
        if media.tmdb_id is not None:
            fresh: NewMedia | None = await self._provider.details(media.kind, media.tmdb_id)
        elif media.imdb_id is not None:
            fresh = await self._provider.find_imdb(media.imdb_id)
        else:
            fresh = None
        if fresh is not None:
            await self.upsert(fresh)
        return await self.get(media_id)

    async def refresh_stale(self, older_than: timedelta, limit: int = 100) -> int:
        """Refresh up to ``limit`` titles whose metadata is older than ``older_than`` (nightly)."""
        async with self._uow() as uow:
            stale = await uow.media.stale(self._clock.now() - older_than, limit)
        refreshed = 0
        for media in stale:
            try:
                await self.enrich(media.id)
            except (ProviderUnavailableError, NotFound):
                continue
            refreshed += 1
        return refreshed

    async def add_manual(self, raw: str, kind: MediaKind = MediaKind.MOVIE) -> tuple[int, bool]:
        """``Title (Year)`` -> a manual entry; returns (id, created). Known titles are reused."""
        match = _MANUAL.match(raw.strip())
        if match is None:
            raise InvalidInput(
                N_("Write it as Title (Year), e.g. /addmanual My Home Movie (2019).")
            )
        title, year = " ".join(match["title"].split()), int(match["year"])
        this_year = self._clock.now().year
        if not 1870 <= year <= this_year + 10 or not 1 <= len(title) <= 300:
            raise InvalidInput(N_("{year} is not a plausible year for a title."), year=year)
        async with self._uow() as uow:
            known = [
                m
                for m in await uow.media.find_by_title(title_key(title), year, 5)
                if title_key(m.title) == title_key(title) and m.kind is kind
            ]
        if known:
            return known[0].id, False
        return await self.upsert(NewMedia(kind, title, year, source="manual")), True

    async def get(self, media_id: int) -> Media:
        """One title with credits; NotFound when the id does not exist."""
        async with self._uow() as uow:
            media = await uow.media.get(media_id)
        if media is None:
            raise NotFound(N_("There is no title #{id}."), id=media_id)
        return media

    async def resolve(self, text: str) -> Resolution:
        """``#123`` or words -> one title, or candidates; NotFound when nothing matches.

        One exact name match (title, original or alternative title) acts at once; otherwise
        the best matches are offered, so a typo never acts on the wrong title silently.
        """
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
        exact = [m for m in matches if keys & _name_keys(m)]
        if len(exact) == 1 or len(matches) == 1:
            return Resolution(exact[0] if exact else matches[0])
        return Resolution(None, tuple((exact or matches)[:CHOICES]))

    async def lookup(self, text: str, limit: int) -> list[Media]:
        """The best matches for words typed by a person (a trailing year narrows them)."""
        title = text.strip()
        match = _YEAR_SUFFIX.match(title)
        if self._index is None:
            return await self._lookup_by_prefix(title, match, limit)
        if match:
            year = int(match["year"])
            narrowed = SearchQuery(text=match["title"], year_from=year, year_to=year)
            found, _ = await self.search(narrowed, limit=limit)
            if found:
                return found
        found, _ = await self.search(SearchQuery(text=title), limit=limit)
        return found

    async def _lookup_by_prefix(
        self, title: str, match: re.Match[str] | None, limit: int
    ) -> list[Media]:
        async with self._uow() as uow:
            if match:
                found = await uow.media.find_by_title(
                    title_key(match["title"]), int(match["year"]), limit
                )
                if found:
                    return found
            return await uow.media.find_by_title(title_key(title), None, limit)

    async def search(
        self, query: SearchQuery, *, offset: int = 0, limit: int = 10
    ) -> tuple[list[Media], SearchPage]:
        """Ranked titles for a parsed query (text and filters) with the page facts."""
        if self._index is None:
            found = await self._lookup_by_prefix(query.text, None, offset + limit)
            page = SearchPage(tuple(), len(found), offset, limit, None)
            return found[offset:], page
        await self.ensure_index()
        page = await self._index.search(query, offset=offset, limit=limit)
        return await self._ordered([h.media_id for h in page.hits]), page

    async def suggest(self, text: str, limit: int) -> list[Media]:
        """Titles for autocomplete and inline search (every keystroke; local catalog only)."""
        if len(text.strip()) < 2:
            return []
        if self._index is None:
            return await self.lookup(text, limit)
        await self.ensure_index()
        hits = await self._index.autocomplete(text, limit=limit)
        if not hits:
            return await self.lookup(text, limit)
        return await self._ordered([h.media_id for h in hits])

    async def _ordered(self, media_ids: list[int]) -> list[Media]:
        async with self._uow() as uow:
            found = await uow.media.get_many(media_ids)
        return [found[i] for i in media_ids if i in found]

    async def ensure_index(self) -> None:
        """Build the search index from the catalog once; afterwards this process's changes
        are applied as they come and, every ``INDEX_SYNC``, those of other processes."""
        if self._index is None:
            return
        if self._indexed:
            await self._catch_up()
            return
        async with self._index_lock:
            if self._indexed:
                return
            now = self._clock.now()
            async with self._uow() as uow:
                documents = await uow.media.search_documents(None)
            await self._index.upsert(documents)
            self._indexed, self._synced_at = True, now

    async def _catch_up(self) -> None:
        """Index titles other processes inserted or refreshed since the last look (with an
        overlap for clock skew and transactions committed late; re-indexing is idempotent)."""
        now = self._clock.now()
        if self._synced_at is not None and now - self._synced_at < INDEX_SYNC:
            return
        since = (self._synced_at or now) - INDEX_OVERLAP
        self._synced_at = now
        async with self._uow() as uow:
            changed = await uow.media.changed_since(since, INDEX_SYNC_BATCH)
        if changed:
            await self._reindex(changed)

    async def _reindex(self, media_ids: list[int]) -> None:
        if self._index is None or not self._indexed:
            return  # built from the database on first use
        async with self._uow() as uow:
            documents = await uow.media.search_documents(media_ids)
        await self._index.upsert(documents)

    async def seasons(self, media_id: int) -> list[Season]:
        """A show's seasons and episodes."""
        async with self._uow() as uow:
            return await uow.media.seasons(media_id)

    async def upsert(self, media: NewMedia) -> int:
        """Insert or update one title."""
        async with self._uow() as uow:
            media_id = await uow.media.upsert(media, self._clock.now())
            await uow.commit()
        await self._reindex([media_id])
        return media_id

    async def upsert_many(self, media: list[NewMedia]) -> list[int]:
        """Insert or update many titles in one transaction (all or nothing)."""
        async with self._uow() as uow:
            now = self._clock.now()
            ids = [await uow.media.upsert(m, now) for m in media]
            await uow.commit()
        await self._reindex(list(dict.fromkeys(ids)))
        return ids

    async def count(self) -> int:
        """How many titles the catalog holds."""
        async with self._uow() as uow:
            return await uow.media.count()


def _name_keys(media: Media) -> set[str]:
    return {title_key(n) for n in (media.title, media.original_title, *media.alt_titles) if n}


def _strip_year(text: str) -> str:
    match = _YEAR_SUFFIX.match(text.strip())
    return match["title"] if match else text
