"""The local catalog in SQL: titles, genres, people, seasons and episodes."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Sequence
from datetime import datetime

from sqlalchemy import String, cast, delete, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.db import orm
from core.domain.media import Credit, CreditRole, Episode, Media, MediaKind, NewMedia, Season
from core.domain.streaming import matching_providers
from core.search.types import SearchDocument
from core.text import title_key

SEARCH_CAST = 5  # actors indexed for people search, by billing order


def to_media(row: orm.Media, genres: Sequence[str] = (), credits: Sequence[Credit] = ()) -> Media:
    """ORM row -> domain media."""
    return Media(
        id=row.id,
        kind=MediaKind(row.kind),
        title=row.title,
        year=row.year,
        release_date=row.release_date,
        original_title=row.original_title,
        original_language=row.original_language,
        overview=row.overview,
        runtime=row.runtime,
        genres=tuple(genres),
        certification=row.certification,
        poster_path=row.poster_path,
        backdrop_path=row.backdrop_path,
        vote_average=row.vote_average,
        vote_count=row.vote_count,
        tmdb_id=row.tmdb_id,
        imdb_id=row.imdb_id,
        alt_titles=tuple(row.alt_titles or ()),
        credits=tuple(credits),
        streaming=dict(row.streaming or {}),
        metadata_updated_at=row.metadata_updated_at,
    )


class SqlMediaRepository:
    """MediaRepository over one session."""

    def __init__(self, session: AsyncSession) -> None:
        self._s = session
        # name -> id caches, valid for this unit of work (bulk loads reuse them)
        self._genre_ids: dict[str, int] = {}
        self._person_ids: dict[str, int] = {}

    async def _genres(self, media_ids: Sequence[int]) -> dict[int, list[str]]:
        rows = await self._s.execute(
            select(orm.MediaGenre.media_id, orm.Genre.name)
            .join(orm.Genre, orm.Genre.id == orm.MediaGenre.genre_id)
            .where(orm.MediaGenre.media_id.in_(media_ids))
            .order_by(orm.Genre.name)
        )
        found: dict[int, list[str]] = defaultdict(list)
        for media_id, name in rows:
            found[media_id].append(name)
        return found

    async def get(self, media_id: int) -> Media | None:
        """One title with its genres and credits."""
        row = await self._s.get(orm.Media, media_id)
        if row is None:
            return None
        genres = (await self._genres([media_id])).get(media_id, [])
        credit_rows = await self._s.execute(
            select(orm.MediaCredit, orm.Person.name)
            .join(orm.Person, orm.Person.id == orm.MediaCredit.person_id)
            .where(orm.MediaCredit.media_id == media_id)
            .order_by(orm.MediaCredit.order, orm.MediaCredit.id)
        )
        credits = [
            Credit(name, CreditRole(c.role), c.character, c.order) for c, name in credit_rows
        ]
        return to_media(row, genres, credits)

    async def get_many(self, media_ids: Sequence[int]) -> dict[int, Media]:
        """Several titles by id, with genres."""
        if not media_ids:
            return {}
        rows = (await self._s.scalars(select(orm.Media).where(orm.Media.id.in_(media_ids)))).all()
        genres = await self._genres([r.id for r in rows])
        return {r.id: to_media(r, genres.get(r.id, [])) for r in rows}

    async def find_by_title(self, key: str, year: int | None, limit: int) -> list[Media]:
        """Exact key matches, then prefix matches; most voted first."""
        if not key:
            return []
        escaped = key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        query = select(orm.Media).where(
            or_(orm.Media.title_key == key, orm.Media.title_key.like(f"{escaped}%", escape="\\"))
        )
        if year is not None:
            query = query.where(orm.Media.year == year)
        exact_first = (orm.Media.title_key == key).desc()
        query = query.order_by(exact_first, orm.Media.vote_count.desc(), orm.Media.id).limit(limit)
        rows = (await self._s.scalars(query)).all()
        genres = await self._genres([r.id for r in rows])
        return [to_media(r, genres.get(r.id, [])) for r in rows]

    async def search_documents(self, media_ids: Sequence[int] | None) -> list[SearchDocument]:
        """Titles with genres and people (directors and top-billed cast) for the search index."""
        query = select(orm.Media)
        if media_ids is not None:
            query = query.where(orm.Media.id.in_(media_ids))
        rows = (await self._s.scalars(query)).all()
        ids = [r.id for r in rows]
        genres = await self._genres(ids) if ids else {}
        people: dict[int, list[str]] = defaultdict(list)
        if ids:
            credits = await self._s.execute(
                select(orm.MediaCredit.media_id, orm.Person.name)
                .join(orm.Person, orm.Person.id == orm.MediaCredit.person_id)
                .where(orm.MediaCredit.media_id.in_(ids))
                .where((orm.MediaCredit.role == "director") | (orm.MediaCredit.order < SEARCH_CAST))
                .order_by(
                    orm.MediaCredit.media_id, orm.MediaCredit.role.desc(), orm.MediaCredit.order
                )
            )
            for media_id, name in credits:
                if name not in people[media_id]:
                    people[media_id].append(name)
        return [
            SearchDocument(
                media_id=r.id,
                kind=r.kind,
                title=r.title,
                original_title=r.original_title,
                alt_titles=tuple(r.alt_titles or ()),
                year=r.year,
                genres=tuple(genres.get(r.id, ())),
                language=r.original_language,
                rating=r.vote_average,
                popularity=float(r.vote_count or 0),
                people=tuple(people.get(r.id, ())),
            )
            for r in rows
        ]

    async def changed_since(self, since: datetime, limit: int) -> list[int]:
        """Titles inserted or updated at or after ``since``, oldest first."""
        rows = await self._s.scalars(
            select(orm.Media.id)
            .where(orm.Media.metadata_updated_at >= since)
            .order_by(orm.Media.metadata_updated_at, orm.Media.id)
            .limit(limit)
        )
        return [int(r) for r in rows]

    async def popular(
        self,
        limit: int,
        exclude: Collection[int] = (),
        genres: Sequence[str] = (),
        certifications: Collection[str] | None = None,
    ) -> list[Media]:
        """The most voted titles, skipping ``exclude``, optionally of some genres or
        certifications."""
        query = select(orm.Media)
        if exclude:
            query = query.where(orm.Media.id.not_in(list(exclude)))
        if certifications is not None:
            query = query.where(orm.Media.certification.in_(list(certifications)))
        if genres:
            wanted = [g.casefold() for g in genres]
            query = query.where(
                orm.Media.id.in_(
                    select(orm.MediaGenre.media_id)
                    .join(orm.Genre, orm.Genre.id == orm.MediaGenre.genre_id)
                    .where(func.lower(orm.Genre.name).in_(wanted))
                )
            )
        query = query.order_by(orm.Media.vote_count.desc(), orm.Media.id).limit(limit)
        rows = (await self._s.scalars(query)).all()
        found = await self._genres([r.id for r in rows])
        return [to_media(r, found.get(r.id, [])) for r in rows]

    async def available_on(self, region: str, services: Sequence[str]) -> set[int]:
        """Titles streaming in ``region`` on a provider matching one of ``services``."""
        if not any(s.strip() for s in services):
            return set()
        if not (len(region) == 2 and region.isalpha()):
            return set()
        # Only rows whose JSON mentions the region reach Python (most titles have no data).
        mentions = cast(orm.Media.streaming, String).like(f'%"{region}"%')
        rows = await self._s.execute(select(orm.Media.id, orm.Media.streaming).where(mentions))
        return {
            int(media_id)
            for media_id, streaming in rows
            if matching_providers((streaming or {}).get(region) or (), services)
        }

    async def stale(self, before: datetime, limit: int) -> list[Media]:
        """Provider-backed titles refreshed before ``before``, oldest first."""
        rows = (
            await self._s.scalars(
                select(orm.Media)
                .where(orm.Media.tmdb_id.is_not(None))
                .where(
                    or_(
                        orm.Media.metadata_updated_at.is_(None),
                        orm.Media.metadata_updated_at < before,
                    )
                )
                .order_by(orm.Media.metadata_updated_at.asc().nulls_first(), orm.Media.id)
                .limit(limit)
            )
        ).all()
        return [to_media(r) for r in rows]

    async def count(self) -> int:
        """Number of titles."""
        return int(await self._s.scalar(select(func.count(orm.Media.id))) or 0)

    async def _existing(self, media: NewMedia) -> orm.Media | None:
        for column, value in (
            (orm.Media.tmdb_id, media.tmdb_id),
            (orm.Media.imdb_id, media.imdb_id),
        ):
            if value is not None:
                row = await self._s.scalar(select(orm.Media).where(column == value))
                if row is not None:
                    return row
        return await self._s.scalar(
            select(orm.Media).where(
                orm.Media.title_key == title_key(media.title),
                orm.Media.year == media.year,
                orm.Media.kind == media.kind.value,
            )
        )

    async def upsert(self, media: NewMedia, now: datetime) -> int:
        """Insert a title, or merge into the one it duplicates (tmdb_id, imdb_id, title+year).

        A merge never erases what the incoming source does not know: empty fields, genres,
        credits and seasons keep their stored values.
        """
        row = await self._existing(media)
        if row is None:
            row = orm.Media(
                created_at=now, external_ids={}, streaming={}, alt_titles=[], source=media.source
            )
            self._s.add(row)
        row.kind = media.kind.value
        row.title, row.title_key = media.title, title_key(media.title)
        row.vote_count = max(media.vote_count, row.vote_count or 0)
        for column, value in (
            ("year", media.year),
            ("release_date", media.release_date),
            ("original_title", media.original_title),
            ("original_language", media.original_language),
            ("overview", media.overview),
            ("runtime", media.runtime),
            ("certification", media.certification),
            ("poster_path", media.poster_path),
            ("vote_average", media.vote_average),
            ("tmdb_id", media.tmdb_id),
            ("imdb_id", media.imdb_id),
            ("backdrop_path", media.backdrop_path),
        ):
            if value is not None:
                setattr(row, column, value)
        row.alt_titles = list(dict.fromkeys([*(row.alt_titles or []), *media.alt_titles]))
        if media.streaming:
            row.streaming = dict(media.streaming)
        row.metadata_updated_at = now
        await self._s.flush()
        if media.genres:
            await self._replace_genres(row.id, media.genres)
        if media.credits:
            await self._replace_credits(row.id, media.credits)
        if media.kind is MediaKind.TV and media.seasons:
            await self._replace_seasons(row.id, media)
        return row.id

    async def _genre_id(self, name: str) -> int:
        if name in self._genre_ids:
            return self._genre_ids[name]
        found = await self._s.scalar(select(orm.Genre.id).where(orm.Genre.name == name))
        if found is None:
            genre = orm.Genre(name=name)
            self._s.add(genre)
            await self._s.flush()
            found = genre.id
        self._genre_ids[name] = int(found)
        return int(found)

    async def _replace_genres(self, media_id: int, genres: Sequence[str]) -> None:
        await self._s.execute(delete(orm.MediaGenre).where(orm.MediaGenre.media_id == media_id))
        for genre_id in dict.fromkeys([await self._genre_id(g) for g in genres]):
            self._s.add(orm.MediaGenre(media_id=media_id, genre_id=genre_id))

    async def _person_ids_for(self, names: Sequence[str]) -> dict[str, int]:
        wanted = [n for n in dict.fromkeys(names) if n not in self._person_ids]
        if wanted:
            rows = await self._s.execute(
                select(orm.Person.name, func.min(orm.Person.id))
                .where(orm.Person.name.in_(wanted))
                .group_by(orm.Person.name)
            )
            self._person_ids.update({name: int(pid) for name, pid in rows})
            new = [orm.Person(name=n) for n in wanted if n not in self._person_ids]
            if new:
                self._s.add_all(new)
                await self._s.flush()
                self._person_ids.update({p.name: p.id for p in new})
        return {n: self._person_ids[n] for n in names}

    async def _replace_credits(self, media_id: int, credits: Sequence[Credit]) -> None:
        await self._s.execute(delete(orm.MediaCredit).where(orm.MediaCredit.media_id == media_id))
        people = await self._person_ids_for([c.name for c in credits])
        seen: set[tuple[int, str]] = set()
        for credit in credits:
            person_id = people[credit.name]
            if (person_id, credit.role.value) in seen:
                continue
            seen.add((person_id, credit.role.value))
            self._s.add(
                orm.MediaCredit(
                    media_id=media_id,
                    person_id=person_id,
                    role=credit.role.value,
                    character=credit.character,
                    order=credit.order,
                )
            )

    async def _replace_seasons(self, media_id: int, media: NewMedia) -> None:
        show = await self._s.get(orm.TvShow, media_id)
        if show is None:
            show = orm.TvShow(media_id=media_id)
            self._s.add(show)
        show.status = media.status
        show.season_count = len(media.seasons)
        show.episode_count = sum(s.episode_count or len(s.episodes) for s in media.seasons)
        for season in media.seasons:
            await self._upsert_season(media_id, season)

    async def _upsert_season(self, media_id: int, season: Season) -> None:
        row = await self._s.scalar(
            select(orm.TvSeason).where(
                orm.TvSeason.media_id == media_id, orm.TvSeason.number == season.number
            )
        )
        if row is None:
            row = orm.TvSeason(media_id=media_id, number=season.number)
            self._s.add(row)
        row.name, row.air_date = season.name, season.air_date
        row.episode_count = season.episode_count or len(season.episodes)
        await self._s.flush()
        current = {
            e.number: e
            for e in (
                await self._s.scalars(
                    select(orm.TvEpisode).where(orm.TvEpisode.season_id == row.id)
                )
            ).all()
        }
        for episode in season.episodes:
            ep = current.get(episode.number)
            if ep is None:
                ep = orm.TvEpisode(
                    season_id=row.id,
                    media_id=media_id,
                    number=episode.number,
                    season_number=season.number,
                )
                self._s.add(ep)
            ep.title, ep.air_date, ep.runtime = episode.title, episode.air_date, episode.runtime

    async def seasons(self, media_id: int) -> list[Season]:
        """Seasons with episodes, in order."""
        seasons = (
            await self._s.scalars(
                select(orm.TvSeason)
                .where(orm.TvSeason.media_id == media_id)
                .order_by(orm.TvSeason.number)
            )
        ).all()
        episodes = (
            await self._s.scalars(
                select(orm.TvEpisode)
                .where(orm.TvEpisode.media_id == media_id)
                .order_by(orm.TvEpisode.season_number, orm.TvEpisode.number)
            )
        ).all()
        by_season: dict[int, list[Episode]] = defaultdict(list)
        for e in episodes:
            by_season[e.season_id].append(
                Episode(e.id, e.season_number, e.number, e.title, e.air_date, e.runtime)
            )
        return [
            Season(s.number, s.name, s.air_date, s.episode_count, tuple(by_season.get(s.id, [])))
            for s in seasons
        ]
