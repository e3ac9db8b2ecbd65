"""Classification of attempts and responses into the provider error hierarchy."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from adapters.http.errors import (
    NotFoundAtProvider,
    ProviderError,
    ProviderException,
    ProviderUnauthorized,
    ProviderUnavailable,
    RateLimited,
)

ParamValue = str | int | float | bool | None
Params = Mapping[str, ParamValue]
UNAVAILABLE_STATUSES = frozenset({502, 503, 504})


class AttemptFailed(Exception):
    """One attempt failed in a way worth retrying (internal to the HTTP layer)."""

    def __init__(
        self,
        kind: Literal["status", "timeout", "transport", "rate_limited"],
        detail: str,
        *,
        status: int | None = None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(detail)
        self.kind = kind
        self.detail = detail
        self.status = status
        self.retry_after = retry_after


def encode_params(params: Params | None) -> dict[str, str]:
    """Turn query params into strings, dropping ``None`` and spelling booleans in lowercase."""
    encoded: dict[str, str] = {}
    for name, value in (params or {}).items():
        if value is None:
            continue
        encoded[name] = ("true" if value else "false") if isinstance(value, bool) else str(value)
    return encoded


def exhausted_error(provider: str, exc: AttemptFailed) -> ProviderException:
    """The public error for the last failed attempt once the retry budget is spent.

    429 -> :class:`RateLimited`; timeouts, transport errors and 502/503/504 ->
    :class:`ProviderUnavailable`; other 5xx -> :class:`ProviderError`.
    """
    message = f"{exc.detail} (gave up after retries)"
    if exc.kind == "rate_limited":
        return RateLimited(provider, message, retry_after=exc.retry_after)
    if exc.kind in ("timeout", "transport") or exc.status in UNAVAILABLE_STATUSES:
        return ProviderUnavailable(provider, message, status=exc.status)
    return ProviderError(provider, message, status=exc.status)


def check_status(provider: str, path: str, status: int) -> None:
    """Raise the public error for a final non-2xx, non-retryable status."""
    if 200 <= status < 300:
        return
    if status == 404:
        raise NotFoundAtProvider(provider, f"{path} not found", status=status)
    if status in (401, 403):
        raise ProviderUnauthorized(provider, f"HTTP {status}: credentials rejected", status=status)
    raise ProviderError(provider, f"unexpected HTTP {status} on {path}", status=status)
