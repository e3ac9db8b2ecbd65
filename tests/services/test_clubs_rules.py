"""Every bad club input gets a clear message and changes nothing."""

from __future__ import annotations

import pytest

from adapters.console.repl import ConsoleSession
from core.app import App
from core.views.reply import Invocation
from tests.support.fakes import FakeClock

pytestmark = pytest.mark.usefixtures("ids")


@pytest.fixture
def owner(app: App) -> ConsoleSession:
    """The first user of the group: its owner."""
    return ConsoleSession(app, user="ana", group="film")


@pytest.fixture
def member(app: App) -> ConsoleSession:
    """A member."""
    return ConsoleSession(app, user="bob", group="film")


async def _watchlist(owner: ConsoleSession) -> str:
    return await owner.handle("/clublist")


async def test_clubs_live_in_groups(app: App) -> None:
    private = ConsoleSession(app, user="ana")
    for line in ("/club", "/suggest Alien", "/poll", "/vote 1", "/clubstats"):
        assert "Clubs live in group chats" in await private.handle(line)


async def test_duplicates_and_limits(owner: ConsoleSession, member: ConsoleSession) -> None:
    await owner.handle("/club")
    await member.handle("/suggest Alien")
    assert "already on the club watchlist" in await owner.handle("/suggest Alien (1979)")
    assert "Only club admins can change club settings." in await member.handle("/club limit 1")
    assert "limit is a whole number from 1 to 50" in await owner.handle("/club limit 0")
    assert "Club settings: limit 1" in await owner.handle("/club limit 1")
    assert "You already have 1 suggestions on the club watchlist (the limit is 1)." in (
        await member.handle("/suggest Heat")
    )
    assert "Club settings:" in await owner.handle("/club colour 3")
    listed = await _watchlist(owner)
    assert "1. Alien (1979)" in listed and "Heat" not in listed


@pytest.mark.parametrize(
    ("when", "message"),
    [
        ("tomorrow 8pm", "Give the date and time as YYYY-MM-DD HH:MM"),
        ("2026-02-30 20:00", "“2026-02-30 20:00” is not a valid date and time."),
        ("2026-11-24 12:59", "A movie night must be in the future."),
        ("2028-01-01 20:00", "at most a year ahead"),
        ("2027-03-28 02:30", "2027-03-28 02:30 does not exist in Europe/Paris"),
    ],
)
async def test_bad_nights(owner: ConsoleSession, when: str, message: str) -> None:
    owner.admin = True
    await owner.handle("/groupsettings timezone Europe/Paris")  # 12:00 UTC is 13:00 in Paris
    assert message in await owner.handle(f"/night {when}")
    assert "Next movie night" not in await owner.handle("/club")


async def test_only_admins_schedule_open_and_close(
    owner: ConsoleSession, member: ConsoleSession
) -> None:
    await owner.handle("/club")
    for title in ("Alien", "Heat", "Amélie"):
        await owner.handle(f"/suggest {title}")
    assert "Only club admins can schedule movie nights." in await member.handle(
        "/night 2026-12-01 20:00"
    )
    assert "Only club admins can open polls." in await member.handle("/poll")
    member.admin = True  # a chat admin is a club admin
    assert "📊 Poll" in await member.handle("/poll")
    member.admin = False
    assert "Only club admins can close polls." in await member.handle("/closepoll")
    assert "A poll is already open" in await owner.handle("/poll approval 2")


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("/poll 4", "The club watchlist has 3 titles; a poll of 4 needs more."),
        ("/poll 11", "A poll needs 2 to 10 options (you gave 11)."),
        ("/poll ranked Alien", "A poll needs 2 to 10 options (you gave 1)."),
        ("/poll ranked Alien, Zzyzx", "I found no title matching “Zzyzx”."),
        ("/poll ranked Alien, Dune", "“Dune” matches several titles (Dune (2021), Dune (1984))"),
        ("/poll ranked Alien, Alien (1979)", "A title appears twice in the poll."),
        ("/poll approval 3 | Alien, Heat", "Give either a number of titles or the titles"),
    ],
)
async def test_bad_polls(owner: ConsoleSession, line: str, message: str) -> None:
    for title in ("Alien", "Heat", "Amélie"):
        await owner.handle(f"/suggest {title}")
    assert message in await owner.handle(line)
    assert "There is no open poll" in await owner.handle("/vote 1")


