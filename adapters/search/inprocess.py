"""The SearchIndex port over the in-process engine (one per bot process)."""

from __future__ import annotations

from collections.abc import Sequence

from adapters.search.engine import SearchEngine
from core.search.types import PersonHit, SearchDocument, SearchHit, SearchPage, SearchQuery


class InProcessSearchIndex:
    """Async facade of :class:`SearchEngine`; calls take well under a millisecond, so they run
    on the event loop rather than in a thread."""

    def __init__(self, engine: SearchEngine | None = None) -> None:
        self._engine = engine or SearchEngine()

    async def upsert(self, docs: Sequence[SearchDocument]) -> None:
        """Add or replace titles."""
        self._engine.upsert(docs)

    async def remove(self, media_ids: Sequence[int]) -> None:
        """Forget titles."""
        self._engine.remove(media_ids)

    async def search(self, query: SearchQuery, *, offset: int = 0, limit: int = 10) -> SearchPage:
        """Ranked titles for text and filters."""
        return self._engine.search(query, offset=offset, limit=limit)

    async def autocomplete(self, prefix: str, *, limit: int = 10) -> list[SearchHit]:
        """Titles being typed."""
        return self._engine.autocomplete(prefix, limit=limit)

    async def search_people(self, text: str, *, limit: int = 5) -> list[PersonHit]:
        """People by name with their titles."""
        return self._engine.search_people(text, limit=limit)
