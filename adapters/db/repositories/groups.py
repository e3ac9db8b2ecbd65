"""Group chats (club contexts) in SQL."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.db import orm
from core.domain.groups import Group
from core.views.reply import ChatRef


def _to_group(row: orm.Club) -> Group:
    locale = (row.settings or {}).get("locale")
    return Group(
        row.id, row.platform, row.chat_id, row.name, row.timezone, str(locale) if locale else None
    )


class SqlGroupRepository:
    """GroupRepository over one session."""

    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def find(self, chat: ChatRef) -> Group | None:
        """The group behind a chat, if it was seen before."""
        row = await self._s.scalar(
            select(orm.Club).where(
                orm.Club.platform == chat.platform.value, orm.Club.chat_id == chat.chat_id
            )
        )
        return _to_group(row) if row else None

    async def get_or_create(self, chat: ChatRef, now: datetime) -> Group:
        """The group behind a chat, created on first use."""
        row = await self._s.scalar(
            select(orm.Club).where(
                orm.Club.platform == chat.platform.value, orm.Club.chat_id == chat.chat_id
            )
        )
        if row is None:
            row = orm.Club(
                platform=chat.platform.value,
                chat_id=chat.chat_id,
                name=chat.title or chat.chat_id,
                settings={},
                created_at=now,
            )
            self._s.add(row)
            await self._s.flush()
        return _to_group(row)

    async def update(self, group_id: int, changes: dict[str, Any]) -> Group:
        """Change the time zone or language of a group."""
        row = await self._s.get_one(orm.Club, group_id)
        if "timezone" in changes:
            row.timezone = changes["timezone"]
        if "locale" in changes:
            row.settings = {**(row.settings or {}), "locale": changes["locale"]}
        await self._s.flush()
        return _to_group(row)
