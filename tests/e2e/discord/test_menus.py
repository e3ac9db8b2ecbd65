"""Replies with more buttons than Discord shows: overflow goes into a select menu."""

from __future__ import annotations

import pytest

from tests.e2e.discord.driver import Person
from tests.e2e.discord.fake import FakeDiscord

BUTTON, MENU = 2, 3
pytestmark = pytest.mark.usefixtures("bot")


async def test_ten_lists_fit_as_buttons_plus_a_menu_that_works(fake_discord: FakeDiscord) -> None:
    me = Person(fake_discord, guild=False)
    for name in ("Noir", "Horror nights", "Kids", "Classics", "Docs", "Anime"):
        created = await fake_discord.callback(await me.slash("newlist", name=name))
        assert created.body["data"]["content"] == f"✅ Created the list {name}."
    shown = await fake_discord.callback(await me.slash("lists"))
    rows = [row["components"] for row in shown.body["data"]["components"]]
    assert [[c["type"] for c in row] for row in rows] == [
        [BUTTON],
        [BUTTON],
        [BUTTON],
        [MENU],
        [BUTTON],
    ]
    menu = rows[3][0]
    assert menu["custom_id"] == "watchbot.menu.0"
    options = {o["label"]: o["value"] for o in menu["options"]}
    assert list(options) == [
        "Completed (0)",
        "Anime (0)",
        "Classics (0)",
        "Docs (0)",
        "Horror nights (0)",
        "Kids (0)",
    ]
    assert [row[0].get("label") for row in rows if row[0]["type"] == BUTTON] == [
        "Favorites (0)",
        "To Watch (0)",
        "Watching (0)",
        "Noir (0)",  # the last row stays a row of buttons (pagers live there)
    ]
    assert menu["placeholder"] == "More…"

    chosen = await fake_discord.callback(await me.choose(menu["custom_id"], options["Kids (0)"]))
    assert chosen.body["type"] == 7
    assert chosen.body["data"]["content"].startswith("**Kids**")
