"""TV episode tracking: episode codes, progress and the next episode to watch."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from core.domain.errors import InvalidInput
from core.domain.media import Episode
from core.i18n import N_

_CODE = re.compile(r"^s(\d{1,3})(?:\s*e(\d{1,4}))?$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class EpisodeCode:
    """``S01E03`` (one episode) or ``S01`` (a whole season)."""

    season: int
    episode: int | None = None


def parse_episode_code(raw: str) -> EpisodeCode:
    """Parse ``S01E03``, ``s1e3`` or ``S01``; InvalidInput otherwise."""
    match = _CODE.match(raw.strip())
    if match is None:
        raise InvalidInput(
            N_("“{given}” is not an episode code; use S01E03, S01 (a season) or all (the show)."),
            given=raw,
        )
    episode = int(match.group(2)) if match.group(2) else None
    return EpisodeCode(int(match.group(1)), episode)


@dataclass(frozen=True, slots=True)
class ShowProgress:
    """How far a profile is through a show."""

    media_id: int
    title: str
    watched: int
    aired: int
    next_episode: Episode | None

    @property
    def percent(self) -> int:
        """Whole-number percentage of aired episodes watched."""
        return round(100 * self.watched / self.aired) if self.aired else 0


def is_aired(episode: Episode, today: date) -> bool:
    """An episode counts as aired when its air date has passed (unknown dates count)."""
    return episode.air_date is None or episode.air_date <= today


def next_unwatched(episodes: list[Episode], watched: set[int]) -> Episode | None:
    """The first unwatched episode after the last watched one, else the first unwatched.

    Specials (season 0) are skipped; ``episodes`` are in season/episode order.
    """
    regular = [e for e in episodes if e.season_number > 0]
    last_index = max((i for i, e in enumerate(regular) if e.id in watched), default=-1)
    for episode in regular[last_index + 1 :]:
        if episode.id not in watched:
            return episode
    return next((e for e in regular if e.id not in watched), None)


def progress(
    media_id: int, title: str, episodes: list[Episode], watched: set[int], today: date
) -> ShowProgress:
    """Progress over aired regular episodes, with the next one to watch."""
    aired = [e for e in episodes if e.season_number > 0 and is_aired(e, today)]
    seen = sum(1 for e in aired if e.id in watched)
    return ShowProgress(media_id, title, seen, len(aired), next_unwatched(episodes, watched))
