"""Unprompted news: what followed friends rated and watched (instant or a daily digest), and
titles on a person's To Watch list that turned up on their streaming services.

Both are written to the outbox with idempotency keys, so a job that runs twice (a restart,
two processes) sends nothing twice; quiet hours postpone, never drop.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Self
from zoneinfo import ZoneInfo

from core.domain.delivery import Notice
from core.domain.lists import SystemList
from core.domain.media import Media
from core.domain.reminders import Delivery, NotificationSettings, outside_quiet
from core.domain.social import FriendActivity, FriendEvent, shares_activity
from core.domain.streaming import matching_providers, streaming_services
from core.i18n import Translator
from core.ports import Clock, UnitOfWork
from core.ports_notify import Contact
from core.services.notifications import enqueue
from core.services.social import SocialService
from core.views import present, social_text
from core.views.speech import Voice

STATE = "friend_news"
BATCH = 500
#: Events this old are not news any more (also where a first run starts).
NEWS_AGE = timedelta(days=1)
#: Events younger than this wait for the next run (their transaction may still be open).
SETTLE = timedelta(minutes=1)
DIGEST_SIZE = 20
TO_WATCH_SCAN = 500
TOLD = "availability_told"

if TYPE_CHECKING:
    from core.app import App


class SocialNews:
    """The friend-activity and availability notification jobs."""

    def __init__(
        self,
        uow: Callable[[], UnitOfWork],
        clock: Clock,
        translator: Translator,
        locale: str = "en",
        timezone: str = "UTC",
    ) -> None:
        self._uow, self._clock, self._translator = uow, clock, translator
        self._locale, self._timezone = locale, timezone
        self._social = SocialService(uow, clock)

    @classmethod
    def of(cls, app: App) -> Self:
        """The jobs over an app's unit of work, clock and translator."""
        return cls(app.uow, app.clock, app.translator, app.default_locale, app.default_timezone)

    def _voice(self, contact: Contact) -> Voice:
        return Voice(self._translator, contact.locale or self._locale)

    def _zone(self, contact: Contact) -> ZoneInfo:
        return ZoneInfo(contact.zone or self._timezone)

    # ------------------------------------------------------------------ friends, instant
    async def friend_news(self) -> int:
        """New ratings and watches -> instant notices to followers who want them."""
        sent = 0
        while True:
            async with self._uow() as uow:
                now = self._clock.now()
                after = int((await uow.reminders.job_state(STATE)).get("after", 0))
                events = await uow.follows.events_after(after, now - NEWS_AGE, now - SETTLE, BATCH)
                if not events:
                    return sent
                notices = await self._instant(uow, events, now)
                sent += await enqueue(uow, notices, now)
                await uow.reminders.set_job_state(STATE, {"after": events[-1].id}, now)
                await uow.commit()
            if len(events) < BATCH:
                return sent

    async def _instant(
        self, uow: UnitOfWork, events: list[FriendEvent], now: datetime
    ) -> list[Notice]:
        grouped: dict[tuple[int, int], list[FriendEvent]] = defaultdict(list)
        for event in events:
            grouped[(event.activity.profile_id, event.activity.media_id)].append(event)
        media = await uow.media.get_many(list({m for _, m in grouped}))
        names = await uow.accounts.display_names(list({f for f, _ in grouped}))
        wanting = _Cache(uow)
        notices = []
        for (friend, media_id), found in grouped.items():
            if media_id not in media:
                continue
            for follower in await self._audience(uow, friend):
                settings, contact = await wanting.get(follower)
                if settings.friends is not Delivery.INSTANT or contact is None:
                    continue
                reply = social_text.friend_news(
                    self._voice(contact),
                    names.get(friend, "?"),
                    media[media_id],
                    [e.activity for e in found],
                )
                due = outside_quiet(now, self._zone(contact), settings.quiet)
                key = f"friend:{follower}:{found[-1].id}"
                notices.append(Notice(key, contact.destination, reply, due if due > now else None))
        return notices

    async def _audience(self, uow: UnitOfWork, friend: int) -> list[int]:
        """Followers of ``friend`` that ``friend``'s privacy lets hear about it."""
        followers = await uow.follows.followers(friend)
        if not followers:
            return []
        visibility = (await uow.follows.visibilities([friend])).get(friend)
        back = set(await uow.follows.following(friend))
        return [f for f in followers if shares_activity(visibility, f in back)]

    # ------------------------------------------------------------------ friends, daily
    async def friend_digests(self) -> int:
        """At each follower's reminder hour (local), one digest of the last day's activity."""
        sent = 0
        async with self._uow() as uow:
            now = self._clock.now()
            wanting = _Cache(uow)
            notices = []
            for follower in await uow.follows.all_followers():
                settings, contact = await wanting.get(follower)
                if settings.friends is not Delivery.DAILY or contact is None:
                    continue
                local = now.astimezone(self._zone(contact))
                if local.hour != settings.remind_hour:
                    continue
                lines = await self._digest_lines(uow, follower, now)
                if not lines:
                    continue
                reply = social_text.friends_digest(self._voice(contact), lines)
                due = outside_quiet(now, self._zone(contact), settings.quiet)
                key = f"friends-digest:{follower}:{local.date().isoformat()}"
                notices.append(Notice(key, contact.destination, reply, due if due > now else None))
            sent += await enqueue(uow, notices, now)
            await uow.commit()
        return sent

    async def _digest_lines(
        self, uow: UnitOfWork, follower: int, now: datetime
    ) -> list[tuple[str, FriendActivity, Media]]:
        friends = await self._social.sharing(uow, follower)
        found = await uow.follows.activity(friends, now - NEWS_AGE, DIGEST_SIZE)
        names = await uow.accounts.display_names(friends)
        media = await uow.media.get_many(list({a.media_id for a in found}))
        return [
            (names.get(a.profile_id, "?"), a, media[a.media_id])
            for a in found
            if a.media_id in media
        ]

    # ------------------------------------------------------------------ availability
    async def availability(self) -> int:
        """To Watch titles newly on a person's streaming services -> one notice each run
        (instant: now; daily: at their reminder hour). Each title is announced once."""
        sent = 0
        async with self._uow() as uow:
            now = self._clock.now()
            for profile_id, settings in await uow.reminders.notified_profiles():
                if settings.availability is Delivery.OFF:
                    continue
                notice = await self._availability(uow, profile_id, settings, now)
                if notice is not None:
                    sent += await enqueue(uow, [notice], now)
            await uow.commit()
        return sent

    async def _availability(
        self, uow: UnitOfWork, profile_id: int, settings: NotificationSettings, now: datetime
    ) -> Notice | None:
        profile = await uow.accounts.profile(profile_id)
        contact = await uow.reminders.contact(profile_id)
        services = streaming_services(profile) if profile else []
        if profile is None or contact is None or not services:
            return None
        zone = self._zone(contact)
        if settings.availability is Delivery.DAILY and now.astimezone(zone).hour != (
            settings.remind_hour
        ):
            return None
        region = present.region_of(profile.region, contact.locale or self._locale)
        to_watch = await uow.lists.system(profile_id, SystemList.TO_WATCH)
        items = await uow.lists.items(to_watch.id, 0, TO_WATCH_SCAN)
        told = await uow.activity.media_with(profile_id, (TOLD,))
        media = await uow.media.get_many([i.media_id for i in items if i.media_id not in told])
        found = []
        for item in media.values():
            providers = matching_providers(item.streaming.get(region, ()), services)
            if providers:
                found.append((item, providers))
                await uow.activity.record(
                    profile_id, TOLD, item.id, {"region": region, "providers": providers}, now
                )
        if not found:
            return None
        reply = social_text.now_streaming(self._voice(contact), region, found)
        due = outside_quiet(now, zone, settings.quiet)
        key = f"available:{profile_id}:{min(m.id for m, _ in found)}:{now.isoformat()}"
        return Notice(key, contact.destination, reply, due if due > now else None)


class _Cache:
    """Each follower's settings and contact, read once per run."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow
        self._known: dict[int, tuple[NotificationSettings, Contact | None]] = {}

    async def get(self, profile_id: int) -> tuple[NotificationSettings, Contact | None]:
        if profile_id not in self._known:
            settings = await self._uow.reminders.settings(profile_id)
            contact = None
            if settings.friends is not Delivery.OFF:
                contact = await self._uow.reminders.contact(profile_id)
            self._known[profile_id] = (settings, contact)
        return self._known[profile_id]
