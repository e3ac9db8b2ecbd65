"""Slash commands are synced from the core registry: globally, or to the dev guild."""

from __future__ import annotations

import asyncio
import re

import pytest
from discord.gateway import DiscordWebSocket
from discord.http import Route

from adapters.discord import discord_endpoints, run_discord
from bot.settings import Settings
from core.app import App
from core.commands import ParamKind
from tests.e2e.discord.conftest import running, settings_for
from tests.e2e.discord.fake import WAIT, FakeDiscord
from tests.e2e.discord.payloads import APP_ID, GUILD_ID

STRING, INTEGER, BOOLEAN = 3, 4, 5
TYPED = {ParamKind.INT: INTEGER, ParamKind.RATING: INTEGER}
AUTOCOMPLETED = {ParamKind.TITLE, ParamKind.COMMAND}
# Answered to the whole channel in a server (``private`` option); everything else is personal
# (``share`` option). /trending is public for its "club" scope only, so it keeps ``share``.
PUBLIC = {"club", "suggest", "clublist", "night", "poll", "closepoll", "clubstats", "grouppick"}


def expected_commands(app: App) -> list[dict[str, object]]:
    """What the registry says Discord should receive (name, description, options)."""
    return [
        {
            "name": spec.name,
            "description": spec.description,
            "options": [
                {
                    "name": p.name,
                    "type": TYPED.get(p.kind, STRING),
                    "required": p.required,
                    "autocomplete": p.kind in AUTOCOMPLETED,
                }
                for p in spec.params
            ]
            + [
                {
                    "name": "private" if spec.name in PUBLIC else "share",
                    "type": BOOLEAN,
                    "required": False,
                    "autocomplete": False,
                }
            ],
        }
        for spec in app.registry
    ]


def synced(body: list[dict[str, object]]) -> list[dict[str, object]]:
    """The same view of a bulk-overwrite payload."""
    return [
        {
            "name": command["name"],
            "description": command["description"],
            "options": [
                {
                    "name": o["name"],
                    "type": o["type"],
                    "required": o.get("required", False),
                    "autocomplete": o.get("autocomplete", False),
                }
                for o in command.get("options", [])  # type: ignore[attr-defined]
            ],
        }
        for command in body
    ]


async def test_commands_are_synced_globally_from_the_registry(
    app: App, fake_discord: FakeDiscord
) -> None:
    async with running(app, fake_discord):
        pass
    puts = [c for c in fake_discord.calls if c.method == "PUT"]
    assert [c.path for c in puts] == [f"/applications/{APP_ID}/commands"]
    assert synced(puts[0].body) == expected_commands(app)


def test_the_public_commands_are_the_club_commands(app: App) -> None:
    assert {spec.name for spec in app.registry if spec.group_visible} == PUBLIC
    trending = app.registry.get("trending")
    assert trending is not None and not trending.group_visible
    assert trending.visible_to_group({"filters": "month Club"})
    assert not trending.visible_to_group({"filters": "friends"})


async def test_every_command_fits_discords_option_rules(
    app: App, fake_discord: FakeDiscord
) -> None:
    async with running(app, fake_discord):
        pass
    [put] = [c for c in fake_discord.calls if c.method == "PUT"]
    for command in put.body:
        names = [o["name"] for o in command.get("options", [])]
        assert len(names) <= 25 and len(set(names)) == len(names)
        assert all(re.fullmatch(r"[a-z0-9_-]{1,32}", n) for n in names)
        required = [o.get("required", False) for o in command.get("options", [])]
        assert required == sorted(required, reverse=True)  # required options come first


async def test_a_dev_guild_gets_the_commands_instead(app: App, fake_discord: FakeDiscord) -> None:
    async with running(app, fake_discord, dev_guild=GUILD_ID):
        pass
    puts = [c for c in fake_discord.calls if c.method == "PUT"]
    assert [c.path for c in puts] == [f"/applications/{APP_ID}/guilds/{GUILD_ID}/commands"]
    assert synced(puts[0].body) == expected_commands(app)


async def test_login_and_gateway_go_to_the_configured_servers_then_back(
    app: App, fake_discord: FakeDiscord
) -> None:
    defaults = Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY
    async with running(app, fake_discord):
        assert fake_discord.api_url == Route.BASE
    assert defaults == (Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY)  # nothing leaks
    assert [(c.method, c.path) for c in fake_discord.calls[:2]] == [
        ("GET", "/users/@me"),
        ("GET", "/oauth2/applications/@me"),
    ]
    identify = fake_discord.identifies[0]
    assert identify["token"] == "fake-token"
    assert identify["intents"] == 1  # GUILDS only: nothing privileged


async def test_run_discord_connects_and_stops_when_told(
    app: App, fake_discord: FakeDiscord
) -> None:
    stop = asyncio.Event()
    runner = asyncio.create_task(run_discord(app, settings_for(fake_discord), stop))
    await fake_discord.identified(1)
    stop.set()
    await asyncio.wait_for(runner, WAIT)
    assert runner.result() is None


async def test_run_discord_needs_a_token(app: App) -> None:
    with pytest.raises(ValueError, match="WATCHBOT_DISCORD_TOKEN"):
        await run_discord(app, Settings(_env_file=None, discord_token=None))  # type: ignore[call-arg]


def test_overlapping_clients_share_the_endpoints_and_must_agree() -> None:
    defaults = Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY
    with discord_endpoints("http://127.0.0.1:1/api/v10", "ws://127.0.0.1:1/gateway"):
        with discord_endpoints("http://127.0.0.1:1/api/v10/", "ws://127.0.0.1:1/gateway"):
            pass
        assert Route.BASE == "http://127.0.0.1:1/api/v10"  # still in use by the outer client
        with (
            pytest.raises(RuntimeError, match="another Discord client"),
            discord_endpoints("http://127.0.0.1:2/api/v10", "ws://127.0.0.1:2/gateway"),
        ):
            pass
    assert defaults == (Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY)
