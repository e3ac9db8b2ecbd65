"""Imports MovieLens titles into the catalog and, optionally, users and ratings (demo profiles)."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from adapters.db import orm
from adapters.movielens.reader import (
    MovieLensItem,
    MovieLensRating,
    read_items,
    read_ratings,
    read_users,
)
from core.app import App
from core.domain.media import MediaKind, NewMedia

PLATFORM = "movielens"  # demo identities; no one chats from this "platform"
CHUNK = 5_000


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What an import did."""

    titles: int
    users: int = 0
    ratings: int = 0
    skipped_ratings: bool = False


def _to_new_media(item: MovieLensItem, votes: int, mean: float | None) -> NewMedia:
    return NewMedia(
        kind=MediaKind.MOVIE,
        title=item.title,
        year=item.year,
        genres=item.genres,
        alt_titles=item.alt_titles,
        vote_count=votes,
        vote_average=round(mean * 2, 1) if mean is not None else None,
        source="movielens",
    )


async def import_movielens(
    app: App, sessions: async_sessionmaker[AsyncSession], directory: Path, *, ratings: bool
) -> ImportReport:
    """Upsert every title (merged with known ones); with ``ratings``, users and ratings too."""
    items = read_items(directory)
    all_ratings = read_ratings(directory)
    counts = Counter(r.item_id for r in all_ratings)
    sums: dict[str, float] = defaultdict(float)
    for r in all_ratings:
        sums[r.item_id] += r.rating
    media_ids = await app.catalog.upsert_many(
        [
            _to_new_media(
                i,
                counts[i.item_id],
                sums[i.item_id] / counts[i.item_id] if counts[i.item_id] else None,
            )
            for i in items
        ]
    )
    report = ImportReport(titles=len(set(media_ids)))
    if not ratings:
        return report
    id_of = {item.item_id: media_id for item, media_id in zip(items, media_ids, strict=True)}
    async with sessions() as session:
        existing = await session.scalar(
            select(func.count(orm.Identity.id)).where(orm.Identity.platform == PLATFORM)
        )
        if existing:
            return ImportReport(report.titles, skipped_ratings=True)
        profiles = await _create_users(session, read_users(directory))
        count = await _insert_ratings(session, profiles, id_of, all_ratings)
        await session.commit()
    return ImportReport(report.titles, len(profiles), count)


async def _create_users(session: AsyncSession, user_ids: list[str]) -> dict[str, int]:
    now = datetime.now(UTC)
    profiles: dict[str, int] = {}
    for user_id in user_ids:
        user = orm.User(display_name=f"MovieLens user {user_id}", created_at=now)
        session.add(user)
        await session.flush()
        profile = orm.Profile(
            user_id=user.id,
            name="Main",
            is_default=True,
            is_kid=False,
            preferences={},
            created_at=now,
        )
        session.add_all(
            [
                profile,
                orm.Identity(
                    user_id=user.id,
                    platform=PLATFORM,
                    external_id=user_id,
                    display_name=user.display_name,
                    active=False,
                    created_at=now,
                ),
            ]
        )
        await session.flush()
        profiles[user_id] = profile.id
    return profiles


async def _insert_ratings(
    session: AsyncSession,
    profiles: dict[str, int],
    id_of: dict[str, int],
    ratings: list[MovieLensRating],
) -> int:
    latest: dict[tuple[int, int], MovieLensRating] = {}
    for r in sorted(ratings, key=lambda r: r.timestamp):
        if r.user_id in profiles and r.item_id in id_of:  # duplicate items merge into one title
            latest[(profiles[r.user_id], id_of[r.item_id])] = r
    rating_rows, history_rows = [], []
    for r in latest.values():
        when = datetime.fromtimestamp(r.timestamp, UTC)
        key = {"profile_id": profiles[r.user_id], "media_id": id_of[r.item_id]}
        rating_rows.append(
            {
                **key,
                "value": max(1, min(10, round(r.rating * 2))),
                "created_at": when,
                "updated_at": when,
            }
        )
        history_rows.append(
            {**key, "watch_count": 1, "first_watched_at": when, "last_watched_at": when}
        )
    for table, rows in ((orm.Rating, rating_rows), (orm.WatchHistory, history_rows)):
        for start in range(0, len(rows), CHUNK):
            await session.execute(insert(table), rows[start : start + CHUNK])
    return len(rating_rows)


def default_directory() -> Path:
    """``../shared/datasets/ml-100k`` next to the repository."""
    return Path(__file__).resolve().parents[3] / "shared" / "datasets" / "ml-100k"
