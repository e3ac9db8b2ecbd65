"""What subscriptions follow, in SQL: releases of a title, a show's episodes or season
premieres, a director's films, a list's titles; and directors by name."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.db import orm
from adapters.db.repositories.club_ratings import label
from core.domain.reminders import Release, Subscription, TargetKind


class SqlReleaseQueries:
    """Release lookups (mixed into the reminder repository)."""

    _s: AsyncSession

    async def releases(self, sub: Subscription, start: date, end: date) -> list[Release]:
        """What the target releases in [start, end]."""
        media = orm.Media
        in_range: Any = media.release_date.between(start, end)
        if sub.kind is TargetKind.TITLE:
            query: Any = select(media.id, media.title, media.year, media.release_date).where(
                media.id == sub.target_id, in_range
            )
        elif sub.kind is TargetKind.PERSON:
            query = (
                select(media.id, media.title, media.year, media.release_date)
                .join(orm.MediaCredit, orm.MediaCredit.media_id == media.id)
                .where(
                    orm.MediaCredit.person_id == sub.target_id,
                    orm.MediaCredit.role == "director",
                    in_range,
                )
                .distinct()
            )
        elif sub.kind is TargetKind.LIST:
            query = (
                select(media.id, media.title, media.year, media.release_date)
                .join(orm.ListItem, orm.ListItem.media_id == media.id)
                .where(orm.ListItem.list_id == sub.target_id, in_range)
            )
        else:
            return await self._episodes(sub, start, end)
        rows = (await self._s.execute(query.order_by(media.release_date, media.id))).all()
        return [Release(i, label(t, y), d) for i, t, y, d in rows]

    async def _episodes(self, sub: Subscription, start: date, end: date) -> list[Release]:
        episode = orm.TvEpisode
        query = (
            select(
                episode.id, episode.season_number, episode.number, episode.title, episode.air_date
            )
            .where(episode.media_id == sub.target_id, episode.air_date.between(start, end))
            .order_by(episode.air_date, episode.season_number, episode.number)
        )
        if sub.kind is TargetKind.SEASON:
            query = query.where(episode.number == 1)
        rows = (await self._s.execute(query)).all()
        name = sub.target_name
        return [
            Release(sub.target_id, f"{name} S{s:02d}E{n:02d} “{t}”", d, i)
            for i, s, n, t, d in rows
            if d is not None
        ]

    async def people(self, name_key: str, limit: int) -> list[tuple[int, str]]:
        """Directors whose name starts with ``name_key`` (case-insensitive)."""
        query = (
            select(orm.Person.id, orm.Person.name)
            .join(orm.MediaCredit, orm.MediaCredit.person_id == orm.Person.id)
            .where(
                func.lower(orm.Person.name).like(f"{name_key}%"), orm.MediaCredit.role == "director"
            )
            .distinct()
            .order_by(orm.Person.name)
            .limit(limit)
        )
        return [(i, n) for i, n in (await self._s.execute(query)).all()]
