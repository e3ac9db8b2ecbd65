"""The App: every service the adapters need, built once by ``bot.bootstrap``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from core.domain.experiments import Experiment
from core.i18n import Translator
from core.ports import Cache, Clock, MetadataProvider, RecommendationEngine, UnitOfWork
from core.ports_trending import TrendingStore
from core.search.port import SearchIndex
from core.services.accounts import AccountService
from core.services.catalog import CatalogService
from core.services.episodes import EpisodeService
from core.services.lists import ListService
from core.services.ratings import RatingService
from core.services.recommendations import RecommendationService
from core.services.social import SocialService
from core.services.watching import WatchService

if TYPE_CHECKING:
    from core.commands import Registry
    from core.dispatch import Dispatcher
    from core.views.reply import Invocation, Reply


@dataclass
class App:
    """Services over one unit-of-work factory, clock and translator."""

    uow: Callable[[], UnitOfWork]
    clock: Clock
    translator: Translator
    default_locale: str = "en"
    default_timezone: str = "UTC"
    poster_base_url: str = "https://image.tmdb.org/t/p/w500"
    provider: MetadataProvider | None = None
    search_index: SearchIndex | None = None
    recommender: RecommendationEngine | None = None
    experiment: Experiment | None = None
    cache: Cache | None = None
    trending: TrendingStore | None = None
    accounts: AccountService = field(init=False)
    catalog: CatalogService = field(init=False)
    lists: ListService = field(init=False)
    ratings: RatingService = field(init=False)
    watching: WatchService = field(init=False)
    episodes: EpisodeService = field(init=False)
    recommendations: RecommendationService = field(init=False)
    social: SocialService = field(init=False)
    registry: Registry = field(init=False)
    dispatcher: Dispatcher = field(init=False)

    def __post_init__(self) -> None:
        from core.dispatch import Dispatcher
        from core.handlers import build_registry

        self.accounts = AccountService(self.uow, self.clock)
        self.catalog = CatalogService(self.uow, self.clock, self.provider, index=self.search_index)
        self.lists = ListService(self.uow, self.clock)
        self.ratings = RatingService(self.uow, self.clock)
        self.watching = WatchService(self.uow, self.clock)
        self.episodes = EpisodeService(self.uow, self.clock)
        self.recommendations = RecommendationService(
            self.uow, self.clock, self.recommender, self.experiment, self.cache, self.trending
        )
        self.social = SocialService(
            self.uow, self.clock, self.translator, self.default_locale, self.default_timezone
        )
        self.registry = build_registry()
        self.dispatcher = Dispatcher(self, self.registry)

    async def dispatch(self, inv: Invocation) -> Reply:
        """Handle one invocation from any adapter."""
        return await self.dispatcher.dispatch(inv)

    def poster_url(self, path: str | None) -> str | None:
        """A full poster URL for a stored path (absolute URLs pass through)."""
        if not path:
            return None
        return path if path.startswith(("http://", "https://")) else f"{self.poster_base_url}{path}"
