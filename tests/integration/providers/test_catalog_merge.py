"""TMDb results merged into the local catalog, on SQLite and PostgreSQL, via the fake server."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from adapters.console.repl import ConsoleSession
from adapters.tmdb import TmdbClient
from adapters.tmdb.catalog import TmdbCatalog
from core.app import App
from core.domain.media import CreditRole, MediaKind
from core.services.catalog import CatalogService
from tests.integration.providers.fake_server import FakeProviderServer
from tests.support import catalog


def _with_provider(app: App, client: TmdbClient, timeout: float = 2.0) -> App:
    """The same app, its catalog service backed by TMDb."""
    live = replace(app, provider=TmdbCatalog(client))
    live.catalog = CatalogService(app.uow, app.clock, TmdbCatalog(client), live_timeout=timeout)
    return live


async def test_live_search_merges_into_the_local_catalog(
    app: App, make_tmdb: Callable[..., TmdbClient], fake_server: FakeProviderServer
) -> None:
    ids = await catalog.load(app)
    live = _with_provider(app, make_tmdb())
    assert await live.catalog.search_live("alien", 10)
    found = await live.catalog.lookup("alien", 10)
    alien = next(m for m in found if m.year == 1979)
    assert alien.id == ids["Alien (1979)"]  # deduplicated on title + year, then tmdb_id
    assert alien.tmdb_id == 348
    count = await live.catalog.count()
    assert await live.catalog.search_live("alien", 10)
    assert await live.catalog.count() == count  # a second search adds no duplicates
    assert len([m for m in await live.catalog.lookup("alien", 20) if m.tmdb_id == 348]) == 1


async def test_enrich_brings_credits_certification_and_where_to_watch(
    app: App, make_tmdb: Callable[..., TmdbClient], fake_server: FakeProviderServer
) -> None:
    ids = await catalog.load(app)
    live = _with_provider(app, make_tmdb())
    await live.catalog.search_live("alien", 10)
    alien = await live.catalog.enrich(ids["Alien (1979)"])
    assert "Ridley Scott" in alien.people(CreditRole.DIRECTOR)
    assert alien.imdb_id == "tt0078748"
    assert alien.certification
    assert alien.streaming, "watch providers are stored per region"
    card = await ConsoleSession(live, user="ana").handle(f"/title #{alien.id}")
    assert "Where to watch (US)" in card


async def test_show_details_with_episodes(
    app: App, make_tmdb: Callable[..., TmdbClient], fake_server: FakeProviderServer
) -> None:
    provider = TmdbCatalog(make_tmdb())
    show = await provider.details(MediaKind.TV, 1396)
    media_id = await app.catalog.upsert(show)
    seasons = await app.catalog.seasons(media_id)
    first = next(s for s in seasons if s.number == 1)
    assert first.episodes and first.episodes[0].title == "Pilot"


async def test_provider_down_means_local_answers_and_a_note(
    app: App, make_tmdb: Callable[..., TmdbClient], fake_server: FakeProviderServer
) -> None:
    await catalog.load(app)
    live = _with_provider(app, make_tmdb(), timeout=1.0)
    await fake_server.stop()
    assert not await live.catalog.search_live("alien", 10)
    answer = await ConsoleSession(live, user="ana").handle("/search alien")
    assert "Alien (1979)" in answer
    assert "Live results are off" in answer


async def test_no_key_sends_nothing(
    app: App, make_tmdb: Callable[..., TmdbClient], fake_server: FakeProviderServer
) -> None:
    live = _with_provider(app, make_tmdb(api_key=None))
    assert not await live.catalog.search_live("alien", 10)
    assert fake_server.requests == []


async def test_opening_a_stale_card_refreshes_it(
    app: App, make_tmdb: Callable[..., TmdbClient], fake_server: FakeProviderServer
) -> None:
    live = _with_provider(app, make_tmdb())
    await live.catalog.search_live("alien", 10)
    alien = next(m for m in await live.catalog.lookup("alien", 10) if m.tmdb_id == 348)
    assert alien.people(CreditRole.DIRECTOR) == ()
    app.clock.advance(days=8)  # type: ignore[attr-defined]
    card = await ConsoleSession(live, user="ana").handle(f"/title #{alien.id}")
    assert "Director: Ridley Scott" in card
    assert fake_server.requests_to("/movie/348")
