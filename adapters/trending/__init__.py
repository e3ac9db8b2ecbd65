"""Trending stores (:class:`core.ports_trending.TrendingStore`): Redis or SQL, same scores."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from adapters.trending.base import TrendingUnavailable
from adapters.trending.fallback import FallbackTrendingStore
from adapters.trending.redis import RedisTrendingStore
from adapters.trending.sql import SqlTrendingStore
from core.ports_trending import TrendingStore

__all__ = [
    "FallbackTrendingStore",
    "RedisTrendingStore",
    "SqlTrendingStore",
    "TrendingUnavailable",
    "make_trending_store",
]


def make_trending_store(
    redis_url: str | None,
    sessionmaker: async_sessionmaker[AsyncSession],
    namespace: str = "watchbot:trending:",
) -> TrendingStore:
    """A :class:`RedisTrendingStore` when ``redis_url`` is given, else a
    :class:`SqlTrendingStore`. The Redis store raises :class:`TrendingUnavailable` when
    Redis fails; wrap it in :class:`FallbackTrendingStore` to answer from SQL instead."""
    if redis_url:
        return RedisTrendingStore(redis_url, sessionmaker, namespace)
    return SqlTrendingStore(sessionmaker)
