"""A movie night end to end in the console: suggest, schedule, poll, vote, close by schedule,
remind, rate; the club card, stats and compatibility show the result (both backends)."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from adapters.console.repl import ConsoleSession
from adapters.db.uow import SqlUnitOfWork
from adapters.notify.console import ConsoleNotifier
from bot.bootstrap import build_app
from bot.settings import Settings
from core.app import App
from core.ports import Suggestion
from core.services.notifications import OutboxService
from scheduler.jobs import Jobs
from scheduler.outbox import OutboxDispatcher
from tests.support.fakes import FakeClock

pytestmark = pytest.mark.usefixtures("ids")
ANNOUNCEMENT = (
    "🏆 Alien (1979) wins the poll! (ranked choice, 4 votes)\n"
    "Round 1: Alien (1979) 2 · Heat (1995) 1 · Dune (2021) 1. Tie between Heat (1995), "
    "Dune (2021): Dune (2021) is out because it had fewer points counting every preference "
    "(Heat (1995) 8, Dune (2021) 7).\n"
    "Round 2: Alien (1979) 2 · Heat (1995) 2. Tie between Alien (1979), Heat (1995): "
    "Heat (1995) is out because it had fewer votes in an earlier round "
    "(Alien (1979) 2, Heat (1995) 1).\n"
    "It is now on the club's Watching list. Movie night: 2026-11-28 20:00 (Europe/Paris)."
)


class Club:
    """Four people in the console group "film", the scheduler's jobs and a console notifier."""

    def __init__(self, app: App, clock: FakeClock) -> None:
        self.app, self.clock = app, clock
        self.ana, self.bob, self.cy, self.dee = (
            ConsoleSession(app, user=name, group="film") for name in ("ana", "bob", "cy", "dee")
        )
        self.console = ConsoleNotifier(out=None)
        self.jobs = Jobs(app)
        self.dispatcher = OutboxDispatcher(OutboxService(app.uow, clock), {"console": self.console})

    async def run_scheduler(self) -> list[str]:
        """What the scheduler does when it wakes now; returns the texts it delivered."""
        before = len(self.console.sent)
        await self.jobs.sweep()
        await self.dispatcher.drain()
        return [d.reply.plain_text() for d in self.console.sent[before:]]


@pytest.fixture
async def club(app: App, clock: FakeClock) -> Club:
    """The club, its owner ana having set Paris time."""
    club = Club(app, clock)
    assert "film" in await club.ana.handle("/club")
    club.ana.admin = True  # groupsettings is for chat admins; the club owner is one here
    await club.ana.handle("/groupsettings timezone Europe/Paris")
    club.ana.admin = False
    return club


async def test_a_full_movie_night(club: Club, clock: FakeClock) -> None:
    ana, bob, cy, dee = club.ana, club.bob, club.cy, club.dee
    assert "Suggested Alien (1979) to the club (#1" in await ana.handle("/suggest Alien")
    assert "(#2 on the watchlist)" in await bob.handle("/suggest Heat")
    assert "(#3 on the watchlist)" in await cy.handle("/suggest Dune 2021")
    assert "Movie night scheduled for 2026-11-28 20:00 (Europe/Paris)." in await ana.handle(
        "/night 2026-11-28 20:00"
    )
    poll = await ana.handle("/poll ranked 3")
    assert "1. Alien (1979)\n2. Heat (1995)\n3. Dune (2021)" in poll
    assert "Closes 2026-11-25 13:00 (Europe/Paris)." in poll  # 24 hours later
    assert "Your ranking: 1. Alien (1979), 2. Heat (1995), 3. Dune (2021)." in await ana.handle(
        "/vote 1 2 3"
    )
    await bob.handle("/vote 3 2")  # changes his mind before the deadline:
    assert "Your ranking: 1. Alien (1979), 2. Dune (2021)" in await bob.handle("/vote 1 3 2")
    await cy.handle("/vote 2 1 3")
    await dee.handle("/poll")  # dee can't open polls, but can vote with buttons, in order:
    assert "Open poll (ranked choice): 3 votes" in await dee.handle("/club")
    assert "📊 Poll: what do we watch next?" in await dee.handle("3")  # the card's Poll button
    for button in ("3", "2", "1"):  # Dune, Heat, Alien
        answer = await dee.handle(button)
    assert "Your ranking: 1. Dune (2021), 2. Heat (1995), 3. Alien (1979)." in answer

    clock.advance(hours=23, minutes=59)
    assert await club.run_scheduler() == []  # not yet
    clock.advance(minutes=1)
    assert await club.run_scheduler() == [ANNOUNCEMENT]
    assert await club.run_scheduler() == []  # closed once

    await dee.handle("/club")
    assert "Night reminders are now off for you." in await dee.handle("4")  # dee opts out
    clock.advance(days=3, hours=5)  # 2026-11-28 17:00 UTC = 18:00 in Paris, 2 hours before
    reminders = await club.run_scheduler()
    assert (
        reminders
        == [
            "🍿 Movie night with film in 2 hours!\n2026-11-28 20:00 (Europe/Paris): Alien (1979).\n"
            "Turn these reminders off with /club in the group."
        ]
        * 3
    )
    assert sorted(d.destination.user_id or "" for d in club.console.sent[-3:]) == [
        "ana",
        "bob",
        "cy",
    ]

    clock.advance(hours=5)  # the night began 3 hours ago: ask for ratings
    [ask] = await club.run_scheduler()
    assert ask == "How was Alien (1979)? Rate it for the club:"
    assert [b.label for row in club.console.sent[-1].reply.buttons for b in row] == [
        str(v) for v in range(1, 11)
    ]
    for person, value in ((ana, "8"), (bob, "6"), (cy, "9"), (dee, "8")):
        person.show(club.console.sent[-1].reply)  # the message each of them sees
        assert f"Rated Alien (1979) {value}/10 for the club." in await person.handle(value)

    card = await ana.handle("/club")
    assert "Last night: Alien (1979)" in card and "Watchlist: 2 titles" in card
    stats = await ana.handle("/clubstats")
    assert "• 2026-11-28 Alien (1979) — mean 7.8 from 4" in stats
    assert "• ana — 1 win, rated 7.8" in stats
    title = await bob.handle("/clubstats Alien")
    assert "Mean 7.8 · median 8 · 4 ratings" in title
    assert " 8 ██" in title and "Rated by ana, bob, cy, dee." in title
    assert "You and cy: 89% agreement" in await ana.handle("/compat cy")


