"""The search port: a full-text index of the local catalog (implemented in ``adapters/search``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from core.search.types import PersonHit, SearchDocument, SearchHit, SearchPage, SearchQuery


class SearchIndex(Protocol):
    """Typo-tolerant title and people search, kept in sync with the catalog.

    Implementations are fast enough to be called on every keystroke (Telegram inline mode,
    Discord autocomplete) and are updated incrementally: no rebuild after an insert.
    """

    async def upsert(self, docs: Sequence[SearchDocument]) -> None:
        """Add titles, or replace the ones whose ``media_id`` is already indexed."""
        ...

    async def remove(self, media_ids: Sequence[int]) -> None:
        """Forget titles; unknown ids are ignored."""
        ...

    async def search(self, query: SearchQuery, *, offset: int = 0, limit: int = 10) -> SearchPage:
        """Rank the titles matching the text and filters; empty text lists the most popular.

        The last word of the text may be incomplete (it also matches as a prefix); words may
        have typos, any order, case, accents or punctuation.
        """
        ...

    async def autocomplete(self, prefix: str, *, limit: int = 10) -> list[SearchHit]:
        """Complete a title being typed: the most popular titles starting with ``prefix``.

        Needs two characters or more; falls back to word-prefix and typo matches when few
        titles start that way.
        """
        ...

    async def search_people(self, text: str, *, limit: int = 5) -> list[PersonHit]:
        """Find directors and actors by name (typos allowed), each with their titles."""
        ...
