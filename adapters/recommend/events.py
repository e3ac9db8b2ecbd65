"""Reads the interactions and the catalog the recommender trains on, from the database."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from adapters.db import orm
from recommender.content import ItemMeta
from recommender.data import Event, EventKind


@dataclass(frozen=True, slots=True)
class TrainingData:
    """Events and item metadata, in media-id order."""

    events: list[Event]
    media_ids: list[int]
    metadata: list[ItemMeta]
    certifications: dict[int, str]


def _ts(value: object) -> int:
    return int(value.timestamp()) if hasattr(value, "timestamp") else 0


async def load_training_data(sessions: async_sessionmaker[AsyncSession]) -> TrainingData:
    """Ratings, watches, list adds, favorites and "not interested", plus every title's metadata."""
    async with sessions() as s:
        events = [
            Event(str(p), str(m), EventKind.RATING, _ts(t), float(v), (1.0, 10.0))
            for p, m, v, t in await s.execute(
                select(
                    orm.Rating.profile_id,
                    orm.Rating.media_id,
                    orm.Rating.value,
                    orm.Rating.updated_at,
                )
            )
        ]
        for p, m, count, t in await s.execute(
            select(
                orm.WatchHistory.profile_id,
                orm.WatchHistory.media_id,
                orm.WatchHistory.watch_count,
                orm.WatchHistory.last_watched_at,
            )
        ):
            kind = EventKind.REWATCH if count > 1 else EventKind.WATCH
            events.append(Event(str(p), str(m), kind, _ts(t)))
        for adder, item, key, added in await s.execute(
            select(
                orm.ListItem.added_by,
                orm.ListItem.media_id,
                orm.MediaList.system_key,
                orm.ListItem.added_at,
            )
            .join(orm.MediaList, orm.MediaList.id == orm.ListItem.list_id)
            .where(orm.ListItem.added_by.is_not(None))
        ):
            kind = EventKind.LIKE if key == "favorites" else EventKind.LIST_ADD
            events.append(Event(str(adder), str(item), kind, _ts(added)))
        for who, what, when in await s.execute(
            select(
                orm.ActivityEvent.profile_id,
                orm.ActivityEvent.media_id,
                orm.ActivityEvent.created_at,
            ).where(
                orm.ActivityEvent.kind == "not_interested", orm.ActivityEvent.media_id.is_not(None)
            )
        ):
            events.append(Event(str(who), str(what), EventKind.NOT_INTERESTED, _ts(when)))
        return await _catalog(s, events)


async def _catalog(s: AsyncSession, events: list[Event]) -> TrainingData:
    media = (await s.scalars(select(orm.Media).order_by(orm.Media.id))).all()
    genres: dict[int, list[str]] = defaultdict(list)
    for media_id, name in await s.execute(
        select(orm.MediaGenre.media_id, orm.Genre.name).join(
            orm.Genre, orm.Genre.id == orm.MediaGenre.genre_id
        )
    ):
        genres[media_id].append(name)
    people: dict[tuple[int, str], list[str]] = defaultdict(list)
    for media_id, role, name in await s.execute(
        select(orm.MediaCredit.media_id, orm.MediaCredit.role, orm.Person.name)
        .join(orm.Person, orm.Person.id == orm.MediaCredit.person_id)
        .order_by(orm.MediaCredit.order)
    ):
        people[(media_id, role)].append(name)
    metadata = [
        ItemMeta(
            title=m.title,
            year=m.year,
            overview=m.overview or "",
            genres=tuple(genres[m.id]),
            cast=tuple(people[(m.id, "actor")][:5]),
            directors=tuple(people[(m.id, "director")]),
        )
        for m in media
    ]
    certifications = {m.id: m.certification for m in media if m.certification}
    return TrainingData(events, [m.id for m in media], metadata, certifications)
