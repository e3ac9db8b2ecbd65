"""The README's main flow, through the real ``watchbot console`` process on a fresh SQLite file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

FLOW = [
    "/start",
    "/title the godfather",
    "/add The Godfather",
    "/lists",
    "/move The Godfather to Watching",
    "/watched The Godfather",
    "/rate The Godfather 8",
    "/review The Godfather | The baptism sequence intercut with the killings is unforgettable.",
    "1",
    "/library genre:crime",
    "/ep Chernobyl S01E01",
    "/ep Chernobyl S01E02",
    "/ep Chernobyl S01E03",
    "/next",
]


def run_console(database: Path, lines: list[str], *extra: str) -> str:
    """Pipe ``lines`` into ``watchbot console`` and return what it printed."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("WATCHBOT_")}
    env["WATCHBOT_DATABASE_URL"] = f"sqlite+aiosqlite:///{database}"
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", "console", *extra],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        cwd=Path(__file__).resolve().parents[3],
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.slow
def test_readme_main_flow(tmp_path: Path) -> None:
    out = run_console(tmp_path / "watchbot.db", FLOW)
    expected_in_order = [
        "Welcome to Watchbot, you!",
        "── The Godfather (1972) ──",
        "Director: Francis Ford Coppola",
        "Added The Godfather (1972) to To Watch.",
        "To Watch — 1 title",
        "Moved The Godfather (1972) from To Watch to Watching.",
        "Marked The Godfather (1972) as watched. It is now on Completed.",
        "Rated The Godfather (1972) 8/10.",
        "Saved your review of The Godfather (1972).",
        "[1] Spoiler: off",
        "||The baptism sequence intercut with the killings is unforgettable.||",
        "The Godfather (1972) · ★ 8/10 · watched once",
        "Marked Chernobyl S01E01 “1:23:45” as watched.",
        "Marked Chernobyl S01E03 “Open Wide, O Earth” as watched.",
        "3 of 5 aired episodes watched (60%).",
        "Next: S01E04 · The Happiness of All Mankind",
        "Chernobyl — S01E04 · The Happiness of All Mankind (60%)",
    ]
    position = 0
    for text in expected_in_order:
        found = out.find(text, position)
        assert found >= 0, f"missing after position {position}: {text!r}\n{out}"
        position = found + len(text)


@pytest.mark.slow
def test_one_shot_commands_and_groups_share_the_database(tmp_path: Path) -> None:
    database = tmp_path / "watchbot.db"
    first = run_console(database, [], "-c", "/add Heat", "-c", "/lists")
    assert "Added Heat (1995) to To Watch." in first and "To Watch — 1 title" in first
    again = run_console(database, [], "-c", "/lists")
    assert "To Watch — 1 title" in again
    other = run_console(database, [], "--as", "bo", "--group", "club", "-c", "/list To Watch")
    assert "This list is empty" in other
