"""Shared resilient HTTP layer for the metadata providers (TMDb, OMDb)."""

from __future__ import annotations

from adapters.http.attempts import Params, ParamValue
from adapters.http.client import ResilientHttpClient
from adapters.http.errors import (
    CircuitOpen,
    MissingApiKey,
    NotFoundAtProvider,
    ProviderError,
    ProviderException,
    ProviderUnauthorized,
    ProviderUnavailable,
    RateLimited,
)
from adapters.http.policy import HttpPolicy, parse_retry_after

__all__ = [
    "CircuitOpen",
    "HttpPolicy",
    "MissingApiKey",
    "NotFoundAtProvider",
    "ParamValue",
    "Params",
    "ProviderError",
    "ProviderException",
    "ProviderUnauthorized",
    "ProviderUnavailable",
    "RateLimited",
    "ResilientHttpClient",
    "parse_retry_after",
]
