"""Who sees an answer in a server: the channel for club commands, the caller for personal ones.

Everything goes through the real discord.py client and the fake Discord; ``flags`` of 64 on a
response is Discord's ephemeral ("only you can see this") message.
"""

from __future__ import annotations

from typing import Any

import pytest

from core.app import App
from core.views.reply import Platform, UserRef
from tests.e2e.discord.driver import Person, custom_ids
from tests.e2e.discord.fake import EPHEMERAL, Call, FakeDiscord
from tests.e2e.discord.payloads import APP_ID, MANAGE_GUILD, MEMBER_PERMISSIONS

MESSAGE, DEFERRED, UPDATE = 4, 5, 7
ADMIN = MEMBER_PERMISSIONS | MANAGE_GUILD
pytestmark = pytest.mark.usefixtures("bot")


async def answered(fake: FakeDiscord, interaction: dict[str, Any]) -> tuple[int, str, int]:
    """(response type, content, flags) of the bot's answer to ``interaction``."""
    call = await fake.callback(interaction)
    data = call.body.get("data") or {}
    return call.body["type"], str(data.get("content", "")), int(data.get("flags") or 0)


async def test_club_commands_answer_the_whole_channel(fake_discord: FakeDiscord) -> None:
    ana = Person(fake_discord, user_id=41, permissions=ADMIN)
    kind, content, flags = await answered(fake_discord, await ana.slash("club"))
    assert (kind, flags) == (MESSAGE, 0)
    assert content.startswith("**🎬 Film Club**")

    kind, content, flags = await answered(fake_discord, await ana.slash("suggest", title="Alien"))
    assert (content, flags) == ("✅ Suggested Alien (1979) to the club (#1 on the watchlist).", 0)
    await answered(fake_discord, await ana.slash("suggest", title="Heat (1995)"))
    poll = await fake_discord.callback(await ana.slash("poll", method="approval", size=2))
    data = poll.body["data"]
    assert data["content"].startswith("**📊 Poll: what do we watch next?")
    assert not data.get("flags")
    assert data["allowed_mentions"] == {"parse": []}  # public, and still pings nobody

    vote = next(c for c in custom_ids(data) if c.startswith("cp:ap:"))
    bob = Person(fake_discord, user_id=42)
    kind, content, flags = await answered(fake_discord, await bob.press(vote))
    assert (kind, flags) == (MESSAGE, EPHEMERAL)  # a ballot on a public poll stays private
    assert content.startswith("🗳 ")


async def test_personal_commands_stay_private_in_a_server(fake_discord: FakeDiscord) -> None:
    me = Person(fake_discord, user_id=43)
    kind, content, flags = await answered(fake_discord, await me.slash("lists"))
    assert (kind, flags) == (MESSAGE, EPHEMERAL)
    assert content.startswith("**Your lists**")
    _, _, flags = await answered(fake_discord, await me.slash("lists", share=True))
    assert flags == 0


async def test_private_true_keeps_a_club_answer_to_oneself(fake_discord: FakeDiscord) -> None:
    me = Person(fake_discord, user_id=44)
    _, content, flags = await answered(fake_discord, await me.slash("clublist", private=True))
    assert (content.splitlines()[0], flags) == ("**Club watchlist (0)**", EPHEMERAL)
    _, _, flags = await answered(fake_discord, await me.slash("clublist", private=False))
    assert flags == 0


async def test_errors_of_club_commands_stay_private(fake_discord: FakeDiscord) -> None:
    member = Person(fake_discord, user_id=45)
    _, content, flags = await answered(fake_discord, await member.slash("poll", size=3))
    assert (content, flags) == ("⚠️ Only club admins can open polls.", EPHEMERAL)


async def test_in_a_dm_nothing_is_ephemeral(fake_discord: FakeDiscord) -> None:
    me = Person(fake_discord, user_id=46, guild=False)
    _, _, flags = await answered(fake_discord, await me.slash("lists"))
    assert flags == 0


async def test_trending_is_public_for_the_club_scope_only(fake_discord: FakeDiscord) -> None:
    me = Person(fake_discord, user_id=47)
    _, content, flags = await answered(fake_discord, await me.slash("trending", filters="club"))
    assert (content.splitlines()[0], flags) == ("**Trending this week · in the club**", 0)
    _, _, flags = await answered(fake_discord, await me.slash("trending"))
    assert flags == EPHEMERAL
    _, _, flags = await answered(
        fake_discord, await me.slash("trending", filters="club", share=False)
    )
    assert flags == EPHEMERAL
    _, _, flags = await answered(
        fake_discord, await me.slash("trending", filters="week", share=True)
    )
    assert flags == 0


async def test_club_buttons_on_a_public_card_answer_the_channel(
    fake_discord: FakeDiscord, ids: dict[str, int]
) -> None:
    ana = Person(fake_discord, user_id=48, permissions=ADMIN)
    await answered(fake_discord, await ana.slash("suggest", title="Alien"))
    card = (await fake_discord.callback(await ana.slash("club"))).body["data"]
    assert not card.get("flags")

    bob = Person(fake_discord, user_id=49)
    shelf = await fake_discord.callback(await bob.press("cl:wl"))
    assert (shelf.body["type"], shelf.body["data"].get("flags")) == (MESSAGE, None)
    assert shelf.body["data"]["content"].startswith("**Club watchlist (1)**")

    # a personal button on the public watchlist (the title's own card) answers Bob alone
    details = f"md:show:{ids['Alien (1979)']}"
    assert details in custom_ids(shelf.body["data"])
    kind, _, flags = await answered(fake_discord, await bob.press(details))
    assert (kind, flags) == (MESSAGE, EPHEMERAL)

    # a personal toggle on the public card answers Bob alone and leaves the card as it is
    kind, content, flags = await answered(fake_discord, await bob.press("cl:rem"))
    assert (kind, flags) == (MESSAGE, EPHEMERAL)
    assert content == "Night reminders are now off for you."


async def test_club_buttons_on_a_private_card_stay_private(fake_discord: FakeDiscord) -> None:
    me = Person(fake_discord, user_id=50)
    card = await fake_discord.callback(await me.slash("club", private=True))
    assert card.body["data"]["flags"] == EPHEMERAL
    message = fake_discord.message_with("cl:st")
    assert message["flags"] == EPHEMERAL
    kind, content, flags = await answered(fake_discord, await me.press("cl:st", message))
    assert (kind, flags) == (MESSAGE, EPHEMERAL)
    assert content.startswith("**Film Club: club statistics**")


async def test_a_slow_club_command_is_deferred_publicly_but_its_error_is_private(
    fake_discord: FakeDiscord, app: App, ids: dict[str, int]
) -> None:
    # the only member has seen every title: /grouppick fails after its public "thinking…"
    me = Person(fake_discord, user_id=51)
    account = await app.accounts.ensure(UserRef(Platform.DISCORD, "51", "Fifty-one"))
    for media_id in ids.values():
        await app.watching.mark_watched(account.profile.id, media_id)
    picked = await me.slash("grouppick")
    followup = await fake_discord.followup(picked)
    calls: list[Call] = fake_discord.calls_for(picked)
    deferral, deleted, sent = calls
    assert deferral.body["type"] == DEFERRED and not deferral.body.get("data", {}).get("flags")
    assert (deleted.method, deleted.path) == (
        "DELETE",
        f"/webhooks/{APP_ID}/{picked['token']}/messages/@original",
    )
    assert sent == followup
    assert followup.body["flags"] == EPHEMERAL
    assert followup.body["content"].startswith("⚠️ Nothing to pick for the club yet")
