"""Follows between profiles and the activity of followed profiles, in SQL."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.db import orm
from core.domain.social import FriendActivity, FriendEvent


class SqlFollowRepository:
    """FollowRepository over one session."""

    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def follow(self, follower_id: int, followee_id: int, now: datetime) -> bool:
        """Start following; False when already following."""
        if await self._s.get(orm.Follow, (follower_id, followee_id)) is not None:
            return False
        self._s.add(orm.Follow(follower_id=follower_id, followee_id=followee_id, created_at=now))
        await self._s.flush()
        return True

    async def unfollow(self, follower_id: int, followee_id: int) -> bool:
        """Stop following; False when not following."""
        result = await self._s.execute(
            delete(orm.Follow).where(
                orm.Follow.follower_id == follower_id, orm.Follow.followee_id == followee_id
            )
        )
        return bool(getattr(result, "rowcount", 0))

    async def following(self, profile_id: int) -> list[int]:
        """Profiles ``profile_id`` follows, oldest follow first."""
        rows = await self._s.scalars(
            select(orm.Follow.followee_id)
            .where(orm.Follow.follower_id == profile_id)
            .order_by(orm.Follow.created_at, orm.Follow.followee_id)
        )
        return [int(r) for r in rows]

    async def followers(self, profile_id: int) -> list[int]:
        """Profiles following ``profile_id``, oldest follow first."""
        rows = await self._s.scalars(
            select(orm.Follow.follower_id)
            .where(orm.Follow.followee_id == profile_id)
            .order_by(orm.Follow.created_at, orm.Follow.follower_id)
        )
        return [int(r) for r in rows]

    async def visibilities(self, profile_ids: Sequence[int]) -> dict[int, str | None]:
        """Each profile's chosen privacy (None if never chosen)."""
        if not profile_ids:
            return {}
        rows = await self._s.execute(
            select(orm.Profile.id, orm.Profile.preferences).where(orm.Profile.id.in_(profile_ids))
        )
        return {int(pid): (prefs or {}).get("default_visibility") for pid, prefs in rows}

    async def activity(
        self, profile_ids: Sequence[int], since: datetime, limit: int
    ) -> list[FriendActivity]:
        """Current ratings, last watches and list adds since ``since``, newest first."""
        if not profile_ids:
            return []
        found: list[FriendActivity] = []
        ratings = await self._s.execute(
            select(
                orm.Rating.profile_id, orm.Rating.media_id, orm.Rating.value, orm.Rating.updated_at
            )
            .where(orm.Rating.profile_id.in_(profile_ids), orm.Rating.updated_at >= since)
            .order_by(orm.Rating.updated_at.desc())
            .limit(limit)
        )
        found += [FriendActivity(p, m, "rated", at, rating=v) for p, m, v, at in ratings]
        history = orm.WatchHistory
        watches = await self._s.execute(
            select(history.profile_id, history.media_id, history.last_watched_at)
            .where(history.profile_id.in_(profile_ids), history.last_watched_at >= since)
            .order_by(history.last_watched_at.desc())
            .limit(limit)
        )
        found += [FriendActivity(p, m, "watched", at) for p, m, at in watches]
        event = orm.ActivityEvent
        listed = await self._s.execute(
            select(event.profile_id, event.media_id, event.created_at)
            .where(
                event.profile_id.in_(profile_ids),
                event.kind == "listed",
                event.created_at >= since,
                event.media_id.is_not(None),
            )
            .order_by(event.created_at.desc())
            .limit(limit)
        )
        found += [FriendActivity(p, m, "listed", at) for p, m, at in listed if m is not None]
        found.sort(key=lambda a: (a.at, a.profile_id, a.media_id), reverse=True)
        return found[:limit]

    async def events_after(
        self, after_id: int, since: datetime, before: datetime, limit: int
    ) -> list[FriendEvent]:
        """Rating and watch events with an id above ``after_id``, created in [since, before)."""
        event = orm.ActivityEvent
        rows = await self._s.execute(
            select(
                event.id,
                event.profile_id,
                event.media_id,
                event.kind,
                event.payload,
                event.created_at,
            )
            .where(
                event.id > after_id,
                event.created_at >= since,
                event.created_at < before,
                event.kind.in_(("rated", "watched")),
                event.media_id.is_not(None),
            )
            .order_by(event.id)
            .limit(limit)
        )
        found = []
        for event_id, profile_id, media_id, kind, payload, at in rows:
            value = (payload or {}).get("value")
            rating = int(value) if isinstance(value, int) else None
            activity = FriendActivity(profile_id, media_id, kind, at, rating=rating)
            found.append(FriendEvent(int(event_id), activity))
        return found

    async def all_followers(self) -> list[int]:
        """Every profile that follows someone."""
        rows = await self._s.scalars(select(orm.Follow.follower_id).distinct())
        return sorted(int(r) for r in rows)

    async def ratings_of(self, profile_ids: Sequence[int], media_id: int) -> dict[int, int]:
        """These profiles' current ratings of one title."""
        if not profile_ids:
            return {}
        rows = await self._s.execute(
            select(orm.Rating.profile_id, orm.Rating.value).where(
                orm.Rating.profile_id.in_(list(profile_ids)), orm.Rating.media_id == media_id
            )
        )
        return {int(p): int(v) for p, v in rows}
