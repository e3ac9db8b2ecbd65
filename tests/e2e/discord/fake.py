"""A fake Discord on 127.0.0.1: REST routes plus a gateway WebSocket, recording every REST call.

The real discord.py client talks to it over HTTP and WebSocket exactly as it would to Discord;
tests inject interactions through the gateway and assert on the recorded REST calls.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from aiohttp import WSMsgType, web

from tests.e2e.discord import payloads
from tests.e2e.discord.payloads import APP_ID, CHANNEL_ID

WAIT = 10.0  # seconds: generous bound for one expected event, never a sleep
EPHEMERAL = 1 << 6
INTERACTION_CALLBACK = re.compile(r"/interactions/(?P<id>\d+)/(?P<token>[^/]+)/callback")
WEBHOOK = re.compile(r"/webhooks/(?P<app>\d+)/(?P<token>[^/]+)(?:/messages/(?P<message>[^/]+))?")
COMMANDS = re.compile(r"/applications/\d+(?:/guilds/(?P<guild>\d+))?/commands")
CHANNEL_MESSAGES = re.compile(r"/channels/(?P<channel>\d+)/messages")


@dataclass(frozen=True, slots=True)
class Call:
    """One REST request: method, path under /api/v10, query and JSON body."""

    method: str
    path: str
    query: Mapping[str, str]
    body: Any


class FakeDiscord:
    """REST + gateway on an ephemeral port; one connected client at a time."""

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.messages: dict[int, dict[str, Any]] = {}
        self.identifies: list[dict[str, Any]] = []
        self.interactions: dict[str, dict[str, Any]] = {}  # by token
        self._originals: dict[str, int] = {}  # interaction token -> its response message
        self._changed = asyncio.Condition()
        self._socket: web.WebSocketResponse | None = None
        self._sockets: set[web.WebSocketResponse] = set()
        self._ids = itertools.count(910000000000000000)
        self._sequence = 0
        self._runner: web.AppRunner | None = None
        self.port = 0

    @property
    def api_url(self) -> str:
        """What WATCHBOT_DISCORD_API_BASE_URL points at."""
        return f"http://127.0.0.1:{self.port}/api/v10"

    @property
    def gateway_url(self) -> str:
        """What WATCHBOT_DISCORD_GATEWAY_URL points at."""
        return f"ws://127.0.0.1:{self.port}/gateway"

    async def start(self) -> None:
        """Listen on 127.0.0.1 and an ephemeral port."""
        app = web.Application()
        app.router.add_get("/gateway", self._gateway)
        app.router.add_route("*", "/api/v10/{path:.*}", self._rest)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", 0).start()
        self.port = self._runner.addresses[0][1]

    async def close(self) -> None:
        """Close the sockets and stop listening."""
        for socket in list(self._sockets):
            await socket.close()
        if self._runner is not None:
            await self._runner.cleanup()

    # waiting, bounded -------------------------------------------------------------------------

    async def _until(self, ready: Callable[[], bool], what: str) -> None:
        async with self._changed:
            try:
                await asyncio.wait_for(self._changed.wait_for(ready), WAIT)
            except TimeoutError:
                raise AssertionError(f"fake Discord: timed out waiting for {what}") from None

    async def identified(self, count: int) -> None:
        """Wait until ``count`` clients have identified (the last one is connected)."""
        await self._until(
            lambda: len(self.identifies) >= count and self._socket is not None, "IDENTIFY"
        )

    async def wait_for(self, predicate: Callable[[Call], bool], *, after: int = 0) -> Call:
        """The first call after index ``after`` matching ``predicate`` (waits for it)."""

        def found() -> Call | None:
            return next((c for c in self.calls[after:] if predicate(c)), None)

        await self._until(lambda: found() is not None, "a REST call")
        call = found()
        assert call is not None
        return call

    async def callback(self, interaction: Mapping[str, Any]) -> Call:
        """The response the bot gave to ``interaction``."""
        path = f"/interactions/{interaction['id']}/{interaction['token']}/callback"
        return await self.wait_for(lambda c: c.method == "POST" and c.path == path)

    async def followup(self, interaction: Mapping[str, Any]) -> Call:
        """The first followup message the bot sent for ``interaction``."""
        path = f"/webhooks/{APP_ID}/{interaction['token']}"
        return await self.wait_for(lambda c: c.method == "POST" and c.path == path)

    def calls_for(self, interaction: Mapping[str, Any]) -> list[Call]:
        """Every REST call answering ``interaction`` (callback, followups, edits), in order."""
        token = str(interaction["token"])
        return [c for c in self.calls if f"/{token}/" in f"{c.path}/"]

    def message_with(self, custom_id: str) -> dict[str, Any]:
        """The latest message carrying a component with ``custom_id``."""
        posted: list[dict[str, Any]] = list(self.messages.values())
        for candidate in posted[::-1]:
            if f'"{custom_id}"' in json.dumps(candidate["components"]):
                return candidate
        raise AssertionError(f"no message has a component {custom_id!r}")

    # injecting interactions -------------------------------------------------------------------

    async def send_interaction(
        self,
        kind: int,
        data: dict[str, Any],
        *,
        user_id: int = 11,
        guild: bool = True,
        **extra: Any,
    ) -> dict[str, Any]:
        """Dispatch INTERACTION_CREATE to the connected client; returns the payload."""
        payload = payloads.interaction(
            next(self._ids), kind, data, user_id=user_id, guild=guild, **extra
        )
        self.interactions[payload["token"]] = payload
        await self.dispatch("INTERACTION_CREATE", payload)
        return payload

    async def dispatch(self, event: str, data: dict[str, Any]) -> None:
        """Send one gateway DISPATCH to the connected client."""
        await self._until(lambda: self._socket is not None, "a connected client")
        assert self._socket is not None
        self._sequence += 1
        await self._socket.send_json({"op": 0, "t": event, "s": self._sequence, "d": data})

    # gateway -----------------------------------------------------------------------------------

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        socket = web.WebSocketResponse()
        await socket.prepare(request)
        self._sockets.add(socket)
        await socket.send_json({"op": 10, "d": {"heartbeat_interval": 41250}, "s": None, "t": None})
        try:
            async for frame in socket:
                if frame.type is not WSMsgType.TEXT:
                    continue
                message = json.loads(frame.data)
                if message["op"] == 1:  # heartbeat
                    await socket.send_json({"op": 11, "d": None, "s": None, "t": None})
                elif message["op"] == 2:  # identify
                    await self._ready(socket, message["d"])
        finally:
            self._sockets.discard(socket)
            async with self._changed:
                if self._socket is socket:
                    self._socket = None
        return socket

    async def _ready(self, socket: web.WebSocketResponse, identify: dict[str, Any]) -> None:
        self._sequence = 1
        ready = {
            "v": 10,
            "user": payloads.BOT_USER,
            "guilds": [{"id": payloads.GUILD["id"], "unavailable": True}],
            "session_id": f"session-{len(self.identifies)}",
            "resume_gateway_url": self.gateway_url,
            "application": {"id": str(APP_ID), "flags": 0},
        }
        await socket.send_json({"op": 0, "t": "READY", "s": 1, "d": ready})
        self._sequence += 1
        await socket.send_json(
            {"op": 0, "t": "GUILD_CREATE", "s": self._sequence, "d": payloads.GUILD}
        )
        async with self._changed:
            self.identifies.append(identify)
            self._socket = socket
            self._changed.notify_all()

    # REST --------------------------------------------------------------------------------------

    async def _rest(self, request: web.Request) -> web.StreamResponse:
        call = Call(
            request.method,
            "/" + request.match_info["path"],
            dict(request.query),
            await self._body(request),
        )
        status, answer = self._answer(call)
        async with self._changed:
            self.calls.append(call)
            self._changed.notify_all()
        if answer is None:
            return web.Response(status=status)
        # discord.py parses JSON only for exactly "application/json" (no charset), as Discord sends
        return web.Response(
            body=json.dumps(answer).encode(),
            status=status,
            headers={"Content-Type": "application/json"},
        )

    @staticmethod
    async def _body(request: web.Request) -> Any:
        if request.content_type.startswith("multipart/"):
            reader = await request.multipart()
            body: Any = {}
            async for part in reader:
                if getattr(part, "name", None) == "payload_json":
                    body = json.loads(await part.text())  # type: ignore[union-attr]
            return body
        raw = await request.read()
        return json.loads(raw) if raw else None

    def _answer(self, call: Call) -> tuple[int, Any]:
        route = (call.method, call.path)
        if route == ("GET", "/users/@me"):
            return 200, payloads.BOT_USER
        if route == ("GET", "/oauth2/applications/@me"):
            return 200, payloads.APPLICATION
        if route == ("GET", "/gateway/bot"):
            limit = {"total": 1000, "remaining": 1000, "reset_after": 0, "max_concurrency": 1}
            return 200, {"url": self.gateway_url, "shards": 1, "session_start_limit": limit}
        if route == ("GET", "/gateway"):
            return 200, {"url": self.gateway_url}
        if (match := COMMANDS.fullmatch(call.path)) and call.method == "PUT":
            guild = {"guild_id": match["guild"]} if match["guild"] else {}
            return 200, [
                {**c, "id": str(next(self._ids)), "application_id": str(APP_ID), "version": "1"}
                | guild
                for c in call.body
            ]
        if (match := INTERACTION_CALLBACK.fullmatch(call.path)) and call.method == "POST":
            return 200, self._interaction_response(match["id"], match["token"], call.body)
        if (match := WEBHOOK.fullmatch(call.path)) and match["app"] == str(APP_ID):
            return self._webhook(call, match["token"], match["message"])
        if (match := CHANNEL_MESSAGES.fullmatch(call.path)) and call.method == "POST":
            return 200, self._post(int(match["channel"]), call.body)
        return 404, {"message": f"fake Discord: no route {call.method} {call.path}", "code": 0}

    def _post(self, channel_id: int, body: Mapping[str, Any]) -> dict[str, Any]:
        message_id = next(self._ids)
        self.messages[message_id] = payloads.message(message_id, channel_id, dict(body))
        return self.messages[message_id]

    def _channel_of(self, token: str) -> int:
        return int(self.interactions.get(token, {}).get("channel_id", CHANNEL_ID))

    def _interaction_response(self, interaction_id: str, token: str, body: Any) -> dict[str, Any]:
        kind, data = body["type"], body.get("data") or {}
        about: dict[str, Any] = {"id": interaction_id, "type": kind}
        answer: dict[str, Any] = {"interaction": about}
        message: dict[str, Any] | None = None
        if kind in (4, 5):  # message, or "thinking…" to be followed up
            message = self._post(self._channel_of(token), data)
            self._originals[token] = int(message["id"])
        elif kind == 7:  # edit the message the component is on
            source = self.interactions.get(token, {}).get("message")
            if source is not None:
                message = self._edit(int(source["id"]), data)
        if message is not None:
            about.update(
                response_message_id=message["id"],
                response_message_loading=kind == 5,
                response_message_ephemeral=bool(message["flags"] & EPHEMERAL),
            )
            answer["resource"] = {"type": kind, "message": message}
        return answer

    def _edit(self, message_id: int, body: Mapping[str, Any]) -> dict[str, Any]:
        old = self.messages.get(message_id) or payloads.message(message_id, CHANNEL_ID, {})
        self.messages[message_id] = {**old, **{k: v for k, v in body.items() if k in old}}
        return self.messages[message_id]

    def _webhook(self, call: Call, token: str, message: str | None) -> tuple[int, Any]:
        if message is None and call.method == "POST":
            return 200, self._post(self._channel_of(token), call.body)
        target = self._originals.get(token) if message == "@original" else int(message or 0)
        if target is None or target not in self.messages:
            return 404, {"message": "Unknown Message", "code": 10008}
        if call.method == "PATCH":
            return 200, self._edit(target, call.body)
        if call.method == "DELETE":
            del self.messages[target]
            return 204, None
        return 200, self.messages[target]
