"""Typed errors raised by metadata provider clients.

Callers catch :class:`ProviderException` for "the provider could not help",
or the three concrete families:

* :class:`ProviderUnavailable` — the provider cannot be reached or used right now
  (circuit open, timeouts, connection errors, 502/503/504, rate limited,
  missing or rejected API key). Usually worth retrying later.
* :class:`ProviderError` — the provider answered but the answer is unusable
  (500 and other unexpected statuses, malformed JSON, unexpected shapes).
* :class:`NotFoundAtProvider` — the provider does not know the requested item.
"""

from __future__ import annotations


class ProviderException(Exception):
    """Base class of every provider failure; ``provider`` names the service (e.g. "tmdb")."""

    def __init__(self, provider: str, message: str, *, status: int | None = None) -> None:
        super().__init__(f"{provider}: {message}")
        self.provider = provider
        self.message = message
        self.status = status


class ProviderUnavailable(ProviderException):
    """The provider cannot be used right now (down, unreachable, throttled, unconfigured)."""


class CircuitOpen(ProviderUnavailable):
    """The circuit breaker is open: the call failed fast without any request."""


class MissingApiKey(ProviderUnavailable):
    """No API key is configured: the call failed without any request."""


class ProviderUnauthorized(ProviderUnavailable):
    """The provider rejected the credentials (HTTP 401/403, e.g. invalid key or quota)."""


class RateLimited(ProviderUnavailable):
    """The provider kept answering 429 until the retry budget ran out."""

    def __init__(self, provider: str, message: str, *, retry_after: float | None = None) -> None:
        super().__init__(provider, message, status=429)
        self.retry_after = retry_after


class ProviderError(ProviderException):
    """The provider answered with an error or with a payload that cannot be used."""


class NotFoundAtProvider(ProviderException):
    """The requested item does not exist at the provider (HTTP 404 or provider equivalent)."""


__all__ = [
    "CircuitOpen",
    "MissingApiKey",
    "NotFoundAtProvider",
    "ProviderError",
    "ProviderException",
    "ProviderUnauthorized",
    "ProviderUnavailable",
    "RateLimited",
]
