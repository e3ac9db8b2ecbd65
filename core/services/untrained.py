"""Picks before the first model is trained (see ``core.domain.fallback``)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Sequence

from core.domain.fallback import liked_genres, rank
from core.domain.media import KID_CERTIFICATIONS, Media
from core.ports import Suggestion, UnitOfWork

POOL = 300
PICKED_WEIGHT = 3  # a genre or title picked during onboarding counts like a 9/10


class UntrainedPicks:
    """Popular titles tilted towards what people said they like."""

    def __init__(self, uow: Callable[[], UnitOfWork]) -> None:
        self._uow = uow

    async def for_people(
        self,
        profile_ids: Sequence[int],
        n: int,
        excluded: Collection[int],
        kid: bool,
        picked_titles: Sequence[int] = (),
        picked_genres: Sequence[str] = (),
        available: Collection[int] | None = None,
    ) -> list[Suggestion]:
        """Top ``n`` for one person or a group (their liked genres summed)."""
        async with self._uow() as uow:
            liked: Counter[str] = Counter()
            for profile_id in profile_ids:
                rated = await uow.ratings.many(
                    profile_id, list(await uow.activity.media_with(profile_id, ("rated",)))
                )
                media = await uow.media.get_many(list(rated))
                liked += liked_genres([(media[m], v) for m, v in rated.items() if m in media])
            for title in (await uow.media.get_many(list(picked_titles))).values():
                liked.update({g.casefold(): PICKED_WEIGHT for g in title.genres})
            liked.update({g.casefold(): PICKED_WEIGHT for g in picked_genres})
            candidates = await uow.media.popular(
                POOL, excluded, certifications=KID_CERTIFICATIONS if kid else None
            )
        if available is not None:
            candidates = [c for c in candidates if c.id in available]
        return [
            _suggestion(r.media, r.score, r.genres, "liked_genres")
            for r in rank(candidates, liked, n)
        ]

    async def like(self, media: Media, n: int) -> list[Suggestion]:
        """Titles sharing the most genres with ``media``, popular first."""
        async with self._uow() as uow:
            candidates = await uow.media.popular(POOL, (media.id,), genres=media.genres)
        liked = Counter({g.casefold(): 1 for g in media.genres})
        return [
            _suggestion(r.media, r.score, r.genres, "shared_genres")
            for r in rank(candidates, liked, n)
        ]


def _suggestion(media: Media, score: float, genres: tuple[str, ...], kind: str) -> Suggestion:
    if not genres:
        return Suggestion(media.id, score, "popular", {})
    return Suggestion(media.id, score, kind, {"genres": list(genres)})
