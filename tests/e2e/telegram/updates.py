"""Bot API update payloads as Telegram would send them (only the fields PTB needs)."""

from __future__ import annotations

import itertools
import time
from typing import Any

ANA: dict[str, Any] = {"id": 1001, "is_bot": False, "first_name": "Ana", "language_code": "en"}
BOB: dict[str, Any] = {"id": 1002, "is_bot": False, "first_name": "Bob", "language_code": "en"}
CAROL: dict[str, Any] = {"id": 1003, "is_bot": False, "first_name": "Carol", "language_code": "en"}
GROUP_ID = -1001234
GROUP: dict[str, Any] = {
    "id": GROUP_ID,
    "type": "supergroup",
    "title": "Movie Night",
    "is_forum": True,
}
_ids = itertools.count(1)


def private(user: dict[str, Any]) -> dict[str, Any]:
    """The private chat with ``user``."""
    return {"id": user["id"], "type": "private", "first_name": user["first_name"]}


def message(
    text: str,
    user: dict[str, Any] = ANA,
    chat: dict[str, Any] | None = None,
    *,
    thread: int | None = None,
    reply_to: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A text message; a leading ``/word`` is marked as a bot command, as Telegram does."""
    body: dict[str, Any] = {
        "message_id": next(_ids),
        "date": int(time.time()),
        "chat": chat or private(user),
        "from": user,
        "text": text,
    }
    if text.startswith("/"):
        body["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
    if thread is not None:
        body |= {"message_thread_id": thread, "is_topic_message": True}
    if reply_to is not None:
        body["reply_to_message"] = reply_to
    return {"message": body}


def press(data: str, on: dict[str, Any] | str, user: dict[str, Any] = ANA) -> dict[str, Any]:
    """A button press on message ``on`` (a message, or the id of one sent via inline mode)."""
    query = {"id": f"cq-{next(_ids)}", "from": user, "chat_instance": "instance-1", "data": data}
    query |= {"inline_message_id": on} if isinstance(on, str) else {"message": on}
    return {"callback_query": query}


def inline(
    query: str, user: dict[str, Any] = ANA, offset: str = "", qid: str = ""
) -> dict[str, Any]:
    """An inline query ``@bot <query>``."""
    body = {"id": qid or f"iq-{next(_ids)}", "from": user, "query": query, "offset": offset}
    return {"inline_query": body}
