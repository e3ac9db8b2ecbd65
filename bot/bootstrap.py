"""The composition root: the ONLY place concrete classes are built."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from adapters.cache import Cache, make_cache
from adapters.clock import SystemClock
from adapters.db.engine import create_engine, make_sessionmaker
from adapters.db.uow import SqlUnitOfWork
from adapters.i18n.babel_translator import BabelTranslator
from adapters.recommend.engine import HybridEngine
from adapters.search.inprocess import InProcessSearchIndex
from adapters.tmdb import TmdbClient
from adapters.tmdb.catalog import TmdbCatalog
from adapters.trending import FallbackTrendingStore, RedisTrendingStore, SqlTrendingStore
from bot.settings import Settings, parse_variants
from core.app import App
from core.domain.experiments import Experiment
from core.i18n import Translator
from core.ports import Clock, MetadataProvider, RecommendationEngine, UnitOfWork
from core.ports_trending import TrendingStore
from core.search.port import SearchIndex
from scheduler.service import install_calendar


@dataclass
class Runtime:
    """The App plus the resources to close at shutdown."""

    app: App
    engine: AsyncEngine
    tmdb: TmdbClient | None = None
    cache: Cache | None = None
    trending: TrendingStore | None = None

    async def close(self) -> None:
        """Release HTTP clients, the cache, the trending store and database connections."""
        if self.tmdb is not None:
            await self.tmdb.close()
        if self.cache is not None:
            await self.cache.close()
        if self.trending is not None:
            await self.trending.close()
        await self.engine.dispose()


def build_app(
    uow: Callable[[], UnitOfWork],
    settings: Settings,
    clock: Clock | None = None,
    translator: Translator | None = None,
    provider: MetadataProvider | None = None,
    search_index: SearchIndex | None = None,
    recommender: RecommendationEngine | None = None,
    experiment: Experiment | None = None,
    cache: Cache | None = None,
    trending: TrendingStore | None = None,
) -> App:
    """Wire the core services over a unit-of-work factory."""
    return App(
        uow=uow,
        clock=clock or SystemClock(),
        translator=translator or BabelTranslator(),
        default_locale=settings.default_locale,
        default_timezone=settings.default_timezone,
        provider=provider,
        search_index=search_index or InProcessSearchIndex(),
        recommender=recommender,
        experiment=experiment,
        cache=cache,
        trending=trending,
    )


def experiment_from(settings: Settings) -> Experiment:
    """The A/B experiment the settings describe (``WATCHBOT_AB_ENABLED=false`` switches it off)."""
    return Experiment(
        settings.ab_experiment, parse_variants(settings.ab_variants), settings.ab_enabled
    )


def bootstrap(
    settings: Settings, clock: Clock | None = None, engine: AsyncEngine | None = None
) -> Runtime:
    """Build the runtime for ``settings`` (an engine may be given, e.g. by tests)."""
    install_calendar()
    engine = engine or create_engine(settings.database_url)
    sessions = make_sessionmaker(engine)
    cache = make_cache(settings.redis_url, namespace=settings.redis_namespace)
    tmdb = TmdbClient(settings.tmdb_api_key, settings.tmdb_api_base_url, cache)
    trending = trending_store(settings, sessions)
    app = build_app(
        lambda: SqlUnitOfWork(sessions),
        settings,
        clock,
        provider=TmdbCatalog(tmdb),
        recommender=HybridEngine(Path(settings.model_dir)),
        experiment=experiment_from(settings),
        cache=cache,
        trending=trending,
    )
    return Runtime(app, engine, tmdb, cache, trending)


def trending_store(settings: Settings, sessions: async_sessionmaker[AsyncSession]) -> TrendingStore:
    """Redis sorted sets when Redis is configured (SQL answers while Redis is down), else SQL."""
    sql = SqlTrendingStore(sessions)
    if not settings.redis_url:
        return sql
    redis = RedisTrendingStore(settings.redis_url, sessions, f"{settings.redis_namespace}trending:")
    return FallbackTrendingStore(redis, sql)
