"""Release reminders: subscriptions per person or per club, planning, firing, settings.

Planning turns a subscription into rows with a ``due_at`` (the database is the scheduler's
source of truth); firing turns due rows into outbox notices in the same transaction, grouping
digest subscribers' reminders into one message.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from core.domain.accounts import Profile
from core.domain.clubs import require_admin
from core.domain.delivery import Destination, Notice
from core.domain.errors import Conflict, InvalidInput, NotFound
from core.domain.reminders import (
    HORIZON,
    Delivery,
    DueReminder,
    NotificationSettings,
    Subscription,
    TargetKind,
    Timing,
    group_digests,
    parse_days,
    parse_quiet,
    plan,
)
from core.i18n import N_
from core.ports import UnitOfWork
from core.ports_notify import NewSubscription
from core.services.clubs import ClubBase
from core.services.notifications import enqueue
from core.views import reminder_text
from core.views.reply import ChatRef, UserRef
from core.views.speech import Voice

FIRE_BATCH = 1000


@dataclass(frozen=True, slots=True)
class Who:
    """Who asks, where: a person in a private chat, or a club admin in a group."""

    chat: ChatRef
    actor: UserRef
    profile: Profile
    admin: bool


@dataclass(frozen=True, slots=True)
class Owner:
    """Whose subscriptions: a profile's (``p:<id>``) or a club's (``c:<id>``)."""

    key: str
    destination: Destination
    timing: Timing
    profile_id: int | None = None
    club_id: int | None = None


class ReminderService(ClubBase):
    """Subscribe, unsubscribe, list, plan and fire reminders; notification settings."""

    async def owner(self, uow: UnitOfWork, who: Who, *, manage: bool = False) -> Owner:
        """The person in a private chat, the club in a group (``manage``: admins only)."""
        if who.chat.is_group:
            seat = await self.seat(uow, who.chat, who.profile.id, who.admin)
            if manage:
                require_admin(seat.role, N_("manage the club's subscriptions"))
            club = seat.club
            timing = Timing(ZoneInfo(self.zone(club)), NotificationSettings(), club.locale)
            dest = Destination(club.platform, club.chat_id, who.chat.thread_id)
            return Owner(f"c:{club.id}", dest, timing, club_id=club.id)
        settings = await uow.reminders.settings(who.profile.id)
        zone = ZoneInfo(who.profile.timezone or self._timezone)
        timing = Timing(zone, settings, who.profile.locale or who.actor.language_code)
        dest = Destination.of_user(who.actor.platform.value, who.actor.external_id)
        return Owner(f"p:{who.profile.id}", dest, timing, profile_id=who.profile.id)

    async def subscribe(
        self, who: Who, kind: TargetKind, target_id: int, name: str, days: str | None = None
    ) -> tuple[Subscription, int]:
        """Subscribe (N days before and on the day); returns it and the reminders planned."""
        async with self._uow() as uow:
            owner = await self.owner(uow, who, manage=True)
            lead = parse_days(days) if days is not None else owner.timing.settings.days_before
            new = NewSubscription(
                owner.key,
                kind,
                target_id,
                name,
                lead,
                owner.destination,
                owner.profile_id,
                owner.club_id,
            )
            sub = await uow.reminders.subscribe(new, self._clock.now())
            if sub is None:
                raise Conflict(N_("You are already subscribed to {name}."), name=name)
            planned = await self._plan(uow, sub, owner.timing)
            await uow.commit()
            return sub, planned

    async def _plan(self, uow: UnitOfWork, sub: Subscription, timing: Timing) -> int:
        now = self._clock.now()
        today = now.astimezone(timing.zone).date()
        releases = await uow.reminders.releases(sub, today, today + HORIZON)
        planned = plan(sub, releases, timing, now)
        await uow.reminders.store_plan(sub.id, planned, now)
        return len(planned)

    async def unsubscribe(self, who: Who, kind: TargetKind, target_id: int, name: str) -> None:
        """Stop a subscription (its pending reminders are cancelled)."""
        async with self._uow() as uow:
            owner = await self.owner(uow, who, manage=True)
            if not await uow.reminders.unsubscribe(owner.key, kind, target_id):
                raise NotFound(N_("You are not subscribed to {name}."), name=name)
            await uow.commit()

    async def unsubscribe_id(self, who: Who, subscription_id: int) -> Subscription:
        """Stop a subscription by id (the buttons of /subscriptions)."""
        async with self._uow() as uow:
            owner = await self.owner(uow, who, manage=True)
            found = next(
                (
                    s
                    for s in await uow.reminders.subscriptions(owner.key)
                    if s.id == subscription_id
                ),
                None,
            )
            if found is None:
                raise NotFound(N_("That subscription no longer exists."))
            await uow.reminders.unsubscribe(owner.key, found.kind, found.target_id)
            await uow.commit()
            return found

    async def subscriptions(self, who: Who) -> tuple[Owner, list[Subscription], list[DueReminder]]:
        """The owner's subscriptions and their next reminders."""
        async with self._uow() as uow:
            owner = await self.owner(uow, who)
            subs = await uow.reminders.subscriptions(owner.key)
            now = self._clock.now()
            upcoming = await uow.reminders.pending_for(
                owner.key, now - timedelta(days=1), now + HORIZON
            )
            await uow.commit()
            return owner, subs, upcoming

    async def settings(self, profile_id: int) -> NotificationSettings:
        """A profile's notification settings."""
        async with self._uow() as uow:
            return await uow.reminders.settings(profile_id)

    async def update_settings(self, who: Who, name: str, value: str) -> NotificationSettings:
        """Change one setting and re-plan the profile's reminders with it."""
        async with self._uow() as uow:
            current = await uow.reminders.settings(who.profile.id)
            updated = changed(current, name, value)
            now = self._clock.now()
            await uow.reminders.save_settings(who.profile.id, updated, now)
            owner = await self.owner(uow, who)
            for sub in await uow.reminders.subscriptions(f"p:{who.profile.id}"):
                await self._plan(uow, sub, owner.timing)
            await uow.commit()
            return updated

    async def replan_all(self, batch: int = 200) -> int:
        """Re-plan every subscription (nightly, after metadata refresh); returns how many."""
        after, done = 0, 0
        while True:
            async with self._uow() as uow:
                subs = await uow.reminders.every_subscription(after, batch)
                for sub in subs:
                    await self._plan(uow, sub, await self._timing(uow, sub))
                await uow.commit()
            if not subs:
                return done
            after, done = subs[-1].id, done + len(subs)

    async def _timing(self, uow: UnitOfWork, sub: Subscription) -> Timing:
        if sub.club_id is not None:
            club = await uow.clubs.get(sub.club_id)
            zone = (club.timezone if club else None) or self._timezone
            return Timing(ZoneInfo(zone), NotificationSettings(), club.locale if club else None)
        assert sub.profile_id is not None
        settings = await uow.reminders.settings(sub.profile_id)
        stored_zone, locale = await uow.reminders.profile_zone(sub.profile_id)
        return Timing(ZoneInfo(stored_zone or self._timezone), settings, locale)

    async def fire_due(self, limit: int = FIRE_BATCH) -> int:
        """Turn due reminders into outbox notices (one transaction); returns how many fired."""
        async with self._uow() as uow:
            now = self._clock.now()
            due = await uow.reminders.due(now, limit)
            if not due:
                return 0
            notices = [self._notice(group) for group in group_digests(due)]
            await enqueue(uow, notices, now)
            await uow.reminders.mark_sent([r.id for r in due], now)
            await uow.commit()
            return len(due)

    async def fire_all_due(self) -> int:
        """Fire until nothing is due (the catch-up after a restart)."""
        total = 0
        while fired := await self.fire_due():
            total += fired
        return total

    async def next_due(self) -> datetime | None:
        """When the next reminder is due."""
        async with self._uow() as uow:
            return await uow.reminders.next_due()

    def _notice(self, group: list[DueReminder]) -> Notice:
        first = group[0]
        voice = Voice(self._translator, first.locale or self._locale)
        if len(group) == 1 and not first.digest:
            return Notice(f"rem:{first.id}", first.destination, reminder_text.single(voice, first))
        key = f"digest:{first.id}:{len(group)}"
        return Notice(key, first.destination, reminder_text.digest(voice, group))


def changed(current: NotificationSettings, name: str, value: str) -> NotificationSettings:
    """``current`` with one setting changed (InvalidInput names the allowed values)."""
    key, raw = name.strip().casefold(), value.strip().casefold()
    if key == "hour":
        if not raw.isdigit() or int(raw) > 23:
            raise InvalidInput(N_("The reminder hour is a whole number from 0 to 23."))
        return replace(current, remind_hour=int(raw))
    if key == "days":
        return replace(current, days_before=parse_days(raw))
    if key == "quiet":
        return replace(current, quiet=parse_quiet(raw))
    if key == "digest":
        if raw not in {"on", "off"}:
            raise InvalidInput(N_("Digest is on or off."))
        return replace(current, digest=raw == "on")
    if key in {"friends", "availability"}:
        try:
            delivery = Delivery(raw)
        except ValueError:
            raise InvalidInput(N_("{setting} is off, instant or daily."), setting=key) from None
        if key == "friends":
            return replace(current, friends=delivery)
        return replace(current, availability=delivery)
    raise InvalidInput(
        N_("Notification settings: hour, days, quiet, digest, friends, availability.")
    )
