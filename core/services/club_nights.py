"""Movie nights and polls: schedule a night, open a poll, vote, close it (by hand or schedule).

Closing counts the ballots, moves the winner to the club's Watching shelf, attaches it to the
night and writes the announcement to the outbox, all in one transaction. Closing twice (an
admin and the scheduler, or two processes) is harmless: the poll row is locked and re-checked,
and the announcement's idempotency key is ``poll:<id>:closed``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from core.domain.clubs import (
    ClubPoll,
    Night,
    PollStatus,
    check_ballot,
    check_options,
    parse_night,
    poll_deadline,
    require_admin,
)
from core.domain.delivery import Destination, Notice
from core.domain.errors import Conflict, InvalidInput, NotFound
from core.domain.lists import SystemList
from core.domain.voting import Ballot, Method, Outcome, count, parse_ballot
from core.i18n import N_
from core.ports import UnitOfWork
from core.services.clubs import ClubBase, Seat
from core.services.notifications import enqueue
from core.views import club_text
from core.views.reply import ChatRef


@dataclass(frozen=True, slots=True)
class Vote:
    """A member's ballot in a poll after a change."""

    poll: ClubPoll
    ballot: Ballot


@dataclass(frozen=True, slots=True)
class Closed:
    """A poll closed now: its outcome and the winning option number (None without votes)."""

    poll: ClubPoll
    outcome: Outcome


