"""Following people, friends' activity in recommendations and trending, streaming filters."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from adapters.console.repl import ConsoleSession
from adapters.db import orm
from adapters.recommend.events import load_training_data
from adapters.recommend.training import train
from adapters.trending import SqlTrendingStore
from core.app import App
from core.domain.social import friend_code
from tests.support.fakes import FakeClock
from tests.support.tastes import app_with_tastes

TASTES = {
    "ana": {"Heat": 9, "The Godfather": 10},
    "bo": {"Heat": 8, "The Godfather": 9, "Amélie": 4},
    "cy": {"Alien": 9, "Aliens": 9, "Dune 2021": 8},
    "di": {"Alien": 10, "Dune 2021": 9, "Dune 1984": 6},
}


@pytest.fixture
async def world(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock, tmp_path: Path
) -> App:
    """An app with a trained engine and four people with tastes."""
    trending = SqlTrendingStore(sessions)  # decayed scores, as in production without Redis
    app = await app_with_tastes(sessions, clock, tmp_path, TASTES, trending)
    assert train(await load_training_data(sessions), tmp_path).promoted
    return app


async def code_of(app: App, user: str) -> str:
    """The friend code /friends shows."""
    found = re.search(
        r"Your friend code: `?(\w+)", await ConsoleSession(app, user=user).handle("/friends")
    )
    assert found is not None
    return found.group(1)


async def test_follow_by_code_with_friendly_errors(world: App) -> None:
    bo = ConsoleSession(world, user="bo")
    code = await code_of(world, "ana")
    answer = await bo.handle(f"/follow {code.lower()}")  # case does not matter
    assert "You now follow ana." in answer
    assert "activity stays private" in answer  # ana never chose a privacy: private
    assert "You already follow ana." in await bo.handle(f"/follow {code}")
    assert "your own friend code" in await ConsoleSession(world, user="ana").handle(
        f"/follow {code}"
    )
    assert "is not a friend code" in await bo.handle("/follow nobody")
    assert "I do not know @nobody yet" in await bo.handle("/follow @nobody")
    assert "You now follow cy." in await bo.handle("/follow @CY")  # a handle, any case
    assert f"No one has the friend code {friend_code(987_654)}" in await bo.handle(
        f"/follow {friend_code(987_654)}"
    )
    friends = await bo.handle("/friends")
    assert "You follow" in friends and "• ana (activity private)" in friends
    assert "Following you" in await ConsoleSession(world, user="ana").handle("/friends")
    assert "You no longer follow ana." in await bo.handle("/unfollow ana")
    assert "You do not follow anyone called “ana”" in await bo.handle("/unfollow ana")


async def test_follow_by_name_among_club_members(world: App) -> None:
    ana = ConsoleSession(world, user="ana", group="film-club")
    bo = ConsoleSession(world, user="bo", group="film-club")
    await ana.handle("/club")
    await bo.handle("/club")
    assert "You now follow ana." in await bo.handle("/follow @ana")
    assert "No club member here is called “cy”" in await bo.handle("/follow cy")


async def test_privacy_decides_what_followers_see(world: App) -> None:
    bo, ana = ConsoleSession(world, user="bo"), ConsoleSession(world, user="ana")
    await bo.handle(f"/follow {await code_of(world, 'ana')}")
    assert "Nothing from your friends" in await bo.handle("/feed")
    await ana.handle("/settings privacy friends")
    assert "Nothing from your friends" in await bo.handle("/feed")  # not mutual yet
    await ana.handle(f"/follow {await code_of(world, 'bo')}")
    feed = await bo.handle("/feed")
    assert "ana rated The Godfather (1972) 10/10" in feed
    await ana.handle("/settings privacy private")
    assert "Nothing from your friends" in await bo.handle("/feed")


async def test_friends_ratings_lift_recommendations_and_name_the_friend(world: App) -> None:
    ana, cy = ConsoleSession(world, user="ana"), ConsoleSession(world, user="cy")
    before = await ana.handle("/recommend")
    assert "Popular with your friends" not in before
    await cy.handle("/settings privacy public")
    await ana.handle(f"/follow {await code_of(world, 'cy')}")
    await cy.handle("/rate Back to the Future 10")  # fresher than the trained model
    after = await ana.handle("/recommend")
    line = next(line for line in after.splitlines() if "Back to the Future" in line)
    assert "Popular with your friends: cy" in line
    assert line.startswith(("1. ", "2. ", "3. "))


async def test_trending_among_friends_and_in_the_club(world: App) -> None:
    ana = ConsoleSession(world, user="ana")
    assert "You follow no one" in await ana.handle("/trending friends")
    cy = ConsoleSession(world, user="cy")
    await cy.handle("/settings privacy public")
    await ana.handle(f"/follow {await code_of(world, 'cy')}")
    friends = await ana.handle("/trending month friends")
    assert "among your friends" in friends
    titles = [line for line in friends.splitlines() if line[:1].isdigit()]
    assert {t.split(". ", 1)[1].split(" 🔥")[0] for t in titles} == {
        "Alien (1979)",
        "Aliens (1986)",
        "Dune (2021)",
    }
    assert "works in a club's group chat" in await ana.handle("/trending club")
    for user in ("ana", "bo"):
        await ConsoleSession(world, user=user, group="crime").handle("/club")
    club = await ConsoleSession(world, user="ana", group="crime").handle("/trending club")
    assert "in the club" in club and "Heat (1995)" in club and "Alien" not in club


async def test_streaming_services_filter(
    world: App, sessions: async_sessionmaker[AsyncSession]
) -> None:
    async with sessions() as session:
        for title, where in (
            ("Back to the Future", {"US": ["Netflix"], "DE": ["Prime Video"]}),
            ("Amélie", {"US": ["Amazon Prime Video"]}),
        ):
            await session.execute(
                update(orm.Media).where(orm.Media.title == title).values(streaming=where)
            )
        await session.commit()
    di = ConsoleSession(world, user="di")
    assert "Tell me your streaming services first" in await di.handle("/recommend streaming")
    assert "Use /recommend, or /recommend streaming" in await di.handle("/recommend sideways")
    await di.handle("/settings privacy friends")
    settings = await di.handle("/settings services netflix, Disney  Plus")
    assert "Streaming services: netflix, Disney Plus" in settings
    assert (
        "Privacy of new lists, reviews and your activity: friends" in settings
    )  # other settings kept
    streaming = await di.handle("/recommend streaming")
    picks = [line for line in streaming.splitlines() if line[:1].isdigit()]
    assert "On your streaming services (US)" in streaming
    assert len(picks) == 1 and "Back to the Future (1985)" in picks[0]
    tonight = await di.handle("/tonight 150 streaming")
    assert [line for line in tonight.splitlines() if line[:1].isdigit()] == picks
    await di.handle("/settings services prime")
    await di.handle("/settings region DE")
    picks = [line for line in (await di.handle("/recommend streaming")).splitlines()]
    assert any("Back to the Future" in p for p in picks) and not any("Amélie" in p for p in picks)
    assert "List up to 12 streaming services" in await di.handle(
        "/settings services " + ", ".join(f"S{i}" for i in range(13))
    )
    assert "Streaming services: prime" in await di.handle("/settings")  # unchanged


async def test_the_title_card_shows_what_friends_rated(world: App) -> None:
    bo = ConsoleSession(world, user="bo")
    await bo.handle(f"/follow {await code_of(world, 'ana')}")
    await bo.handle(f"/follow {await code_of(world, 'cy')}")
    assert "Friends:" not in await bo.handle("/title Heat")  # ana's ratings are private
    await ConsoleSession(world, user="ana").handle("/settings privacy public")
    assert "Friends: ana 9/10" in await bo.handle("/title Heat")
    for user, value in (("cy", 7), ("di", 10), ("ed", 6)):
        await ConsoleSession(world, user=user).handle("/settings privacy public")
        await ConsoleSession(world, user=user).handle(f"/rate Heat {value}")
        await bo.handle(f"/follow {await code_of(world, user)}")
    assert "Friends: di 10/10, ana 9/10, cy 7/10 and 1 more" in await bo.handle("/title Heat")
