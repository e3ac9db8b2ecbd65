"""Ratings and reviews in SQL."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.db import orm
from core.domain.lists import Visibility
from core.domain.ratings import Review


def _to_review(row: orm.Review) -> Review:
    return Review(
        row.id,
        row.profile_id,
        row.media_id,
        row.body,
        row.spoiler,
        Visibility(row.visibility),
        row.created_at,
        row.updated_at,
    )


class SqlRatingRepository:
    """RatingRepository over one session."""

    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def _row(self, profile_id: int, media_id: int) -> orm.Rating | None:
        return await self._s.scalar(
            select(orm.Rating).where(
                orm.Rating.profile_id == profile_id, orm.Rating.media_id == media_id
            )
        )

    async def get(self, profile_id: int, media_id: int) -> int | None:
        """The rating, if any."""
        row = await self._row(profile_id, media_id)
        return row.value if row else None

    async def many(self, profile_id: int, media_ids: Sequence[int]) -> dict[int, int]:
        """Ratings of several titles."""
        if not media_ids:
            return {}
        rows = await self._s.execute(
            select(orm.Rating.media_id, orm.Rating.value).where(
                orm.Rating.profile_id == profile_id, orm.Rating.media_id.in_(media_ids)
            )
        )
        return {m: v for m, v in rows}

    async def set(self, profile_id: int, media_id: int, value: int, now: datetime) -> int | None:
        """Rate; returns the previous value."""
        row = await self._row(profile_id, media_id)
        if row is None:
            self._s.add(
                orm.Rating(
                    profile_id=profile_id,
                    media_id=media_id,
                    value=value,
                    created_at=now,
                    updated_at=now,
                )
            )
            await self._s.flush()
            return None
        previous, row.value, row.updated_at = row.value, value, now
        await self._s.flush()
        return previous

    async def clear(self, profile_id: int, media_id: int) -> int | None:
        """Remove; returns the removed value."""
        row = await self._row(profile_id, media_id)
        if row is None:
            return None
        await self._s.delete(row)
        await self._s.flush()
        return row.value

    async def review(self, profile_id: int, media_id: int) -> Review | None:
        """The review, if any."""
        row = await self._s.scalar(
            select(orm.Review).where(
                orm.Review.profile_id == profile_id, orm.Review.media_id == media_id
            )
        )
        return _to_review(row) if row else None

    async def save_review(
        self,
        profile_id: int,
        media_id: int,
        body: str,
        spoiler: bool,
        visibility: Visibility,
        now: datetime,
    ) -> Review:
        """Create or replace."""
        row = await self._s.scalar(
            select(orm.Review).where(
                orm.Review.profile_id == profile_id, orm.Review.media_id == media_id
            )
        )
        if row is None:
            row = orm.Review(profile_id=profile_id, media_id=media_id, created_at=now)
            self._s.add(row)
        row.body, row.spoiler, row.visibility, row.updated_at = body, spoiler, visibility.value, now
        await self._s.flush()
        return _to_review(row)

    async def update_review(self, review_id: int, changes: dict[str, Any], now: datetime) -> None:
        """Change flags."""
        await self._s.execute(
            update(orm.Review).where(orm.Review.id == review_id).values(**changes, updated_at=now)
        )

    async def delete_review(self, profile_id: int, media_id: int) -> bool:
        """Delete; False when there was none."""
        result = await self._s.execute(
            delete(orm.Review).where(
                orm.Review.profile_id == profile_id, orm.Review.media_id == media_id
            )
        )
        return bool(getattr(result, "rowcount", 0))
