"""Discord API payloads the fake server answers with and the interactions tests inject."""

from __future__ import annotations

from typing import Any

APP_ID = 900000000000000001
BOT_ID = APP_ID
GUILD_ID = 900000000000000002
CHANNEL_ID = 900000000000000003
DM_CHANNEL_ID = 900000000000000004
ADMIN_ROLE_ID = 900000000000000005
ADMIN_ROLE = "Watchbot Admin"
MANAGE_GUILD = 1 << 5
MEMBER_PERMISSIONS = (1 << 10) | (1 << 11)  # view channel, send messages
TIMESTAMP = "2026-11-24T12:00:00+00:00"


def user(user_id: int, name: str, *, bot: bool = False) -> dict[str, Any]:
    """A user object."""
    return {
        "id": str(user_id),
        "username": name,
        "global_name": name.title(),
        "discriminator": "0",
        "avatar": None,
        "bot": bot,
        "public_flags": 0,
    }


BOT_USER = {
    **user(BOT_ID, "watchbot", bot=True),
    "verified": True,
    "mfa_enabled": False,
    "flags": 0,
}

APPLICATION = {
    "id": str(APP_ID),
    "name": "Watchbot",
    "icon": None,
    "description": "",
    "bot_public": True,
    "bot_require_code_grant": False,
    "verify_key": "0" * 64,
    "owner": user(1, "owner"),
    "flags": 0,
    "team": None,
    "interactions_endpoint_url": None,
}


def role(role_id: int, name: str, permissions: int) -> dict[str, Any]:
    """A role object."""
    return {
        "id": str(role_id),
        "name": name,
        "permissions": str(permissions),
        "position": 0,
        "color": 0,
        "hoist": False,
        "managed": False,
        "mentionable": False,
        "flags": 0,
    }


CHANNEL = {
    "id": str(CHANNEL_ID),
    "type": 0,
    "name": "movies",
    "position": 0,
    "permission_overwrites": [],
    "guild_id": str(GUILD_ID),
}

GUILD = {
    "id": str(GUILD_ID),
    "name": "Film Club",
    "icon": None,
    "owner_id": "1",
    "afk_timeout": 300,
    "verification_level": 0,
    "default_message_notifications": 0,
    "explicit_content_filter": 0,
    "mfa_level": 0,
    "nsfw_level": 0,
    "premium_tier": 0,
    "system_channel_flags": 0,
    "preferred_locale": "en-US",
    "features": [],
    "emojis": [],
    "stickers": [],
    "roles": [role(GUILD_ID, "@everyone", MEMBER_PERMISSIONS), role(ADMIN_ROLE_ID, ADMIN_ROLE, 0)],
    "channels": [CHANNEL],
    "members": [],
    "threads": [],
    "member_count": 3,
    "large": False,
    "unavailable": False,
    "joined_at": TIMESTAMP,
}


def message(message_id: int, channel_id: int, body: dict[str, Any]) -> dict[str, Any]:
    """A message the bot posted, built from the body it sent."""
    return {
        "id": str(message_id),
        "channel_id": str(channel_id),
        "author": BOT_USER,
        "content": body.get("content") or "",
        "timestamp": TIMESTAMP,
        "edited_timestamp": None,
        "tts": False,
        "mention_everyone": False,
        "mentions": [],
        "mention_roles": [],
        "attachments": [],
        "embeds": body.get("embeds") or [],
        "components": body.get("components") or [],
        "pinned": False,
        "type": 20,
        "flags": body.get("flags") or 0,
        "application_id": str(APP_ID),
        "webhook_id": str(APP_ID),
    }


def interaction(
    interaction_id: int,
    kind: int,
    data: dict[str, Any],
    *,
    user_id: int,
    guild: bool,
    permissions: int = MEMBER_PERMISSIONS,
    roles: tuple[int, ...] = (),
    locale: str = "en-US",
    message_payload: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """An INTERACTION_CREATE payload from ``user_id``, in the guild channel or in a DM."""
    person = user(user_id, f"user{user_id % 1000}")
    payload: dict[str, Any] = {
        "id": str(interaction_id),
        "application_id": str(APP_ID),
        "type": kind,
        "token": f"token-{interaction_id}",
        "version": 1,
        "data": data,
        "locale": locale,
        "app_permissions": "0",
        "entitlements": [],
        "attachment_size_limit": 8 * 1024 * 1024,
    }
    if guild:
        payload.update(
            guild_id=str(GUILD_ID),
            guild_locale="en-US",
            channel_id=str(CHANNEL_ID),
            channel=CHANNEL,
            context=0,
            authorizing_integration_owners={"0": str(GUILD_ID)},
            member={
                "user": person,
                "roles": [str(r) for r in roles],
                "joined_at": TIMESTAMP,
                "deaf": False,
                "mute": False,
                "flags": 0,
                "pending": False,
                "nick": None,
                "avatar": None,
                "premium_since": None,
                "permissions": str(permissions),
            },
        )
    else:
        payload.update(
            channel_id=str(DM_CHANNEL_ID),
            channel={"id": str(DM_CHANNEL_ID), "type": 1, "recipients": [person]},
            context=1,
            authorizing_integration_owners={"1": str(user_id)},
            user=person,
        )
    if message_payload is not None:
        payload["message"] = message_payload
    return payload


def option_type(value: object) -> int:
    """The option type Discord would send for ``value``."""
    if isinstance(value, bool):
        return 5
    return 4 if isinstance(value, int) else 3


def command_data(
    name: str, options: dict[str, object], focused: str | None = None
) -> dict[str, Any]:
    """The data of a slash command (or of its autocomplete when ``focused`` is given)."""
    built = []
    for key, value in options.items():
        option: dict[str, Any] = {"name": key, "type": option_type(value), "value": value}
        if key == focused:
            option["focused"] = True
        built.append(option)
    return {"id": str(APP_ID + 7), "name": name, "type": 1, "options": built}


def modal_data(custom_id: str, values: dict[str, str]) -> dict[str, Any]:
    """The data of a submitted modal with one label-wrapped text input per value."""
    return {
        "custom_id": custom_id,
        "components": [
            {
                "type": 18,
                "id": index,
                "component": {"type": 4, "id": index + 100, "custom_id": key, "value": value},
            }
            for index, (key, value) in enumerate(values.items(), start=1)
        ],
    }
