"""The outbox: notifications are written with the event that causes them, then delivered.

Writers call :func:`enqueue` inside their own unit of work, so a notification exists exactly
when its event was committed. The dispatcher (``scheduler/outbox.py``) drains the outbox with
:class:`OutboxService`: claim a batch (a lease), send, mark sent; a crash between sending and
marking makes the lease run out and the row is sent again (at most once more per row in flight),
never lost. Failures are retried with exponential backoff; permanent ones are recorded once.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta

from core.domain.delivery import Claimed, Notice, OutboxCounts
from core.ports import Clock, UnitOfWork
from core.ports_notify import DeliveryError

MAX_ATTEMPTS = 8
BACKOFF_BASE = timedelta(seconds=5)
BACKOFF_CAP = timedelta(hours=1)
LEASE = timedelta(seconds=60)


async def enqueue(uow: UnitOfWork, notices: Sequence[Notice], now: datetime) -> int:
    """Write ``notices`` in the caller's transaction (duplicate keys are skipped)."""
    if not notices:
        return 0
    return await uow.outbox.add(notices, now)


def backoff(key: str, attempt: int) -> timedelta:
    """Exponential backoff (5 s, 10 s, 20 s... capped at an hour) with a stable jitter of up to
    a fifth, derived from the key so that retries of many rows spread out."""
    base: timedelta = min(BACKOFF_BASE * (2 ** max(attempt - 1, 0)), BACKOFF_CAP)
    jitter = int(hashlib.blake2s(f"{key}:{attempt}".encode(), digest_size=2).hexdigest(), 16)
    return base + base * ((jitter % 200) / 1000)


class OutboxService:
    """Claim, acknowledge, retry and give up on outbox rows (the dispatcher's use cases)."""

    def __init__(
        self,
        uow: Callable[[], UnitOfWork],
        clock: Clock,
        *,
        lease: timedelta = LEASE,
        max_attempts: int = MAX_ATTEMPTS,
    ) -> None:
        self._uow, self._clock = uow, clock
        self._lease, self._max_attempts = lease, max_attempts

    async def claim(self, limit: int) -> list[Claimed]:
        """Lease up to ``limit`` due rows for delivery."""
        async with self._uow() as uow:
            now = self._clock.now()
            claimed = await uow.outbox.claim(now, limit, now + self._lease)
            await uow.commit()
            return claimed

    async def delivered(self, ids: Sequence[int]) -> None:
        """Mark rows sent (one statement for the whole batch)."""
        if not ids:
            return
        async with self._uow() as uow:
            await uow.outbox.mark_sent(ids, self._clock.now())
            await uow.commit()

    async def failed(self, row: Claimed, error: DeliveryError) -> bool:
        """Record a failed attempt; returns True when the row will be retried."""
        async with self._uow() as uow:
            now = self._clock.now()
            attempt = row.attempts + 1
            if error.permanent or attempt >= self._max_attempts:
                await uow.outbox.fail(row.id, error.reason[:1000], now)
                await uow.commit()
                return False
            wait = backoff(row.key, attempt)
            if error.retry_after is not None:
                wait = max(wait, timedelta(seconds=error.retry_after))
            await uow.outbox.retry(row.id, now + wait, error.reason[:1000])
            await uow.commit()
            return True

    async def release_all(self) -> int:
        """Release every lease: called by the one dispatcher when it starts (a previous leader
        that held leases is gone, so its rows are sent again rather than after the lease)."""
        async with self._uow() as uow:
            released = await uow.outbox.release(self._clock.now())
            await uow.commit()
            return released

    async def counts(self) -> OutboxCounts:
        """Rows per state."""
        async with self._uow() as uow:
            return await uow.outbox.counts(self._clock.now())

    async def next_due(self) -> datetime | None:
        """When the next pending row is due."""
        async with self._uow() as uow:
            return await uow.outbox.next_due()

    async def failures(self, limit: int = 20) -> list[tuple[str, str]]:
        """The latest permanent failures (key, error)."""
        async with self._uow() as uow:
            return await uow.outbox.failures(limit)
