"""Native polls the bot sent, in SQL: one row per (platform, platform poll id).

Rows are only useful while a poll can still be answered; ``prune`` deletes old ones (the
Telegram adapter calls it with 60 days whenever it remembers a poll, over the indexed
``created_at``). By hand: ``DELETE FROM platform_polls WHERE created_at < now() - interval
'60 days'`` (PostgreSQL).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.db import orm
from core.ports_platform import PlatformPoll
from core.views.reply import ChatRef, Platform


class SqlPlatformPollRepository:
    """PlatformPollRepository over one session."""

    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def remember(self, poll: PlatformPoll, now: datetime) -> None:
        """Insert the poll, or overwrite the row with its id (an upsert: one statement, so
        it never reads before writing, which SQLite could refuse under a concurrent writer)."""
        chat = poll.chat
        values = {
            "platform": poll.platform,
            "poll_id": poll.poll_id,
            "chat_id": chat.chat_id,
            "thread_id": chat.thread_id,
            "is_group": chat.is_group,
            "chat_title": chat.title,
            "answer_action": poll.answer_action,
            "created_at": now,
        }
        dialect = self._s.bind.dialect.name if self._s.bind is not None else "sqlite"
        module: Any = postgresql if dialect == "postgresql" else sqlite
        insert = module.insert(orm.PlatformPoll).values(values)
        keep = {k: v for k, v in values.items() if k not in ("platform", "poll_id")}
        await self._s.execute(
            insert.on_conflict_do_update(index_elements=["platform", "poll_id"], set_=keep)
        )

    async def find(self, platform: str, poll_id: str) -> PlatformPoll | None:
        """The poll with this id on ``platform``, or None."""
        row = await self._s.scalar(
            select(orm.PlatformPoll).where(
                orm.PlatformPoll.platform == platform, orm.PlatformPoll.poll_id == poll_id
            )
        )
        if row is None:
            return None
        chat = ChatRef(
            Platform(row.platform),
            row.chat_id,
            is_group=row.is_group,
            title=row.chat_title,
            thread_id=row.thread_id,
        )
        return PlatformPoll(row.poll_id, chat, row.answer_action)

    async def prune(self, before: datetime) -> int:
        """Delete polls remembered before ``before``; returns how many."""
        result = await self._s.execute(
            delete(orm.PlatformPoll).where(orm.PlatformPoll.created_at < before)
        )
        return int(getattr(result, "rowcount", 0) or 0)
