"""Persistent components: the custom_id *is* the core action, so a button works after a restart.

Both items are ``DynamicItem``s registered once with ``Client.add_dynamic_items``: discord.py
rebuilds them from the custom_id of any message, however old, with no view kept in memory.
Core actions are ASCII and at most 64 bytes, well inside Discord's 100-character custom_id.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, Protocol, runtime_checkable

import discord

MENU_PREFIX = "watchbot.menu."
# Every custom_id is a core action except our menus; unknown or old actions still reach the core,
# which answers them with its friendly "expired" message.
ACTION_TEMPLATE = re.compile(rf"(?!{re.escape(MENU_PREFIX)})(?P<action>.{{1,100}})", re.DOTALL)
MENU_TEMPLATE = re.compile(rf"{re.escape(MENU_PREFIX)}(?P<number>\d{{1,2}})")


@runtime_checkable
class ActionHandler(Protocol):
    """What a pressed component calls: the client routes the action to the core."""

    async def handle_action(self, interaction: discord.Interaction[Any], action: str) -> None:
        """Dispatch ``action`` for ``interaction`` and answer it."""
        ...


async def _route(interaction: discord.Interaction[Any], action: str) -> None:
    handler = interaction.client
    if isinstance(handler, ActionHandler):
        await handler.handle_action(interaction, action)


class ActionButton(
    discord.ui.DynamicItem[discord.ui.Button[discord.ui.View]], template=ACTION_TEMPLATE
):
    """A button whose custom_id is a core action id (``wl:add:603``)."""

    def __init__(self, action: str, label: str = "…", row: int | None = None) -> None:
        button: discord.ui.Button[discord.ui.View] = discord.ui.Button(
            label=label, custom_id=action, style=discord.ButtonStyle.secondary
        )
        super().__init__(button, row=row)
        self.action = action

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> ActionButton:
        """Rebuild the button from a pressed component (any age)."""
        return cls(match["action"], getattr(item, "label", None) or "…")

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        """Run the action."""
        await _route(interaction, self.action)


class ActionMenu(
    discord.ui.DynamicItem[discord.ui.Select[discord.ui.View]], template=MENU_TEMPLATE
):
    """A select menu for replies with more buttons than Discord shows; values are action ids."""

    def __init__(
        self,
        number: int,
        options: Iterable[tuple[str, str]] = (),
        placeholder: str | None = None,
        row: int | None = None,
    ) -> None:
        select: discord.ui.Select[discord.ui.View] = discord.ui.Select(
            custom_id=f"{MENU_PREFIX}{number}",
            placeholder=placeholder,
            options=[discord.SelectOption(label=label, value=action) for label, action in options],
        )
        super().__init__(select, row=row)

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> ActionMenu:
        """Rebuild the menu from a used component (the chosen value carries the action)."""
        options = [(o.label, o.value) for o in getattr(item, "options", [])]
        return cls(int(match["number"]), options, getattr(item, "placeholder", None))

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        """Run the chosen option's action."""
        data: Any = interaction.data or {}
        values = data.get("values") or []
        if values:
            await _route(interaction, str(values[0]))
