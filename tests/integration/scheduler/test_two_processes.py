"""Two bot processes share a database: exactly one schedules and dispatches; when it dies the
other takes over. PostgreSQL elects with an advisory lock, SQLite with a file lock."""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import update

from adapters.clock import SystemClock
from adapters.console.repl import ConsoleSession
from adapters.db import orm
from adapters.db.engine import create_engine, make_sessionmaker
from adapters.db.uow import SqlUnitOfWork
from bot.bootstrap import build_app
from bot.settings import Settings
from core.domain.delivery import Destination, Notice
from core.services.notifications import OutboxService
from core.views.reply import Reply, Span
from tests.integration.scheduler.conftest import Worker, wait_until
from tests.support import catalog


async def _enqueue(url: str, prefix: str, count: int) -> None:
    engine = create_engine(url)
    try:
        async with SqlUnitOfWork(make_sessionmaker(engine)) as uow:
            notices = [
                Notice(
                    f"{prefix}{i}",
                    Destination("console", "group:x"),
                    Reply(blocks=((Span("hi"),),)),
                )
                for i in range(count)
            ]
            await uow.outbox.add(notices, SystemClock().now())
            await uow.commit()
    finally:
        await engine.dispose()


async def _open_poll(url: str) -> None:
    """A club with a ranked poll and a vote (before the workers start: SQLite upgrades a
    reading transaction to a writing one only when no other process writes)."""
    engine = create_engine(url)
    try:
        sessions = make_sessionmaker(engine)
        app = build_app(lambda: SqlUnitOfWork(sessions), Settings(_env_file=None), SystemClock())  # type: ignore[call-arg]
        await catalog.load(app)
        ana = ConsoleSession(app, user="ana", group="x")
        for title in ("Alien", "Heat"):
            await ana.handle(f"/suggest {title}")
        assert "📊" in await ana.handle("/poll 2")
        await ana.handle("/vote 2 1")
    finally:
        await engine.dispose()


async def _close_soon(url: str) -> None:
    """Move the poll's deadline to 1.5 seconds from now."""
    engine = create_engine(url)
    try:
        async with make_sessionmaker(engine)() as session:
            soon = SystemClock().now() + timedelta(seconds=1.5)
            await session.execute(update(orm.ClubPoll).values(closes_at=soon))
            await session.commit()
    finally:
        await engine.dispose()


async def _sent(url: str) -> int:
    engine = create_engine(url)
    try:
        sessions = make_sessionmaker(engine)
        counts = await OutboxService(lambda: SqlUnitOfWork(sessions), SystemClock()).counts()
        return counts.sent
    finally:
        await engine.dispose()


def _keys(sink: Path) -> Counter[str]:
    lines = sink.read_text().splitlines() if sink.exists() else []
    return Counter(line.split("\t")[0] for line in lines)


@pytest.mark.slow  # subprocesses: about 10 s per backend
def test_one_leader_and_a_takeover(
    fresh_url: str, tmp_path: Path, workers: Callable[..., Worker]
) -> None:
    sink = tmp_path / "sink.tsv"
    asyncio.run(_open_poll(fresh_url))
    a, b = workers(fresh_url, sink), workers(fresh_url, sink)
    wait_until(lambda: a.alive() and b.alive() and (a.leading() or b.leading()), 30, "a leader")
    time.sleep(1.0)  # the other keeps trying every 0.2 s, and must keep failing
    assert [a.leading(), b.leading()].count(True) == 1
    leader, standby = (a, b) if a.leading() else (b, a)

    asyncio.run(_enqueue(fresh_url, "first", 200))
    asyncio.run(_close_soon(fresh_url))
    wait_until(lambda: len(_keys(sink)) == 201, 30, "200 notices and the poll result")
    keys = _keys(sink)
    assert keys["poll:1:closed"] == 1  # the timer fired in one process only
    assert set(keys.values()) == {1}  # one dispatcher: nothing twice

    wait_until(lambda: asyncio.run(_sent(fresh_url)) == 201, 10, "acknowledgements")
    leader.kill()  # idle: nothing in flight, so nothing may be repeated
    wait_until(lambda: standby.alive() and standby.leading(), 15, "the standby to take over")
    asyncio.run(_enqueue(fresh_url, "second", 100))
    wait_until(lambda: len(_keys(sink)) == 301, 30, "the new leader to deliver")
    assert set(_keys(sink).values()) == {1}
    assert "Traceback" not in standby.stop()
