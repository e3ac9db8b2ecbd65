"""Recommendations before any model is trained: popular titles, tilted towards liked genres.

A fresh install (``make run``) has a catalog but no trained model; people still get sensible
picks at once. Score = log-popularity and average vote (each scaled to [0, 1]) plus the share
of the person's liked-genre weight a title carries; the reason names the liked genres a pick
shares, else says it is popular.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from core.domain.media import Media

#: How much liked genres count against popularity (1 = as much as the most popular title).
GENRE_WEIGHT = 1.5
NAMED_GENRES = 2


@dataclass(frozen=True, slots=True)
class Ranked:
    """A fallback pick: the title, its score and the liked genres it shares."""

    media: Media
    score: float
    genres: tuple[str, ...] = field(default_factory=tuple)


def liked_genres(rated: Sequence[tuple[Media, int]], liked_from: int = 7) -> Counter[str]:
    """Genre weights from ratings (1-10): each liked title adds ``rating - liked_from + 1``."""
    weights: Counter[str] = Counter()
    for media, value in rated:
        if value >= liked_from:
            for genre in media.genres:
                weights[genre.casefold()] += value - liked_from + 1
    return weights


def rank(candidates: Sequence[Media], liked: Counter[str], n: int) -> list[Ranked]:
    """The best ``n`` candidates; ties by popularity, then id."""
    if not candidates:
        return []
    top_votes = math.log1p(max(m.vote_count for m in candidates)) or 1.0
    total = sum(liked.values()) or 1
    ranked = []
    for media in candidates:
        shared = sorted(
            (g for g in media.genres if liked[g.casefold()]), key=lambda g: -liked[g.casefold()]
        )
        affinity = sum(liked[g.casefold()] for g in shared) / total
        score = (
            math.log1p(media.vote_count) / top_votes
            + (media.vote_average or 0.0) / 20.0
            + GENRE_WEIGHT * affinity
        )
        ranked.append(Ranked(media, score, tuple(shared[:NAMED_GENRES])))
    ranked.sort(key=lambda r: (-r.score, -r.media.vote_count, r.media.id))
    return ranked[:n]
