"""A fake TMDb + OMDb HTTP server for the provider tests (aiohttp, 127.0.0.1, ephemeral port).

TMDb lives under ``/tmdb/3`` and OMDb under ``/omdb/``. Responses are the hand-written
JSON files of ``tests/data/{tmdb,omdb}``. Every request is recorded. Faults are queued
with :meth:`FakeProviderServer.add_fault` (or the helpers) and consumed in order by the
next matching requests.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aiohttp import web

TMDB_KEY = "test-tmdb-key"
OMDB_KEY = "test-omdb-key"
_TMDB_PREFIX = "/tmdb/3"
_OMDB_PREFIX = "/omdb"
_FILES = {
    "/search/multi": "search_multi_alien.json",
    "/search/movie": "search_movie_alien.json",
    "/search/tv": "search_tv_breaking_bad.json",
    "/search/person": "search_person_sigourney.json",
    "/movie/upcoming": "movie_upcoming.json",
    "/movie/now_playing": "movie_now_playing.json",
    "/tv/on_the_air": "tv_on_the_air.json",
    "/tv/1396/season/1": "tv_1396_season_1.json",
    "/find/tt0078748": "find_tt0078748.json",
    "/genre/movie/list": "genre_movie_list.json",
    "/genre/tv/list": "genre_tv_list.json",
}
_EMPTY_FIND: dict[str, list[Any]] = {
    k: [] for k in ("movie_results", "person_results", "tv_results")
}


def _split(raw: str) -> tuple[str, str]:
    """``/tmdb/3/movie/348`` -> ``("tmdb", "/movie/348")``."""
    for provider, prefix in (("tmdb", _TMDB_PREFIX), ("omdb", _OMDB_PREFIX)):
        if raw.startswith(prefix):
            return provider, raw[len(prefix) :] or "/"
    return "?", raw


@dataclass(frozen=True)
class RecordedRequest:
    """One request the server received (path relative to the provider prefix)."""

    provider: str
    path: str
    query: dict[str, str]
    at: float


@dataclass
class Fault:
    """A canned misbehaviour for the next request (optionally only for ``path``)."""

    status: int = 500
    body: bytes | None = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    path: str | None = None


class FakeProviderServer:
    """Serves recorded-shape TMDb/OMDb JSON and programmable faults."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.requests: list[RecordedRequest] = []
        self.port: int | None = None
        self._faults: list[Fault] = []
        self._runner: web.AppRunner | None = None
        self._release = asyncio.Event()

    @property
    def url(self) -> str:
        """Root URL of the running server."""
        assert self.port is not None, "server not started"
        return f"http://127.0.0.1:{self.port}"

    @property
    def tmdb_url(self) -> str:
        """Base URL to give ``TmdbClient``."""
        return f"{self.url}{_TMDB_PREFIX}"

    @property
    def omdb_url(self) -> str:
        """Base URL to give ``OmdbClient``."""
        return f"{self.url}{_OMDB_PREFIX}/"

    async def start(self) -> None:
        """Listen on 127.0.0.1 (same port again after :meth:`stop`, else an ephemeral one)."""
        app = web.Application()
        app.router.add_route("GET", "/{tail:.*}", self._handle)
        self._release = asyncio.Event()
        self._runner = web.AppRunner(
            app, access_log=None, handler_cancellation=True, shutdown_timeout=0.2
        )
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", self.port or 0)
        await site.start()
        self.port = self._runner.addresses[0][1]

    async def stop(self) -> None:
        """Stop listening (later connections are refused); slow handlers are released."""
        self._release.set()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    # -- inspection ---------------------------------------------------------------

    def requests_to(self, path: str) -> list[RecordedRequest]:
        """Recorded requests whose path equals ``path``."""
        return [r for r in self.requests if r.path == path]

    # -- faults -------------------------------------------------------------------

    def add_fault(self, fault: Fault, count: int = 1) -> None:
        """Queue ``fault`` for the next ``count`` matching requests."""
        self._faults.extend([fault] * count)

    def fail_next(self, count: int = 1, status: int = 500, *, path: str | None = None) -> None:
        """Answer the next ``count`` requests with ``status`` (a TMDb-like error body)."""
        body = json.dumps({"success": False, "status_code": 11, "status_message": "Internal"})
        self.add_fault(Fault(status=status, body=body.encode(), path=path), count)

    def rate_limit_next(self, retry_after: str, count: int = 1) -> None:
        """Answer 429 with ``Retry-After: retry_after``."""
        body = (self.data_dir / "tmdb" / "error_rate_limited.json").read_bytes()
        self.add_fault(Fault(status=429, body=body, headers={"Retry-After": retry_after}), count)

    def delay_next(self, seconds: float, count: int = 1) -> None:
        """Hold the next ``count`` responses for ``seconds`` before answering normally."""
        self.add_fault(Fault(status=0, delay=seconds), count)

    def malformed_next(self, count: int = 1) -> None:
        """Answer 200 with a truncated JSON body."""
        self.add_fault(Fault(status=200, body=b'{"id": 348, "title": "Ali'), count)

    def respond_next(self, payload: Any, status: int = 200, count: int = 1) -> None:
        """Answer with ``payload`` serialised as JSON."""
        self.add_fault(Fault(status=status, body=json.dumps(payload).encode()), count)

    # -- handling -------------------------------------------------------------------

    def _take_fault(self, path: str) -> Fault | None:
        for index, fault in enumerate(self._faults):
            if fault.path is None or fault.path == path:
                return self._faults.pop(index)
        return None

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        provider, path = _split(request.path)
        self.requests.append(RecordedRequest(provider, path, dict(request.query), time.monotonic()))
        fault = self._take_fault(path)
        if fault is not None and fault.delay:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._release.wait(), timeout=fault.delay)
        if fault is not None and fault.status:
            return web.Response(
                status=fault.status,
                body=fault.body or b"",
                headers=fault.headers,
                content_type="application/json",
            )
        if provider == "tmdb":
            return self._tmdb(path, request.query)
        if provider == "omdb":
            return self._omdb(request.query)
        return web.json_response({"error": "unknown provider"}, status=404)

    def _load(self, provider: str, name: str) -> Any:
        return json.loads((self.data_dir / provider / name).read_text(encoding="utf-8"))

    def _tmdb(self, path: str, query: Any) -> web.Response:
        if query.get("api_key") != TMDB_KEY:
            return web.json_response(self._load("tmdb", "error_invalid_key.json"), status=401)
        not_found = web.json_response(self._load("tmdb", "error_not_found.json"), status=404)
        if path in _FILES:
            return web.json_response(self._load("tmdb", _FILES[path]))
        parts = path.strip("/").split("/")
        if parts[0] == "find":
            return web.json_response(_EMPTY_FIND)
        if parts[0] == "trending" and len(parts) == 3:
            data = self._load("tmdb", "trending_all_week.json")
            if parts[1] != "all":
                data["results"] = [r for r in data["results"] if r["media_type"] == parts[1]]
            return web.json_response(data)
        if parts[0] in ("movie", "tv") and len(parts) >= 2:
            file = self.data_dir / "tmdb" / f"{parts[0]}_{parts[1]}.json"
            if not file.exists():
                return not_found
            data = json.loads(file.read_text(encoding="utf-8"))
            if len(parts) == 2:
                return web.json_response(data)
            section = data.get("/".join(parts[2:]))
            if section is None:
                return not_found
            return web.json_response({"id": data["id"], **section})
        return not_found

    def _omdb(self, query: Any) -> web.Response:
        if query.get("apikey") != OMDB_KEY:
            return web.json_response(self._load("omdb", "invalid_key.json"), status=401)
        file = self.data_dir / "omdb" / f"{query.get('i', '')}.json"
        if query.get("i", "").startswith("tt") and file.exists():
            return web.json_response(json.loads(file.read_text(encoding="utf-8")))
        return web.json_response(self._load("omdb", "not_found.json"))
