"""Movie clubs: joining by use, roles, the shared watchlist and club settings."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Self

from core.domain.clubs import (
    Club,
    ClubPoll,
    ClubSettings,
    Member,
    Night,
    Role,
    Suggestion,
    check_suggestion,
    effective_role,
    require_admin,
)
from core.domain.errors import InvalidInput, NotFound
from core.domain.lists import SystemList
from core.i18n import N_, Translator
from core.ports import Clock, UnitOfWork
from core.views.reply import ChatRef, Platform
from core.views.speech import Voice

if TYPE_CHECKING:
    from core.app import App

SETTINGS = {
    "limit": ("suggestion_limit", 1, 50),
    "pollhours": ("poll_hours", 1, 24 * 14),
    "remind": ("remind_hours", 0, 72),
    "rateafter": ("rate_after_hours", 1, 48),
    "pollsize": ("poll_size", 2, 10),
}


@dataclass(frozen=True, slots=True)
class Seat:
    """The acting member in their club, with the role that counts (platform admins included)."""

    club: Club
    member: Member
    role: Role

    @property
    def is_admin(self) -> bool:
        """Owners and admins administer the club."""
        return self.role is not Role.MEMBER


@dataclass(frozen=True, slots=True)
class Overview:
    """What the club card shows."""

    seat: Seat
    members: int
    watchlist: int
    watching: tuple[Suggestion, ...]
    next_night: Night | None
    open_poll: ClubPoll | None
    last_night: Night | None


class ClubBase:
    """What every club service shares: the unit of work, clock, translator and defaults."""

    def __init__(
        self,
        uow: Callable[[], UnitOfWork],
        clock: Clock,
        translator: Translator,
        default_locale: str = "en",
        default_timezone: str = "UTC",
    ) -> None:
        self._uow, self._clock, self._translator = uow, clock, translator
        self._locale, self._timezone = default_locale, default_timezone

    @classmethod
    def of(cls, app: App) -> Self:
        """The service over an App's unit of work, clock, translator and defaults."""
        return cls(app.uow, app.clock, app.translator, app.default_locale, app.default_timezone)

    def zone(self, club: Club) -> str:
        """The club's time zone name."""
        return club.timezone or self._timezone

    def voice(self, club: Club) -> Voice:
        """Speaks the club's language (for messages written to the outbox)."""
        return Voice(self._translator, club.locale or self._locale)

    async def seat(
        self, uow: UnitOfWork, chat: ChatRef, profile_id: int, platform_admin: bool
    ) -> Seat:
        """The club of ``chat`` and the actor in it; using a club joins it.

        The first user of a console group owns its club; on chat platforms the first chat admin
        to use it does. Chat admins are club admins whatever their stored role.
        """
        if not chat.is_group:
            raise InvalidInput(N_("Clubs live in group chats: use this command in a group."))
        now = self._clock.now()
        club = await uow.clubs.get_or_create(chat, now)
        member = await uow.clubs.member(club.id, profile_id)
        if member is None:
            may_own = chat.platform is Platform.CONSOLE or platform_admin
            owner = may_own and not await uow.clubs.has_owner(club.id)
            await uow.clubs.join(club.id, profile_id, Role.OWNER if owner else Role.MEMBER, now)
            member = await uow.clubs.member(club.id, profile_id)
            assert member is not None
        return Seat(club, member, effective_role(member.role, platform_admin))


