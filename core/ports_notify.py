"""Ports of reminders and delivery: subscriptions, planned reminders, the outbox, notifiers.

``UnitOfWork`` exposes the repositories as ``uow.reminders`` and ``uow.outbox``; notifiers and
the calendar writer are implemented in ``adapters/notify`` and ``adapters/calendar``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol

from core.domain.delivery import Claimed, Destination, Notice, OutboxCounts
from core.domain.reminders import (
    DueReminder,
    NotificationSettings,
    Planned,
    Release,
    Subscription,
    TargetKind,
)
from core.views.reply import Reply


@dataclass(frozen=True, slots=True)
class Contact:
    """A person's private chat, region, time zone and language (for unprompted messages)."""

    profile_id: int
    destination: Destination
    zone: str | None
    locale: str | None
    region: str | None


class DeliveryError(Exception):
    """A platform refused a message: ``permanent`` (blocked, chat gone) or worth retrying."""

    def __init__(self, reason: str, *, permanent: bool, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.reason, self.permanent, self.retry_after = reason, permanent, retry_after


class Notifier(Protocol):
    """Sends an unprompted message to one destination on one platform."""

    async def send(self, destination: Destination, reply: Reply, key: str) -> None:
        """Deliver ``reply``; ``key`` is the outbox row's idempotency key (platforms that
        deduplicate, such as Discord's nonce, get it). Raises DeliveryError."""
        ...


@dataclass(frozen=True, slots=True)
class CalendarEvent:
    """One entry of an exported calendar: a whole-day release or a timed movie night."""

    uid: str
    summary: str
    start: datetime | date
    minutes: int = 0  # duration of timed events
    description: str = ""


class CalendarWriter(Protocol):
    """Turns events into an iCalendar (.ics) file."""

    def write(self, name: str, events: Sequence[CalendarEvent], now: datetime) -> bytes:
        """The calendar as bytes."""
        ...


@dataclass(frozen=True, slots=True)
class NewSubscription:
    """A subscription to store."""

    owner_key: str
    kind: TargetKind
    target_id: int
    target_name: str
    days_before: int
    destination: Destination
    profile_id: int | None
    club_id: int | None


class ReminderRepository(Protocol):
    """Subscriptions, planned reminders, notification settings and job state."""

    async def settings(self, profile_id: int) -> NotificationSettings:
        """A profile's settings (defaults when never saved)."""
        ...

    async def save_settings(
        self, profile_id: int, settings: NotificationSettings, now: datetime
    ) -> None:
        """Store a profile's settings."""
        ...

    async def subscribe(self, new: NewSubscription, now: datetime) -> Subscription | None:
        """Store a subscription; None when the owner already has it."""
        ...

    async def subscriptions(self, owner_key: str) -> list[Subscription]:
        """An owner's subscriptions, oldest first."""
        ...

    async def every_subscription(self, after_id: int, limit: int) -> list[Subscription]:
        """All subscriptions by id (for the nightly re-planning)."""
        ...

    async def unsubscribe(self, owner_key: str, kind: TargetKind, target_id: int) -> bool:
        """Delete a subscription and cancel its pending reminders; False when there was none."""
        ...

    async def releases(self, sub: Subscription, start: date, end: date) -> list[Release]:
        """What the subscription's target releases in [start, end]."""
        ...

    async def store_plan(
        self, subscription_id: int, planned: Sequence[Planned], now: datetime
    ) -> int:
        """Insert new planned reminders, move changed ones, cancel pending ones no longer planned;
        returns how many were added."""
        ...

    async def due(self, now: datetime, limit: int) -> list[DueReminder]:
        """Pending reminders due by ``now``, oldest first."""
        ...

    async def mark_sent(self, ids: Sequence[int], now: datetime) -> None:
        """Mark reminders sent."""
        ...

    async def pending_for(
        self, owner_key: str, start: datetime, end: datetime
    ) -> list[DueReminder]:
        """An owner's pending reminders due in [start, end) (the calendar)."""
        ...

    async def next_due(self) -> datetime | None:
        """When the next pending reminder is due."""
        ...

    async def profile_zone(self, profile_id: int) -> tuple[str | None, str | None]:
        """A profile's (time zone, locale) settings."""
        ...

    async def contact(self, profile_id: int) -> Contact | None:
        """Where and how to reach a person privately (their newest active identity)."""
        ...

    async def notified_profiles(self) -> list[tuple[int, NotificationSettings]]:
        """Every profile that saved notification settings, with them."""
        ...

    async def people(self, name_key: str, limit: int) -> list[tuple[int, str]]:
        """Directors whose name matches, as (person id, name)."""
        ...

    async def job_state(self, name: str) -> dict[str, Any]:
        """A job's stored state (empty when none)."""
        ...

    async def set_job_state(self, name: str, value: dict[str, Any], now: datetime) -> None:
        """Store a job's state."""
        ...


class OutboxRepository(Protocol):
    """Messages waiting for delivery."""

    async def add(self, notices: Sequence[Notice], now: datetime) -> int:
        """Write notices; a key already present is skipped. Returns how many were written."""
        ...

    async def claim(self, now: datetime, limit: int, lease_until: datetime) -> list[Claimed]:
        """Lease up to ``limit`` due rows (skipping rows another dispatcher holds)."""
        ...

    async def mark_sent(self, ids: Sequence[int], now: datetime) -> None:
        """Rows delivered."""
        ...

    async def retry(self, row_id: int, at: datetime, error: str) -> None:
        """Count a failed attempt and release the row until ``at``."""
        ...

    async def fail(self, row_id: int, error: str, now: datetime) -> None:
        """Give up on a row, recording why."""
        ...

    async def release(self, now: datetime) -> int:
        """Release every lease (the caller is the only dispatcher left); returns how many."""
        ...

    async def counts(self, now: datetime) -> OutboxCounts:
        """Rows per state."""
        ...

    async def next_due(self) -> datetime | None:
        """When the next pending row is due."""
        ...

    async def failures(self, limit: int) -> list[tuple[str, str]]:
        """(key, error) of failed rows, latest first."""
        ...
