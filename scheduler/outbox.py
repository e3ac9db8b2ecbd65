"""The outbox dispatcher: claim due rows, send them through the right notifier, acknowledge.

A pipeline with a bounded number of rows in flight: claims top it up a batch at a time, each
row is a task that waits for its platform's pace and sends, and acknowledgements are written in
batches (one ``UPDATE`` per ``flush_interval`` or ``batch`` rows). A row is *in flight* from its
claim until its acknowledgement is committed; a crash in between sends it again after restart
(the new leader releases the old leases at once), so duplicates are bounded by the rows in
flight and nothing is lost. Failures go back to the core, which retries with backoff or gives up
on permanent ones.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Mapping
from dataclasses import dataclass, field

from core.domain.delivery import Claimed
from core.ports_notify import DeliveryError, Notifier
from core.services.notifications import OutboxService
from scheduler.ratelimit import Pacer

log = logging.getLogger(__name__)


@dataclass
class DispatchStats:
    """What one drain did."""

    sent: int = 0
    retried: int = 0
    failed: int = 0
    claimed: int = 0
    seconds: float = 0.0
    by_platform: dict[str, int] = field(default_factory=dict)


class OutboxDispatcher:
    """Delivers the outbox; one per elected scheduler process."""

    def __init__(
        self,
        service: OutboxService,
        notifiers: Mapping[str, Notifier],
        pacers: Mapping[str, Pacer] | None = None,
        *,
        batch: int = 500,
        max_in_flight: int = 2000,
        flush_interval: float = 0.05,
        idle_poll: float = 1.0,
    ) -> None:
        self._service, self._notifiers = service, dict(notifiers)
        self._pacers = dict(pacers or {})
        self._batch, self._max_in_flight = batch, max_in_flight
        self._flush_interval, self._idle_poll = flush_interval, idle_poll
        self._wake = asyncio.Event()
        self._acks: list[int] = []
        self._failures: list[tuple[Claimed, DeliveryError]] = []

    async def release_leases(self) -> int:
        """Release every lease (called when this process becomes the only dispatcher)."""
        return await self._service.release_all()

    def wake(self) -> None:
        """New rows were written: look now instead of at the next poll."""
        self._wake.set()

    async def run(self, stop: asyncio.Event) -> None:
        """Drain, then sleep until woken, the idle poll, or ``stop``."""
        stopping = asyncio.ensure_future(stop.wait())
        try:
            while not stop.is_set():
                self._wake.clear()
                try:
                    await self.drain()
                except Exception:
                    log.exception("outbox drain failed; retrying after the idle poll")
                waking = asyncio.ensure_future(self._wake.wait())
                await asyncio.wait(
                    {stopping, waking}, timeout=self._idle_poll, return_when=asyncio.FIRST_COMPLETED
                )
                waking.cancel()
        finally:
            stopping.cancel()

    async def drain(self) -> DispatchStats:
        """Send everything due now; returns when nothing is due or in flight."""
        stats, started = DispatchStats(), time.perf_counter()
        in_flight: set[asyncio.Task[None]] = set()
        exhausted, last_flush = False, time.monotonic()
        try:
            while True:
                if not exhausted and len(in_flight) <= self._max_in_flight - self._batch:
                    rows = await self._service.claim(self._batch)
                    stats.claimed += len(rows)
                    exhausted = len(rows) < self._batch
                    in_flight.update(asyncio.create_task(self._deliver(r, stats)) for r in rows)
                if not in_flight:
                    await self._flush(stats)
                    if exhausted:
                        break
                    continue
                _, in_flight = await asyncio.wait(
                    in_flight, timeout=self._flush_interval, return_when=asyncio.FIRST_COMPLETED
                )
                if (
                    len(self._acks) + len(self._failures) >= self._batch
                    or time.monotonic() - last_flush >= self._flush_interval
                ):
                    await self._flush(stats)
                    last_flush = time.monotonic()
        finally:
            for task in in_flight:
                task.cancel()
            await self._flush(stats)
        stats.seconds = time.perf_counter() - started
        return stats

    async def _flush(self, stats: DispatchStats) -> None:
        # every database write happens here, one at a time, never inside the sending tasks
        if self._acks:
            acks, self._acks = self._acks, []
            await self._service.delivered(acks)
        failures, self._failures = self._failures, []
        for row, error in failures:
            if await self._service.failed(row, error):
                stats.retried += 1
                log.info("outbox row %s will be retried: %s", row.key, error.reason)
            else:
                stats.failed += 1
                log.warning("outbox row %s failed for good: %s", row.key, error.reason)

    async def _deliver(self, row: Claimed, stats: DispatchStats) -> None:
        platform = row.destination.platform
        notifier = self._notifiers.get(platform)
        try:
            if notifier is None:
                raise DeliveryError(f"no notifier for {platform}", permanent=False, retry_after=600)
            pacer = self._pacers.get(platform)
            if pacer is not None:
                async with pacer.slot(row.destination):
                    await notifier.send(row.destination, row.reply, row.key)
            else:
                await notifier.send(row.destination, row.reply, row.key)
        except DeliveryError as error:
            self._failures.append((row, error))
            return
        except Exception as error:  # a bug or an unmapped transport error: retry, loudly
            log.exception("sending outbox row %s failed", row.key)
            self._failures.append((row, DeliveryError(repr(error), permanent=False)))
            return
        self._acks.append(row.id)
        stats.sent += 1
        stats.by_platform[platform] = stats.by_platform.get(platform, 0) + 1
