"""The outbox: idempotent writes, leased claims, batched acknowledgements, retries with
backoff, permanent failures recorded once, pacing per platform (both backends)."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest

from adapters.notify.console import ConsoleNotifier
from core.app import App
from core.domain.delivery import Destination, Notice, OutboxCounts
from core.ports_notify import DeliveryError
from core.services.notifications import OutboxService, backoff, enqueue
from core.views.reply import Button, Reply, Span
from scheduler.outbox import OutboxDispatcher
from scheduler.ratelimit import Limits, Pacer
from tests.support.fakes import FakeClock

ANA = Destination.of_user("telegram", "1001")
GROUP = Destination("telegram", "-100200", "7")


def notice(key: str, to: Destination = ANA) -> Notice:
    """A one-line notice with a button."""
    return Notice(key, to, Reply(blocks=((Span(key),),), buttons=((Button("Go", "md:show:1"),),)))


async def write(app: App, *notices: Notice) -> int:
    """Enqueue in one transaction."""
    async with app.uow() as uow:
        written = await enqueue(uow, notices, app.clock.now())
        await uow.commit()
        return written


class Flaky:
    """Fails the first ``failures`` sends of each key with ``error``, then records."""

    def __init__(self, failures: int, error: DeliveryError) -> None:
        self.failures, self.error = failures, error
        self.tries: dict[str, int] = {}
        self.sent: list[str] = []

    async def send(self, destination: Destination, reply: Reply, key: str) -> None:
        self.tries[key] = self.tries.get(key, 0) + 1
        if self.tries[key] <= self.failures:
            raise self.error
        self.sent.append(key)


def dispatcher(app: App, notifier: object, **kwargs: object) -> OutboxDispatcher:
    """A dispatcher for the telegram platform over the test database."""
    return OutboxDispatcher(OutboxService(app.uow, app.clock), {"telegram": notifier}, **kwargs)  # type: ignore[arg-type, dict-item]


async def test_a_key_is_written_once_and_the_reply_survives_the_round_trip(app: App) -> None:
    assert await write(app, notice("a"), notice("b")) == 2
    assert await write(app, notice("a"), notice("c")) == 1
    console = ConsoleNotifier(out=None)
    stats = await OutboxDispatcher(OutboxService(app.uow, app.clock), {"telegram": console}).drain()
    assert (stats.sent, stats.claimed) == (3, 3)
    assert [d.key for d in console.sent] == ["a", "b", "c"]
    assert console.sent[0].reply == notice("a").reply and console.sent[0].destination == ANA
    assert await OutboxService(app.uow, app.clock).counts() == OutboxCounts(sent=3)


async def test_transient_failures_back_off_then_succeed(app: App, clock: FakeClock) -> None:
    await write(app, notice("x"))
    flaky = Flaky(2, DeliveryError("timed out", permanent=False))
    service = OutboxService(app.uow, clock)
    first = await dispatcher(app, flaky).drain()
    assert (first.sent, first.retried) == (0, 1)
    await dispatcher(app, flaky).drain()
    assert flaky.tries == {"x": 1}  # not due again before its backoff
    clock.advance(seconds=backoff("x", 1).total_seconds())
    await dispatcher(app, flaky).drain()
    clock.advance(seconds=backoff("x", 2).total_seconds())
    last = await dispatcher(app, flaky).drain()
    assert last.sent == 1 and flaky.sent == ["x"] and flaky.tries == {"x": 3}
    assert await service.counts() == OutboxCounts(sent=1)


def test_backoff_grows_is_capped_and_jittered() -> None:
    waits = [backoff("k", n) for n in range(1, 14)]
    assert timedelta(seconds=5) <= waits[0] < timedelta(seconds=6)
    assert waits[1] >= timedelta(seconds=10) and waits[2] >= timedelta(seconds=20)
    assert max(waits) <= timedelta(hours=1.2)
    assert backoff("k", 3) != backoff("other", 3)


async def test_retry_after_is_respected(app: App, clock: FakeClock) -> None:
    await write(app, notice("r"))
    flaky = Flaky(1, DeliveryError("429", permanent=False, retry_after=120))
    await dispatcher(app, flaky).drain()
    clock.advance(seconds=60)
    await dispatcher(app, flaky).drain()
    assert flaky.sent == []
    clock.advance(seconds=61)
    await dispatcher(app, flaky).drain()
    assert flaky.sent == ["r"]


async def test_a_permanent_failure_is_recorded_once_and_never_retried(
    app: App, clock: FakeClock
) -> None:
    await write(app, notice("blocked"), notice("fine", GROUP))
    gone = Flaky(99, DeliveryError("Forbidden: bot was blocked by the user", permanent=True))
    stats = await dispatcher(app, gone).drain()
    assert (stats.failed, stats.sent) == (2, 0)
    clock.advance(days=1)
    await dispatcher(app, gone).drain()
    assert gone.tries == {"blocked": 1, "fine": 1}
    service = OutboxService(app.uow, clock)
    assert await service.counts() == OutboxCounts(failed=2)
    assert ("blocked", "Forbidden: bot was blocked by the user") in await service.failures()


async def test_give_up_after_max_attempts(app: App, clock: FakeClock) -> None:
    await write(app, notice("down"))
    down = Flaky(99, DeliveryError("502", permanent=False))
    service = OutboxService(app.uow, clock, max_attempts=3)
    for _ in range(5):
        await OutboxDispatcher(service, {"telegram": down}).drain()
        clock.advance(hours=2)
    assert down.tries == {"down": 3}
    assert await service.counts() == OutboxCounts(failed=1)


async def test_a_platform_without_notifier_waits(app: App) -> None:
    await write(app, notice("d", Destination.of_user("discord", "5")))
    stats = await dispatcher(app, ConsoleNotifier(out=None)).drain()
    assert stats.retried == 1
    assert await OutboxService(app.uow, app.clock).counts() == OutboxCounts(pending=1)


async def test_leases_hold_rows_until_released(app: App, clock: FakeClock) -> None:
    await write(app, notice("a"), notice("b"))
    service = OutboxService(app.uow, clock)
    claimed = await service.claim(10)  # a dispatcher that died before sending
    assert [c.key for c in claimed] == ["a", "b"]
    assert await service.claim(10) == []
    assert (await service.counts()).in_flight == 2
    assert await service.release_all() == 2  # the next leader takes them back at once
    console = ConsoleNotifier(out=None)
    await OutboxDispatcher(service, {"telegram": console}).drain()
    assert [d.key for d in console.sent] == ["a", "b"]


async def test_pacing_per_chat_and_overall(app: App) -> None:
    # one private chat at 4 a second; the group shares an overall 20 a second
    limits = Limits(overall=(20, 1), private=(4, 1), group=(10, 1))
    await write(app, *(notice(f"ana{i}") for i in range(8)))
    await write(app, *(notice(f"group{i}", GROUP) for i in range(8)))
    console = ConsoleNotifier(out=None)
    times: dict[str, float] = {}

    class Timed:
        async def send(self, destination: Destination, reply: Reply, key: str) -> None:
            times[key] = time.monotonic()
            await console.send(destination, reply, key)

    start = time.monotonic()
    await dispatcher(app, Timed(), pacers={"telegram": Pacer(limits)}).drain()
    ana = sorted(t - start for k, t in times.items() if k.startswith("ana"))
    group = sorted(t - start for k, t in times.items() if k.startswith("group"))
    assert len(ana) == len(group) == 8
    assert ana[-1] >= 0.9  # 4 at once, the other 4 at 4 a second
    assert group[-1] < 0.5  # the group is not held back by ana's chat


@pytest.mark.parametrize("batch", [1, 7])
async def test_small_batches_still_drain_everything(app: App, batch: int) -> None:
    await write(app, *(notice(f"n{i:02d}") for i in range(20)))
    console = ConsoleNotifier(out=None)
    await dispatcher(app, console, batch=batch, max_in_flight=batch * 2).drain()
    assert sorted(d.key for d in console.sent) == [f"n{i:02d}" for i in range(20)]
