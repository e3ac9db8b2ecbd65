"""Friend-activity and availability notifications: scheduler jobs -> outbox -> console."""

from __future__ import annotations

import re

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from adapters.console.repl import ConsoleSession
from adapters.db import orm
from adapters.notify.console import ConsoleNotifier
from core.app import App
from core.services.notifications import OutboxService
from core.views.reply import Invocation
from scheduler.jobs import Jobs
from scheduler.outbox import OutboxDispatcher
from tests.support.fakes import FakeClock


class Post:
    """The friend-news and availability jobs, then the dispatcher, on the fake clock."""

    def __init__(self, app: App, clock: FakeClock) -> None:
        self.jobs, self.clock = Jobs(app), clock
        self.console = ConsoleNotifier(out=None)
        self.dispatcher = OutboxDispatcher(OutboxService(app.uow, clock), {"console": self.console})

    async def run(self, minutes: float = 2, *, followers: bool = False) -> list[str]:
        """Let ``minutes`` pass, run the jobs, deliver; the texts delivered now (new-follower
        notices only when ``followers``: most tests follow people to set the scene)."""
        self.clock.advance(minutes=minutes)
        before = len(self.console.sent)
        await self.jobs.friend_news()
        await self.jobs.availability()
        await self.dispatcher.drain()
        texts = [d.reply.plain_text() for d in self.console.sent[before:]]
        return [t for t in texts if followers or "now follows you" not in t]

    def to(self, user: str) -> list[str]:
        """Everything but new-follower notices delivered to a person's private chat so far
        (without buttons)."""
        texts = [d.reply.plain_text() for d in self.console.sent if d.destination.user_id == user]
        return [t for t in texts if "now follows you" not in t]


async def follow(app: App, follower: str, followee: str) -> None:
    """``follower`` follows ``followee`` by friend code."""
    shown = await ConsoleSession(app, user=followee).handle("/friends")
    code = re.search(r"Your friend code: `?(\w+)", shown)
    assert code is not None
    assert "You now follow" in await ConsoleSession(app, user=follower).handle(
        f"/follow {code.group(1)}"
    )


async def test_instant_friend_news_once_and_only_what_privacy_allows(
    app: App, clock: FakeClock, ids: dict[str, int]
) -> None:
    post = Post(app, clock)
    ana, bo, cy = (ConsoleSession(app, user=u) for u in ("ana", "bo", "cy"))
    await ana.handle("/settings privacy public")
    await follow(app, "bo", "ana")
    await follow(app, "bo", "cy")  # cy stays private
    await bo.handle("/notifications friends instant")
    await ana.handle("/rate Dune 2021 9")
    await cy.handle("/rate Heat 10")
    assert await post.run(minutes=0) == []  # younger than a minute: next run
    assert await post.run() == ["👥 ana rated Dune (2021) 9/10"]
    assert post.to("bo") == ["👥 ana rated Dune (2021) 9/10"]
    buttons = [b.action for row in post.console.sent[-1].reply.buttons for b in row]
    assert buttons == [f"md:show:{ids['Dune (2021)']}", f"wl:add:{ids['Dune (2021)']}"]
    assert await post.run() == []  # nothing twice
    await ana.handle("/watched Heat")
    await ana.handle("/rate Heat 8")
    assert await post.run() == ["👥 ana watched Heat (1995) and rated it 8/10"]
    assert post.to("ana") == [] and post.to("cy") == []


async def test_quiet_hours_postpone_friend_news(
    app: App, clock: FakeClock, ids: dict[str, int]
) -> None:
    post = Post(app, clock)
    await ConsoleSession(app, user="ana").handle("/settings privacy public")
    await follow(app, "bo", "ana")
    bo = ConsoleSession(app, user="bo")
    await bo.handle("/notifications friends instant")
    await bo.handle("/notifications quiet 11:00-13:00")  # the clock says 12:00 UTC
    await ConsoleSession(app, user="ana").handle("/rate Alien 10")
    assert await post.run() == []
    assert await post.run(minutes=60) == ["👥 ana rated Alien (1979) 10/10"]


async def test_daily_digest_at_the_reminder_hour(
    app: App, clock: FakeClock, ids: dict[str, int]
) -> None:
    post = Post(app, clock)
    ana = ConsoleSession(app, user="ana")
    await ana.handle("/settings privacy public")
    await follow(app, "bo", "ana")
    bo = ConsoleSession(app, user="bo")
    await bo.handle("/notifications friends daily")
    await bo.handle("/notifications hour 14")
    await ana.handle("/rate Alien 10")
    await ana.handle("/watched Aliens")
    assert await post.run() == []  # not the hour yet (12:02 UTC)
    delivered = await post.run(minutes=120)  # 14:04
    assert len(delivered) == 1
    assert delivered[0].startswith("👥 Your friends in the last day")
    assert "ana rated Alien (1979) 10/10" in delivered[0]
    assert "ana watched Aliens (1986)" in delivered[0]
    assert await post.run(minutes=10) == []  # one digest a day


async def test_to_watch_titles_now_streaming_are_announced_once(
    app: App, clock: FakeClock, ids: dict[str, int], sessions: async_sessionmaker[AsyncSession]
) -> None:
    async def streams(title: str, where: dict[str, list[str]]) -> None:
        async with sessions() as session:
            await session.execute(
                update(orm.Media).where(orm.Media.title == title).values(streaming=where)
            )
            await session.commit()

    post = Post(app, clock)
    ed = ConsoleSession(app, user="ed")
    await ed.handle("/add Back to the Future")
    await ed.handle("/add Amélie")
    await ed.handle("/settings services Netflix")
    await ed.handle("/notifications availability instant")
    await streams("Back to the Future", {"US": ["Netflix"]})
    await streams("Heat", {"US": ["Netflix"]})  # not on ed's To Watch list
    delivered = await post.run()
    assert delivered == [
        "📺 1 title on your To Watch list streams on your services (US)\n"
        "• Back to the Future (1985) — Netflix"
    ]
    assert await post.run(minutes=60) == []
    await streams("Amélie", {"US": ["Amazon Prime Video"], "FR": ["Netflix"]})
    assert await post.run(minutes=60) == []  # not on ed's service in ed's region
    await ed.handle("/settings region FR")
    assert await post.run(minutes=60) == [
        "📺 1 title on your To Watch list streams on your services (FR)\n• Amélie (2001) — Netflix"
    ]


async def test_a_new_follower_is_announced_once_with_follow_back(
    app: App, clock: FakeClock, ids: dict[str, int]
) -> None:
    post = Post(app, clock)
    await ConsoleSession(app, user="ana").handle("/start")
    await follow(app, "bo", "ana")
    assert await post.run(followers=True) == ["👥 bo now follows you."]
    notice = post.console.sent[-1]
    assert notice.destination.user_id == "ana"
    [[button]] = notice.reply.buttons
    assert button.label == "Follow bo back"
    ana = ConsoleSession(app, user="ana")
    answer = await app.dispatch(Invocation(ana.actor, ana.chat, action=button.action))
    assert "You now follow bo." in answer.plain_text()
    assert await post.run(followers=True) == ["👥 ana now follows you."]
    assert post.console.sent[-1].destination.user_id == "bo"
    assert post.console.sent[-1].reply.buttons == ()  # they follow each other already
    await ConsoleSession(app, user="bo").handle("/unfollow ana")
    await follow(app, "bo", "ana")
    assert await post.run(followers=True) == []  # following again is not news twice
    again = await app.dispatch(Invocation(ana.actor, ana.chat, action=button.action))
    assert again.error and "You already follow bo." in again.plain_text()
