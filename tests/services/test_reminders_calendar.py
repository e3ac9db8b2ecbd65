"""/calendar: upcoming releases and movie nights as an iCalendar file (icalendar adapter)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest
from icalendar import Calendar

from adapters.calendar.ics import IcsCalendarWriter
from adapters.console.repl import ConsoleSession
from core.app import App
from core.domain.media import MediaKind, NewMedia
from core.services import calendar
from core.views.reply import Invocation

pytestmark = pytest.mark.usefixtures("ids")


@pytest.fixture
def writer() -> Iterator[None]:
    """The icalendar writer, installed as the composition root does."""
    calendar.install_writer(IcsCalendarWriter())
    yield
    calendar._writer.clear()


async def _export(app: App, session: ConsoleSession) -> Calendar:
    reply = await app.dispatch(Invocation(session.actor, session.chat, command="calendar"))
    assert reply.image is not None and not reply.error, reply.plain_text()
    assert (reply.image.filename, reply.image.mime_type) == ("watchbot.ics", "text/calendar")
    return Calendar.from_ical(reply.image.data)


def _events(cal: Calendar) -> list[tuple[str, object]]:
    return sorted((str(e["SUMMARY"]), e.decoded("DTSTART")) for e in cal.walk("VEVENT"))


@pytest.mark.usefixtures("writer")
async def test_a_person_and_a_club_export_their_calendars(app: App) -> None:
    await app.catalog.upsert(
        NewMedia(MediaKind.MOVIE, "Dune: Part Three", 2026, date(2026, 12, 18))
    )
    owner = ConsoleSession(app, user="ana", group="film")
    await owner.handle("/suggest Alien")
    await owner.handle("/suggest Heat")
    await owner.handle("/night 2026-11-28 20:00")
    await owner.handle("/poll 2")
    await owner.handle("/vote 1")
    await owner.handle("/closepoll")
    await owner.handle("/subscribe show Severance")
    private = ConsoleSession(app, user="ana")
    await private.handle("/remind Dune: Part Three")

    mine = await _export(app, private)
    assert str(mine["X-WR-CALNAME"]) == "Watchbot" and str(mine["VERSION"]) == "2.0"
    assert _events(mine) == [
        ("🍿 Alien (1979) — film", datetime(2026, 11, 28, 20, tzinfo=UTC)),
        ("🎬 Dune: Part Three (2026)", date(2026, 12, 18)),
    ]
    uids = [str(e["UID"]) for e in mine.walk("VEVENT")]
    assert len(set(uids)) == 2 and all(u.endswith("@watchbot") for u in uids)

    club = await _export(app, owner)
    assert _events(club) == [
        ("🍿 Alien (1979) — film", datetime(2026, 11, 28, 20, tzinfo=UTC)),
        ("🎬 Severance S03E01 “Episode 1”", date(2027, 1, 15)),
    ]
    assert "Your calendar: 2 events." in await private.handle("/calendar")


async def test_without_a_writer_the_command_says_so(app: App) -> None:
    answer = await ConsoleSession(app, user="ana").handle("/calendar")
    assert "Calendar export is not available here." in answer
