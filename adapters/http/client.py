"""A resilient JSON GET client shared by the metadata providers.

One :class:`ResilientHttpClient` per provider wraps an ``httpx.AsyncClient`` with:

* cache-aside response caching through :class:`adapters.cache.Cache` (TTL per call);
* a request budget (``aiolimiter`` leaky bucket) so bursts respect the provider's limit;
* a circuit breaker (``purgatory``) counting consecutive failed attempts;
* retries (``tenacity``) with exponential backoff and jitter on 429, 5xx, timeouts and
  transport errors, honouring ``Retry-After`` (capped);
* a typed error mapping (see :mod:`adapters.http.errors`).
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
from collections.abc import Callable, Mapping
from types import TracebackType
from typing import Any
from urllib.parse import urlencode

import httpx
from aiolimiter import AsyncLimiter
from purgatory import AsyncCircuitBreakerFactory
from purgatory.domain.model import OpenedState
from tenacity import (
    AsyncRetrying,
    RetryCallState,
    retry_if_exception_type,
    stop_after_attempt,
    stop_before_delay,
    wait_exponential,
    wait_random,
)

from adapters.cache.base import Cache, CacheError
from adapters.http.attempts import (
    AttemptFailed,
    Params,
    check_status,
    encode_params,
    exhausted_error,
)
from adapters.http.errors import CircuitOpen, ProviderError
from adapters.http.policy import HttpPolicy, parse_retry_after

logger = logging.getLogger(__name__)

_MAX_PLAIN_KEY = 200


class ResilientHttpClient:
    """GET-and-decode-JSON client with caching, rate budget, circuit breaker and retries.

    ``default_params`` (e.g. an API key) are sent with every request but never
    appear in cache keys or logs. The wrapped ``httpx.AsyncClient`` is created here
    (``transport`` may be injected for tests) and closed by :meth:`close`.
    """

    def __init__(
        self,
        provider: str,
        base_url: str,
        *,
        cache: Cache | None = None,
        policy: HttpPolicy | None = None,
        default_params: Params | None = None,
        headers: Mapping[str, str] | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.provider = provider
        self.policy = policy or HttpPolicy()
        self.requests_sent = 0
        self.cache_hits = 0
        self._cache = cache
        self._default_params = encode_params(default_params)
        p = self.policy
        self._client = httpx.AsyncClient(
            base_url=base_url,
            timeout=httpx.Timeout(
                connect=p.connect_timeout,
                read=p.read_timeout,
                write=p.write_timeout,
                pool=p.pool_timeout,
            ),
            headers={"Accept": "application/json", "User-Agent": "watchbot/0.1", **(headers or {})},
            transport=transport,
            follow_redirects=False,
        )
        self._limiter = AsyncLimiter(p.rate_limit, p.rate_period)
        self._breakers = AsyncCircuitBreakerFactory(
            default_threshold=p.breaker_threshold,
            default_ttl=p.breaker_cooldown,
            exclude=[asyncio.CancelledError],
        )
        # exponential (initial * 2**n, capped) plus uniform jitter; stable across tenacity 9.x
        self._backoff = wait_exponential(
            multiplier=p.backoff_initial, max=p.backoff_max, exp_base=2
        ) + wait_random(0, p.backoff_jitter)

    async def get_json(
        self,
        path: str,
        params: Params | None = None,
        *,
        cache_ttl: float | None = None,
        cacheable: Callable[[Any], bool] | None = None,
    ) -> Any:
        """GET ``path`` and return the decoded JSON body.

        With a cache and a positive ``cache_ttl`` the raw body is cached (only when
        ``cacheable(payload)`` is true, if given) and served from the cache on later
        calls. Raises :class:`NotFoundAtProvider` (404), :class:`ProviderUnauthorized`
        (401/403), :class:`CircuitOpen`, :class:`RateLimited`,
        :class:`ProviderUnavailable` or :class:`ProviderError`.
        """
        query = encode_params(params)
        key = (
            self.cache_key(path, query)
            if self._cache is not None and cache_ttl is not None and cache_ttl > 0
            else None
        )
        if key is not None:
            cached = await self._cache_get(key)
            if cached is not None:
                try:
                    payload = json.loads(cached)
                except ValueError:
                    logger.warning("%s: dropping undecodable cache entry %s", self.provider, key)
                    await self._cache_delete(key)
                else:
                    self.cache_hits += 1
                    return payload
        response = await self._send(path, query)
        payload = self._decode(path, response)
        if key is not None and cache_ttl and (cacheable is None or cacheable(payload)):
            await self._cache_set(key, response.content, cache_ttl)
        return payload

    def cache_key(self, path: str, query: Mapping[str, str]) -> str:
        """The cache key of a request (default params such as API keys excluded)."""
        plain = f"{path}?{urlencode(sorted(query.items()))}"
        if len(plain) > _MAX_PLAIN_KEY:
            plain = hashlib.sha256(plain.encode()).hexdigest()
        return f"http:{self.provider}:{plain}"

    async def close(self) -> None:
        """Close the underlying HTTP client."""
        await self._client.aclose()

    async def __aenter__(self) -> ResilientHttpClient:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    # -- sending -------------------------------------------------------------------

    async def _send(self, path: str, query: dict[str, str]) -> httpx.Response:
        p = self.policy
        retrying = AsyncRetrying(
            stop=stop_after_attempt(p.max_attempts) | stop_before_delay(p.total_deadline),
            wait=self._wait,
            retry=retry_if_exception_type(AttemptFailed),
            before_sleep=self._log_retry,
            reraise=True,
        )
        try:
            async for attempt in retrying:
                with attempt:
                    response = await self._attempt(path, query)
        except AttemptFailed as exc:
            raise exhausted_error(self.provider, exc) from exc
        check_status(self.provider, path, response.status_code)
        return response

    async def _attempt(self, path: str, query: dict[str, str]) -> httpx.Response:
        breaker = await self._breakers.get_breaker(self.provider)
        try:
            async with breaker, self._limiter:
                self.requests_sent += 1
                try:
                    response = await self._client.get(
                        path, params={**self._default_params, **query}
                    )
                except httpx.TimeoutException as exc:
                    raise AttemptFailed("timeout", f"{type(exc).__name__} on {path}") from exc
                except httpx.RequestError as exc:
                    raise AttemptFailed("transport", f"{type(exc).__name__} on {path}") from exc
                if response.status_code >= 500:
                    raise AttemptFailed(
                        "status",
                        f"HTTP {response.status_code} on {path}",
                        status=response.status_code,
                        retry_after=parse_retry_after(response.headers.get("Retry-After")),
                    )
        except OpenedState as exc:
            raise CircuitOpen(self.provider, "circuit open, failing fast") from exc
        if response.status_code == 429:
            raise AttemptFailed(
                "rate_limited",
                f"HTTP 429 on {path}",
                status=429,
                retry_after=parse_retry_after(response.headers.get("Retry-After")),
            )
        return response

    def _wait(self, state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        if isinstance(exc, AttemptFailed) and exc.retry_after is not None:
            return min(exc.retry_after, self.policy.max_retry_after)
        return float(self._backoff(state))

    def _log_retry(self, state: RetryCallState) -> None:
        exc = state.outcome.exception() if state.outcome else None
        sleep = state.next_action.sleep if state.next_action else 0.0
        logger.info(
            "%s: attempt %d failed (%s), retrying in %.2fs",
            self.provider,
            state.attempt_number,
            exc,
            sleep,
        )

    def _decode(self, path: str, response: httpx.Response) -> Any:
        try:
            return json.loads(response.content)
        except ValueError as exc:
            raise ProviderError(
                self.provider, f"malformed JSON from {path}", status=response.status_code
            ) from exc

    # -- cache (a failing cache is treated as a miss) ------------------------------

    async def _cache_get(self, key: str) -> bytes | None:
        assert self._cache is not None
        try:
            return await self._cache.get(key)
        except CacheError as exc:
            logger.warning("%s: cache get failed, treating as miss: %s", self.provider, exc)
            return None

    async def _cache_set(self, key: str, value: bytes, ttl: float) -> None:
        assert self._cache is not None
        try:
            await self._cache.set(key, value, ttl)
        except CacheError as exc:
            logger.warning("%s: cache set failed: %s", self.provider, exc)

    async def _cache_delete(self, key: str) -> None:
        assert self._cache is not None
        try:
            await self._cache.delete(key)
        except CacheError as exc:
            logger.warning("%s: cache delete failed: %s", self.provider, exc)
