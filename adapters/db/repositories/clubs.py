"""Clubs, members, club shelves (lists owned by the club) and club ratings in SQL."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.db import orm
from adapters.db.repositories.club_ratings import SqlClubRatings
from core.domain.clubs import Club, ClubSettings, Member, Role, Suggestion
from core.domain.lists import SYSTEM_LIST_NAMES, SystemList
from core.views.reply import ChatRef

ROLE_ORDER = {Role.OWNER.value: 0, Role.ADMIN.value: 1, Role.MEMBER.value: 2}


def to_club(row: orm.Club) -> Club:
    """ORM row -> domain club (settings and locale live in the JSON column)."""
    raw = dict(row.settings or {})
    locale = raw.get("locale")
    return Club(
        row.id,
        row.platform,
        row.chat_id,
        row.name,
        row.timezone,
        str(locale) if locale else None,
        ClubSettings.from_json(raw),
    )


class SqlClubRepository(SqlClubRatings):
    """ClubRepository over one session."""

    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def get_or_create(self, chat: ChatRef, now: datetime) -> Club:
        """The club of a chat, created on first use (the same row as the group's settings)."""
        query = select(orm.Club).where(
            orm.Club.platform == chat.platform.value, orm.Club.chat_id == chat.chat_id
        )
        row = await self._s.scalar(query)
        if row is None:
            name = chat.title or chat.chat_id
            row = orm.Club(
                platform=chat.platform.value,
                chat_id=chat.chat_id,
                name=name,
                settings={},
                created_at=now,
            )
            self._s.add(row)
            await self._s.flush()
        return to_club(row)

    async def get(self, club_id: int) -> Club | None:
        """A club by id."""
        row = await self._s.get(orm.Club, club_id)
        return to_club(row) if row else None

    async def update_settings(self, club_id: int, changes: Mapping[str, Any]) -> Club:
        """Merge ``changes`` into the club's settings."""
        row = await self._s.get_one(orm.Club, club_id)
        row.settings = {**(row.settings or {}), **changes}
        await self._s.flush()
        return to_club(row)

    def _members(self, club_id: int) -> Any:
        platform = select(orm.Club.platform).where(orm.Club.id == club_id).scalar_subquery()
        identity = (
            select(orm.Identity.external_id)
            .where(
                orm.Identity.user_id == orm.Profile.user_id,
                orm.Identity.platform == platform,
                orm.Identity.active.is_(True),
            )
            .order_by(orm.Identity.id)
            .limit(1)
            .correlate(orm.Profile)
            .scalar_subquery()
        )
        return (
            select(orm.ClubMember, orm.User.display_name, orm.Profile.preferences, identity)
            .join(orm.Profile, orm.Profile.id == orm.ClubMember.profile_id)
            .join(orm.User, orm.User.id == orm.Profile.user_id)
            .where(orm.ClubMember.club_id == club_id)
        )

    @staticmethod
    def _to_member(row: Any) -> Member:
        member, name, preferences, external_id = row
        private = (preferences or {}).get("default_visibility") == "private"
        return Member(
            member.profile_id,
            name,
            Role(member.role),
            member.remind_nights,
            member.personal_ratings,
            private,
            external_id,
        )

    async def member(self, club_id: int, profile_id: int) -> Member | None:
        """A member with name, privacy and platform identity."""
        query = self._members(club_id).where(orm.ClubMember.profile_id == profile_id)
        row = (await self._s.execute(query)).first()
        return self._to_member(row) if row else None

    async def join(self, club_id: int, profile_id: int, role: Role, now: datetime) -> None:
        """Add a member."""
        self._s.add(
            orm.ClubMember(
                club_id=club_id,
                profile_id=profile_id,
                role=role.value,
                joined_at=now,
                remind_nights=True,
                personal_ratings=True,
            )
        )
        await self._s.flush()

    async def update_member(
        self, club_id: int, profile_id: int, changes: Mapping[str, Any]
    ) -> None:
        """Change a member's role or preferences."""
        await self._s.execute(
            update(orm.ClubMember)
            .where(orm.ClubMember.club_id == club_id, orm.ClubMember.profile_id == profile_id)
            .values(**changes)
        )

    async def members(self, club_id: int) -> list[Member]:
        """Members, owner first, then admins, then by joining order."""
        rows = (
            await self._s.execute(self._members(club_id).order_by(orm.ClubMember.joined_at))
        ).all()
        members = [self._to_member(r) for r in rows]
        return sorted(members, key=lambda m: ROLE_ORDER[m.role.value])

    async def has_owner(self, club_id: int) -> bool:
        """Whether the club has an owner."""
        query = select(func.count()).where(
            orm.ClubMember.club_id == club_id, orm.ClubMember.role == Role.OWNER.value
        )
        return bool(await self._s.scalar(query))

    async def _shelf_id(self, club_id: int, shelf: SystemList) -> int:
        query = select(orm.MediaList.id).where(
            orm.MediaList.club_id == club_id, orm.MediaList.system_key == shelf.value
        )
        found = await self._s.scalar(query)
        if found is not None:
            return int(found)
        # created lazily on first use; stamped with the club's creation (no clock here)
        now = await self._s.scalar(select(orm.Club.created_at).where(orm.Club.id == club_id))
        row = orm.MediaList(
            club_id=club_id,
            name=SYSTEM_LIST_NAMES[shelf],
            name_key=shelf.value,
            system_key=shelf.value,
            visibility="public",
            created_at=now,
            updated_at=now,
        )
        self._s.add(row)
        await self._s.flush()
        return row.id

    async def shelf(self, club_id: int, shelf: SystemList) -> list[Suggestion]:
        """A shelf's titles in order, with who put them there."""
        list_id = await self._shelf_id(club_id, shelf)
        query = (
            select(orm.ListItem, orm.Media.title, orm.Media.year, orm.User.display_name)
            .join(orm.Media, orm.Media.id == orm.ListItem.media_id)
            .outerjoin(orm.Profile, orm.Profile.id == orm.ListItem.added_by)
            .outerjoin(orm.User, orm.User.id == orm.Profile.user_id)
            .where(orm.ListItem.list_id == list_id)
            .order_by(orm.ListItem.position)
        )
        rows = (await self._s.execute(query)).all()
        return [
            Suggestion(i.media_id, t, y, n, i.added_by, name or "", i.added_at)
            for n, (i, t, y, name) in enumerate(rows, start=1)
        ]

    async def put(
        self, club_id: int, shelf: SystemList, media_id: int, by: int | None, now: datetime
    ) -> None:
        """Append a title to a shelf (nothing when it is there)."""
        list_id = await self._shelf_id(club_id, shelf)
        exists = await self._s.scalar(
            select(orm.ListItem.id).where(
                orm.ListItem.list_id == list_id, orm.ListItem.media_id == media_id
            )
        )
        if exists is not None:
            return
        last = await self._s.scalar(
            select(func.coalesce(func.max(orm.ListItem.position), 0)).where(
                orm.ListItem.list_id == list_id
            )
        )
        self._s.add(
            orm.ListItem(
                list_id=list_id,
                media_id=media_id,
                position=int(last or 0) + 1,
                added_by=by,
                added_at=now,
            )
        )
        await self._s.flush()

    async def take(self, club_id: int, shelf: SystemList, media_id: int) -> bool:
        """Remove a title from a shelf and close the gap."""
        list_id = await self._shelf_id(club_id, shelf)
        item = await self._s.scalar(
            select(orm.ListItem).where(
                orm.ListItem.list_id == list_id, orm.ListItem.media_id == media_id
            )
        )
        if item is None:
            return False
        position = item.position
        await self._s.execute(delete(orm.ListItem).where(orm.ListItem.id == item.id))
        await self._s.execute(
            update(orm.ListItem)
            .where(orm.ListItem.list_id == list_id, orm.ListItem.position > position)
            .values(position=orm.ListItem.position - 1)
        )
        return True

    async def clubs_of(self, profile_id: int) -> list[Club]:
        """The clubs a profile belongs to."""
        query = (
            select(orm.Club)
            .join(orm.ClubMember, orm.ClubMember.club_id == orm.Club.id)
            .where(orm.ClubMember.profile_id == profile_id)
            .order_by(orm.Club.id)
        )
        return [to_club(r) for r in (await self._s.scalars(query)).all()]
