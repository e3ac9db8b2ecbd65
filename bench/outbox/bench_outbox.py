"""Outbox benchmark: N reminders due at the same instant, end to end to a fake platform.

    .venv/bin/python bench/outbox/bench_outbox.py --backend sqlite --count 100000 --repeat 3
    .venv/bin/python bench/outbox/bench_outbox.py --backend postgres --count 100000 --repeat 3
    .venv/bin/python bench/outbox/bench_outbox.py --backend sqlite --count 1500 --telegram-limits

Each run: a fresh migrated database, N pending reminders to N different Telegram users due one
second ago (inserted in bulk, not timed), then the production path, timed: the reminder job turns
due reminders into outbox rows (``ReminderService.fire_due``, 1,000 per transaction) while the
outbox dispatcher (claim 500, send, acknowledge in batches) delivers them to an in-process fake
platform. Reported: end-to-end messages/s, and the two phases alone. ``--telegram-limits``
paces the dispatcher with Telegram's rules (30/s overall, 1/s per chat) and checks them.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from dataclasses import dataclass, replace
from datetime import timedelta
from pathlib import Path

import asyncpg
from fake_platform import FakePlatform
from sqlalchemy import insert

from adapters.clock import SystemClock
from adapters.db import migrate, orm
from adapters.db.engine import create_engine, make_sessionmaker
from adapters.db.repositories.reminders import reminder_row
from adapters.db.uow import SqlUnitOfWork
from bot.bootstrap import build_app
from bot.settings import Settings
from core.domain.delivery import Destination
from core.domain.reminders import Planned
from core.services.notifications import OutboxService
from core.services.reminders import ReminderService
from scheduler.outbox import OutboxDispatcher
from scheduler.ratelimit import TELEGRAM, Pacer
from scheduler.serial import serialized

CHUNK = 5000
PG = "postgresql+asyncpg://postgres@127.0.0.1:5432"


async def _admin(sql: str) -> None:
    conn = await asyncpg.connect(host="127.0.0.1", user="postgres", database="test")
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


@dataclass(frozen=True, slots=True)
class Result:
    """One run's figures (seconds and messages per second)."""

    total: float
    fire: float
    end_to_end: float
    fire_rate: float
    floods: int
    repeats: int


async def seed(url: str, count: int) -> None:
    """Migrate, then insert ``count`` reminders due one second ago (one per Telegram user)."""
    engine = create_engine(url)
    try:
        await migrate.upgrade(engine)
        now = SystemClock().now()
        due = now - timedelta(seconds=1)
        async with engine.begin() as conn:
            for start in range(0, count, CHUNK):
                rows = [
                    reminder_row(
                        Planned(
                            f"bench:{i}",
                            0,
                            0,
                            f"Film {i}",
                            due.date(),
                            0,
                            due,
                            False,
                            Destination.of_user("telegram", str(10_000 + i)),
                            "en",
                        ),
                        now,
                    )
                    | {"subscription_id": None, "media_id": None}
                    for i in range(start, min(count, start + CHUNK))
                ]
                await conn.execute(insert(orm.Reminder), rows)
    finally:
        await engine.dispose()


async def measure(url: str, count: int, limits: bool) -> Result:
    """Fire and deliver every reminder; returns the timings."""
    engine = create_engine(url)
    sessions = make_sessionmaker(engine)
    uow = lambda: SqlUnitOfWork(sessions)  # noqa: E731
    factory = serialized(uow) if engine.dialect.name == "sqlite" else uow
    app = build_app(factory, Settings(_env_file=None), SystemClock())  # type: ignore[call-arg]
    platform = FakePlatform(count, per_second=30 if limits else None)
    pacers = {"telegram": Pacer(replace(TELEGRAM))} if limits else {}
    dispatcher = OutboxDispatcher(OutboxService(app.uow, app.clock), {"telegram": platform}, pacers)
    reminders = ReminderService.of(app)
    stop = asyncio.Event()
    try:
        started = time.perf_counter()
        sending = asyncio.create_task(dispatcher.run(stop))
        while await reminders.fire_due():
            dispatcher.wake()
        fired = time.perf_counter() - started
        await platform.done.wait()
        total = time.perf_counter() - started
        stop.set()
        await sending
        counts = await OutboxService(app.uow, app.clock).counts()
        assert counts.sent == count, counts
    finally:
        await engine.dispose()
    return Result(total, fired, count / total, count / fired, platform.floods, platform.repeats)


async def one(backend: str, count: int, limits: bool) -> Result:
    """A run on a fresh database of ``backend``."""
    if backend == "sqlite":
        with tempfile.TemporaryDirectory() as folder:
            url = f"sqlite+aiosqlite:///{Path(folder) / 'bench.db'}"
            await seed(url, count)
            return await measure(url, count, limits)
    name = f"watchbot_bench_{time.time_ns()}"
    await _admin(f'CREATE DATABASE "{name}"')
    try:
        await seed(f"{PG}/{name}", count)
        return await measure(f"{PG}/{name}", count, limits)
    finally:
        await _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def main() -> None:
    """Parse arguments, run, print a Markdown table row per run and the medians."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--backend", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--telegram-limits", action="store_true")
    args = parser.parse_args()
    results = []
    for run in range(1, args.repeat + 1):
        result = asyncio.run(one(args.backend, args.count, args.telegram_limits))
        results.append(result)
        print(
            f"| {args.backend} | run {run} | {args.count} | {result.total:.1f} s "
            f"| {result.end_to_end:,.0f}/s | {result.fire_rate:,.0f}/s "
            f"| floods {result.floods} | repeats {result.repeats} |",
            flush=True,
        )
    print(
        f"median: {statistics.median(r.end_to_end for r in results):,.1f} messages/s end to end, "
        f"{statistics.median(r.fire_rate for r in results):,.0f}/s reminders -> outbox, "
        f"{statistics.median(r.total for r in results):.1f} s"
    )


if __name__ == "__main__":
    main()
