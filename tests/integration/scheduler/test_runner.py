"""The runner: timers rebuilt from the database, a missed job run once at start-up, a real timer
firing on time, and the leader lock deciding who runs (both backends)."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from pathlib import Path

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from adapters.clock import SystemClock
from adapters.console.repl import ConsoleSession
from adapters.db import migrate, orm
from adapters.db.engine import create_engine, make_sessionmaker
from adapters.db.uow import SqlUnitOfWork
from adapters.recommend.engine import HybridEngine
from adapters.recommend.events import load_training_data
from adapters.recommend.training import train
from bot.bootstrap import build_app
from bot.settings import Settings
from core.app import App
from core.services.notifications import OutboxService
from scheduler.jobs import Jobs
from scheduler.leader import FileLeaderLock, SoleLeader
from scheduler.runner import Runner, SchedulerConfig
from scheduler.serial import serialized
from scheduler.service import run_with_settings
from tests.support import catalog
from tests.support.databases import sqlite_url
from tests.support.fakes import FakeClock

WIDE = SchedulerConfig(horizon=timedelta(days=30), tick=3600, resync=3600)


async def _club_with_poll(app: App) -> tuple[int, int]:
    """A club with a night and an open poll; returns (poll id, night id)."""
    await catalog.load(app)
    ana = ConsoleSession(app, user="ana", group="film")
    for title in ("Alien", "Heat"):
        await ana.handle(f"/suggest {title}")
    await ana.handle("/night 2026-11-28 20:00")
    assert "📊" in await ana.handle("/poll 2")
    await ana.handle("/vote 1")
    async with app.uow() as uow:
        club = await uow.clubs.get_or_create(ana.chat, app.clock.now())
        poll = await uow.club_events.open_poll(club.id)
    assert poll is not None and poll.night_id is not None
    return poll.id, poll.night_id


async def _outbox_keys(app: App) -> list[str]:
    async with app.uow() as uow:
        rows = await uow.outbox.claim(app.clock.now() + timedelta(days=400), 100, app.clock.now())
    return [r.key for r in rows]


async def test_timers_are_rebuilt_from_the_database(app: App, clock: FakeClock) -> None:
    poll, night = await _club_with_poll(app)
    runner = Runner(Jobs(app), SoleLeader(), clock, config=WIDE)
    await runner.start()
    try:
        assert runner.scheduler is not None
        jobs = {j.id: j for j in runner.scheduler.get_jobs()}
        timers = {f"poll:{poll}", f"night:{night}", f"rate:{night}"}
        assert timers | {
            "sweep",
            "resync",
            "refresh",
            "retrain",
            "friend_news",
            "availability",
            "first_model",
        } == set(jobs)
        assert jobs[f"poll:{poll}"].trigger.run_date == clock.now() + timedelta(hours=24)
        assert jobs[f"night:{night}"].trigger.run_date.isoformat() == "2026-11-28T18:00:00+00:00"
        assert jobs["sweep"].coalesce and jobs[f"poll:{poll}"].misfire_grace_time is None
        assert await runner.resync() == 3  # idempotent: replace_existing
    finally:
        await runner.shutdown()


async def test_a_poll_missed_while_down_closes_once_at_start(app: App, clock: FakeClock) -> None:
    poll, _ = await _club_with_poll(app)
    clock.advance(days=2)  # the process was down when the poll should have closed
    for _ in range(2):  # start, stop, start again
        runner = Runner(Jobs(app), SoleLeader(), clock, config=WIDE)
        await runner.start()
        await runner.shutdown()
    assert [k for k in await _outbox_keys(app) if k.startswith("poll:")] == [f"poll:{poll}:closed"]


async def test_a_real_timer_closes_the_poll_on_time(sessions: async_sessionmaker) -> None:  # type: ignore[type-arg]
    # the timer runs in the scheduler's task while this test polls: one connection, so in turn
    uow = serialized(lambda: SqlUnitOfWork(sessions))
    app = build_app(uow, Settings(_env_file=None), SystemClock())  # type: ignore[call-arg]
    await catalog.load(app)
    ana = ConsoleSession(app, user="ana", group="film")
    for title in ("Alien", "Heat"):
        await ana.handle(f"/suggest {title}")
    await ana.handle("/poll 2")
    async with sessions() as session:
        deadline = SystemClock().now() + timedelta(seconds=1)
        await session.execute(update(orm.ClubPoll).values(closes_at=deadline))
        await session.commit()
    runner = Runner(Jobs(app), SoleLeader(), app.clock, config=SchedulerConfig(tick=3600))
    outbox = OutboxService(app.uow, app.clock)
    await runner.start()
    try:
        assert runner.scheduler is not None
        assert [j.id for j in runner.scheduler.get_jobs() if j.id.startswith("poll:")]
        assert (await outbox.counts()).pending == 0  # not due at start-up
        for _ in range(60):
            await asyncio.sleep(0.05)
            if (await outbox.counts()).pending:
                break
        assert (await outbox.counts()).pending == 1  # the announcement, on time
        assert SystemClock().now() >= deadline
    finally:
        await runner.shutdown()


async def test_only_the_lock_holder_runs(app: App, clock: FakeClock, tmp_path: Path) -> None:
    first = Runner(Jobs(app), FileLeaderLock(tmp_path / "lock"), clock, config=WIDE)
    second = Runner(
        Jobs(app),
        FileLeaderLock(tmp_path / "lock"),
        clock,
        config=SchedulerConfig(lock_retry=0.05, tick=3600, resync=0.05),
    )
    stop_first, stop_second = asyncio.Event(), asyncio.Event()
    running = asyncio.create_task(first.run(stop_first))
    await asyncio.wait_for(first.leading.wait(), 5)
    waiting = asyncio.create_task(second.run(stop_second))
    await asyncio.sleep(0.3)
    assert not second.leading.is_set()
    stop_first.set()
    await asyncio.wait_for(running, 5)
    await asyncio.wait_for(second.leading.wait(), 5)  # takes over once the lock is free
    stop_second.set()
    await asyncio.wait_for(waiting, 5)


async def test_the_wiring_starts_leads_and_stops(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path)
    engine = create_engine(url)
    try:
        await migrate.upgrade(engine)
        app = build_app(
            lambda: SqlUnitOfWork(make_sessionmaker(engine)),
            Settings(_env_file=None),  # type: ignore[call-arg]
            SystemClock(),
        )
        stop = asyncio.Event()
        task = asyncio.create_task(run_with_settings(app, engine, app_settings(), stop))
        lock = FileLeaderLock(Path(f"{tmp_path / 'watchbot.db'}.scheduler.lock"))
        for _ in range(100):  # the running scheduler holds the lock file
            await asyncio.sleep(0.05)
            if not await lock.acquire():
                break
            await lock.release()
        else:
            raise AssertionError("the scheduler never took the lock")
        stop.set()
        await asyncio.wait_for(task, 10)
        assert await lock.acquire()  # released on the way out
        await lock.release()
    finally:
        await engine.dispose()


def app_settings() -> Settings:
    """Settings without tokens: only the console notifier."""
    return Settings(_env_file=None)  # type: ignore[call-arg]


async def test_the_first_model_is_trained_without_waiting_for_the_night(
    app: App, clock: FakeClock, tmp_path: Path, sessions: async_sessionmaker[AsyncSession]
) -> None:
    trained: list[str] = []
    folder = tmp_path / "models"

    async def retrain() -> None:
        data = await load_training_data(sessions)
        if data.events:
            trained.append(train(data, folder).version)

    served = build_app(
        lambda: SqlUnitOfWork(sessions),
        Settings(_env_file=None),  # type: ignore[call-arg]
        clock,
        recommender=HybridEngine(folder),
    )
    jobs = Jobs(served, retrain=retrain)
    await jobs.first_model()
    assert trained == []  # nothing to learn from yet
    await catalog.load(served)
    await ConsoleSession(served, user="ana").handle("/rate Heat 9")
    await jobs.first_model()
    assert len(trained) == 1 and served.recommendations.version == trained[0]
    await jobs.first_model()
    assert len(trained) == 1  # a model exists: the nightly job takes over
