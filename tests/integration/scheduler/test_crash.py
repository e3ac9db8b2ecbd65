"""SIGKILL in the middle of dispatching 1,000 notifications, then a restart: every notification
is delivered, and the repeats are at most the rows that were in flight at the kill."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from adapters.clock import SystemClock
from adapters.db.engine import create_engine, make_sessionmaker
from adapters.db.uow import SqlUnitOfWork
from core.domain.delivery import Destination, Notice, OutboxCounts
from core.services.notifications import OutboxService
from core.views.reply import Reply, Span
from tests.integration.scheduler.conftest import Worker, wait_until

COUNT = 1000
SLOW = ("--rate", "250", "--batch", "50", "--in-flight", "100")


async def _enqueue(url: str) -> None:
    engine = create_engine(url)
    try:
        uow = SqlUnitOfWork(make_sessionmaker(engine))
        async with uow:
            notices = [
                Notice(
                    f"n{i:04d}",
                    Destination.of_user("console", f"u{i % 37}"),
                    Reply(blocks=((Span(str(i)),),)),
                )
                for i in range(COUNT)
            ]
            assert await uow.outbox.add(notices, SystemClock().now()) == COUNT
            await uow.commit()
    finally:
        await engine.dispose()


async def _counts(url: str) -> OutboxCounts:
    engine = create_engine(url)
    try:
        # leased pending rows are the ones in flight (a lease lasts 60 s)
        sessions = make_sessionmaker(engine)
        return await OutboxService(lambda: SqlUnitOfWork(sessions), SystemClock()).counts()
    finally:
        await engine.dispose()


def _lines(sink: Path) -> list[str]:
    return [line.split("\t")[0] for line in sink.read_text().splitlines()] if sink.exists() else []


@pytest.mark.slow  # subprocesses: about 10 s per backend
def test_sigkill_mid_dispatch_loses_nothing(
    fresh_url: str, tmp_path: Path, workers: Callable[..., Worker]
) -> None:
    asyncio.run(_enqueue(fresh_url))
    sink = tmp_path / "delivered.tsv"
    first = workers(fresh_url, sink, *SLOW)
    wait_until(lambda: first.alive() and len(_lines(sink)) >= 300, 60, "300 deliveries")
    first.kill()
    at_kill = asyncio.run(_counts(fresh_url))
    delivered_before = len(_lines(sink))
    assert 300 <= delivered_before < COUNT, "the kill must land mid-dispatch"
    # leased, not acknowledged: up to 100 sending plus up to a batch (50) sent, not yet marked
    assert 0 < at_kill.in_flight <= 150

    second = workers(fresh_url, sink, *SLOW)
    wait_until(
        lambda: second.alive() and asyncio.run(_counts(fresh_url)).sent == COUNT, 60, "all sent"
    )
    assert second.stop().count("Traceback") == 0

    keys = _lines(sink)
    assert set(keys) == {f"n{i:04d}" for i in range(COUNT)}  # nothing lost
    repeated = sum(n - 1 for n in Counter(keys).values())
    assert repeated <= at_kill.in_flight  # at most one repeat per row in flight at the kill
    assert asyncio.run(_counts(fresh_url)) == OutboxCounts(sent=COUNT)
