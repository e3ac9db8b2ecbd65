"""OMDb client against the fake server: ratings parsing and OMDb's error conventions."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from adapters.cache import MemoryCache
from adapters.http import MissingApiKey, NotFoundAtProvider, ProviderError, ProviderUnauthorized
from adapters.omdb import OmdbClient
from tests.integration.providers.fake_server import OMDB_KEY, FakeProviderServer


async def test_movie_ratings(omdb: OmdbClient, fake_server: FakeProviderServer) -> None:
    alien = await omdb.get_by_imdb_id("tt0078748")
    assert (alien.imdb_id, alien.title, alien.type, alien.start_year) == (
        "tt0078748",
        "Alien",
        "movie",
        1979,
    )
    assert alien.imdb_rating == pytest.approx(8.5)
    assert alien.imdb_votes == 966519
    assert alien.rotten_tomatoes == 93
    assert alien.metacritic == 89
    assert alien.awards == "Won 1 Oscar. 19 wins & 22 nominations total"
    assert alien.released == date(1979, 6, 22)
    assert alien.runtime_minutes == 117
    assert alien.genres == ("Horror", "Sci-Fi")
    assert alien.writers == ("Dan O'Bannon", "Ronald Shusett")
    assert alien.box_office == "$84,206,106"
    (request,) = fake_server.requests
    assert (request.provider, request.path) == ("omdb", "/")
    assert request.query == {"apikey": OMDB_KEY, "i": "tt0078748", "plot": "short"}


async def test_series_with_not_available_values(omdb: OmdbClient) -> None:
    show = await omdb.get_by_imdb_id("tt0903747")
    assert (show.type, show.year, show.start_year, show.total_seasons) == (
        "series",
        "2008–2013",
        2008,
        5,
    )
    assert show.directors == ()
    assert show.metacritic is None
    assert show.rotten_tomatoes is None
    assert show.imdb_rating == pytest.approx(9.5)
    assert show.languages == ("English", "Spanish")


async def test_movie_not_found(omdb: OmdbClient) -> None:
    with pytest.raises(NotFoundAtProvider, match="Movie not found"):
        await omdb.get_by_imdb_id("tt7777777")


async def test_incorrect_imdb_id_is_not_found(
    omdb: OmdbClient, fake_server: FakeProviderServer
) -> None:
    fake_server.respond_next({"Response": "False", "Error": "Incorrect IMDb ID."})
    with pytest.raises(NotFoundAtProvider):
        await omdb.get_by_imdb_id("tt0078748")


async def test_other_omdb_error_is_provider_error(
    omdb: OmdbClient, fake_server: FakeProviderServer
) -> None:
    fake_server.respond_next({"Response": "False", "Error": "Error getting data."})
    with pytest.raises(ProviderError, match="Error getting data"):
        await omdb.get_by_imdb_id("tt0078748")


async def test_invalid_key_is_unauthorized_and_not_retried(
    make_omdb: Callable[..., OmdbClient], fake_server: FakeProviderServer
) -> None:
    client = make_omdb(api_key="wrong")
    with pytest.raises(ProviderUnauthorized):
        await client.get_by_imdb_id("tt0078748")
    assert len(fake_server.requests) == 1


async def test_no_api_key_sends_nothing(
    make_omdb: Callable[..., OmdbClient], fake_server: FakeProviderServer
) -> None:
    client = make_omdb(api_key=None)
    assert not client.configured
    with pytest.raises(MissingApiKey):
        await client.get_by_imdb_id("tt0078748")
    assert fake_server.requests == []


async def test_malformed_imdb_id_sends_nothing(
    omdb: OmdbClient, fake_server: FakeProviderServer
) -> None:
    with pytest.raises(ValueError, match="IMDb"):
        await omdb.get_by_imdb_id("348")
    assert fake_server.requests == []


async def test_found_titles_are_cached_but_not_found_ones_are_not(
    make_omdb: Callable[..., OmdbClient], fake_server: FakeProviderServer
) -> None:
    client = make_omdb(cache=MemoryCache())
    for _ in range(2):
        await client.get_by_imdb_id("tt0078748")
        with pytest.raises(NotFoundAtProvider):
            await client.get_by_imdb_id("tt7777777")
    hits = [r.query["i"] for r in fake_server.requests]
    assert hits == ["tt0078748", "tt7777777", "tt7777777"]
