"""Calendar export: upcoming releases a person or club follows, and its movie nights.

The iCalendar text is written by an adapter (``adapters/calendar/ics.py``, the ``icalendar``
library) behind the :class:`~core.ports_notify.CalendarWriter` port. ``App`` has no field for
it, so the composition root installs it here once with :func:`install_writer`.
"""

from __future__ import annotations

from datetime import timedelta

from core.domain.reminders import HORIZON
from core.i18n import N_
from core.ports import UnitOfWork
from core.ports_notify import CalendarEvent, CalendarWriter
from core.services.clubs import ClubBase
from core.services.reminders import Owner, ReminderService, Who

_writer: list[CalendarWriter] = []


def install_writer(writer: CalendarWriter) -> None:
    """Use ``writer`` for every calendar export (called by the composition root)."""
    _writer[:] = [writer]


def installed_writer() -> CalendarWriter | None:
    """The installed writer, if any."""
    return _writer[0] if _writer else None


class CalendarService(ClubBase):
    """Collect the events of a person's or club's calendar."""

    async def events(self, who: Who) -> tuple[str, list[CalendarEvent]]:
        """(calendar name, events from today on)."""
        reminders = ReminderService(
            self._uow, self._clock, self._translator, self._locale, self._timezone
        )
        async with self._uow() as uow:
            owner = await reminders.owner(uow, who)
            events = await self._releases(uow, owner)
            club_ids = (
                [owner.club_id]
                if owner.club_id
                else [c.id for c in await uow.clubs.clubs_of(who.profile.id)]
            )
            now = self._clock.now()
            for night in await uow.club_events.nights(
                club_ids, now - timedelta(hours=6), now + HORIZON
            ):
                club = await uow.clubs.get(night.club_id)
                assert club is not None
                film = night.title or self.voice(club)._(N_("Movie night"))
                summary = f"🍿 {film} — {club.name}"
                events.append(
                    CalendarEvent(f"night-{night.id}@watchbot", summary, night.starts_at, 150)
                )
            await uow.commit()
        title = "Watchbot" if owner.club_id is None else f"Watchbot — {who.chat.title or 'club'}"
        return title, events

    async def _releases(self, uow: UnitOfWork, owner: Owner) -> list[CalendarEvent]:
        today = self._clock.now().astimezone(owner.timing.zone).date()
        events: dict[str, CalendarEvent] = {}
        for sub in await uow.reminders.subscriptions(owner.key):
            for release in await uow.reminders.releases(sub, today, today + HORIZON):
                uid = f"release-{release.media_id}-{release.episode_id}-{release.day}@watchbot"
                events[uid] = CalendarEvent(uid, f"🎬 {release.label}", release.day)
        return sorted(events.values(), key=lambda e: str(e.start))
