"""Movie nights, polls, options and ballots in SQL; what is due for the scheduler."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.db import orm
from adapters.db.repositories.club_ratings import label
from core.domain.clubs import ClubPoll, Night, NightStatus, PollOption, PollStatus
from core.domain.voting import Ballot, Method
from core.ports_clubs import Due, DueKind


class SqlClubEventRepository:
    """ClubEventRepository over one session."""

    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    # nights ---------------------------------------------------------------------------------

    def _nights(self) -> Any:
        return select(orm.ClubNight, orm.Media.title, orm.Media.year).outerjoin(
            orm.Media, orm.Media.id == orm.ClubNight.media_id
        )

    @staticmethod
    def _to_night(row: Any) -> Night:
        night, title, year = row
        return Night(
            night.id,
            night.club_id,
            night.starts_at,
            night.timezone,
            NightStatus(night.status),
            night.media_id,
            label(title, year) if title else None,
            night.thread_id,
            night.remind_at,
        )

    async def add_night(
        self,
        club_id: int,
        starts_at: datetime,
        timezone: str,
        thread_id: str | None,
        due: tuple[datetime, datetime],
        by: int,
        now: datetime,
    ) -> Night:
        """Schedule a night with its reminder and rating-request times."""
        row = orm.ClubNight(
            club_id=club_id,
            starts_at=starts_at,
            timezone=timezone,
            status=NightStatus.SCHEDULED.value,
            thread_id=thread_id,
            remind_at=due[0],
            rate_at=due[1],
            created_by=by,
            created_at=now,
        )
        self._s.add(row)
        await self._s.flush()
        night = await self.night(row.id)
        assert night is not None
        return night

    async def night(self, night_id: int) -> Night | None:
        """A night by id."""
        row = (await self._s.execute(self._nights().where(orm.ClubNight.id == night_id))).first()
        return self._to_night(row) if row else None

    async def next_night(self, club_id: int, after: datetime) -> Night | None:
        """The first scheduled night after ``after``."""
        query = (
            self._nights()
            .where(
                orm.ClubNight.club_id == club_id,
                orm.ClubNight.status == NightStatus.SCHEDULED.value,
                orm.ClubNight.starts_at > after,
            )
            .order_by(orm.ClubNight.starts_at)
            .limit(1)
        )
        row = (await self._s.execute(query)).first()
        return self._to_night(row) if row else None

    async def nights(self, club_ids: Sequence[int], start: datetime, end: datetime) -> list[Night]:
        """Scheduled nights of these clubs in [start, end)."""
        query = (
            self._nights()
            .where(
                orm.ClubNight.club_id.in_(club_ids),
                orm.ClubNight.status == NightStatus.SCHEDULED.value,
                orm.ClubNight.starts_at >= start,
                orm.ClubNight.starts_at < end,
            )
            .order_by(orm.ClubNight.starts_at)
        )
        return [self._to_night(r) for r in (await self._s.execute(query)).all()]

    async def past_nights(self, club_id: int, limit: int) -> list[Night]:
        """Nights that have a film and are done, latest first."""
        query = (
            self._nights()
            .where(
                orm.ClubNight.club_id == club_id,
                orm.ClubNight.status == NightStatus.DONE.value,
                orm.ClubNight.media_id.is_not(None),
            )
            .order_by(orm.ClubNight.starts_at.desc())
            .limit(limit)
        )
        return [self._to_night(r) for r in (await self._s.execute(query)).all()]

    async def update_night(self, night_id: int, changes: Mapping[str, Any]) -> None:
        """Change a night's columns."""
        await self._s.execute(
            update(orm.ClubNight).where(orm.ClubNight.id == night_id).values(**changes)
        )

    # polls ----------------------------------------------------------------------------------

    async def add_poll(
        self,
        club_id: int,
        night_id: int | None,
        method: Method,
        closes_at: datetime,
        thread_id: str | None,
        options: Sequence[tuple[int, int | None]],
        by: int,
        now: datetime,
    ) -> ClubPoll:
        """Open a poll with numbered options."""
        row = orm.ClubPoll(
            club_id=club_id,
            night_id=night_id,
            method=method.value,
            status=PollStatus.OPEN.value,
            closes_at=closes_at,
            thread_id=thread_id,
            result={},
            opened_by=by,
            created_at=now,
        )
        self._s.add(row)
        await self._s.flush()
        self._s.add_all(
            orm.ClubPollOption(poll_id=row.id, number=n, media_id=m, suggested_by=s)
            for n, (m, s) in enumerate(options, start=1)
        )
        await self._s.flush()
        poll = await self.poll(row.id)
        assert poll is not None
        return poll

    async def poll(self, poll_id: int, *, lock: bool = False) -> ClubPoll | None:
        """A poll with its options; ``lock`` takes a row lock (FOR UPDATE on PostgreSQL;
        SQLite serialises writers anyway)."""
        query = select(orm.ClubPoll).where(orm.ClubPoll.id == poll_id)
        if lock:
            query = query.with_for_update()
        row = await self._s.scalar(query.execution_options(populate_existing=True))
        return await self._to_poll(row) if row else None

    async def _to_poll(self, row: orm.ClubPoll) -> ClubPoll:
        query = (
            select(orm.ClubPollOption, orm.Media.title, orm.Media.year)
            .join(orm.Media, orm.Media.id == orm.ClubPollOption.media_id)
            .where(orm.ClubPollOption.poll_id == row.id)
            .order_by(orm.ClubPollOption.number)
        )
        options = tuple(
            PollOption(o.number, o.media_id, label(t, y), o.suggested_by)
            for o, t, y in (await self._s.execute(query)).all()
        )
        voters = len(await self.ballots(row.id))
        return ClubPoll(
            row.id,
            row.club_id,
            Method(row.method),
            PollStatus(row.status),
            row.closes_at,
            options,
            row.night_id,
            row.thread_id,
            row.winner_media_id,
            voters,
        )

    async def open_poll(self, club_id: int) -> ClubPoll | None:
        """The club's open poll."""
        row = await self._s.scalar(
            select(orm.ClubPoll)
            .where(orm.ClubPoll.club_id == club_id, orm.ClubPoll.status == PollStatus.OPEN.value)
            .order_by(orm.ClubPoll.id.desc())
            .limit(1)
        )
        return await self._to_poll(row) if row else None

    async def ballots(self, poll_id: int) -> dict[int, Ballot]:
        """Ballots by profile id."""
        rows = (
            await self._s.execute(
                select(orm.ClubBallot.profile_id, orm.ClubBallot.choices)
                .where(orm.ClubBallot.poll_id == poll_id)
                .order_by(orm.ClubBallot.profile_id)
            )
        ).all()
        return {p: tuple(int(c) for c in choices) for p, choices in rows}

    async def set_ballot(
        self, poll_id: int, profile_id: int, ballot: Ballot, now: datetime
    ) -> None:
        """Replace a ballot (an empty one withdraws the vote)."""
        await self._s.execute(
            delete(orm.ClubBallot).where(
                orm.ClubBallot.poll_id == poll_id, orm.ClubBallot.profile_id == profile_id
            )
        )
        if ballot:
            self._s.add(
                orm.ClubBallot(
                    poll_id=poll_id, profile_id=profile_id, choices=list(ballot), updated_at=now
                )
            )
            await self._s.flush()

    async def close_poll(
        self, poll_id: int, winner: int | None, result: Mapping[str, Any], now: datetime
    ) -> None:
        """Mark a poll closed with its winner and result."""
        await self._s.execute(
            update(orm.ClubPoll)
            .where(orm.ClubPoll.id == poll_id)
            .values(
                status=PollStatus.CLOSED.value,
                winner_media_id=winner,
                result=dict(result),
                closed_at=now,
            )
        )

    async def wins(self, club_id: int) -> list[tuple[int | None, int]]:
        """(suggested by, media id) of every poll's winning option."""
        query = (
            select(orm.ClubPollOption.suggested_by, orm.ClubPollOption.media_id)
            .join(orm.ClubPoll, orm.ClubPoll.id == orm.ClubPollOption.poll_id)
            .where(
                orm.ClubPoll.club_id == club_id,
                orm.ClubPoll.winner_media_id == orm.ClubPollOption.media_id,
            )
        )
        return [(s, m) for s, m in (await self._s.execute(query)).all()]

    # due work -------------------------------------------------------------------------------

    async def due(self, now: datetime, limit: int) -> list[Due]:
        """Everything due by ``now``."""
        return [d for d in await self._due_before(now, limit, inclusive=True)]

    async def upcoming(self, until: datetime) -> list[Due]:
        """Everything due before ``until``."""
        return await self._due_before(until, 10_000, inclusive=False)

    async def _due_before(self, moment: datetime, limit: int, *, inclusive: bool) -> list[Due]:
        def before(column: Any) -> Any:
            return column <= moment if inclusive else column < moment

        polls = select(orm.ClubPoll.id, orm.ClubPoll.closes_at).where(
            orm.ClubPoll.status == PollStatus.OPEN.value, before(orm.ClubPoll.closes_at)
        )
        scheduled = orm.ClubNight.status == NightStatus.SCHEDULED.value
        remind = select(orm.ClubNight.id, orm.ClubNight.remind_at).where(
            scheduled, before(orm.ClubNight.remind_at)
        )
        rate = select(orm.ClubNight.id, orm.ClubNight.rate_at).where(
            scheduled, before(orm.ClubNight.rate_at)
        )
        found: list[Due] = []
        for kind, query in (
            (DueKind.CLOSE_POLL, polls),
            (DueKind.REMIND_NIGHT, remind),
            (DueKind.ASK_RATINGS, rate),
        ):
            rows = (await self._s.execute(query.limit(limit))).all()
            found.extend(Due(kind, i, at) for i, at in rows if at is not None)
        # the order matters when a poll closes late: close it before reminding or asking
        order = {DueKind.CLOSE_POLL: 0, DueKind.REMIND_NIGHT: 1, DueKind.ASK_RATINGS: 2}
        return sorted(found, key=lambda d: (d.at, order[d.kind], d.id))[:limit]
