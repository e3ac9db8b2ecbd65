"""A person using Discord: slash commands, typing ahead, pressing buttons, submitting modals."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from tests.e2e.discord import payloads
from tests.e2e.discord.fake import FakeDiscord

COMMAND, COMPONENT, AUTOCOMPLETE, MODAL_SUBMIT = 2, 3, 4, 5
BUTTON, STRING_SELECT = 2, 3


@dataclass(frozen=True)
class Person:
    """Someone in the guild channel (or in a DM with the bot when ``guild`` is false)."""

    fake: FakeDiscord
    user_id: int = 11
    guild: bool = True
    permissions: int = payloads.MEMBER_PERMISSIONS
    roles: tuple[int, ...] = ()
    locale: str = "en-US"

    async def _send(
        self, kind: int, data: dict[str, Any], message: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        extra: dict[str, Any] = {"permissions": self.permissions, "roles": self.roles}
        return await self.fake.send_interaction(
            kind,
            data,
            user_id=self.user_id,
            guild=self.guild,
            locale=self.locale,
            message_payload=message,
            **extra,
        )

    async def slash(self, command: str, /, **options: object) -> dict[str, Any]:
        """Run ``/command option:value ...``; returns the interaction."""
        return await self._send(COMMAND, payloads.command_data(command, options))

    async def type_ahead(self, name: str, option: str, text: str) -> dict[str, Any]:
        """Type ``text`` into ``option`` of ``/name`` (an autocomplete interaction)."""
        return await self._send(AUTOCOMPLETE, payloads.command_data(name, {option: text}, option))

    async def press(self, custom_id: str, message: dict[str, Any] | None = None) -> dict[str, Any]:
        """Press the button ``custom_id`` on ``message`` (default: the latest message with it)."""
        data = {"custom_id": custom_id, "component_type": BUTTON}
        return await self._send(COMPONENT, data, message or self.fake.message_with(custom_id))

    async def choose(self, menu: str, value: str) -> dict[str, Any]:
        """Pick ``value`` in the select menu ``menu`` of the latest message with it."""
        data = {"custom_id": menu, "component_type": STRING_SELECT, "values": [value]}
        return await self._send(COMPONENT, data, self.fake.message_with(menu))

    async def submit(self, custom_id: str, values: dict[str, str]) -> dict[str, Any]:
        """Submit the modal ``custom_id`` with ``values`` by input custom_id."""
        return await self._send(MODAL_SUBMIT, payloads.modal_data(custom_id, values))


def components(data: Mapping[str, Any]) -> Iterator[dict[str, Any]]:
    """Every component of a message or modal body, depth first."""
    for component in data.get("components") or []:
        yield component
        yield from components(component)
        if "component" in component:
            yield component["component"]


def custom_ids(data: Mapping[str, Any]) -> list[str]:
    """The custom_ids of the buttons and menus of a message body, in order."""
    return [c["custom_id"] for c in components(data) if c.get("type") in (BUTTON, STRING_SELECT)]


def labels(data: Mapping[str, Any]) -> dict[str, str]:
    """Button labels by custom_id."""
    return {c["custom_id"]: c.get("label", "") for c in components(data) if c.get("type") == BUTTON}
