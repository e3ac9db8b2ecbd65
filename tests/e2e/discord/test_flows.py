"""Commands, buttons, modals and permissions through the real client and the fake Discord."""

from __future__ import annotations

import pytest

from core.app import App
from core.views.reply import Platform, UserRef
from tests.e2e.discord import payloads
from tests.e2e.discord.driver import Person, components, custom_ids, labels
from tests.e2e.discord.fake import EPHEMERAL, FakeDiscord
from tests.e2e.discord.payloads import APP_ID, CHANNEL_ID, MANAGE_GUILD, MEMBER_PERMISSIONS

NO_MENTIONS: dict[str, list[str]] = {"parse": []}
MESSAGE, DEFERRED, UPDATE, MODAL = 4, 5, 7, 9
pytestmark = pytest.mark.usefixtures("bot")


async def test_search_then_to_watch_then_lists(
    fake_discord: FakeDiscord, ids: dict[str, int]
) -> None:
    me = Person(fake_discord)
    found = await fake_discord.followup(await me.slash("search", query="Heat"))
    add = f"wl:add:{ids['Heat (1995)']}"
    assert add in custom_ids(found.body)

    added = await fake_discord.callback(await me.press(add))
    assert added.body["type"] == MESSAGE
    assert added.body["data"]["content"] == "✅ Added Heat (1995) to To Watch."
    assert added.body["data"]["flags"] == EPHEMERAL  # personal data stays private in a server

    shown = await fake_discord.callback(await me.slash("lists", share=True))
    assert "• **To Watch** — 1 title" in shown.body["data"]["content"]
    assert not shown.body["data"].get("flags")  # shared on request
    to_watch = next(i for i, label in labels(shown.body["data"]).items() if "To Watch" in label)

    opened = await fake_discord.callback(await me.press(to_watch))
    assert opened.body["type"] == UPDATE  # the list replaces the overview in place
    assert "1. Heat (1995)" in opened.body["data"]["content"]


async def test_a_slow_search_is_deferred_then_followed_up(fake_discord: FakeDiscord) -> None:
    me = Person(fake_discord, guild=False)
    search = await me.slash("search", query="Dune")
    await fake_discord.followup(search)
    callback, followup = fake_discord.calls_for(search)
    assert (callback.method, callback.path) == (
        "POST",
        f"/interactions/{search['id']}/{search['token']}/callback",
    )
    assert callback.body["type"] == DEFERRED
    assert (followup.method, followup.path) == ("POST", f"/webhooks/{APP_ID}/{search['token']}")
    content = followup.body["content"]
    assert content.startswith("**Results for “Dune”**")
    assert "**Dune (2021)**" in content and "**Dune (1984)**" in content
    assert followup.body["allowed_mentions"] == NO_MENTIONS


async def test_a_review_through_a_modal_is_escaped_spoilered_and_pings_nobody(
    app: App, fake_discord: FakeDiscord, ids: dict[str, int]
) -> None:
    me = Person(fake_discord)
    alien = ids["Alien (1979)"]
    modal = await fake_discord.callback(await me.slash("review", title="Alien (1979)"))
    assert modal.body["type"] == MODAL
    form = modal.body["data"]
    assert form["custom_id"] == f"rv:sub:{alien}"
    inputs = {c["custom_id"]: c for c in components(form) if c["type"] == 4}
    assert list(inputs) == ["text", "spoiler"]
    assert (inputs["text"]["style"], inputs["text"]["min_length"]) == (2, 20)

    text = "@everyone the *twist*: Ash is a robot || <@&1> ||"
    saved = await fake_discord.callback(
        await me.submit(f"rv:sub:{alien}", {"text": text, "spoiler": "yes"})
    )
    data = saved.body["data"]
    assert data["allowed_mentions"] == NO_MENTIONS
    assert data["flags"] == EPHEMERAL
    assert data["content"].endswith(r"||@everyone the \*twist\*: Ash is a robot \|\| <@&1> \|\|||")
    account = await app.accounts.ensure(UserRef(Platform.DISCORD, str(me.user_id)))
    review = await app.ratings.review(account.profile.id, alien)
    assert review is not None and review.spoiler and review.body == text


async def test_the_review_button_opens_the_modal_too(
    fake_discord: FakeDiscord, ids: dict[str, int]
) -> None:
    me = Person(fake_discord)
    heat = ids["Heat (1995)"]
    card = await fake_discord.callback(await me.slash("title", title="Heat (1995)"))
    embed = card.body["data"]["embeds"][0]
    assert embed["title"] == "Heat (1995)"
    modal = await fake_discord.callback(await me.press(f"rv:ask:{heat}"))
    assert (modal.body["type"], modal.body["data"]["custom_id"]) == (MODAL, f"rv:sub:{heat}")


async def test_group_settings_are_for_admins(fake_discord: FakeDiscord) -> None:
    member = Person(fake_discord, user_id=21)
    refused = await fake_discord.callback(
        await member.slash("groupsettings", setting="timezone", value="Asia/Tokyo")
    )
    assert refused.body["data"]["content"] == "⚠️ Only admins can change the group settings."
    assert refused.body["data"]["flags"] == EPHEMERAL

    admin = Person(fake_discord, user_id=22, permissions=MEMBER_PERMISSIONS | MANAGE_GUILD)
    accepted = await fake_discord.callback(
        await admin.slash("groupsettings", setting="timezone", value="Asia/Tokyo")
    )
    assert "Time zone: Asia/Tokyo" in accepted.body["data"]["content"]


async def test_the_configured_role_makes_an_admin(fake_discord: FakeDiscord) -> None:
    moderator = Person(fake_discord, user_id=23, roles=(payloads.ADMIN_ROLE_ID,))
    accepted = await fake_discord.callback(
        await moderator.slash("groupsettings", setting="timezone", value="Europe/Paris")
    )
    assert "Time zone: Europe/Paris" in accepted.body["data"]["content"]


@pytest.mark.parametrize("custom_id", ["zz:gone:1", "wl:add:not-a-number"])
async def test_a_stale_button_gets_a_private_friendly_message(
    fake_discord: FakeDiscord, custom_id: str
) -> None:
    button = {"type": 2, "style": 2, "label": "Old", "custom_id": custom_id}
    old = payloads.message(1, CHANNEL_ID, {"components": [{"type": 1, "components": [button]}]})
    answer = await fake_discord.callback(await Person(fake_discord).press(custom_id, old))
    assert answer.body["type"] == MESSAGE
    assert (
        answer.body["data"]["content"] == "That button has expired. Please run the command again."
    )
    assert answer.body["data"]["flags"] == EPHEMERAL


async def test_newlist_without_a_name_opens_a_modal(app: App, fake_discord: FakeDiscord) -> None:
    me = Person(fake_discord)
    modal = await fake_discord.callback(await me.slash("newlist"))
    assert (modal.body["type"], modal.body["data"]["custom_id"]) == (MODAL, "wl:new")
    inputs = {c["custom_id"]: c for c in components(modal.body["data"]) if c["type"] == 4}
    assert list(inputs) == ["name", "description"]
    too_short = await fake_discord.callback(await me.submit("wl:new", {"name": "x"}))
    assert "2 to 100 characters" in too_short.body["data"]["content"]
    created = await fake_discord.callback(
        await me.submit("wl:new", {"name": "Heists", "description": "Crews and vaults"})
    )
    assert created.body["data"]["content"].endswith("Created the list Heists.")
    account = await app.accounts.ensure(UserRef(Platform.DISCORD, str(me.user_id)))
    names = [w.name for w in await app.lists.lists(account.profile.id)]
    assert names[-1] == "Heists"
