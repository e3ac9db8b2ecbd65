"""Buttons carry the core action in their custom_id, so they outlive the process that sent them."""

from __future__ import annotations

from core.app import App
from tests.e2e.discord.conftest import running
from tests.e2e.discord.driver import Person
from tests.e2e.discord.fake import FakeDiscord


async def test_a_button_from_a_previous_run_still_works(
    app: App, fake_discord: FakeDiscord, ids: dict[str, int]
) -> None:
    me = Person(fake_discord, guild=False)
    add = f"wl:add:{ids['Heat (1995)']}"
    async with running(app, fake_discord):
        await fake_discord.callback(await me.slash("title", title="Heat (1995)"))
    first_run = fake_discord.message_with(add)

    async with running(app, fake_discord) as restarted:  # a new client: nothing in memory
        assert len(fake_discord.identifies) == 2
        added = await fake_discord.callback(await me.press(add, first_run))
    assert added.body["type"] == 4
    assert added.body["data"]["content"] == "✅ Added Heat (1995) to To Watch."
    assert restarted.is_closed()
