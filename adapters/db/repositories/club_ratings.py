"""Club ratings in SQL (mixed into the club repository)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.db import orm
from core.ports_clubs import ClubRatingRow


def label(title: str, year: int | None) -> str:
    """``Title (year)``."""
    return f"{title} ({year})" if year else title


class SqlClubRatings:
    """A member's club rating of a title, and the club's ratings."""

    _s: AsyncSession

    async def rate(
        self,
        club_id: int,
        profile_id: int,
        media_id: int,
        value: int,
        night_id: int | None,
        now: datetime,
    ) -> int | None:
        """Create or change a member's club rating; returns the previous value."""
        row = await self._s.scalar(
            select(orm.ClubRating).where(
                orm.ClubRating.club_id == club_id,
                orm.ClubRating.profile_id == profile_id,
                orm.ClubRating.media_id == media_id,
            )
        )
        if row is None:
            self._s.add(
                orm.ClubRating(
                    club_id=club_id,
                    profile_id=profile_id,
                    media_id=media_id,
                    night_id=night_id,
                    value=value,
                    created_at=now,
                    updated_at=now,
                )
            )
            await self._s.flush()
            return None
        previous = row.value
        row.value, row.updated_at = value, now
        row.night_id = row.night_id or night_id
        await self._s.flush()
        return previous

    async def ratings(self, club_id: int, media_id: int | None = None) -> list[ClubRatingRow]:
        """Club ratings with titles, of one title or all."""
        query = (
            select(orm.ClubRating, orm.Media.title, orm.Media.year)
            .join(orm.Media, orm.Media.id == orm.ClubRating.media_id)
            .where(orm.ClubRating.club_id == club_id)
            .order_by(orm.ClubRating.id)
        )
        if media_id is not None:
            query = query.where(orm.ClubRating.media_id == media_id)
        rows = (await self._s.execute(query)).all()
        return [ClubRatingRow(r.media_id, label(t, y), r.profile_id, r.value) for r, t, y in rows]