async def test_bad_votes_change_nothing(
    owner: ConsoleSession, member: ConsoleSession, clock: FakeClock
) -> None:
    for title in ("Alien", "Heat", "Amélie"):
        await owner.handle(f"/suggest {title}")
    await owner.handle("/poll")
    await member.handle("/vote 2 1")
    for ballot, message in (
        ("4", "“4” is not an option; the options are numbered 1 to 3."),
        ("1 1", "Option 1 appears twice in your vote."),
        ("first", "“first” is not an option"),
    ):
        assert message in await member.handle(f"/vote {ballot}")
    await member.handle("/club")
    await member.handle("3")  # the card's Poll button shows the poll; its 4th button is My vote
    mine = "Your ranking: 1. Heat (1995), 2. Alien (1979)."
    assert mine in await member.handle("4")
    clock.advance(days=2)  # past the deadline, before the scheduler closed it
    assert "This poll is closed." in await member.handle("/vote 3")
    assert "This poll is closed." in await member.handle("1")
    assert mine in await member.handle("4")


async def test_forged_and_stale_buttons(app: App, owner: ConsoleSession) -> None:
    for title in ("Alien", "Heat"):
        await owner.handle(f"/suggest {title}")
    await owner.handle("/poll 2")
    for action in ("cp:rk:999:1", "cp:rk:1:9", "cp:rk:x:1", "cr:n:999:8", "cs:rm:999"):
        reply = await app.dispatch(Invocation(owner.actor, owner.chat, action=action))
        assert reply.error and reply.ephemeral, action
    assert "Alien (1979)" in await owner.handle("/clublist")


async def test_bad_ratings_and_members(owner: ConsoleSession, member: ConsoleSession) -> None:
    await member.handle("/club")
    assert "11 is out of range" in await owner.handle("/clubrate Heat 11")
    assert "Nobody in the club has rated Heat (1995) yet." in await owner.handle("/clubstats Heat")
    assert "No single club member is called “zed”. Members: bob." in await owner.handle(
        "/compat zed"
    )
    assert "You and bob have not rated any title in common yet." in await owner.handle(
        "/compat bob"
    )


async def test_compat_never_quotes_a_private_members_ratings(
    owner: ConsoleSession, member: ConsoleSession
) -> None:
    for title, mine, theirs in (("Heat", 9, 8), ("Alien", 4, 9)):
        await owner.handle(f"/clubrate {title} {mine}")
        await member.handle(f"/clubrate {title} {theirs}")
    public = await owner.handle("/compat bob")
    assert "Furthest apart: Alien (1979) (4 vs 9)" in public
    await ConsoleSession(member.app, user="bob").handle("/settings privacy private")
    private = await owner.handle("/compat bob")
    assert "agreement" in private and "vs" not in private
    assert "bob keeps their ratings private." in private


async def test_toggles_on_a_group_card_answer_only_the_presser(member: ConsoleSession) -> None:
    card = await member.handle("/club")
    button = next(i for i, b in enumerate(member.buttons) if b.action == "cl:rem")
    reply = await member.app.dispatch(
        Invocation(member.actor, member.chat, action=member.buttons[button].action)
    )
    assert reply.ephemeral and not reply.replace
    assert reply.plain_text() == "Night reminders are now off for you."
    assert "bob" not in card and "you are" not in card  # the card is the group's (bob owns it)
    me = next(b.action for b in member.buttons if b.action == "cl:me")
    mine = await member.app.dispatch(Invocation(member.actor, member.chat, action=me))
    assert mine.ephemeral and mine.plain_text() == (
        "You are the owner. Night reminders: off. Club ratings also count as your own: on."
    )
