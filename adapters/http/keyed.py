"""A provider client authenticated by an API key sent as a query parameter."""

from __future__ import annotations

import httpx

from adapters.cache.base import Cache
from adapters.http.client import ResilientHttpClient
from adapters.http.policy import HttpPolicy


class KeyedProviderClient:
    """Owns the resilient HTTP client and the key; subclasses add the provider's endpoints."""

    def __init__(
        self,
        provider: str,
        key_param: str,
        api_key: str | None,
        base_url: str,
        cache: Cache | None,
        policy: HttpPolicy,
        transport: httpx.AsyncBaseTransport | None,
    ) -> None:
        self._api_key = (api_key or "").strip()
        self.http = ResilientHttpClient(
            provider,
            base_url,
            cache=cache,
            policy=policy,
            default_params={key_param: self._api_key},
            transport=transport,
        )

    @property
    def configured(self) -> bool:
        """Whether an API key is set."""
        return bool(self._api_key)

    async def close(self) -> None:
        """Close the HTTP client."""
        await self.http.close()
