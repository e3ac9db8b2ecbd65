"""The scheduler process: win the leader lock, catch up, keep timers, dispatch the outbox.

The database is the source of truth (poll deadlines, night reminder and rating times, reminder
``due_at``). APScheduler's AsyncIOScheduler keeps only in-memory timers, rebuilt from the
database at start-up and re-read every ``resync`` seconds (commands open polls in other
processes, and the core cannot reach this one), so nothing is pickled and nothing is lost:

* at start-up everything already due runs once (a job missed while the process was down);
* a date timer per poll or night fires on time (``poll:12``, ``night:3``, ``rate:3``);
* a ``sweep`` every ``tick`` seconds runs whatever is due, covering any timer not yet set;
* nightly: metadata refresh + reminder re-planning, then the retraining hook.

Misfires: timers run however late they fire (``misfire_grace_time=None``: their work is still
due) and coalesce (one run for a backlog); the interval and nightly jobs coalesce with a grace of
``tick`` seconds and one hour, as a later sweep or night covers them anyway.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass
from datetime import UTC, timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from core.ports import Clock
from scheduler.jobs import Jobs
from scheduler.leader import LeaderLock
from scheduler.outbox import OutboxDispatcher

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class SchedulerConfig:
    """Intervals (seconds) and the nightly hour (UTC)."""

    tick: float = 30.0
    resync: float = 60.0
    horizon: timedelta = timedelta(minutes=15)
    lock_retry: float = 5.0
    nightly_hour: int = 4
    friend_news: float = 300.0
    first_model: float = 900.0


class Runner:
    """Leader election around an AsyncIOScheduler and the outbox dispatcher."""

    def __init__(
        self,
        jobs: Jobs,
        lock: LeaderLock,
        clock: Clock,
        dispatcher: OutboxDispatcher | None = None,
        config: SchedulerConfig | None = None,
    ) -> None:
        self.jobs, self.lock, self.clock = jobs, lock, clock
        self.dispatcher, self.config = dispatcher, config or SchedulerConfig()
        self.scheduler: AsyncIOScheduler | None = None
        self.leading = asyncio.Event()
        self._stop_dispatch = asyncio.Event()
        self._dispatch: asyncio.Task[None] | None = None

    async def run(self, stop: asyncio.Event) -> None:
        """Until ``stop``: wait to lead, lead, step down if the lock is lost, repeat."""
        try:
            while not stop.is_set():
                if not await self.lock.acquire():
                    await _wait(stop, self.config.lock_retry)
                    continue
                log.warning("this process now runs the scheduler")
                await self.start()
                while not stop.is_set() and await self.lock.still_held():
                    await _wait(stop, self.config.lock_retry)  # step down soon if it is lost
                await self.shutdown()
        finally:
            await self.shutdown()
            await self.lock.release()

    async def start(self) -> None:
        """Lead: release stale leases, catch up, set timers, start the scheduler and dispatcher."""
        if self.dispatcher is not None:
            released = await self.dispatcher.release_leases()
            if released:
                log.warning("released %d outbox rows a previous leader held", released)
        await self.jobs.sweep()
        self.scheduler = self._build()
        await self.resync()
        self.scheduler.start()
        if self.dispatcher is not None:
            self._stop_dispatch.clear()
            self._dispatch = asyncio.create_task(self.dispatcher.run(self._stop_dispatch))
        self.leading.set()

    def _build(self) -> AsyncIOScheduler:
        scheduler = AsyncIOScheduler(
            timezone=UTC,
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": None},
        )
        tick, hour = self.config.tick, self.config.nightly_hour
        interval = {
            "coalesce": True,
            "misfire_grace_time": max(1, int(tick)),
            "replace_existing": True,
        }
        scheduler.add_job(self.jobs.sweep, "interval", seconds=tick, id="sweep", **interval)
        scheduler.add_job(
            self.resync, "interval", seconds=self.config.resync, id="resync", **interval
        )
        scheduler.add_job(
            self.jobs.friend_news,
            "interval",
            seconds=self.config.friend_news,
            id="friend_news",
            **interval,
        )
        scheduler.add_job(
            self.jobs.first_model,
            "interval",
            seconds=self.config.first_model,
            id="first_model",
            **interval,
        )
        # hourly, a few minutes after the nightly refresh may have changed what streams where
        scheduler.add_job(self.jobs.availability, "cron", minute=5, id="availability", **interval)
        nightly = {"coalesce": True, "misfire_grace_time": 3600, "replace_existing": True}
        scheduler.add_job(self.jobs.refresh_metadata, "cron", hour=hour, id="refresh", **nightly)
        scheduler.add_job(self.jobs.retrain, "cron", hour=hour, minute=30, id="retrain", **nightly)
        return scheduler

    async def resync(self) -> int:
        """(Re)set a date timer for everything due within the horizon; returns how many."""
        if self.scheduler is None:
            return 0
        until = self.clock.now() + self.config.horizon
        timers = 0
        for due in await self.jobs.upcoming(until):
            self.scheduler.add_job(
                self.jobs.due_item,
                "date",
                run_date=due.at,
                args=[due],
                id=due.timer_id,
                replace_existing=True,
            )
            timers += 1
        following = await self.jobs.next_reminder()
        if following is not None and following < until:
            self.scheduler.add_job(
                self.jobs.fire_reminders,
                "date",
                run_date=following,
                id="reminders",
                replace_existing=True,
            )
            timers += 1
        return timers

    async def shutdown(self) -> None:
        """Stop the timers and the dispatcher (the outbox keeps whatever is left)."""
        self.leading.clear()
        if self.scheduler is not None:
            self.scheduler.shutdown(wait=False)
            self.scheduler = None
        if self._dispatch is not None:
            self._stop_dispatch.set()
            with contextlib.suppress(asyncio.CancelledError):
                await self._dispatch
            self._dispatch = None


async def _wait(stop: asyncio.Event, seconds: float) -> None:
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), seconds)
