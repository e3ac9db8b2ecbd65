"""Group ratings: club ratings (also personal unless the member says otherwise), the club's
title card, its statistics and leaderboard, and taste compatibility between two members."""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass

from core.domain.clubs import Member, Night, RatingSummary, compatibility
from core.domain.errors import InvalidInput, NotFound
from core.domain.ratings import parse_rating
from core.i18n import N_
from core.ports_clubs import ClubRatingRow
from core.services.clubs import ClubBase, Seat
from core.views.reply import ChatRef


@dataclass(frozen=True, slots=True)
class Rated:
    """A club rating just given."""

    seat: Seat
    value: int
    previous: int | None
    personal: bool


@dataclass(frozen=True, slots=True)
class TitleStats:
    """The club's view of one title: the numbers and who rated (those who allow it)."""

    summary: RatingSummary
    raters: tuple[str, ...]
    hidden: int


@dataclass(frozen=True, slots=True)
class Leader:
    """A member's winning suggestions and how the club rated them."""

    name: str
    wins: int
    mean: float | None


@dataclass(frozen=True, slots=True)
class ClubStats:
    """History, the most divisive titles and the suggestion leaderboard."""

    seat: Seat
    history: tuple[tuple[Night, RatingSummary | None], ...]
    divisive: tuple[RatingSummary, ...]
    leaders: tuple[Leader, ...]


@dataclass(frozen=True, slots=True)
class Compat:
    """How two members' tastes compare."""

    other: Member
    shared: int
    agreement: int | None
    closest: tuple[str, int, int] | None  # title, my rating, theirs
    furthest: tuple[str, int, int] | None


def summarize(rows: list[ClubRatingRow]) -> list[RatingSummary]:
    """Club ratings grouped by title."""
    values: dict[int, list[int]] = defaultdict(list)
    titles: dict[int, str] = {}
    for row in rows:
        values[row.media_id].append(row.value)
        titles[row.media_id] = row.title
    return [RatingSummary(m, titles[m], tuple(sorted(v))) for m, v in values.items()]


class ClubRatingService(ClubBase):
    """Rate with the club and read the club's numbers."""

    async def rate(
        self,
        chat: ChatRef,
        profile_id: int,
        admin: bool,
        media_id: int,
        raw: str | int,
        night_id: int | None = None,
    ) -> Rated:
        """Rate a title for the club (and personally, unless the member turned that off)."""
        value = parse_rating(raw)
        async with self._uow() as uow:
            seat = await self.seat(uow, chat, profile_id, admin)
            if await uow.media.get(media_id) is None:
                raise NotFound(N_("There is no title #{id}."), id=media_id)
            now = self._clock.now()
            previous = await uow.clubs.rate(
                seat.club.id, profile_id, media_id, value, night_id, now
            )
            personal = seat.member.personal_ratings
            if personal:
                await uow.ratings.set(profile_id, media_id, value, now)
                await uow.activity.record(profile_id, "rated", media_id, {"value": value}, now)
            await uow.commit()
            return Rated(seat, value, previous, personal)

    async def title(self, chat: ChatRef, profile_id: int, admin: bool, media_id: int) -> TitleStats:
        """The club title card: mean, median, distribution, count and who rated."""
        async with self._uow() as uow:
            seat = await self.seat(uow, chat, profile_id, admin)
            media = await uow.media.get(media_id)
            if media is None:
                raise NotFound(N_("There is no title #{id}."), id=media_id)
            rows = await uow.clubs.ratings(seat.club.id, media_id)
            members = {m.profile_id: m for m in await uow.clubs.members(seat.club.id)}
            await uow.commit()
        if not rows:
            raise NotFound(N_("Nobody in the club has rated {title} yet."), title=media.label)
        shown = [members[r.profile_id] for r in rows if r.profile_id in members]
        names = tuple(sorted(m.name for m in shown if not m.private))
        summary = RatingSummary(media_id, media.label, tuple(sorted(r.value for r in rows)))
        return TitleStats(summary, names, len(rows) - len(names))

    async def stats(self, chat: ChatRef, profile_id: int, admin: bool) -> ClubStats:
        """The club's history, most divisive titles and suggestion leaderboard."""
        async with self._uow() as uow:
            seat = await self.seat(uow, chat, profile_id, admin)
            club_id = seat.club.id
            nights = await uow.club_events.past_nights(club_id, 10)
            summaries = {s.media_id: s for s in summarize(await uow.clubs.ratings(club_id))}
            wins = await uow.club_events.wins(club_id)
            members = {m.profile_id: m for m in await uow.clubs.members(club_id)}
            await uow.commit()
        history = tuple((n, summaries.get(n.media_id or 0)) for n in nights)
        divisive = sorted(
            (s for s in summaries.values() if s.count > 1), key=lambda s: (-s.spread, s.title)
        )
        return ClubStats(seat, history, tuple(divisive[:5]), _leaders(wins, summaries, members))

    async def compat(self, chat: ChatRef, profile_id: int, admin: bool, name: str) -> Compat:
        """Taste compatibility with another member, by (part of) their name."""
        async with self._uow() as uow:
            seat = await self.seat(uow, chat, profile_id, admin)
            others = [
                m for m in await uow.clubs.members(seat.club.id) if m.profile_id != profile_id
            ]
            other = _find_member(others, name)
            rows = await uow.clubs.ratings(seat.club.id)
            await uow.commit()
        mine = {r.media_id: r.value for r in rows if r.profile_id == profile_id}
        theirs = {r.media_id: r.value for r in rows if r.profile_id == other.profile_id}
        titles = {r.media_id: r.title for r in rows}
        shared, agreement = compatibility(mine, theirs)
        both = sorted(set(mine) & set(theirs), key=lambda m: (abs(mine[m] - theirs[m]), titles[m]))
        if other.private:  # a private member's own ratings are never quoted
            return Compat(other, shared, agreement, None, None)
        closest = (titles[both[0]], mine[both[0]], theirs[both[0]]) if both else None
        furthest = (titles[both[-1]], mine[both[-1]], theirs[both[-1]]) if len(both) > 1 else None
        return Compat(other, shared, agreement, closest, furthest)


def _find_member(members: list[Member], name: str) -> Member:
    key = name.strip().lstrip("@").casefold()
    if not key:
        raise InvalidInput(N_("Name a member, e.g. /compat Ana."))
    exact = [m for m in members if m.name.casefold() == key]
    found = exact or [m for m in members if m.name.casefold().startswith(key)]
    if len(found) != 1:
        raise NotFound(
            N_("No single club member is called “{name}”. Members: {names}."),
            name=name.strip(),
            names=", ".join(sorted(m.name for m in members)) or "—",
        )
    return found[0]


def _leaders(
    wins: list[tuple[int | None, int]],
    summaries: dict[int, RatingSummary],
    members: dict[int, Member],
) -> tuple[Leader, ...]:
    by_member: dict[int, list[int]] = defaultdict(list)
    for suggested_by, media_id in wins:
        if suggested_by in members:
            by_member[suggested_by].append(media_id)
    leaders = []
    for profile_id, media_ids in by_member.items():
        means = [summaries[m].mean for m in media_ids if m in summaries]
        mean = statistics.fmean(means) if means else None
        leaders.append(Leader(members[profile_id].name, len(media_ids), mean))
    leaders.sort(key=lambda x: (-x.wins, -(x.mean or 0), x.name))
    return tuple(leaders[:10])
