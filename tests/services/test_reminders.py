"""Reminders through the console: local times across time zones, quiet hours, digests, club
subscriptions, shows, directors and lists; delivered by the scheduler (both backends)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from adapters.console.repl import ConsoleSession
from adapters.notify.console import ConsoleNotifier
from core.app import App
from core.domain.media import Credit, CreditRole, MediaKind, NewMedia
from core.services.notifications import OutboxService
from scheduler.jobs import Jobs
from scheduler.outbox import OutboxDispatcher
from tests.support.fakes import FakeClock

pytestmark = pytest.mark.usefixtures("ids")
RELEASE = date(2026, 12, 18)


def upcoming(title: str, day: date, director: str) -> NewMedia:
    """A film not released yet."""
    credit = Credit(director, CreditRole.DIRECTOR)
    return NewMedia(MediaKind.MOVIE, title, day.year, day, credits=(credit,), vote_count=10)


@pytest.fixture
async def future(app: App) -> None:
    """Two films releasing on 2026-12-18, one on 2027-03-28 (the European DST change)."""
    await app.catalog.upsert_many(
        [
            upcoming("Dune: Part Three", RELEASE, "Denis Villeneuve"),
            upcoming("Heat 2", RELEASE, "Michael Mann"),
            upcoming("Spring Forward", date(2027, 3, 28), "Agnès Varda"),
        ]
    )


class Scheduler:
    """The scheduler's sweep and the dispatcher, stepped along a fake clock."""

    def __init__(self, app: App, clock: FakeClock) -> None:
        self.clock, self.jobs = clock, Jobs(app)
        self.console = ConsoleNotifier(out=None)
        self.dispatcher = OutboxDispatcher(OutboxService(app.uow, clock), {"console": self.console})
        self.log: list[tuple[str, str, str]] = []  # (UTC time, chat, first line)

    async def run_until(self, end: datetime) -> None:
        """Wake at every due time until ``end`` (what the timers do), recording when each message
        went out; nothing is sent between wake-ups, so the log holds the exact instants."""
        while True:
            due = [d.at for d in await self.jobs.upcoming(end)]
            following = await self.jobs.next_reminder()
            if following is not None and following < end:
                due.append(following)
            if not due:
                self.clock.current = max(self.clock.now(), end)
                return
            self.clock.current = max(self.clock.now(), min(due))
            before = len(self.console.sent)
            await self.jobs.sweep()
            await self.dispatcher.drain()
            for sent in self.console.sent[before:]:
                chat = sent.destination.chat_id or f"dm:{sent.destination.user_id}"
                first = sent.reply.plain_text().splitlines()[0]
                self.log.append((self.clock.now().strftime("%m-%d %H:%M"), chat, first))


@pytest.fixture
def scheduler(app: App, clock: FakeClock) -> Scheduler:
    """Scheduler over the test app."""
    return Scheduler(app, clock)


async def person(app: App, name: str, zone: str) -> ConsoleSession:
    """Someone in a private chat with their time zone set."""
    session = ConsoleSession(app, user=name)
    assert zone in await session.handle(f"/settings timezone {zone}")
    return session


@pytest.mark.usefixtures("future")
async def test_reminders_arrive_at_nine_local_time_everywhere(
    app: App, scheduler: Scheduler
) -> None:
    for name, zone in (("ana", "Europe/Paris"), ("bob", "America/New_York"), ("kei", "Asia/Tokyo")):
        chat = await person(app, name, zone)
        answer = await chat.handle("/remind Dune: Part Three")
        assert "Subscribed to release: Dune: Part Three (2026)." in answer
        assert "2 reminders planned." in answer
    await scheduler.run_until(datetime(2026, 12, 19, tzinfo=UTC))
    first = "🔔 Reminder: Dune: Part Three (2026) — {} (2026-12-18)"
    assert scheduler.log == [
        ("12-17 00:00", "dm:kei", first.format("tomorrow")),
        ("12-17 08:00", "dm:ana", first.format("tomorrow")),
        ("12-17 14:00", "dm:bob", first.format("tomorrow")),
        ("12-18 00:00", "dm:kei", first.format("today")),
        ("12-18 08:00", "dm:ana", first.format("today")),
        ("12-18 14:00", "dm:bob", first.format("today")),
    ]


@pytest.mark.usefixtures("future")
async def test_dst_quiet_hours_and_the_reminder_hour(app: App, scheduler: Scheduler) -> None:
    ana = await person(app, "ana", "Europe/Paris")
    assert "Quiet hours: 22:00-10:00" in await ana.handle("/notifications quiet 22:00-10:00")
    await ana.handle("/remind Spring Forward 2")
    bob = await person(app, "bob", "Europe/Paris")
    assert "Reminder hour: 07:00" in await bob.handle("/notifications hour 7")
    await bob.handle("/remind Spring Forward 0")
    listed = await ana.handle("/subscriptions")
    assert "• 2027-03-26 10:00 — Spring Forward (2027)" in listed  # quiet until 10:00
    assert "• 2027-03-28 10:00 — Spring Forward (2027)" in listed
    await scheduler.run_until(datetime(2027, 3, 29, tzinfo=UTC))
    assert [(t, chat) for t, chat, _ in scheduler.log] == [
        ("03-26 09:00", "dm:ana"),  # 10:00 CET
        ("03-28 05:00", "dm:bob"),  # 07:00 CEST: the clocks went forward that night
        ("03-28 08:00", "dm:ana"),  # 10:00 CEST
    ]