class NightService(ClubBase):
    """Schedule nights; open, vote in and close polls."""

    async def schedule(self, chat: ChatRef, profile_id: int, admin: bool, when: str) -> Night:
        """Schedule a movie night at a local ``YYYY-MM-DD HH:MM`` (admins)."""
        async with self._uow() as uow:
            seat = await self.seat(uow, chat, profile_id, admin)
            require_admin(seat.role, N_("schedule movie nights"))
            now, zone = self._clock.now(), self.zone(seat.club)
            starts = parse_night(when, zone, now)
            settings = seat.club.settings
            remind = starts - timedelta(hours=settings.remind_hours)
            rate = starts + timedelta(hours=settings.rate_after_hours)
            night = await uow.club_events.add_night(
                seat.club.id,
                starts,
                zone,
                chat.thread_id,
                (max(remind, now), rate),
                profile_id,
                now,
            )
            await uow.commit()
            return night

    async def open_poll(
        self,
        chat: ChatRef,
        profile_id: int,
        admin: bool,
        method: Method,
        size: int | None,
        media_ids: tuple[int, ...] = (),
    ) -> ClubPoll:
        """Open a poll with the given titles, or the first ``size`` of the watchlist (admins)."""
        async with self._uow() as uow:
            seat = await self.seat(uow, chat, profile_id, admin)
            require_admin(seat.role, N_("open polls"))
            club_id, now = seat.club.id, self._clock.now()
            if await uow.club_events.open_poll(club_id) is not None:
                raise Conflict(N_("A poll is already open; close it first with /closepoll."))
            options = await self._options(uow, seat, size, media_ids)
            night = await uow.club_events.next_night(club_id, now)
            closes = poll_deadline(
                now, seat.club.settings.poll_hours, night.starts_at if night else None
            )
            poll = await uow.club_events.add_poll(
                club_id,
                night.id if night else None,
                method,
                closes,
                chat.thread_id,
                options,
                profile_id,
                now,
            )
            await uow.commit()
            return poll

    async def _options(
        self, uow: UnitOfWork, seat: Seat, size: int | None, media_ids: tuple[int, ...]
    ) -> list[tuple[int, int | None]]:
        shelf = await uow.clubs.shelf(seat.club.id, SystemList.TO_WATCH)
        by = {s.media_id: s.suggested_by for s in shelf}
        if media_ids:
            if len(set(media_ids)) != len(media_ids):
                raise InvalidInput(N_("A title appears twice in the poll."))
            check_options(len(media_ids))
            return [(m, by.get(m)) for m in media_ids]
        wanted = size or seat.club.settings.poll_size
        check_options(wanted)
        if len(shelf) < wanted:
            raise InvalidInput(
                N_(
                    "The club watchlist has {count} titles; a poll of {wanted} needs more. "
                    "Suggest titles with /suggest."
                ),
                count=len(shelf),
                wanted=wanted,
            )
        return [(s.media_id, s.suggested_by) for s in shelf[:wanted]]

    async def current(self, chat: ChatRef, profile_id: int, admin: bool) -> tuple[Seat, ClubPoll]:
        """The open poll of the club (NotFound when none)."""
        async with self._uow() as uow:
            seat = await self.seat(uow, chat, profile_id, admin)
            poll = await uow.club_events.open_poll(seat.club.id)
            await uow.commit()
        if poll is None:
            raise NotFound(N_("There is no open poll. Admins open one with /poll."))
        return seat, poll

    async def vote(self, chat: ChatRef, profile_id: int, admin: bool, text: str) -> Vote:
        """Replace the member's ballot in the open poll with ``text`` ("2 1 3")."""
        _, poll = await self.current(chat, profile_id, admin)
        ballot = parse_ballot(text, len(poll.options), poll.method)
        return await self._store(chat, profile_id, admin, poll.id, lambda _, __: ballot)

    async def press(
        self, chat: ChatRef, profile_id: int, admin: bool, poll_id: int, number: int
    ) -> Vote:
        """A vote button: ranked appends the option (once); approval toggles it."""

        def change(ballot: Ballot, method: Method) -> Ballot:
            ranked = method is Method.RANKED
            if number in ballot:
                return ballot if ranked else tuple(o for o in ballot if o != number)
            return (*ballot, number) if ranked else tuple(sorted((*ballot, number)))

        return await self._store(chat, profile_id, admin, poll_id, change, number)

    async def clear(self, chat: ChatRef, profile_id: int, admin: bool, poll_id: int) -> Vote:
        """Withdraw the member's ballot."""
        return await self._store(chat, profile_id, admin, poll_id, lambda _, __: ())

    async def answer(
        self, chat: ChatRef, profile_id: int, admin: bool, poll_id: int, numbers: Ballot
    ) -> Vote:
        """A native poll answer (Telegram): the complete set of chosen options."""
        return await self._store(chat, profile_id, admin, poll_id, lambda _, __: numbers)

    async def _store(
        self,
        chat: ChatRef,
        profile_id: int,
        admin: bool,
        poll_id: int,
        change: Callable[[Ballot, Method], Ballot],
        number: int | None = None,
    ) -> Vote:
        async with self._uow() as uow:
            seat = await self.seat(uow, chat, profile_id, admin)
            poll = await uow.club_events.poll(poll_id)
            if poll is None or poll.club_id != seat.club.id:
                raise NotFound(N_("That poll no longer exists."))
            if number is not None:
                poll.option(number)  # IndexError: a forged button
            ballots = await uow.club_events.ballots(poll.id)
            ballot = change(ballots.get(profile_id, ()), poll.method)
            check_ballot(poll, ballot, self._clock.now())
            await uow.club_events.set_ballot(poll.id, profile_id, ballot, self._clock.now())
            await uow.commit()
            return Vote(poll, ballot)

    async def my_ballot(self, chat: ChatRef, profile_id: int, admin: bool, poll_id: int) -> Vote:
        """The member's current ballot."""
        async with self._uow() as uow:
            seat = await self.seat(uow, chat, profile_id, admin)
            poll = await uow.club_events.poll(poll_id)
            if poll is None or poll.club_id != seat.club.id:
                raise NotFound(N_("That poll no longer exists."))
            ballots = await uow.club_events.ballots(poll.id)
            await uow.commit()
            return Vote(poll, ballots.get(profile_id, ()))

    async def close_now(self, chat: ChatRef, profile_id: int, admin: bool) -> Closed:
        """Close the open poll before its deadline (admins)."""
        async with self._uow() as uow:
            seat = await self.seat(uow, chat, profile_id, admin)
            require_admin(seat.role, N_("close polls"))
            poll = await uow.club_events.open_poll(seat.club.id)
            await uow.commit()
        if poll is None:
            raise NotFound(N_("There is no open poll. Admins open one with /poll."))
        closed = await self.close(poll.id)
        if closed is None:
            raise Conflict(N_("This poll is closed."))
        return closed

    async def close(self, poll_id: int) -> Closed | None:
        """Close a poll: count, move the winner to Watching, announce. None if already closed."""
        async with self._uow() as uow:
            poll = await uow.club_events.poll(poll_id, lock=True)
            if poll is None or poll.status is not PollStatus.OPEN:
                return None
            club = await uow.clubs.get(poll.club_id)
            assert club is not None
            now = self._clock.now()
            ballots = list((await uow.club_events.ballots(poll.id)).values())
            outcome = count(poll.method, len(poll.options), ballots)
            winner = poll.option(outcome.winner) if outcome.winner else None
            night = await self._night_for(uow, poll)
            if winner is not None:
                await uow.clubs.take(club.id, SystemList.TO_WATCH, winner.media_id)
                await uow.clubs.put(
                    club.id, SystemList.WATCHING, winner.media_id, winner.suggested_by, now
                )
                if night is not None:
                    await uow.club_events.update_night(night.id, {"media_id": winner.media_id})
            result = club_text.outcome_json(outcome)
            await uow.club_events.close_poll(
                poll.id, winner.media_id if winner else None, result, now
            )
            closed = await uow.club_events.poll(poll.id)
            assert closed is not None
            reply = club_text.poll_closed(self.voice(club), closed, outcome, night)
            destination = Destination(club.platform, club.chat_id, poll.thread_id)
            await enqueue(uow, [Notice(f"poll:{poll.id}:closed", destination, reply)], now)
            await uow.commit()
            return Closed(closed, outcome)

    async def _night_for(self, uow: UnitOfWork, poll: ClubPoll) -> Night | None:
        if poll.night_id is not None:
            return await uow.club_events.night(poll.night_id)
        night = await uow.club_events.next_night(poll.club_id, self._clock.now())
        return night if night is not None and night.media_id is None else None
