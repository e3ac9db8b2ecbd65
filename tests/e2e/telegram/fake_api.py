"""A fake Telegram Bot API server on 127.0.0.1 that records every call (opsdroid style).

The real python-telegram-bot Application talks to it over HTTP through ``base_url``, exactly as
it would talk to api.telegram.org: long-polled getUpdates with offsets, sends, edits, answers.
Tests queue updates with :meth:`FakeBotApi.push` and wait, bounded, for the calls they expect.
"""

from __future__ import annotations

import asyncio
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from tests.e2e.telegram.payloads import (
    ADMIN_RIGHTS,
    BOT_USER,
    SIMPLE,
    Failure,
    chat_of,
    decode,
    error,
    ok,
    poll,
    user,
)

TOKEN = "123456:TEST-token"
BARRIER = "barrier-"  # inline queries used only to know that earlier updates were handled


@dataclass(frozen=True, slots=True)
class Call:
    """One Bot API request as the server saw it."""

    method: str
    params: dict[str, Any]
    at: float
    status: int = 200


@dataclass
class FakeBotApi:
    """The server: queued updates, recorded calls, canned chat members and failures."""

    poll_cap: float = 1.0  # never hold a getUpdates longer than this
    calls: list[Call] = field(default_factory=list)
    messages: dict[int, dict[str, Any]] = field(default_factory=dict)
    members: dict[tuple[int, int], str] = field(default_factory=dict)
    failures: dict[str, list[Failure]] = field(default_factory=lambda: defaultdict(list))
    polls: int = 0
    barriers: set[str] = field(default_factory=set)
    base_url: str = ""
    _updates: list[dict[str, Any]] = field(default_factory=list)
    _next_update: int = 1
    _next_message: int = 100
    _closing: bool = False
    _changed: asyncio.Condition = field(default_factory=asyncio.Condition)
    _runner: web.AppRunner | None = None

    async def start(self) -> None:
        """Serve on an ephemeral port of 127.0.0.1."""
        server = web.Application()
        server.router.add_post("/bot{token}/{method}", self._handle)
        self._runner = web.AppRunner(server)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        host, port = self._runner.addresses[0][:2]
        self.base_url = f"http://{host}:{port}/bot"

    async def stop(self) -> None:
        """Release waiting long polls, then close the server."""
        self._closing = True
        await self._notify()
        if self._runner is not None:
            await self._runner.cleanup()

    # --- what tests do -------------------------------------------------------------------

    async def push(self, update: dict[str, Any]) -> int:
        """Queue an update for getUpdates; returns its update_id."""
        update_id = self._next_update
        self._next_update += 1
        self._updates.append({"update_id": update_id, **update})
        await self._notify()
        return update_id

    def fail_next(self, method: str, failure: Failure) -> None:
        """Answer the next call of ``method`` with ``failure``."""
        self.failures[method].append(failure)

    def find(self, method: str, since: int = 0) -> list[Call]:
        """Recorded calls of ``method`` from index ``since`` on."""
        return [c for c in self.calls[since:] if c.method == method]

    def methods(self, since: int = 0) -> list[str]:
        """The method names called from index ``since`` on, in order."""
        return [c.method for c in self.calls[since:]]

    async def wait_until(self, ready: Callable[[], bool], seconds: float = 5.0) -> None:
        """Wait (at most ``seconds``) until ``ready()`` holds; re-checked after every request."""
        async with asyncio.timeout(seconds), self._changed:
            await self._changed.wait_for(ready)

    async def wait_for(
        self, method: str, count: int = 1, since: int = 0, seconds: float = 5.0
    ) -> list[Call]:
        """Wait (at most ``seconds``) for ``count`` calls of ``method`` from index ``since``."""
        await self.wait_until(lambda: len(self.find(method, since)) >= count, seconds)
        return self.find(method, since)

    def answered(self, query_id: str) -> bool:
        """Whether the inline query ``query_id`` was answered."""
        return query_id in self.barriers

    def message_with(self, action: str) -> dict[str, Any]:
        """The latest message the bot sent or edited that carries a button for ``action``."""
        for message in reversed(self.messages.values()):
            rows = message.get("reply_markup", {}).get("inline_keyboard", [])
            if any(b.get("callback_data") == action for row in rows for b in row):
                return message
        raise AssertionError(f"no message has a button for {action!r}")

    # --- the Bot API ---------------------------------------------------------------------

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    async def _handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        params = decode(dict(await request.post()))
        if method == "getUpdates":
            return ok(await self._get_updates(params))
        failures = self.failures.get(method)
        failure = failures.pop(0) if failures else None
        query_id = str(params.get("inline_query_id", ""))
        if query_id.startswith(BARRIER):
            self.barriers.add(query_id)
        else:
            status = failure.status if failure else 200
            self.calls.append(Call(method, params, time.monotonic(), status))
        await self._notify()
        if failure is not None:
            return error(failure)
        result = self._result(method, params)
        if result is None:
            return error(Failure(404, "Not Found: method not found"))
        return ok(result)

    async def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        self.polls += 1
        await self._notify()
        offset = int(params.get("offset") or 0)
        self._updates = [u for u in self._updates if u["update_id"] >= offset]
        wait = min(float(params.get("timeout") or 0), self.poll_cap)
        if not self._updates and wait > 0 and not self._closing:
            try:
                async with asyncio.timeout(wait), self._changed:
                    await self._changed.wait_for(lambda: bool(self._updates) or self._closing)
            except TimeoutError:
                pass
        return list(self._updates)

    def _result(self, method: str, params: dict[str, Any]) -> Any:
        if method == "getMe":
            return BOT_USER
        if method == "sendMessage":
            return self._message(params, text=params["text"])
        if method == "sendPhoto":
            size = {"file_id": "photo-1", "file_unique_id": "u1", "width": 500, "height": 750}
            return self._message(params, photo=[size], caption=params.get("caption", ""))
        if method == "sendPoll":
            return self._message(params, poll=poll(params))
        if method in {"editMessageText", "editMessageReplyMarkup"}:
            return self._edited(params)
        if method == "getChatMember":
            return self._member(int(params["chat_id"]), int(params["user_id"]))
        if method == "stopPoll":
            return {**poll(params), "is_closed": True}
        if method in SIMPLE:
            return True
        return None

    def _message(self, params: dict[str, Any], **content: Any) -> dict[str, Any]:
        self._next_message += 1
        message = {
            "message_id": self._next_message,
            "date": int(time.time()),
            "chat": chat_of(int(params["chat_id"])),
            "from": BOT_USER,
            **content,
        }
        if "message_thread_id" in params:
            message |= {"message_thread_id": params["message_thread_id"], "is_topic_message": True}
        if "reply_markup" in params:
            message["reply_markup"] = params["reply_markup"]
        self.messages[self._next_message] = message
        return message

    def _edited(self, params: dict[str, Any]) -> dict[str, Any] | bool:
        if "inline_message_id" in params:
            return True
        message = dict(self.messages[int(params["message_id"])])
        if "text" in params:
            message["text"] = params["text"]
        message.pop("reply_markup", None)
        if "reply_markup" in params:
            message["reply_markup"] = params["reply_markup"]
        message["edit_date"] = int(time.time())
        self.messages[message["message_id"]] = message
        return message

    def _member(self, chat_id: int, user_id: int) -> dict[str, Any]:
        status = self.members.get((chat_id, user_id), "member")
        member: dict[str, Any] = {"status": status, "user": user(user_id)}
        if status == "administrator":
            member |= {right: right != "is_anonymous" for right in ADMIN_RIGHTS}
        if status == "creator":
            member["is_anonymous"] = False
        return member
