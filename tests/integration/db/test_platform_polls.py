"""The native-poll repository (``uow.platform_polls``) on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import async_sessionmaker

from adapters.db.uow import SqlUnitOfWork
from core.ports_platform import PlatformPoll
from core.views.reply import ChatRef, Platform

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
GROUP = ChatRef(Platform.TELEGRAM, "-1001234", is_group=True, title="Movie Night", thread_id="7")
PRIVATE = ChatRef(Platform.TELEGRAM, "1001")
Sessions = async_sessionmaker[Any]


async def remember(sessions: Sessions, poll: PlatformPoll, at: datetime = NOW) -> None:
    """Store one poll in its own committed unit of work."""
    async with SqlUnitOfWork(sessions) as uow:
        await uow.platform_polls.remember(poll, at)
        await uow.commit()


async def find(sessions: Sessions, poll_id: str, platform: str = "telegram") -> PlatformPoll | None:
    """Look a poll up in a fresh unit of work."""
    async with SqlUnitOfWork(sessions) as uow:
        return await uow.platform_polls.find(platform, poll_id)


async def test_a_remembered_poll_is_found_with_its_whole_chat(sessions: Sessions) -> None:
    group, private = PlatformPoll("5310", GROUP, "cp:ans:1"), PlatformPoll("5311", PRIVATE, "x")
    await remember(sessions, group)
    await remember(sessions, private)
    assert await find(sessions, "5310") == group
    assert await find(sessions, "5311") == private


async def test_unknown_ids_and_other_platforms_are_not_found(sessions: Sessions) -> None:
    await remember(sessions, PlatformPoll("5310", GROUP, "cp:ans:1"))
    assert await find(sessions, "5399") is None
    assert await find(sessions, "5310", platform="discord") is None


async def test_remembering_an_id_again_overwrites_it(sessions: Sessions) -> None:
    await remember(sessions, PlatformPoll("5310", GROUP, "cp:ans:1"))
    await remember(sessions, PlatformPoll("5310", PRIVATE, "cp:ans:2"), NOW + timedelta(days=1))
    assert await find(sessions, "5310") == PlatformPoll("5310", PRIVATE, "cp:ans:2")


async def test_without_commit_nothing_is_remembered(sessions: Sessions) -> None:
    async with SqlUnitOfWork(sessions) as uow:
        await uow.platform_polls.remember(PlatformPoll("5310", GROUP, "cp:ans:1"), NOW)
    assert await find(sessions, "5310") is None


async def test_prune_forgets_only_polls_older_than_the_cut(sessions: Sessions) -> None:
    await remember(sessions, PlatformPoll("old", GROUP, "cp:ans:1"), NOW - timedelta(days=61))
    await remember(sessions, PlatformPoll("new", GROUP, "cp:ans:2"), NOW - timedelta(days=59))
    async with SqlUnitOfWork(sessions) as uow:
        assert await uow.platform_polls.prune(NOW - timedelta(days=60)) == 1
        await uow.commit()
    assert await find(sessions, "old") is None
    assert await find(sessions, "new") is not None
