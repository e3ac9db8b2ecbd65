"""The shipped demo catalog loads into both backends, idempotently."""

from __future__ import annotations

import pytest

from bot.demo.loader import demo_entries, load_demo_catalog
from core.app import App
from core.domain.media import CreditRole, MediaKind


@pytest.mark.slow
async def test_demo_catalog_loads_twice_without_duplicates(app: App) -> None:
    entries = list(demo_entries())
    assert await load_demo_catalog(app) == len(entries)
    assert await load_demo_catalog(app) == len(entries)
    assert await app.catalog.count() == len(entries)

    found = await app.catalog.resolve("Amélie")
    assert found.media is not None
    amelie = await app.catalog.get(found.media.id)
    assert amelie.original_language == "fr"
    assert "Jean-Pierre Jeunet" in amelie.people(CreditRole.DIRECTOR)

    show = (await app.catalog.resolve("Breaking Bad")).media
    assert show is not None and show.kind is MediaKind.TV
    seasons = await app.catalog.seasons(show.id)
    assert [s.number for s in seasons] == [1, 2, 3, 4, 5]
    assert sum(len(s.episodes) for s in seasons) == 62
