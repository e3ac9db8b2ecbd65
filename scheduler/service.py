"""Wiring: build the runner (jobs, leader lock, dispatcher with pacing) and run it.

``watchbot run`` calls :func:`run_with_settings` next to the chat platforms, in every process:
the leader lock makes sure one of them schedules and dispatches. :func:`install_calendar` once at
start-up enables /calendar.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from dataclasses import replace

from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.calendar.ics import IcsCalendarWriter
from adapters.notify.factory import notifiers_for
from bot.settings import Settings
from core.app import App
from core.ports_notify import Notifier
from core.services.calendar import install_writer
from core.services.notifications import OutboxService
from scheduler.jobs import Jobs, Retrain, no_retraining
from scheduler.leader import LeaderLock, leader_lock
from scheduler.outbox import OutboxDispatcher
from scheduler.ratelimit import DEFAULTS, Limits, Pacer
from scheduler.runner import Runner, SchedulerConfig
from scheduler.serial import serialized


def build_runner(
    app: App,
    engine: AsyncEngine,
    notifiers: Mapping[str, Notifier],
    *,
    config: SchedulerConfig | None = None,
    limits: Mapping[str, Limits] | None = None,
    lock: LeaderLock | None = None,
    retrain: Retrain = no_retraining,
) -> Runner:
    """A runner over ``app`` delivering through ``notifiers`` (by platform name)."""
    pacing = DEFAULTS if limits is None else limits
    if engine.dialect.name == "sqlite":  # jobs and dispatcher must not overlap on SQLite
        app = replace(app, uow=serialized(app.uow))
    dispatcher = OutboxDispatcher(
        OutboxService(app.uow, app.clock),
        notifiers,
        {platform: Pacer(rule) for platform, rule in pacing.items()},
    )
    jobs = Jobs(app, dispatcher.wake, retrain)
    return Runner(jobs, lock or leader_lock(engine), app.clock, dispatcher, config)


async def run_scheduler(
    app: App,
    engine: AsyncEngine,
    notifiers: Mapping[str, Notifier],
    stop: asyncio.Event,
    config: SchedulerConfig | None = None,
    retrain: Retrain = no_retraining,
) -> None:
    """Run (or stand by to run) the scheduler until ``stop``."""
    await build_runner(app, engine, notifiers, config=config, retrain=retrain).run(stop)


async def run_with_settings(
    app: App,
    engine: AsyncEngine,
    settings: Settings,
    stop: asyncio.Event,
    retrain: Retrain = no_retraining,
) -> None:
    """What ``watchbot run`` (and ``watchbot console``) start next to the platforms: the
    notifiers the settings allow, and the leader-elected scheduler, until ``stop``.
    ``retrain`` is the nightly model retraining (an async callable)."""
    async with notifiers_for(settings, app) as notifiers:
        await run_scheduler(app, engine, notifiers, stop, retrain=retrain)


def install_calendar() -> None:
    """Let /calendar write .ics files with the icalendar adapter (call once at start-up)."""
    install_writer(IcsCalendarWriter())
