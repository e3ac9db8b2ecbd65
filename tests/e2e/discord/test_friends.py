"""Following people through the real discord.py client and the fake Discord."""

from __future__ import annotations

import re

import pytest

from tests.e2e.discord.driver import Person
from tests.e2e.discord.fake import FakeDiscord

pytestmark = pytest.mark.usefixtures("bot")


async def test_follow_by_the_friend_code_shown_in_friends(fake_discord: FakeDiscord) -> None:
    ana, bo = (
        Person(fake_discord, user_id=21, guild=False),
        Person(fake_discord, user_id=22, guild=False),
    )
    shown = await fake_discord.callback(await ana.slash("friends"))
    content = shown.body["data"]["content"]
    found = re.search(r"Your friend code: `(\w+)`", content)
    assert found is not None
    followed = await fake_discord.callback(await bo.slash("follow", who=found.group(1)))
    assert "You now follow" in followed.body["data"]["content"]
    cy = Person(fake_discord, user_id=23, guild=False)
    by_handle = await fake_discord.callback(await cy.slash("follow", who="@user21"))
    assert "You now follow User21." in by_handle.body["data"]["content"]
    mention = await fake_discord.callback(await bo.slash("follow", who="@everyone"))
    data = mention.body["data"]
    assert "I do not know @everyone yet" in data["content"]
    assert data["allowed_mentions"] == {"parse": []}
