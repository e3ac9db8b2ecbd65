"""Watches, ownership, the library view and episode progress in SQL."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.db import orm
from core.domain.media import Episode, MediaKind
from core.domain.watching import LibraryEntry, LibraryFilter, OwnedFormat, WatchRecord


def _record(row: orm.WatchHistory) -> WatchRecord:
    return WatchRecord(row.media_id, row.watch_count, row.first_watched_at, row.last_watched_at)


class SqlWatchRepository:
    """WatchRepository over one session."""

    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def _history(self, profile_id: int, media_id: int) -> orm.WatchHistory | None:
        return await self._s.scalar(
            select(orm.WatchHistory).where(
                orm.WatchHistory.profile_id == profile_id, orm.WatchHistory.media_id == media_id
            )
        )

    async def record(
        self, profile_id: int, media_id: int, when: datetime, now: datetime
    ) -> WatchRecord:
        """Add a watch event and update the summary."""
        self._s.add(
            orm.WatchEvent(
                profile_id=profile_id, media_id=media_id, watched_at=when, created_at=now
            )
        )
        row = await self._history(profile_id, media_id)
        if row is None:
            row = orm.WatchHistory(
                profile_id=profile_id,
                media_id=media_id,
                watch_count=0,
                first_watched_at=when,
                last_watched_at=when,
            )
            self._s.add(row)
        row.watch_count += 1
        row.first_watched_at = min(row.first_watched_at, when)
        row.last_watched_at = max(row.last_watched_at, when)
        await self._s.flush()
        return _record(row)

    async def undo_last(self, profile_id: int, media_id: int) -> WatchRecord | None:
        """Delete the most recently logged watch and recompute the summary."""
        latest = await self._s.scalar(
            select(orm.WatchEvent)
            .where(orm.WatchEvent.profile_id == profile_id, orm.WatchEvent.media_id == media_id)
            .order_by(orm.WatchEvent.created_at.desc(), orm.WatchEvent.id.desc())
            .limit(1)
        )
        row = await self._history(profile_id, media_id)
        if latest is not None:
            await self._s.delete(latest)
            await self._s.flush()
        stats = (
            await self._s.execute(
                select(
                    func.count(orm.WatchEvent.id),
                    func.min(orm.WatchEvent.watched_at),
                    func.max(orm.WatchEvent.watched_at),
                ).where(
                    orm.WatchEvent.profile_id == profile_id, orm.WatchEvent.media_id == media_id
                )
            )
        ).one()
        if row is None:
            return None
        if not stats[0]:
            await self._s.delete(row)
            await self._s.flush()
            return None
        row.watch_count = int(stats[0])
        reloaded = await self._s.scalars(
            select(orm.WatchEvent.watched_at).where(
                orm.WatchEvent.profile_id == profile_id, orm.WatchEvent.media_id == media_id
            )
        )
        times = list(reloaded)  # typed (aware) values; aggregates lose the type on SQLite
        row.first_watched_at, row.last_watched_at = min(times), max(times)
        await self._s.flush()
        return _record(row)

    async def get(self, profile_id: int, media_id: int) -> WatchRecord | None:
        """The summary, if watched."""
        row = await self._history(profile_id, media_id)
        return _record(row) if row else None

    async def own(
        self, profile_id: int, media_id: int, fmt: OwnedFormat, service: str | None, now: datetime
    ) -> bool:
        """Record ownership once per format."""
        existing = await self._s.scalar(
            select(orm.Ownership.id).where(
                orm.Ownership.profile_id == profile_id,
                orm.Ownership.media_id == media_id,
                orm.Ownership.format == fmt.value,
            )
        )
        if existing is not None:
            return False
        self._s.add(
            orm.Ownership(
                profile_id=profile_id,
                media_id=media_id,
                format=fmt.value,
                service=service,
                created_at=now,
            )
        )
        await self._s.flush()
        return True

    async def formats(self, profile_id: int, media_id: int) -> list[OwnedFormat]:
        """Formats owned."""
        rows = await self._s.scalars(
            select(orm.Ownership.format)
            .where(orm.Ownership.profile_id == profile_id, orm.Ownership.media_id == media_id)
            .order_by(orm.Ownership.id)
        )
        return [OwnedFormat(f) for f in rows]

    def _library_query(self, profile_id: int, flt: LibraryFilter) -> Any:
        watched = select(orm.WatchHistory.media_id).where(orm.WatchHistory.profile_id == profile_id)
        owned = select(orm.Ownership.media_id).where(orm.Ownership.profile_id == profile_id)
        if flt.owned_format is not None:
            owned = owned.where(orm.Ownership.format == flt.owned_format.value)
        query = select(orm.Media.id)
        if flt.owned_only or flt.owned_format is not None:
            query = query.where(orm.Media.id.in_(owned))
        else:
            query = query.where(or_(orm.Media.id.in_(watched), orm.Media.id.in_(owned)))
        if flt.kind is not None:
            query = query.where(orm.Media.kind == flt.kind.value)
        if flt.genre is not None:
            query = query.where(
                orm.Media.id.in_(
                    select(orm.MediaGenre.media_id)
                    .join(orm.Genre, orm.Genre.id == orm.MediaGenre.genre_id)
                    .where(func.lower(orm.Genre.name) == flt.genre.lower())
                )
            )
        if flt.year_from is not None:
            query = query.where(orm.Media.year >= flt.year_from)
        if flt.year_to is not None:
            query = query.where(orm.Media.year <= flt.year_to)
        if flt.min_rating is not None or flt.max_rating is not None:
            rated = select(orm.Rating.media_id).where(orm.Rating.profile_id == profile_id)
            if flt.min_rating is not None:
                rated = rated.where(orm.Rating.value >= flt.min_rating)
            if flt.max_rating is not None:
                rated = rated.where(orm.Rating.value <= flt.max_rating)
            query = query.where(orm.Media.id.in_(rated))
        return query

    async def library(
        self, profile_id: int, flt: LibraryFilter, offset: int, limit: int
    ) -> tuple[list[LibraryEntry], int]:
        """Watched/owned titles matching the filter, most recently watched first."""
        ids = self._library_query(profile_id, flt).subquery()
        total = int(await self._s.scalar(select(func.count()).select_from(ids)) or 0)
        rows = (
            await self._s.execute(
                select(orm.Media, orm.WatchHistory, orm.Rating.value)
                .join(ids, ids.c.id == orm.Media.id)
                .outerjoin(
                    orm.WatchHistory,
                    (orm.WatchHistory.media_id == orm.Media.id)
                    & (orm.WatchHistory.profile_id == profile_id),
                )
                .outerjoin(
                    orm.Rating,
                    (orm.Rating.media_id == orm.Media.id) & (orm.Rating.profile_id == profile_id),
                )
                .order_by(orm.WatchHistory.last_watched_at.desc().nulls_last(), orm.Media.title)
                .offset(offset)
                .limit(limit)
            )
        ).all()
        formats: dict[int, list[OwnedFormat]] = defaultdict(list)
        owned = await self._s.execute(
            select(orm.Ownership.media_id, orm.Ownership.format)
            .where(
                orm.Ownership.profile_id == profile_id,
                orm.Ownership.media_id.in_([m.id for m, _, _ in rows]),
            )
            .order_by(orm.Ownership.id)
        )
        for media_id, fmt in owned:
            formats[media_id].append(OwnedFormat(fmt))
        entries = [
            LibraryEntry(
                m.id,
                m.title,
                m.year,
                MediaKind(m.kind),
                rating,
                h.watch_count if h else 0,
                h.last_watched_at if h else None,
                tuple(formats.get(m.id, [])),
            )
            for m, h, rating in rows
        ]
        return entries, total

    async def mark_episodes(
        self, profile_id: int, episodes: Sequence[Episode], media_id: int, now: datetime
    ) -> int:
        """Mark watched; already-watched ones are left alone."""
        done = await self.watched_episodes(profile_id, media_id)
        new = [e for e in episodes if e.id not in done]
        self._s.add_all(
            orm.EpisodeProgress(
                profile_id=profile_id, episode_id=e.id, media_id=media_id, watched_at=now
            )
            for e in new
        )
        await self._s.flush()
        return len(new)

    async def unmark_episodes(self, profile_id: int, episode_ids: Sequence[int]) -> int:
        """Unmark; returns the number removed."""
        result = await self._s.execute(
            delete(orm.EpisodeProgress).where(
                orm.EpisodeProgress.profile_id == profile_id,
                orm.EpisodeProgress.episode_id.in_(episode_ids),
            )
        )
        return int(getattr(result, "rowcount", 0) or 0)

    async def watched_episodes(self, profile_id: int, media_id: int) -> set[int]:
        """Watched episode ids of one show."""
        rows = await self._s.scalars(
            select(orm.EpisodeProgress.episode_id).where(
                orm.EpisodeProgress.profile_id == profile_id,
                orm.EpisodeProgress.media_id == media_id,
            )
        )
        return set(rows)

    async def shows_in_progress(self, profile_id: int) -> list[int]:
        """Shows with watched episodes, most recent first."""
        rows = await self._s.execute(
            select(orm.EpisodeProgress.media_id, func.max(orm.EpisodeProgress.id).label("latest"))
            .where(orm.EpisodeProgress.profile_id == profile_id)
            .group_by(orm.EpisodeProgress.media_id)
            .order_by(func.max(orm.EpisodeProgress.id).desc())
        )
        return [media_id for media_id, _ in rows]
