"""Bot API objects and wire format for the fake server: users, chats, members, decoding."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from aiohttp import web

BOT_USER = {
    "id": 4242,
    "is_bot": True,
    "first_name": "Watchbot",
    "username": "watchbot_test_bot",
    "can_join_groups": True,
    "can_read_all_group_messages": False,
    "supports_inline_queries": True,
}
# Parameters kept as sent; every other value is JSON-decoded (PTB JSON-encodes non-strings).
RAW = {"text", "caption", "question", "url", "photo", "secret_token", "callback_query_id"}
RAW |= {"inline_query_id", "next_offset", "language_code", "parse_mode", "description"}
ADMIN_RIGHTS = (
    "can_be_edited",
    "is_anonymous",
    "can_manage_chat",
    "can_delete_messages",
    "can_manage_video_chats",
    "can_restrict_members",
    "can_promote_members",
    "can_change_info",
    "can_invite_users",
    "can_post_stories",
    "can_edit_stories",
    "can_delete_stories",
)


SIMPLE = {
    "answerCallbackQuery",
    "answerInlineQuery",
    "setMyCommands",
    "deleteMyCommands",
    "deleteMessage",
    "setWebhook",
    "deleteWebhook",
}


@dataclass(frozen=True, slots=True)
class Failure:
    """A canned error answer (403 blocked, 429 with retry_after, 400 ...)."""

    status: int
    description: str
    retry_after: int | None = None


def user(user_id: int) -> dict[str, Any]:
    """A minimal user object."""
    return {"id": user_id, "is_bot": False, "first_name": f"User{user_id}"}


def chat_of(chat_id: int) -> dict[str, Any]:
    """Positive ids are private chats; negative ones our forum supergroup."""
    if chat_id > 0:
        return {"id": chat_id, "type": "private", "first_name": f"User{chat_id}"}
    return {"id": chat_id, "type": "supergroup", "title": "Movie Night", "is_forum": True}


def poll(params: dict[str, Any]) -> dict[str, Any]:
    """A poll object for the options that were sent."""
    options = [
        {"text": o["text"] if isinstance(o, dict) else o, "voter_count": 0, "persistent_id": str(n)}
        for n, o in enumerate(params.get("options", []))
    ]
    return {
        "id": "poll-1",
        "question": params.get("question", ""),
        "options": options,
        "total_voter_count": 0,
        "is_closed": False,
        "is_anonymous": bool(params.get("is_anonymous", True)),
        "type": "regular",
        "allows_multiple_answers": bool(params.get("allows_multiple_answers", False)),
        "allows_revoting": True,
        "members_only": False,
    }


def decode(form: dict[str, Any]) -> dict[str, Any]:
    """Form fields back to values: JSON-decoded except free text; files as placeholders."""
    decoded: dict[str, Any] = {}
    for key, value in form.items():
        if not isinstance(value, str):
            decoded[key] = f"<file {getattr(value, 'filename', '?')}>"
        elif key in RAW:
            decoded[key] = value
        else:
            try:
                decoded[key] = json.loads(value)
            except ValueError:
                decoded[key] = value
    return decoded


def ok(result: Any) -> web.Response:
    """A successful Bot API answer."""
    return web.json_response({"ok": True, "result": result})


def error(failure: Failure) -> web.Response:
    """A failed Bot API answer, with the HTTP status Telegram uses."""
    body: dict[str, Any] = {
        "ok": False,
        "error_code": failure.status,
        "description": failure.description,
    }
    if failure.retry_after is not None:
        body["parameters"] = {"retry_after": failure.retry_after}
    return web.json_response(body, status=failure.status)
