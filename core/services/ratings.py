"""Ratings (1-10) and reviews."""

from __future__ import annotations

from collections.abc import Callable

from core.domain.errors import NotFound
from core.domain.lists import Visibility
from core.domain.ratings import Review, parse_rating, validate_review
from core.i18n import N_
from core.ports import Clock, UnitOfWork


class RatingService:
    """Rate, change and clear ratings; write, edit and delete reviews."""

    def __init__(self, uow: Callable[[], UnitOfWork], clock: Clock) -> None:
        self._uow, self._clock = uow, clock

    async def rate(
        self, profile_id: int, media_id: int, raw_value: str | int
    ) -> tuple[int, int | None]:
        """Rate a title; returns (new value, previous value)."""
        value = parse_rating(raw_value)
        async with self._uow() as uow:
            if await uow.media.get(media_id) is None:
                raise NotFound(N_("There is no title #{id}."), id=media_id)
            now = self._clock.now()
            previous = await uow.ratings.set(profile_id, media_id, value, now)
            await uow.activity.record(profile_id, "rated", media_id, {"value": value}, now)
            await uow.commit()
            return value, previous

    async def unrate(self, profile_id: int, media_id: int) -> int:
        """Clear a rating; NotFound when there was none."""
        async with self._uow() as uow:
            removed = await uow.ratings.clear(profile_id, media_id)
            if removed is None:
                raise NotFound(N_("You have not rated that title."))
            await uow.commit()
            return removed

    async def rating(self, profile_id: int, media_id: int) -> int | None:
        """The profile's rating of a title."""
        async with self._uow() as uow:
            return await uow.ratings.get(profile_id, media_id)

    async def review(self, profile_id: int, media_id: int) -> Review | None:
        """The profile's review of a title."""
        async with self._uow() as uow:
            return await uow.ratings.review(profile_id, media_id)

    async def write_review(
        self,
        profile_id: int,
        media_id: int,
        text: str,
        spoiler: bool | None = None,
        visibility: Visibility | None = None,
    ) -> tuple[Review, bool]:
        """Create or edit a review; returns (review, created). Keeps flags unless given."""
        body = validate_review(text)
        async with self._uow() as uow:
            if await uow.media.get(media_id) is None:
                raise NotFound(N_("There is no title #{id}."), id=media_id)
            existing = await uow.ratings.review(profile_id, media_id)
            keep_spoiler = existing.spoiler if existing else False
            keep_visibility = existing.visibility if existing else Visibility.PUBLIC
            now = self._clock.now()
            saved = await uow.ratings.save_review(
                profile_id,
                media_id,
                body,
                keep_spoiler if spoiler is None else spoiler,
                keep_visibility if visibility is None else visibility,
                now,
            )
            await uow.activity.record(profile_id, "reviewed", media_id, {}, now)
            await uow.commit()
            return saved, existing is None

    async def toggle_spoiler(self, profile_id: int, media_id: int) -> Review:
        """Flip the spoiler flag of the profile's review."""
        async with self._uow() as uow:
            existing = await uow.ratings.review(profile_id, media_id)
            if existing is None:
                raise NotFound(N_("You have not reviewed that title."))
            await uow.ratings.update_review(
                existing.id, {"spoiler": not existing.spoiler}, self._clock.now()
            )
            await uow.commit()
        updated = await self.review(profile_id, media_id)
        assert updated is not None
        return updated

    async def delete_review(self, profile_id: int, media_id: int) -> None:
        """Delete the profile's review."""
        async with self._uow() as uow:
            if not await uow.ratings.delete_review(profile_id, media_id):
                raise NotFound(N_("You have not reviewed that title."))
            await uow.commit()
