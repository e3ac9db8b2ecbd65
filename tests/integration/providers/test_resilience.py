"""Fault tests of the shared HTTP layer through the real TMDb client and fake server."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

import pytest

from adapters.http import (
    CircuitOpen,
    MissingApiKey,
    NotFoundAtProvider,
    ProviderError,
    ProviderUnauthorized,
    ProviderUnavailable,
    RateLimited,
)
from adapters.tmdb import TmdbClient
from tests.integration.providers.fake_server import FakeProviderServer
from tests.integration.providers.support import fast

MakeTmdb = Callable[..., TmdbClient]


async def test_429_retry_after_is_honoured(
    tmdb: TmdbClient, fake_server: FakeProviderServer
) -> None:
    fake_server.rate_limit_next(retry_after="1")
    movie = await tmdb.get_movie(348)
    assert movie.title == "Alien"
    first, second = fake_server.requests_to("/movie/348")
    assert 0.95 <= second.at - first.at < 2.0  # backoff alone would be ~0.02 s


async def test_retry_after_is_capped(make_tmdb: MakeTmdb, fake_server: FakeProviderServer) -> None:
    client = make_tmdb(policy=fast(max_retry_after=0.3))
    fake_server.rate_limit_next(retry_after="3600")
    await client.get_movie(348)
    first, second = fake_server.requests_to("/movie/348")
    assert 0.28 <= second.at - first.at < 1.5


async def test_persistent_429_is_rate_limited(
    tmdb: TmdbClient, fake_server: FakeProviderServer
) -> None:
    fake_server.rate_limit_next(retry_after="0", count=3)
    with pytest.raises(RateLimited) as caught:
        await tmdb.get_movie(348)
    assert isinstance(caught.value, ProviderUnavailable)
    assert len(fake_server.requests) == 3


async def test_500s_are_retried_then_succeed(
    tmdb: TmdbClient, fake_server: FakeProviderServer
) -> None:
    fake_server.fail_next(2, status=500)
    movie = await tmdb.get_movie(348)
    assert movie.tmdb_id == 348
    assert len(fake_server.requests_to("/movie/348")) == 3


async def test_persistent_500s_are_a_provider_error(
    tmdb: TmdbClient, fake_server: FakeProviderServer
) -> None:
    fake_server.fail_next(5, status=500)
    with pytest.raises(ProviderError) as caught:
        await tmdb.get_movie(348)
    assert caught.value.status == 500
    assert len(fake_server.requests) == 3  # the retry budget: max_attempts


async def test_persistent_503_is_unavailable(
    tmdb: TmdbClient, fake_server: FakeProviderServer
) -> None:
    fake_server.fail_next(3, status=503)
    with pytest.raises(ProviderUnavailable) as caught:
        await tmdb.get_movie(348)
    assert caught.value.status == 503


async def test_timeout_is_retried_then_succeeds(
    tmdb: TmdbClient, fake_server: FakeProviderServer
) -> None:
    fake_server.delay_next(2.0)
    started = time.monotonic()
    movie = await tmdb.get_movie(348)
    assert movie.title == "Alien"
    assert len(fake_server.requests) == 2
    assert time.monotonic() - started < 1.5


async def test_persistent_timeouts_are_unavailable(
    tmdb: TmdbClient, fake_server: FakeProviderServer
) -> None:
    fake_server.delay_next(2.0, count=3)
    started = time.monotonic()
    with pytest.raises(ProviderUnavailable, match="Timeout"):
        await tmdb.get_movie(348)
    elapsed = time.monotonic() - started
    assert len(fake_server.requests) == 3
    assert 0.7 <= elapsed < 2.5  # 3 x read_timeout (0.25 s) + tiny backoff


async def test_malformed_json_is_a_provider_error_and_not_retried(
    tmdb: TmdbClient, fake_server: FakeProviderServer
) -> None:
    fake_server.malformed_next()
    with pytest.raises(ProviderError, match="malformed JSON"):
        await tmdb.get_movie(348)
    assert len(fake_server.requests) == 1


async def test_connection_refused_is_unavailable(
    tmdb: TmdbClient, fake_server: FakeProviderServer
) -> None:
    await fake_server.stop()
    with pytest.raises(ProviderUnavailable, match="ConnectError"):
        await tmdb.get_movie(348)


async def test_invalid_key_is_unauthorized_without_retries(
    make_tmdb: MakeTmdb, fake_server: FakeProviderServer
) -> None:
    client = make_tmdb(api_key="wrong-key")
    with pytest.raises(ProviderUnauthorized) as caught:
        await client.get_movie(348)
    assert caught.value.status == 401
    assert len(fake_server.requests) == 1


async def test_missing_api_key_fails_without_any_request(
    make_tmdb: MakeTmdb, fake_server: FakeProviderServer
) -> None:
    client = make_tmdb(api_key="  ")
    assert not client.configured
    for call in (client.get_movie(348), client.search_multi("alien"), client.trending()):
        with pytest.raises(MissingApiKey) as caught:
            await call
        assert isinstance(caught.value, ProviderUnavailable)
    assert fake_server.requests == []


async def test_circuit_opens_fails_fast_and_recovers(
    make_tmdb: MakeTmdb, fake_server: FakeProviderServer
) -> None:
    client = make_tmdb(policy=fast(max_attempts=1, breaker_threshold=3, breaker_cooldown=0.3))
    fake_server.fail_next(3, status=500)
    for _ in range(3):
        with pytest.raises(ProviderError):
            await client.get_movie(348)
    assert len(fake_server.requests) == 3

    started = time.monotonic()
    with pytest.raises(CircuitOpen):
        await client.get_movie(348)
    with pytest.raises(CircuitOpen):
        await client.search_multi("alien")
    assert time.monotonic() - started < 0.1
    assert len(fake_server.requests) == 3  # nothing reached the server

    await asyncio.sleep(0.35)  # cool-down: the next call is a trial (half-open)
    assert (await client.get_movie(348)).title == "Alien"
    assert (await client.search_multi("alien")).results
    assert len(fake_server.requests) == 5


async def test_failed_trial_reopens_the_circuit(
    make_tmdb: MakeTmdb, fake_server: FakeProviderServer
) -> None:
    client = make_tmdb(policy=fast(max_attempts=1, breaker_threshold=2, breaker_cooldown=0.2))
    await fake_server.stop()
    for _ in range(2):
        with pytest.raises(ProviderUnavailable):
            await client.get_movie(348)
    with pytest.raises(CircuitOpen):
        await client.get_movie(348)
    await asyncio.sleep(0.25)
    with pytest.raises(ProviderUnavailable) as trial:
        await client.get_movie(348)  # trial request, still refused
    assert not isinstance(trial.value, CircuitOpen)
    with pytest.raises(CircuitOpen):
        await client.get_movie(348)  # open again at once
    await fake_server.start()  # same port
    await asyncio.sleep(0.25)
    assert (await client.get_movie(348)).tmdb_id == 348


async def test_retries_stop_when_the_circuit_opens(
    make_tmdb: MakeTmdb, fake_server: FakeProviderServer
) -> None:
    client = make_tmdb(policy=fast(max_attempts=5, breaker_threshold=2))
    fake_server.fail_next(5, status=502)
    with pytest.raises(CircuitOpen):
        await client.get_movie(348)
    assert len(fake_server.requests) == 2


async def test_client_errors_do_not_open_the_circuit(
    make_tmdb: MakeTmdb, fake_server: FakeProviderServer
) -> None:
    client = make_tmdb(policy=fast(max_attempts=1, breaker_threshold=2))
    for _ in range(4):
        with pytest.raises(NotFoundAtProvider):
            await client.get_movie(999999999)
    assert (await client.get_movie(348)).title == "Alien"


async def test_request_budget_paces_a_burst(
    make_tmdb: MakeTmdb, fake_server: FakeProviderServer
) -> None:
    client = make_tmdb(policy=fast(rate_limit=5, rate_period=0.5))
    started = time.monotonic()
    pages = await asyncio.gather(*(client.search_multi("alien", page=n) for n in range(1, 16)))
    elapsed = time.monotonic() - started
    assert len(pages) == 15
    assert len(fake_server.requests) == 15
    assert elapsed >= 0.9  # 5 at once, then one every 0.1 s
    stamps = sorted(r.at for r in fake_server.requests)
    assert stamps[10] - stamps[0] >= 0.45  # the 11th request waited for the budget
