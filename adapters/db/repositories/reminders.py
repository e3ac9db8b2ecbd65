"""Subscriptions, planned reminders, notification settings and job state in SQL."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.db import orm
from adapters.db.repositories.outbox import insert_ignoring
from adapters.db.repositories.releases import SqlReleaseQueries
from core.domain.delivery import Destination
from core.domain.reminders import (
    DueReminder,
    NotificationSettings,
    Planned,
    Subscription,
    TargetKind,
)
from core.ports_notify import Contact, NewSubscription

PENDING, SENT, CANCELLED = "pending", "sent", "cancelled"


def _to_subscription(row: orm.Subscription) -> Subscription:
    return Subscription(
        row.id,
        row.owner_key,
        TargetKind(row.target_kind),
        row.target_id,
        row.target_name,
        row.days_before,
        Destination(row.platform, row.chat_id, row.thread_id, row.user_id),
        row.profile_id,
        row.club_id,
    )


def _to_due(row: orm.Reminder) -> DueReminder:
    return DueReminder(
        row.id,
        row.label,
        row.release_day,
        row.lead_days,
        row.due_at,
        row.digest,
        Destination(row.platform, row.chat_id, row.thread_id, row.user_id),
        row.locale,
        row.media_id,
        row.key,
    )


class SqlReminderRepository(SqlReleaseQueries):
    """ReminderRepository over one session."""

    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def settings(self, profile_id: int) -> NotificationSettings:
        """Stored settings, or the defaults."""
        row = await self._s.get(orm.NotificationSetting, profile_id)
        return NotificationSettings.from_json(row.prefs) if row else NotificationSettings()

    async def save_settings(
        self, profile_id: int, settings: NotificationSettings, now: datetime
    ) -> None:
        """Create or replace the settings."""
        row = await self._s.get(orm.NotificationSetting, profile_id)
        if row is None:
            self._s.add(
                orm.NotificationSetting(
                    profile_id=profile_id, prefs=settings.to_json(), updated_at=now
                )
            )
        else:
            row.prefs, row.updated_at = settings.to_json(), now
        await self._s.flush()

    async def subscribe(self, new: NewSubscription, now: datetime) -> Subscription | None:
        """Store a subscription unless the owner has it already."""
        exists = await self._s.scalar(
            select(orm.Subscription.id).where(
                orm.Subscription.owner_key == new.owner_key,
                orm.Subscription.target_kind == new.kind.value,
                orm.Subscription.target_id == new.target_id,
            )
        )
        if exists is not None:
            return None
        d = new.destination
        row = orm.Subscription(
            owner_key=new.owner_key,
            profile_id=new.profile_id,
            club_id=new.club_id,
            target_kind=new.kind.value,
            target_id=new.target_id,
            target_name=new.target_name[:300],
            days_before=new.days_before,
            platform=d.platform,
            chat_id=d.chat_id,
            thread_id=d.thread_id,
            user_id=d.user_id,
            created_at=now,
        )
        self._s.add(row)
        await self._s.flush()
        return _to_subscription(row)

    async def subscriptions(self, owner_key: str) -> list[Subscription]:
        """An owner's subscriptions."""
        rows = await self._s.scalars(
            select(orm.Subscription)
            .where(orm.Subscription.owner_key == owner_key)
            .order_by(orm.Subscription.id)
        )
        return [_to_subscription(r) for r in rows.all()]

    async def every_subscription(self, after_id: int, limit: int) -> list[Subscription]:
        """All subscriptions, by id, in pages."""
        rows = await self._s.scalars(
            select(orm.Subscription)
            .where(orm.Subscription.id > after_id)
            .order_by(orm.Subscription.id)
            .limit(limit)
        )
        return [_to_subscription(r) for r in rows.all()]

    async def unsubscribe(self, owner_key: str, kind: TargetKind, target_id: int) -> bool:
        """Delete a subscription; its pending reminders are cancelled."""
        sub_id = await self._s.scalar(
            select(orm.Subscription.id).where(
                orm.Subscription.owner_key == owner_key,
                orm.Subscription.target_kind == kind.value,
                orm.Subscription.target_id == target_id,
            )
        )
        if sub_id is None:
            return False
        await self._s.execute(
            update(orm.Reminder)
            .where(orm.Reminder.subscription_id == sub_id, orm.Reminder.status == PENDING)
            .values(status=CANCELLED, subscription_id=None)
        )
        await self._s.execute(
            update(orm.Reminder)
            .where(orm.Reminder.subscription_id == sub_id)
            .values(subscription_id=None)
        )
        await self._s.execute(delete(orm.Subscription).where(orm.Subscription.id == sub_id))
        return True

    async def store_plan(
        self, subscription_id: int, planned: Sequence[Planned], now: datetime
    ) -> int:
        """Insert new reminders, re-time changed ones, cancel pending ones no longer planned."""
        existing = {
            key: (rid, due)
            for rid, key, due in (
                await self._s.execute(
                    select(orm.Reminder.id, orm.Reminder.key, orm.Reminder.due_at).where(
                        orm.Reminder.subscription_id == subscription_id,
                        orm.Reminder.status == PENDING,
                    )
                )
            ).all()
        }
        wanted = {p.key for p in planned}
        stale = [rid for key, (rid, _) in existing.items() if key not in wanted]
        if stale:
            await self._s.execute(
                update(orm.Reminder).where(orm.Reminder.id.in_(stale)).values(status=CANCELLED)
            )
        for p in planned:
            if p.key in existing and existing[p.key][1] != p.due_at:
                await self._s.execute(
                    update(orm.Reminder)
                    .where(orm.Reminder.id == existing[p.key][0])
                    .values(due_at=p.due_at, digest=p.digest, locale=p.locale)
                )
        fresh = [reminder_row(p, now) for p in planned if p.key not in existing]
        if not fresh:
            return 0
        table = orm.Reminder.__table__
        result = await self._s.execute(
            insert_ignoring(self._s, table, "key").returning(table.c.id), fresh
        )
        return len(result.all())

    async def due(self, now: datetime, limit: int) -> list[DueReminder]:
        """Pending reminders due by ``now``."""
        rows = await self._s.scalars(
            select(orm.Reminder)
            .where(orm.Reminder.status == PENDING, orm.Reminder.due_at <= now)
            .order_by(orm.Reminder.due_at, orm.Reminder.id)
            .limit(limit)
        )
        return [_to_due(r) for r in rows.all()]

    async def mark_sent(self, ids: Sequence[int], now: datetime) -> None:
        """Mark reminders sent."""
        await self._s.execute(
            update(orm.Reminder)
            .where(orm.Reminder.id.in_(list(ids)))
            .values(status=SENT, sent_at=now),
            execution_options={"synchronize_session": False},
        )

    async def pending_for(
        self, owner_key: str, start: datetime, end: datetime
    ) -> list[DueReminder]:
        """An owner's pending reminders in [start, end)."""
        rows = await self._s.scalars(
            select(orm.Reminder)
            .join(orm.Subscription, orm.Subscription.id == orm.Reminder.subscription_id)
            .where(
                orm.Subscription.owner_key == owner_key,
                orm.Reminder.status == PENDING,
                orm.Reminder.due_at >= start,
                orm.Reminder.due_at < end,
            )
            .order_by(orm.Reminder.due_at, orm.Reminder.id)
        )
        return [_to_due(r) for r in rows.all()]

    async def next_due(self) -> datetime | None:
        """The next pending reminder's due time."""
        found: datetime | None = await self._s.scalar(
            select(func.min(orm.Reminder.due_at)).where(orm.Reminder.status == PENDING)
        )
        return found

    async def profile_zone(self, profile_id: int) -> tuple[str | None, str | None]:
        """A profile's time zone and locale."""
        row = (
            await self._s.execute(
                select(orm.Profile.timezone, orm.Profile.locale).where(orm.Profile.id == profile_id)
            )
        ).first()
        return (row[0], row[1]) if row else (None, None)

    async def contact(self, profile_id: int) -> Contact | None:
        """The profile's newest active identity, with its zone, language and region."""
        row = (
            await self._s.execute(
                select(
                    orm.Identity.platform,
                    orm.Identity.external_id,
                    orm.Identity.language_code,
                    orm.Profile.timezone,
                    orm.Profile.locale,
                    orm.Profile.region,
                )
                .join(orm.Profile, orm.Profile.user_id == orm.Identity.user_id)
                .where(orm.Profile.id == profile_id, orm.Identity.active.is_(True))
                .order_by(orm.Identity.created_at.desc(), orm.Identity.id.desc())
                .limit(1)
            )
        ).first()
        if row is None:
            return None
        platform, external_id, language, zone, locale, region = row
        destination = Destination.of_user(platform, external_id)
        return Contact(profile_id, destination, zone, locale or language, region)

    async def notified_profiles(self) -> list[tuple[int, NotificationSettings]]:
        """Every profile that saved notification settings."""
        rows = await self._s.execute(
            select(orm.NotificationSetting.profile_id, orm.NotificationSetting.prefs).order_by(
                orm.NotificationSetting.profile_id
            )
        )
        return [(int(p), NotificationSettings.from_json(prefs or {})) for p, prefs in rows]

    async def job_state(self, name: str) -> dict[str, Any]:
        """A job's stored state."""
        row = await self._s.get(orm.JobState, name)
        return dict(row.value) if row else {}

    async def set_job_state(self, name: str, value: dict[str, Any], now: datetime) -> None:
        """Store a job's state."""
        row = await self._s.get(orm.JobState, name)
        if row is None:
            self._s.add(orm.JobState(name=name, value=value, updated_at=now))
        else:
            row.value, row.updated_at = value, now
        await self._s.flush()


def reminder_row(p: Planned, now: datetime) -> dict[str, Any]:
    """A planned reminder as a row for a bulk insert."""
    d = p.destination
    return {
        "key": p.key,
        "subscription_id": p.subscription_id,
        "media_id": p.media_id,
        "label": p.label[:400],
        "release_day": p.release_day,
        "lead_days": p.lead_days,
        "due_at": p.due_at,
        "status": PENDING,
        "digest": p.digest,
        "locale": p.locale,
        "platform": d.platform,
        "chat_id": d.chat_id,
        "thread_id": d.thread_id,
        "user_id": d.user_id,
        "created_at": now,
    }
