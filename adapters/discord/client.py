"""The Discord client: slash commands from the registry, persistent components, modal forms.

Start it with :func:`run_discord` (``watchbot run`` does when ``WATCHBOT_DISCORD_TOKEN`` is set);
tests build it with :func:`build_client` and point it at a fake Discord on 127.0.0.1.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

import discord
from discord import app_commands

from adapters.discord import inbound
from adapters.discord.actions import ActionButton, ActionMenu
from adapters.discord.commands import RegistryTranslator, build_tree
from adapters.discord.endpoints import discord_endpoints
from adapters.discord.respond import answer, gettext_for
from bot.settings import Settings
from core.app import App
from core.views.actions import parse_action
from core.views.reply import Invocation


class WatchbotClient(discord.Client):
    """A ``discord.Client`` over the core ``App`` (no privileged intents needed)."""

    def __init__(
        self,
        app: App,
        *,
        api_base_url: str,
        gateway_url: str,
        dev_guild: int | None = None,
        admin_role: str | None = None,
    ) -> None:
        # Only GUILDS: servers and their roles (for the admin role); no message content
        super().__init__(
            intents=discord.Intents(guilds=True), allowed_mentions=discord.AllowedMentions.none()
        )
        self.app = app
        self.admin_role = admin_role
        self.dev_guild = dev_guild
        self.tree: app_commands.CommandTree = build_tree(self, app, admin_role)
        self._endpoints = contextlib.ExitStack()
        self._api_base_url, self._gateway_url = api_base_url, gateway_url

    async def login(self, token: str) -> None:
        """Log in against the configured endpoints (restored by :meth:`close`)."""
        self._endpoints.enter_context(discord_endpoints(self._api_base_url, self._gateway_url))
        await super().login(token)

    async def close(self) -> None:
        """Disconnect, then give discord.py its default endpoints back."""
        try:
            await super().close()
        finally:
            self._endpoints.close()

    async def setup_hook(self) -> None:
        """Register the persistent components, translate, and sync the slash commands."""
        self.add_dynamic_items(ActionButton, ActionMenu)
        await self.tree.set_translator(RegistryTranslator(self.app.translator))
        guild = discord.Object(self.dev_guild) if self.dev_guild else None
        if guild is not None:  # a development server sees changes at once; global takes a while
            self.tree.copy_global_to(guild=guild)
        await self.tree.sync(guild=guild)

    async def handle_action(self, interaction: discord.Interaction[Any], action: str) -> None:
        """A pressed button or chosen menu option: dispatch its action and answer."""
        await self._dispatch(
            inbound.invocation(interaction, self.admin_role, action=action), interaction
        )

    async def on_interaction(self, interaction: discord.Interaction[Any]) -> None:
        """A submitted modal: its custom_id is the form's submit action, inputs become args."""
        if interaction.type is not discord.InteractionType.modal_submit:
            return  # commands, autocomplete and components have their own routes
        data: Any = interaction.data or {}
        inv = inbound.invocation(
            interaction,
            self.admin_role,
            action=str(data.get("custom_id", "")),
            args=inbound.form_values(data.get("components", [])),
        )
        await self._dispatch(inv, interaction)

    async def _dispatch(self, inv: Invocation, interaction: discord.Interaction[Any]) -> None:
        reply = await self.app.dispatch(inv)
        private = self.is_private(inv, interaction)
        await answer(
            interaction, reply, private=private, gettext=gettext_for(self.app, interaction)
        )

    def is_private(self, inv: Invocation, interaction: discord.Interaction[Any]) -> bool:
        """Whether a new message answering a button or form is for the presser alone.

        In a server it is, unless the action is registered ``group_visible`` (the club card's
        Watchlist button) *and* was pressed on a message the whole channel sees: what answers a
        private message stays private. Edits in place keep the audience of the edited message.
        """
        if not inv.chat.is_group:
            return False
        action = parse_action(inv.action or "")
        if action is None or not self.app.registry.action_visible_to_group(
            action.area, action.verb
        ):
            return True
        source = interaction.message
        return source is None or source.flags.ephemeral


def build_client(app: App, settings: Settings) -> WatchbotClient:
    """The client for ``settings`` (endpoints, dev guild, admin role); not started."""
    return WatchbotClient(
        app,
        api_base_url=settings.discord_api_base_url,
        gateway_url=settings.discord_gateway_url,
        dev_guild=settings.discord_dev_guild,
        admin_role=settings.discord_admin_role,
    )


async def run_discord(app: App, settings: Settings, stop: asyncio.Event | None = None) -> None:
    """Run the bot until ``stop`` is set (or the connection ends for good)."""
    if not settings.discord_token:
        raise ValueError("WATCHBOT_DISCORD_TOKEN is not set")
    client = build_client(app, settings)
    async with client:
        runner = asyncio.create_task(client.start(settings.discord_token))
        stopper = asyncio.create_task(stop.wait()) if stop is not None else None
        try:
            waiting = {runner} if stopper is None else {runner, stopper}
            await asyncio.wait(waiting, return_when=asyncio.FIRST_COMPLETED)
        finally:
            if stopper is not None:
                stopper.cancel()
            await client.close()
            await runner  # a connection that failed for good raises here
