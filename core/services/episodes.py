"""TV episode tracking: mark episodes, seasons and shows; progress; the next episode."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from core.domain.episodes import ShowProgress, parse_episode_code, progress
from core.domain.errors import InvalidInput, NotFound
from core.domain.lists import SystemList
from core.domain.media import Episode, Media, MediaKind, Season
from core.i18n import N_
from core.ports import Clock, UnitOfWork
from core.services.watching import move_to_completed


@dataclass(frozen=True, slots=True)
class Checklist:
    """A season's episodes with which are watched, and the show's progress."""

    media: Media
    season: Season
    seasons: tuple[int, ...]
    watched: frozenset[int]
    progress: ShowProgress


@dataclass(frozen=True, slots=True)
class Marked:
    """The outcome of marking episodes."""

    episodes: tuple[Episode, ...]
    newly_watched: int
    progress: ShowProgress
    completed: bool


class EpisodeService:
    """Use cases of TV tracking."""

    def __init__(self, uow: Callable[[], UnitOfWork], clock: Clock) -> None:
        self._uow, self._clock = uow, clock

    def _today(self, timezone: str | None) -> date:
        return self._clock.now().astimezone(ZoneInfo(timezone or "UTC")).date()

    async def _show(self, uow: UnitOfWork, media_id: int) -> tuple[Media, list[Season]]:
        media = await uow.media.get(media_id)
        if media is None:
            raise NotFound(N_("There is no title #{id}."), id=media_id)
        if media.kind is not MediaKind.TV:
            raise InvalidInput(
                N_("{title} is a movie; use /watched for movies."), title=media.title
            )
        seasons = await uow.media.seasons(media_id)
        if not any(s.episodes for s in seasons):
            raise NotFound(N_("I have no episode list for {title} yet."), title=media.title)
        return media, seasons

    async def checklist(
        self, profile_id: int, media_id: int, season: int | None, tz: str | None
    ) -> Checklist:
        """The episodes of one season (default: the season of the next episode)."""
        async with self._uow() as uow:
            media, seasons = await self._show(uow, media_id)
            watched = await uow.watches.watched_episodes(profile_id, media_id)
        state = progress(media_id, media.title, _all(seasons), watched, self._today(tz))
        numbers = tuple(s.number for s in seasons if s.episodes)
        wanted = (
            season
            if season is not None
            else (state.next_episode.season_number if state.next_episode else numbers[0])
        )
        chosen = next((s for s in seasons if s.number == wanted and s.episodes), None)
        if chosen is None:
            raise NotFound(N_("{title} has no season {season}."), title=media.title, season=wanted)
        return Checklist(media, chosen, numbers, frozenset(watched), state)

    async def mark(
        self, profile_id: int, media_id: int, code: str | None, tz: str | None
    ) -> Marked:
        """Mark ``S01E03``, a season ``S01``, or (``code`` None) the whole aired show watched."""
        today = self._today(tz)
        async with self._uow() as uow:
            media, seasons = await self._show(uow, media_id)
            chosen = _select(media, seasons, code)
            now = self._clock.now()
            added = await uow.watches.mark_episodes(profile_id, chosen, media_id, now)
            watched = await uow.watches.watched_episodes(profile_id, media_id)
            state = progress(media_id, media.title, _all(seasons), watched, today)
            completed = state.aired > 0 and state.watched == state.aired
            if completed:
                await move_to_completed(uow, profile_id, media_id, now)
            else:
                await _start_watching(uow, profile_id, media_id, now)
            await uow.activity.record(profile_id, "episodes", media_id, {"count": added}, now)
            await uow.commit()
        return Marked(tuple(chosen), added, state, completed)

    async def toggle(
        self, profile_id: int, media_id: int, episode_id: int, tz: str | None
    ) -> Checklist:
        """Flip one episode (from a checklist button) and return the updated checklist."""
        async with self._uow() as uow:
            _, seasons = await self._show(uow, media_id)
            episode = next((e for e in _all(seasons) if e.id == episode_id), None)
            if episode is None:
                raise NotFound(N_("That episode no longer exists."))
            watched = await uow.watches.watched_episodes(profile_id, media_id)
            if episode_id in watched:
                await uow.watches.unmark_episodes(profile_id, [episode_id])
            else:
                await uow.watches.mark_episodes(profile_id, [episode], media_id, self._clock.now())
            await uow.commit()
        return await self.checklist(profile_id, media_id, episode.season_number, tz)

    async def next_up(self, profile_id: int, tz: str | None) -> list[ShowProgress]:
        """The next unwatched episode of every show in progress."""
        today = self._today(tz)
        result: list[ShowProgress] = []
        async with self._uow() as uow:
            for media_id in await uow.watches.shows_in_progress(profile_id):
                media = await uow.media.get(media_id)
                seasons = await uow.media.seasons(media_id)
                watched = await uow.watches.watched_episodes(profile_id, media_id)
                state = progress(
                    media_id, media.title if media else "?", _all(seasons), watched, today
                )
                if state.next_episode is not None:
                    result.append(state)
        return result


def _all(seasons: list[Season]) -> list[Episode]:
    return [e for s in seasons for e in s.episodes]


def _select(media: Media, seasons: list[Season], code: str | None) -> list[Episode]:
    if code is None:
        return [e for e in _all(seasons) if e.season_number > 0]
    parsed = parse_episode_code(code)
    season = next((s for s in seasons if s.number == parsed.season), None)
    if season is None or not season.episodes:
        raise NotFound(
            N_("{title} has no season {season}."), title=media.title, season=parsed.season
        )
    if parsed.episode is None:
        return list(season.episodes)
    episode = next((e for e in season.episodes if e.number == parsed.episode), None)
    if episode is None:
        raise NotFound(N_("{title} has no episode {code}."), title=media.title, code=code.upper())
    return [episode]


async def _start_watching(uow: UnitOfWork, profile_id: int, media_id: int, now: datetime) -> None:
    watching = await uow.lists.system(profile_id, SystemList.WATCHING)
    if await uow.lists.has(watching.id, media_id):
        return
    completed = await uow.lists.system(profile_id, SystemList.COMPLETED)
    if await uow.lists.has(completed.id, media_id):
        return  # a rewatch in progress stays Completed
    to_watch = await uow.lists.system(profile_id, SystemList.TO_WATCH)
    await uow.lists.remove(to_watch.id, media_id)
    await uow.lists.add(watching.id, media_id, profile_id, now)
