"""Loads the demo catalog shipped in the package (idempotent: titles are upserted)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from core.app import App
from core.domain.media import Credit, CreditRole, Episode, MediaKind, NewMedia, Season

DEMO_DIR = Path(__file__).resolve().parent


def _date(raw: str | None) -> date | None:
    return date.fromisoformat(raw) if raw else None


def _credits(entry: dict[str, Any]) -> tuple[Credit, ...]:
    credits = [
        Credit(n, CreditRole.DIRECTOR, None, i) for i, n in enumerate(entry.get("directors", []))
    ]
    credits += [
        Credit(n, CreditRole.WRITER, None, i) for i, n in enumerate(entry.get("writers", []))
    ]
    credits += [
        Credit(c["name"], CreditRole.ACTOR, c.get("character"), i)
        for i, c in enumerate(entry.get("cast", []))
    ]
    return tuple(credits)


def _seasons(entry: dict[str, Any]) -> tuple[Season, ...]:
    seasons = []
    for s in entry.get("seasons", []):
        episodes = tuple(
            Episode(
                0, s["number"], e["number"], e["title"], _date(e.get("air_date")), e.get("runtime")
            )
            for e in s.get("episodes", [])
        )
        count = len(episodes) or int(s.get("episode_count", 0))
        seasons.append(
            Season(
                s["number"],
                s.get("name") or f"Season {s['number']}",
                _date(s.get("air_date")),
                count,
                episodes,
            )
        )
    return tuple(seasons)


def to_new_media(entry: dict[str, Any]) -> NewMedia:
    """One JSON entry -> NewMedia."""
    return NewMedia(
        kind=MediaKind(entry["kind"]),
        title=entry["title"],
        year=entry.get("year"),
        release_date=_date(entry.get("release_date")),
        original_title=entry.get("original_title"),
        original_language=entry.get("original_language"),
        overview=entry.get("overview"),
        runtime=entry.get("runtime"),
        genres=tuple(entry.get("genres", [])),
        certification=entry.get("certification"),
        vote_average=entry.get("vote_average"),
        vote_count=int(entry.get("popularity") or 0),
        imdb_id=entry.get("imdb_id"),
        alt_titles=tuple(entry.get("alt_titles", [])),
        credits=_credits(entry),
        seasons=_seasons(entry),
        status=entry.get("status"),
        source="demo",
    )


def demo_entries(directory: Path = DEMO_DIR) -> Iterator[dict[str, Any]]:
    """Every movie and show in the demo files."""
    for name in ("movies.json", "shows.json"):
        path = directory / name
        if path.exists():
            yield from json.loads(path.read_text(encoding="utf-8"))


async def load_demo_catalog(app: App, directory: Path = DEMO_DIR) -> int:
    """Upsert every demo title; returns how many were loaded."""
    return len(await app.catalog.upsert_many([to_new_media(e) for e in demo_entries(directory)]))
