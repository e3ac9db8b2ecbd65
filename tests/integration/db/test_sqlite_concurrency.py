"""The embedded SQLite database under concurrent writers (a busy group chat, the scheduler)."""

from __future__ import annotations

import asyncio
from pathlib import Path

from adapters.console.repl import ConsoleSession
from adapters.db import migrate
from bot.bootstrap import bootstrap
from bot.settings import Settings
from tests.support import catalog

TITLES = ("Heat", "Alien", "Aliens", "Dune 2021", "The Godfather")


async def test_concurrent_people_never_hit_database_is_locked(tmp_path: Path) -> None:
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None, database_url=f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}"
    )
    runtime = bootstrap(settings)
    try:
        await migrate.upgrade(runtime.engine)
        await catalog.load(runtime.app)
        people = [ConsoleSession(runtime.app, user=f"viewer{i}") for i in range(10)]

        async def busy(person: ConsoleSession) -> list[str]:
            answers = []
            for title in TITLES:  # each command reads, then writes, in one transaction
                answers.append(await person.handle(f"/rate {title} 8"))
                answers.append(await person.handle(f"/watched {title}"))
            return answers

        answers = [a for batch in await asyncio.gather(*map(busy, people)) for a in batch]
        assert [a for a in answers if "went wrong" in a] == []
        async with runtime.app.uow() as uow:
            profile = (await uow.accounts.find(people[-1].actor)).profile  # type: ignore[union-attr]
            assert len(await uow.activity.media_with(profile.id, ["rated"])) == len(TITLES)
    finally:
        await runtime.close()
