"""Recommendations: serve the trained engine, remember "not interested", explain every pick."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta

from core.domain.accounts import Profile
from core.domain.errors import InvalidInput, NotFound
from core.domain.experiments import CONTROL, Experiment, assign
from core.domain.media import Media
from core.domain.streaming import streaming_services
from core.i18n import N_
from core.ports import (
    Cache,
    Clock,
    RecommendationEngine,
    ServingContext,
    Suggestion,
    UnitOfWork,
)
from core.ports_trending import WINDOWS, TrendingStore, TrendScope
from core.services.social import SocialService
from core.services.untrained import UntrainedPicks

CACHE_TTL = 3600.0
SEEN_KINDS = ("watched", "rated", "not_interested")
TRENDING_KINDS = ("watched", "rated", "listed", "reviewed")
WINDOW_DAYS = {"day": 1, "week": 7, "month": 30}
TONIGHT = 3
ONBOARD_MIN = 3


@dataclass(frozen=True, slots=True)
class Pick:
    """A recommended title with its reason."""

    media: Media
    suggestion: Suggestion


class RecommendationService:
    """Use cases around the recommendation engine (which may be missing: then popularity)."""

    def __init__(
        self,
        uow: Callable[[], UnitOfWork],
        clock: Clock,
        engine: RecommendationEngine | None,
        experiment: Experiment | None = None,
        cache: Cache | None = None,
        trending: TrendingStore | None = None,
    ) -> None:
        self._uow, self._clock, self._engine = uow, clock, engine
        self._experiment = experiment
        self._cache = cache
        self._trending = trending
        self._social = SocialService(uow, clock)
        self._untrained = UntrainedPicks(uow)

    async def variant(self, profile_id: int) -> str:
        """The profile's A/B variant: stored at first assignment; control when switched off."""
        experiment = self._experiment
        if experiment is None or not experiment.enabled:
            return CONTROL
        async with self._uow() as uow:
            stored = await uow.activity.payloads(profile_id, "ab_assign")
            for payload in stored:
                if payload.get("experiment") == experiment.name:
                    return str(payload["variant"])
            chosen = assign(str(profile_id), experiment)
            await uow.activity.record(
                profile_id,
                "ab_assign",
                None,
                {"experiment": experiment.name, "variant": chosen},
                self._clock.now(),
            )
            await uow.commit()
            return chosen

    async def clicked(self, profile_id: int, media_id: int, what: str) -> None:
        """Log a press on a recommendation's button (details, add, rate) for the A/B report."""
        variant = await self.variant(profile_id)
        name = self._experiment.name if self._experiment else None
        async with self._uow() as uow:
            await uow.activity.record(
                profile_id,
                "rec_click",
                media_id,
                {"experiment": name, "variant": variant, "what": what},
                self._clock.now(),
            )
            await uow.commit()

    @property
    def version(self) -> str | None:
        """The model version served (recorded with every list)."""
        return self._engine.version if self._engine is not None else None

    def _trained(self) -> RecommendationEngine | None:
        """The engine once a model is promoted; before that, `UntrainedPicks` answers."""
        if self._engine is None or self._engine.version is None:
            return None
        return self._engine

    async def _excluded(self, profile_id: int) -> frozenset[int]:
        async with self._uow() as uow:
            return frozenset(await uow.activity.media_with(profile_id, SEEN_KINDS))

    async def for_profile(
        self, profile: Profile, n: int, streaming_region: str | None = None
    ) -> list[Pick]:
        """Top-``n`` for a profile, never a title it saw, rated or turned down; friends'
        recent activity blended in; only titles on its streaming services when
        ``streaming_region`` is given."""
        variant = await self.variant(profile.id)
        excluded = await self._excluded(profile.id)
        context = ServingContext(
            social=await self._social.signals(profile.id),
            available=await self._available(profile, streaming_region),
        )
        engine = self._trained()
        if engine is None:
            picks = await self._untrained.for_people(
                [profile.id], n, excluded, profile.is_kid, available=context.available
            )
            return await self._served(profile.id, picks, "recommend", variant)
        # Rating, watching or turning a title down changes `excluded`, friends' activity
        # changes `social`, hence the key: that is the invalidation. So does a new model.
        key = f"rec:{profile.id}:{engine.version}:{variant}:{n}:{int(profile.is_kid)}:" + _digest(
            sorted(excluded),
            [(s.media_id, s.friend_id, round(s.strength, 3)) for s in context.social],
            sorted(context.available) if context.available is not None else None,
        )
        found = await self._cached(key)
        if found is None:
            found = await engine.for_profile(
                profile.id, n, excluded, profile.is_kid, variant, context
            )
            if self._cache is not None:
                payload = [[s.media_id, s.score, s.reason, s.params] for s in found]
                await self._cache.set(key, json.dumps(payload).encode(), CACHE_TTL)
        async with self._uow() as uow:
            names = await uow.accounts.display_names(list({s.friend_id for s in context.social}))
        named = [_with_names(s, names) for s in found]
        return await self._served(profile.id, named, "recommend", variant)

    async def _available(self, profile: Profile, region: str | None) -> frozenset[int] | None:
        if region is None:
            return None
        services = streaming_services(profile)
        if not services:
            raise InvalidInput(
                N_(
                    "Tell me your streaming services first, e.g. "
                    "/settings services Netflix, Disney Plus"
                )
            )
        async with self._uow() as uow:
            return frozenset(await uow.media.available_on(region, services))

    async def _cached(self, key: str) -> list[Suggestion] | None:
        if self._cache is None:
            return None
        raw = await self._cache.get(key)
        if raw is None:
            return None
        return [Suggestion(int(m), float(s), str(r), dict(p)) for m, s, r, p in json.loads(raw)]

    async def onboard(
        self, profile: Profile, media_ids: Sequence[int], genres: Sequence[str], n: int
    ) -> list[Pick]:
        """Cold start from picked titles and genres."""
        if len(media_ids) + len(genres) < 1:
            raise InvalidInput(N_("Pick at least one title or genre."))
        excluded = await self._excluded(profile.id) | frozenset(media_ids)
        engine = self._trained()
        if engine is None:
            found = await self._untrained.for_people(
                [profile.id], n, excluded, profile.is_kid, media_ids, genres
            )
        else:
            found = await engine.for_picks(media_ids, genres, n, excluded, profile.is_kid)
        return await self._served(profile.id, found, "onboard")

    async def similar(self, profile: Profile, media_id: int, n: int) -> list[Pick]:
        """Titles like one title."""
        engine = self._trained()
        if engine is not None:
            found = await engine.similar(media_id, n)
        else:
            async with self._uow() as uow:
                media = await uow.media.get(media_id)
            if media is None:
                raise NotFound(N_("There is no title #{id}."), id=media_id)
            found = await self._untrained.like(media, n)
        return await self._served(profile.id, found, "similar")

    async def for_group(self, profile_ids: Sequence[int], n: int) -> list[Pick]:
        """Titles for several people at once."""
        engine = self._trained()
        if engine is not None:
            found = await engine.for_group(profile_ids, n)
        else:
            seen: frozenset[int] = frozenset()
            for profile_id in profile_ids:
                seen |= await self._excluded(profile_id)
            found = await self._untrained.for_people(profile_ids, n, seen, kid=False)
        async with self._uow() as uow:
            names = await uow.accounts.display_names(profile_ids)
        named = [_with_names(s, names) for s in found]
        return await self._served(profile_ids[0] if profile_ids else 0, named, "group")

    async def trending(
        self,
        window: str,
        genre: str | None,
        n: int,
        profiles: frozenset[int] | None = None,
    ) -> list[tuple[Media, float]]:
        """The titles people watched, rated and listed most lately (time-decayed), for
        everyone or for ``profiles`` (friends, a club's members), optionally one genre."""
        if window not in WINDOWS:
            raise InvalidInput(
                N_("Trending works over a day, a week or a month, not “{given}”."), given=window
            )
        now = self._clock.now()
        if self._trending is not None:
            scores = await self._trending.top(window, TrendScope(genre, profiles), n, now)
        else:  # no store wired (tests, tools): plain counts over the activity events
            since = now - timedelta(days=WINDOW_DAYS[window])
            async with self._uow() as uow:
                counts = await uow.activity.trending(since, TRENDING_KINDS, genre, n, profiles)
            scores = [(m, float(c)) for m, c in counts]
        async with self._uow() as uow:
            media = await uow.media.get_many([m for m, _ in scores])
        return [(media[m], score) for m, score in scores if m in media]

    async def friend_ids(self, profile_id: int) -> frozenset[int]:
        """People the profile follows whose activity it may see."""
        return frozenset(await self._social.friend_ids(profile_id))

    async def tonight(
        self,
        profile: Profile,
        max_minutes: int | None,
        genre: str | None,
        streaming_region: str | None = None,
    ) -> list[Pick]:
        """Something for tonight: recommendations that fit the time (and the genre) at hand,
        on the profile's streaming services when ``streaming_region`` is given."""
        if max_minutes is not None and not 20 <= max_minutes <= 600:
            raise InvalidInput(N_("Give the time you have in minutes, between 20 and 600."))
        excluded = await self._excluded(profile.id)
        available = await self._available(profile, streaming_region)
        engine = self._trained()
        if engine is None:
            found = await self._untrained.for_people(
                [profile.id], 200, excluded, profile.is_kid, available=available
            )
        else:
            context = ServingContext(
                social=await self._social.signals(profile.id), available=available
            )
            found = await engine.for_profile(
                profile.id, 200, excluded, profile.is_kid, context=context
            )
        async with self._uow() as uow:
            media = await uow.media.get_many([s.media_id for s in found])
        fits = [
            s
            for s in found
            if s.media_id in media
            and (max_minutes is None or (media[s.media_id].runtime or 10_000) <= max_minutes)
            and (
                genre is None
                or genre.casefold() in {g.casefold() for g in media[s.media_id].genres}
            )
        ]
        return await self._served(profile.id, fits[:TONIGHT], "tonight")

    async def predicted_rating(self, profile_id: int, media_id: int) -> float | None:
        """The rating (1-10) the profile would probably give a title, when the model knows."""
        engine = self._trained()
        if engine is None:
            return None
        return (await engine.predicted_ratings(profile_id, [media_id])).get(media_id)

    async def not_interested(self, profile_id: int, media_id: int) -> Media:
        """Turn a title down: it is never recommended to this profile again."""
        async with self._uow() as uow:
            media = await uow.media.get(media_id)
            if media is None:
                raise NotFound(N_("There is no title #{id}."), id=media_id)
            await uow.activity.record(profile_id, "not_interested", media_id, {}, self._clock.now())
            await uow.commit()
            return media

    async def _served(
        self, profile_id: int, found: list[Suggestion], surface: str, variant: str | None = None
    ) -> list[Pick]:
        async with self._uow() as uow:
            media = await uow.media.get_many([s.media_id for s in found])
            if profile_id and found:
                payload = {
                    "experiment": self._experiment.name if self._experiment and variant else None,
                    "variant": variant,
                    "surface": surface,
                    "version": self.version,
                    "items": [s.media_id for s in found if s.media_id in media],
                }
                await uow.activity.record(
                    profile_id, "recommended", None, payload, self._clock.now()
                )
                await uow.commit()
        return [Pick(media[s.media_id], s) for s in found if s.media_id in media]


def _digest(*parts: object) -> str:
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()[:16]


def _with_names(suggestion: Suggestion, names: dict[int, str]) -> Suggestion:
    """Group and social reasons name people by profile id; show their names instead."""
    for param in ("members", "friends"):
        people = suggestion.params.get(param)
        if isinstance(people, list | tuple):
            shown = [names.get(int(m), str(m)) if str(m).isdigit() else str(m) for m in people]
            suggestion = Suggestion(
                suggestion.media_id,
                suggestion.score,
                suggestion.reason,
                {**suggestion.params, param: shown},
            )
    return suggestion