async def test_ratings_are_personal_unless_turned_off(app: App, club: Club) -> None:
    await club.bob.handle("/club")
    assert "Club ratings also count as your own: off." in await club.bob.handle("5")
    await club.bob.handle("/clubrate Heat 4")
    await club.ana.handle("/clubrate Heat 9")
    bob = await app.accounts.ensure(club.bob.actor)
    ana = await app.accounts.ensure(club.ana.actor)
    heat = (await app.catalog.resolve("Heat")).media
    assert heat is not None
    assert await app.ratings.rating(bob.profile.id, heat.id) is None
    assert await app.ratings.rating(ana.profile.id, heat.id) == 9


async def test_private_members_are_counted_not_named(app: App, club: Club) -> None:
    await club.cy.handle("/clubrate Heat 5")
    await ConsoleSession(app, user="cy").handle("/settings privacy private")
    await club.ana.handle("/clubrate Heat 7")
    assert "Rated by ana and 1 more." in await club.bob.handle("/clubstats Heat")


async def test_an_approval_poll_with_buttons(club: Club, clock: FakeClock) -> None:
    for person, title in ((club.ana, "Alien"), (club.bob, "Heat"), (club.cy, "Amélie")):
        await person.handle(f"/suggest {title}")
    poll = await club.ana.handle("/poll approval")
    assert "📊 What do we watch next?" in poll
    assert "You approve: Alien (1979), Amélie (2001)." in await club.bob.handle("/vote 3 1")
    await club.cy.handle("/poll")  # cy presses nothing: she votes with /vote
    await club.cy.handle("/vote 2 3")
    assert "You approve: Heat (1995)." in await club.ana.handle("/vote 2")
    closed = await club.ana.handle("/closepoll")
    assert closed.startswith("🏆 Heat (1995) wins the poll! (approval, 3 votes)")
    assert "Round 1: Alien (1979) 1 · Heat (1995) 2 · Amélie (2001) 2. Tie between Heat" in closed
    assert "Amélie (2001) is out because it is listed later in the poll" in closed.replace(
        "\n", " "
    )
    clock.advance(hours=1)
    [announced] = await club.run_scheduler()  # the same announcement, once, in the group
    assert announced.startswith("🏆 Heat (1995) wins the poll! (approval, 3 votes)")


class GroupPicks:
    """A recommendation engine that suggests the same titles to any group."""

    def __init__(self, media_ids: list[int]) -> None:
        self.media_ids = media_ids
        self.groups: list[list[int]] = []

    @property
    def version(self) -> str:
        """A trained model."""
        return "test"

    async def for_group(self, profile_ids: Sequence[int], n: int) -> list[Suggestion]:
        """The first ``n`` titles, whoever asks."""
        self.groups.append(sorted(profile_ids))
        return [Suggestion(m, 1.0, "group", {}) for m in self.media_ids[:n]]


async def test_a_poll_of_group_recommendations(
    app: App, clock: FakeClock, sessions: async_sessionmaker[AsyncSession], ids: dict[str, int]
) -> None:
    untrained = ConsoleSession(app, user="ana", group="film")
    before = await untrained.handle("/grouppick")  # no model yet: popular titles answer
    assert "For the club" in before and "Popular right now" in before
    engine = GroupPicks([ids["Heat (1995)"], ids["The Godfather (1972)"], ids["Amélie (2001)"]])
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    uow = lambda: SqlUnitOfWork(sessions)  # noqa: E731
    picked = build_app(uow, settings, clock, recommender=engine)  # type: ignore[arg-type]
    await ConsoleSession(picked, user="bob", group="film").handle("/club")
    poll = await ConsoleSession(picked, user="ana", group="film").handle("/poll approval picks 2")
    assert "1. Heat (1995)\n2. The Godfather (1972)\n" in poll
    assert engine.groups == [sorted(engine.groups[0])] and len(engine.groups[0]) == 2