@pytest.mark.usefixtures("future")
async def test_a_digest_groups_reminders_due_together(app: App, scheduler: Scheduler) -> None:
    bob = await person(app, "bob", "UTC")
    await bob.handle("/notifications digest on")
    await bob.handle("/remind Dune: Part Three 0")
    await bob.handle("/remind Heat 2 0")
    await scheduler.run_until(datetime(2026, 12, 18, 10, tzinfo=UTC))
    assert scheduler.log == [("12-18 09:00", "dm:bob", "🔔 2 reminders")]
    lines = scheduler.console.sent[-1].reply.plain_text().splitlines()
    assert lines[1:] == [
        "• Dune: Part Three (2026) — today (2026-12-18)",
        "• Heat 2 (2026) — today (2026-12-18)",
    ]


@pytest.mark.usefixtures("future")
async def test_club_subscriptions_go_to_the_group(
    app: App, scheduler: Scheduler, ids: dict[str, int]
) -> None:
    owner = ConsoleSession(app, user="ana", group="film", admin=True)
    await owner.handle("/club")  # the first user: the owner
    await owner.handle("/groupsettings timezone Asia/Tokyo")
    owner.admin = False
    member = ConsoleSession(app, user="bob", group="film")
    assert "Only club admins can manage the club's subscriptions." in await member.handle(
        "/subscribe show Severance"
    )
    answer = await owner.handle("/subscribe show Severance")
    assert "Subscribed to new episodes: Severance." in answer and "2 reminders" in answer
    await scheduler.run_until(datetime(2027, 1, 16, tzinfo=UTC))
    episode = "🔔 Reminder: Severance S03E01 “Episode 1” — {} (2027-01-15)"
    assert scheduler.log == [
        ("01-14 00:00", "group:film", episode.format("tomorrow")),  # 09:00 in Tokyo
        ("01-15 00:00", "group:film", episode.format("today")),
    ]


@pytest.mark.usefixtures("future")
async def test_directors_lists_and_unsubscribing(app: App, scheduler: Scheduler) -> None:
    ana = await person(app, "ana", "UTC")
    assert "Subscribed to new films by: Denis Villeneuve." in await ana.handle(
        "/subscribe person denis villeneuve"
    )
    await ana.handle("/add Heat 2 to Favorites")
    assert "Subscribed to releases on the list: Favorites." in await ana.handle(
        "/subscribe list Favorites"
    )
    listed = await ana.handle("/subscriptions")
    assert "Dune: Part Three (2026)" in listed and "Heat 2 (2026)" in listed
    assert "Unsubscribed from Favorites." in await ana.handle("/unsubscribe list Favorites")
    assert "Unsubscribed from Denis Villeneuve." in await ana.handle("/subscriptions") + (
        await ana.handle("1")
    )
    assert "None yet." in await ana.handle("/subscriptions")
    await scheduler.run_until(datetime(2026, 12, 19, tzinfo=UTC))
    assert scheduler.log == []  # cancelled reminders never go out


@pytest.mark.usefixtures("future")
@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            "/remind Alien",
            "Alien (1979) came out on 1979-06-01: there is nothing to remind you of.",
        ),
        ("/remind Heat 2 99", "Days before is a whole number from 0 to 30; “99” is not."),
        ("/subscribe person Nobody Atall", "I know no director called “Nobody Atall”."),
        ("/subscribe show Heat 2", "Heat 2 (2026) is not a TV show."),
        ("/subscribe list Nope", "You have no list called “Nope”."),
        ("/unsubscribe Heat 2", "You are not subscribed to Heat 2 (2026)."),
        ("/notifications hour 25", "The reminder hour is a whole number from 0 to 23."),
        ("/notifications quiet soon", "Quiet hours look like 22:00-07:00 (or off)."),
        ("/notifications digest maybe", "Digest is on or off."),
        ("/notifications friends sometimes", "friends is off, instant or daily."),
        ("/notifications colour red", "Notification settings: hour, days, quiet, digest"),
        ("/notifications quiet", "Give a value too"),
    ],
)
async def test_bad_input_is_explained_and_changes_nothing(
    app: App, line: str, message: str
) -> None:
    ana = await person(app, "ana", "UTC")
    before = await ana.handle("/notifications")
    assert message in await ana.handle(line)
    assert "None yet." in await ana.handle("/subscriptions")
    assert await ana.handle("/notifications") == before


@pytest.mark.usefixtures("future")
async def test_subscribing_twice_is_refused(app: App) -> None:
    ana = await person(app, "ana", "UTC")
    await ana.handle("/remind Heat 2")
    assert "You are already subscribed to Heat 2 (2026)." in await ana.handle("/remind Heat 2 3")
    group = ConsoleSession(app, user="ana", group="film")
    assert "Notification settings are personal" in await group.handle("/notifications")
