"""Activity events and pending multi-step inputs in SQL."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.db import orm
from core.ports import PendingInput
from core.views.reply import ChatRef, UserRef


class SqlActivityRepository:
    """ActivityRepository over one session."""

    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def record(
        self,
        profile_id: int,
        kind: str,
        media_id: int | None,
        payload: dict[str, Any],
        now: datetime,
    ) -> None:
        """Append an event."""
        self._s.add(
            orm.ActivityEvent(
                profile_id=profile_id, kind=kind, media_id=media_id, payload=payload, created_at=now
            )
        )
        await self._s.flush()

    async def media_with(self, profile_id: int, kinds: Sequence[str]) -> set[int]:
        """Titles the profile has events of these kinds for (e.g. watched, not_interested)."""
        rows = await self._s.scalars(
            select(orm.ActivityEvent.media_id).where(
                orm.ActivityEvent.profile_id == profile_id,
                orm.ActivityEvent.kind.in_(kinds),
                orm.ActivityEvent.media_id.is_not(None),
            )
        )
        return {int(m) for m in rows if m is not None}

    async def trending(
        self,
        since: datetime,
        kinds: Sequence[str],
        genre: str | None,
        limit: int,
        profiles: Collection[int] | None = None,
    ) -> list[tuple[int, int]]:
        """(media id, event count) of the busiest titles since ``since``, busiest first
        (only the events of ``profiles`` when given)."""
        count = func.count(orm.ActivityEvent.id)
        query = (
            select(orm.ActivityEvent.media_id, count)
            .where(orm.ActivityEvent.created_at >= since, orm.ActivityEvent.kind.in_(kinds))
            .where(orm.ActivityEvent.media_id.is_not(None))
            .group_by(orm.ActivityEvent.media_id)
            .order_by(count.desc(), orm.ActivityEvent.media_id)
            .limit(limit)
        )
        if profiles is not None:
            query = query.where(orm.ActivityEvent.profile_id.in_(list(profiles)))
        if genre is not None:
            query = query.where(
                orm.ActivityEvent.media_id.in_(
                    select(orm.MediaGenre.media_id)
                    .join(orm.Genre, orm.Genre.id == orm.MediaGenre.genre_id)
                    .where(func.lower(orm.Genre.name) == genre.lower())
                )
            )
        return [(int(m), int(n)) for m, n in await self._s.execute(query) if m is not None]

    async def payloads(self, profile_id: int, kind: str) -> list[dict[str, Any]]:
        """Payloads of a profile's events of ``kind``, oldest first."""
        rows = await self._s.scalars(
            select(orm.ActivityEvent.payload)
            .where(orm.ActivityEvent.profile_id == profile_id, orm.ActivityEvent.kind == kind)
            .order_by(orm.ActivityEvent.id)
        )
        return [dict(p or {}) for p in rows]

    def _where(self, who: UserRef, chat: ChatRef) -> Any:
        return (
            (orm.PendingInput.platform == who.platform.value)
            & (orm.PendingInput.chat_id == chat.chat_id)
            & (orm.PendingInput.external_user_id == who.external_id)
        )

    async def pending(self, who: UserRef, chat: ChatRef, now: datetime) -> PendingInput | None:
        """The unexpired pending input, if any."""
        row = await self._s.scalar(select(orm.PendingInput).where(self._where(who, chat)))
        if row is None or row.expires_at <= now:
            return None
        return PendingInput(row.flow, dict(row.data), row.expires_at)

    async def set_pending(self, who: UserRef, chat: ChatRef, pending: PendingInput) -> None:
        """Replace any pending input with this one."""
        await self.clear_pending(who, chat)
        self._s.add(
            orm.PendingInput(
                platform=who.platform.value,
                chat_id=chat.chat_id,
                external_user_id=who.external_id,
                flow=pending.flow,
                data=pending.data,
                expires_at=pending.expires_at,
            )
        )
        await self._s.flush()

    async def clear_pending(self, who: UserRef, chat: ChatRef) -> bool:
        """Cancel; False when nothing was pending."""
        result = await self._s.execute(delete(orm.PendingInput).where(self._where(who, chat)))
        return bool(getattr(result, "rowcount", 0))