class ClubService(ClubBase):
    """The club card, the watchlist, member preferences and club settings."""

    async def overview(self, chat: ChatRef, profile_id: int, admin: bool) -> Overview:
        """Everything the /club card shows (joining the club on first use)."""
        async with self._uow() as uow:
            seat = await self.seat(uow, chat, profile_id, admin)
            club_id, now = seat.club.id, self._clock.now()
            history = await uow.club_events.past_nights(club_id, 1)
            overview = Overview(
                seat,
                len(await uow.clubs.members(club_id)),
                len(await uow.clubs.shelf(club_id, SystemList.TO_WATCH)),
                tuple(await uow.clubs.shelf(club_id, SystemList.WATCHING)),
                await uow.club_events.next_night(club_id, now),
                await uow.club_events.open_poll(club_id),
                history[0] if history else None,
            )
            await uow.commit()
            return overview

    async def suggest(
        self, chat: ChatRef, profile_id: int, admin: bool, media_id: int
    ) -> Suggestion:
        """Put a title on the club watchlist (no duplicates, per-member limit)."""
        async with self._uow() as uow:
            seat = await self.seat(uow, chat, profile_id, admin)
            if await uow.media.get(media_id) is None:
                raise NotFound(N_("There is no title #{id}."), id=media_id)
            existing = await uow.clubs.shelf(seat.club.id, SystemList.TO_WATCH)
            watching = await uow.clubs.shelf(seat.club.id, SystemList.WATCHING)
            check_suggestion(
                [*existing, *watching], media_id, profile_id, seat.club.settings.suggestion_limit
            )
            await uow.clubs.put(
                seat.club.id, SystemList.TO_WATCH, media_id, profile_id, self._clock.now()
            )
            shelf = await uow.clubs.shelf(seat.club.id, SystemList.TO_WATCH)
            await uow.commit()
            return next(s for s in shelf if s.media_id == media_id)

    async def unsuggest(self, chat: ChatRef, profile_id: int, admin: bool, media_id: int) -> None:
        """Take a title off the watchlist (admins, or whoever suggested it)."""
        async with self._uow() as uow:
            seat = await self.seat(uow, chat, profile_id, admin)
            shelf = await uow.clubs.shelf(seat.club.id, SystemList.TO_WATCH)
            found = next((s for s in shelf if s.media_id == media_id), None)
            if found is None:
                raise NotFound(N_("That title is not on the club watchlist."))
            if found.suggested_by != profile_id:
                require_admin(seat.role, N_("remove other members' suggestions"))
            await uow.clubs.take(seat.club.id, SystemList.TO_WATCH, media_id)
            await uow.commit()

    async def watchlist(
        self, chat: ChatRef, profile_id: int, admin: bool
    ) -> tuple[Seat, list[Suggestion]]:
        """The club watchlist, in order of suggestion."""
        async with self._uow() as uow:
            seat = await self.seat(uow, chat, profile_id, admin)
            shelf = await uow.clubs.shelf(seat.club.id, SystemList.TO_WATCH)
            await uow.commit()
            return seat, shelf

    async def member_ids(self, chat: ChatRef, profile_id: int, admin: bool) -> list[int]:
        """The profile ids of the club's members (for group recommendations)."""
        async with self._uow() as uow:
            seat = await self.seat(uow, chat, profile_id, admin)
            members = await uow.clubs.members(seat.club.id)
            await uow.commit()
            return [m.profile_id for m in members]

    async def toggle(self, chat: ChatRef, profile_id: int, admin: bool, preference: str) -> Member:
        """Flip a member preference: ``remind_nights`` or ``personal_ratings``."""
        if preference not in {"remind_nights", "personal_ratings"}:
            raise InvalidInput(N_("Unknown preference."))
        async with self._uow() as uow:
            seat = await self.seat(uow, chat, profile_id, admin)
            value = not getattr(seat.member, preference)
            await uow.clubs.update_member(seat.club.id, profile_id, {preference: value})
            member = await uow.clubs.member(seat.club.id, profile_id)
            await uow.commit()
            assert member is not None
            return member

    async def configure(
        self, chat: ChatRef, profile_id: int, admin: bool, setting: str, value: str
    ) -> ClubSettings:
        """Change a club setting (admins): limit, pollhours, remind, rateafter, pollsize."""
        key = setting.strip().casefold()
        if key not in SETTINGS:
            raise InvalidInput(N_("Club settings: {names}."), names=", ".join(sorted(SETTINGS)))
        field, low, high = SETTINGS[key]
        if not value.strip().isdigit() or not low <= int(value) <= high:
            raise InvalidInput(
                N_("{setting} is a whole number from {min} to {max}."),
                setting=key,
                min=low,
                max=high,
            )
        async with self._uow() as uow:
            seat = await self.seat(uow, chat, profile_id, admin)
            require_admin(seat.role, N_("change club settings"))
            club = await uow.clubs.update_settings(seat.club.id, {field: int(value)})
            await uow.commit()
            return club.settings
