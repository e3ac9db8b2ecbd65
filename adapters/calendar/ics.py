"""The CalendarWriter port with ``icalendar``: an RFC 5545 file common calendar apps import.

Releases are all-day events (``DTSTART;VALUE=DATE``, the next day as ``DTEND``); movie nights are
timed in UTC. Every event has a stable UID, so importing an updated file updates the events
instead of duplicating them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from icalendar import Calendar, Event

from core.ports_notify import CalendarEvent

PRODID = "-//Watchbot//Movie club calendar//EN"


class IcsCalendarWriter:
    """Writes ``.ics`` bytes."""

    def write(self, name: str, events: Sequence[CalendarEvent], now: datetime) -> bytes:
        """The calendar ``name`` holding ``events``."""
        calendar = Calendar()
        calendar.add("prodid", PRODID)
        calendar.add("version", "2.0")
        calendar.add("calscale", "GREGORIAN")
        calendar.add("x-wr-calname", name)
        for item in events:
            event = Event()
            event.add("uid", item.uid)
            event.add("dtstamp", now)
            event.add("summary", item.summary)
            if isinstance(item.start, datetime):
                event.add("dtstart", item.start)
                event.add("dtend", item.start + timedelta(minutes=item.minutes or 120))
            else:
                event.add("dtstart", item.start)
                event.add("dtend", item.start + timedelta(days=1))
            if item.description:
                event.add("description", item.description)
            calendar.add_component(event)
        data: bytes = calendar.to_ical()
        return data
