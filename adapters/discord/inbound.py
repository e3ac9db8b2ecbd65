"""Discord interaction -> the core's ``Invocation`` (who, where, admin or not, language)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import discord

from core.views.reply import ChatRef, Invocation, Platform, UserRef


def user_ref(interaction: discord.Interaction[Any]) -> UserRef:
    """The person acting, with the language of their Discord client."""
    user = interaction.user
    return UserRef(
        Platform.DISCORD,
        str(user.id),
        display_name=user.display_name,
        language_code=str(interaction.locale),
        username=user.name,
    )


def chat_ref(interaction: discord.Interaction[Any]) -> ChatRef:
    """A server is a club (its channel is the thread); a DM is a private chat."""
    if interaction.guild_id is not None:
        guild = interaction.guild
        return ChatRef(
            Platform.DISCORD,
            str(interaction.guild_id),
            is_group=True,
            title=guild.name if guild is not None else "",
            thread_id=str(interaction.channel_id) if interaction.channel_id else None,
        )
    return ChatRef(Platform.DISCORD, f"dm:{interaction.channel_id or interaction.user.id}")


def is_admin(interaction: discord.Interaction[Any], admin_role: str | None) -> bool:
    """Manage Server, or the configured role name, in a server; everyone in their own DMs."""
    if interaction.guild_id is None:
        return True
    if interaction.permissions.manage_guild:
        return True
    roles = getattr(interaction.user, "roles", ())
    return bool(admin_role) and any(role.name == admin_role for role in roles)


def invocation(
    interaction: discord.Interaction[Any],
    admin_role: str | None,
    *,
    command: str | None = None,
    action: str | None = None,
    args: Mapping[str, str] | None = None,
) -> Invocation:
    """The invocation for a slash command, a component or a submitted form."""
    return Invocation(
        actor=user_ref(interaction),
        chat=chat_ref(interaction),
        command=command,
        action=action,
        args=dict(args or {}),
        is_admin=is_admin(interaction, admin_role),
    )


def option_args(values: Mapping[str, object]) -> dict[str, str]:
    """Typed slash-command options as the core's string arguments (unset options omitted)."""
    return {name: str(value) for name, value in values.items() if value is not None}


def form_values(components: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    """The text inputs of a submitted modal by custom_id (inside labels or action rows)."""
    values: dict[str, str] = {}
    for component in components:
        children = component.get("components")
        if children is None and "component" in component:
            children = [component["component"]]
        if children is not None:
            values.update(form_values(children))
        elif "custom_id" in component and isinstance(component.get("value"), str):
            values[str(component["custom_id"])] = component["value"]
    return values
