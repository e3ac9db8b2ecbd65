"""A movie night on Discord: slash commands and buttons through the real client, scheduled
messages through the outbox and the Discord notifier (REST), all against the fake Discord."""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator
from typing import Any

import pytest

from adapters.notify.discord import DiscordNotifier, nonce
from core.app import App
from core.services.notifications import OutboxService
from scheduler.jobs import Jobs
from scheduler.outbox import OutboxDispatcher
from tests.e2e.discord.driver import Person, custom_ids
from tests.e2e.discord.fake import Call, FakeDiscord
from tests.e2e.discord.payloads import CHANNEL_ID, MANAGE_GUILD, MEMBER_PERMISSIONS
from tests.support.fakes import FakeClock

ADMIN = MEMBER_PERMISSIONS | MANAGE_GUILD
DMS = itertools.count(920000000000000000)


class FakeDiscordWithDMs(FakeDiscord):
    """The fake Discord, plus opening DM channels (``POST /users/@me/channels``)."""

    def __init__(self) -> None:
        super().__init__()
        self.dm_channels: dict[str, int] = {}  # user id -> channel id

    def _answer(self, call: Call) -> tuple[int, Any]:
        if (call.method, call.path) == ("POST", "/users/@me/channels"):
            user = str(call.body["recipient_id"])
            channel = self.dm_channels.setdefault(user, next(DMS))
            return 200, {"id": str(channel), "type": 1, "recipients": [{"id": user}]}
        return super()._answer(call)


@pytest.fixture
async def fake_discord() -> AsyncIterator[FakeDiscord]:
    """The fake Discord (with DMs), listening."""
    fake = FakeDiscordWithDMs()
    await fake.start()
    yield fake
    await fake.close()


class Scheduler:
    """The scheduler's jobs and the dispatcher, delivering through the Discord notifier."""

    def __init__(self, app: App, fake: FakeDiscord, notifier: DiscordNotifier) -> None:
        self.jobs, self.fake = Jobs(app), fake
        self.dispatcher = OutboxDispatcher(OutboxService(app.uow, app.clock), {"discord": notifier})

    async def wake(self) -> list[Call]:
        """Run what is due and deliver it; returns the messages it posted."""
        mark = len(self.fake.calls)
        await self.jobs.sweep()
        await self.dispatcher.drain()
        return [
            c for c in self.fake.calls[mark:] if c.method == "POST" and c.path.endswith("/messages")
        ]


@pytest.fixture
async def scheduler(app: App, fake_discord: FakeDiscord, bot: object) -> AsyncIterator[Scheduler]:
    """A REST-only notifier logged in to the same fake."""
    notifier = DiscordNotifier("fake-token", fake_discord.api_url, fake_discord.gateway_url)
    await notifier.start()
    yield Scheduler(app, fake_discord, notifier)
    await notifier.close()


async def said(fake: FakeDiscord, interaction: dict[str, Any]) -> str:
    """The content of the bot's answer to an interaction."""
    answer = await fake.callback(interaction)
    return str(answer.body["data"]["content"])


@pytest.mark.usefixtures("ids")
async def test_a_movie_night_on_discord(
    fake_discord: FakeDiscord, scheduler: Scheduler, clock: FakeClock
) -> None:
    fake = fake_discord
    ana = Person(fake, user_id=21, permissions=ADMIN)
    bob, cyd, dan = (Person(fake, user_id=n) for n in (22, 23, 24))
    assert "(#1 on the watchlist)" in await said(fake, await ana.slash("suggest", title="Alien"))
    assert "(#2 on" in await said(fake, await bob.slash("suggest", title="Heat (1995)"))
    assert "(#3 on" in await said(fake, await cyd.slash("suggest", title="Dune (2021)"))
    assert "2026-11-28 20:00 (UTC)" in await said(
        fake, await ana.slash("night", when="2026-11-28 20:00")
    )
    refused = await said(fake, await bob.slash("poll", method="ranked", size=3))
    assert refused == "⚠️ Only club admins can open polls."

    opened = await fake.callback(await ana.slash("poll", method="ranked", size=3))
    assert opened.body["data"]["content"].startswith("**📊 Poll: what do we watch next?")
    assert not opened.body["data"].get("flags")  # a poll is for the whole channel
    options = [c for c in custom_ids(opened.body["data"]) if c.startswith("cp:rk:")]
    assert len(options) == 3

    assert "Your ranking: 1. Alien (1979), 2. Heat (1995)" in await said(
        fake, await ana.slash("vote", choices="1 2 3")
    )
    await said(fake, await bob.slash("vote", choices="1 3 2"))
    for option in (options[1], options[0], options[2]):  # Cyd ranks with the buttons
        answer = await said(fake, await cyd.press(option))
    assert answer == "🗳 Your ranking: 1. Heat (1995), 2. Alien (1979), 3. Dune (2021)."
    await said(fake, await dan.slash("vote", choices="3 2 1"))

    clock.advance(hours=24)
    [announced] = await scheduler.wake()
    assert announced.path == f"/channels/{CHANNEL_ID}/messages"
    assert announced.body["content"].startswith("**🏆 Alien (1979) wins the poll!** (ranked")
    assert announced.body["enforce_nonce"] is True  # Discord drops a repeat of this row
    poll_id = options[0].split(":")[2]
    assert announced.body["nonce"] == nonce(f"poll:{poll_id}:closed")  # the outbox key
    assert announced.body["allowed_mentions"] == {"parse": []}

    clock.advance(days=3, hours=6)  # two hours before the night: a DM to every member
    reminders = await scheduler.wake()
    dms = {str(c) for c in fake.dm_channels.values()}  # type: ignore[attr-defined]
    assert len(reminders) == 4 and {c.path.split("/")[2] for c in reminders} == dms
    assert all("in 2 hours" in c.body["content"] for c in reminders)

    clock.advance(hours=5)
    [ask] = await scheduler.wake()
    assert ask.body["content"] == "**How was Alien (1979)? Rate it for the club:**"
    rate = next(c for c in custom_ids(ask.body) if c.endswith(":8"))
    for person in (ana, bob, cyd, dan):
        assert (await said(fake, await person.press(rate))).startswith("✅ Rated Alien (1979) 8/10")

    card = await said(fake, await bob.slash("club"))
    assert "Last night: Alien (1979)" in card
    stats = await said(fake, await bob.slash("clubstats", title="Alien (1979)"))
    assert "Mean 8.0 · median 8 · 4 ratings" in stats
