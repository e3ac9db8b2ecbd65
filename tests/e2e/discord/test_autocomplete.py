"""Title options autocomplete from the local catalog."""

from __future__ import annotations

import pytest

from tests.e2e.discord.driver import Person
from tests.e2e.discord.fake import FakeDiscord

AUTOCOMPLETE_RESULT = 8
pytestmark = pytest.mark.usefixtures("bot")


async def suggestions(fake: FakeDiscord, command: str, option: str, text: str) -> list[str]:
    """The choice names the bot offers while ``text`` is typed."""
    answer = await fake.callback(await Person(fake).type_ahead(command, option, text))
    assert answer.body["type"] == AUTOCOMPLETE_RESULT
    return [choice["name"] for choice in answer.body["data"]["choices"]]


@pytest.mark.parametrize(
    ("typed", "first"),
    [("Alie", "Alien (1979)"), ("back to", "Back to the Future (1985)"), ("dune", "Dune (2021)")],
)
async def test_a_prefix_suggests_the_right_title_first(
    fake_discord: FakeDiscord, typed: str, first: str
) -> None:
    assert (await suggestions(fake_discord, "add", "title", typed))[0] == first


async def test_a_chosen_suggestion_names_exactly_one_title(fake_discord: FakeDiscord) -> None:
    answer = await fake_discord.callback(
        await Person(fake_discord).slash("add", title="Dune (1984)")
    )
    assert answer.body["data"]["content"] == "✅ Added Dune (1984) to To Watch."


async def test_command_names_autocomplete_for_help(fake_discord: FakeDiscord) -> None:
    assert await suggestions(fake_discord, "help", "command", "ren") == ["/renamelist"]
    found = await suggestions(fake_discord, "help", "command", "re")
    assert {"/remove", "/renamelist", "/review"} <= set(found)
    assert all(name.startswith("/re") for name in found)


async def test_a_typo_still_suggests_the_title(fake_discord: FakeDiscord) -> None:
    assert (await suggestions(fake_discord, "title", "title", "Godfahter"))[
        0
    ] == "The Godfather (1972)"
