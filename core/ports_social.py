"""Port of following people: who follows whom and what the people one follows did.

``UnitOfWork`` exposes it as ``uow.follows`` (implemented in ``adapters/db``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from core.domain.social import FriendActivity, FriendEvent


class FollowRepository(Protocol):
    """Follows between profiles, and the activity of followed profiles."""

    async def follow(self, follower_id: int, followee_id: int, now: datetime) -> bool:
        """Start following; False when already following."""
        ...

    async def unfollow(self, follower_id: int, followee_id: int) -> bool:
        """Stop following; False when not following."""
        ...

    async def following(self, profile_id: int) -> list[int]:
        """Profiles ``profile_id`` follows, oldest follow first."""
        ...

    async def followers(self, profile_id: int) -> list[int]:
        """Profiles following ``profile_id``, oldest follow first."""
        ...

    async def visibilities(self, profile_ids: Sequence[int]) -> dict[int, str | None]:
        """Each profile's chosen privacy (public, friends, private; None if never chosen)."""
        ...

    async def activity(
        self, profile_ids: Sequence[int], since: datetime, limit: int
    ) -> list[FriendActivity]:
        """Current ratings, watches and watchlist adds of these profiles since ``since``,
        newest first, at most ``limit``."""
        ...

    async def events_after(
        self, after_id: int, since: datetime, before: datetime, limit: int
    ) -> list[FriendEvent]:
        """Ratings and watches with an id above ``after_id``, recorded in [since, before),
        in id order (what followers may hear about)."""
        ...

    async def all_followers(self) -> list[int]:
        """Every profile that follows someone."""
        ...

    async def ratings_of(self, profile_ids: Sequence[int], media_id: int) -> dict[int, int]:
        """These profiles' current ratings (1-10) of one title."""
        ...
