"""Job functions: each takes ids (or nothing), calls a core service, and wakes the dispatcher.

The services write their messages to the outbox in the same transaction as their state
change, so a job that runs twice (a sweep and a timer, a restart) repeats nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

from core.app import App
from core.ports_clubs import Due
from core.services.club_jobs import ClubJobs
from core.services.reminders import ReminderService
from core.services.social_news import SocialNews

log = logging.getLogger(__name__)
STALE_AFTER = timedelta(days=7)

Retrain = Callable[[], Awaitable[None]]


async def no_retraining() -> None:
    """The nightly retraining hook until the recommender lands."""
    log.info("nightly retraining: no recommender installed")


class Jobs:
    """The scheduler's jobs over one App."""

    def __init__(
        self,
        app: App,
        wake: Callable[[], None] = lambda: None,
        retrain: Retrain = no_retraining,
    ) -> None:
        self._app, self._wake, self._retrain = app, wake, retrain

    @property
    def clubs(self) -> ClubJobs:
        """Club jobs over the app."""
        return ClubJobs.of(self._app)

    @property
    def reminders(self) -> ReminderService:
        """Reminder service over the app."""
        return ReminderService.of(self._app)

    async def due_item(self, due: Due) -> None:
        """A timer fired: close the poll, remind of the night or ask for ratings."""
        if await self.clubs.run(due):
            self._wake()

    async def sweep(self) -> int:
        """Do everything due now (the catch-up at start-up, then every tick)."""
        done = await self.clubs.run_due()
        done += await self.reminders.fire_all_due()
        if done:
            self._wake()
        return done

    async def fire_reminders(self) -> None:
        """Due reminders -> outbox (digests grouped)."""
        if await self.reminders.fire_all_due():
            self._wake()

    async def friend_news(self) -> None:
        """Friends' ratings and watches -> outbox (instant notices and daily digests)."""
        news = SocialNews.of(self._app)
        if await news.friend_news() + await news.friend_digests():
            self._wake()

    async def availability(self) -> None:
        """To Watch titles now on people's streaming services -> outbox."""
        if await SocialNews.of(self._app).availability():
            self._wake()

    async def upcoming(self, until: datetime) -> list[Due]:
        """Club work due before ``until``."""
        return await self.clubs.upcoming(until)

    async def next_reminder(self) -> datetime | None:
        """When the next reminder is due."""
        return await self.reminders.next_due()

    async def refresh_metadata(self) -> None:
        """Nightly: refresh week-old provider metadata, then re-plan every subscription (new
        episodes and changed release dates become reminders)."""
        refreshed = await self._app.catalog.refresh_stale(STALE_AFTER)
        planned = await self.reminders.replan_all()
        log.info(
            "nightly refresh: %d titles refreshed, %d subscriptions re-planned", refreshed, planned
        )

    async def first_model(self) -> None:
        """Until a model is promoted, train as soon as there is something to learn from
        (a new install should not wait for the night); afterwards, nothing."""
        if self._app.recommendations.version is None:
            await self._retrain()

    async def retrain(self) -> None:
        """Nightly model retraining (a hook; the recommender installs the real one)."""
        await self._retrain()
