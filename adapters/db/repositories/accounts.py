"""Users, identities and profiles in SQL."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.db import orm
from core.domain.accounts import Account, Profile
from core.views.reply import Platform, UserRef


def to_profile(row: orm.Profile) -> Profile:
    """ORM row -> domain profile."""
    return Profile(
        id=row.id,
        user_id=row.user_id,
        name=row.name,
        is_kid=row.is_kid,
        locale=row.locale,
        timezone=row.timezone,
        region=row.region,
        preferences=dict(row.preferences or {}),
    )


class SqlAccountRepository:
    """AccountRepository over one session."""

    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def find(self, who: UserRef) -> Account | None:
        """The account and default profile behind an identity."""
        query = (
            select(orm.Identity, orm.User, orm.Profile)
            .join(orm.User, orm.User.id == orm.Identity.user_id)
            .join(orm.Profile, orm.Profile.user_id == orm.User.id)
            .where(
                orm.Identity.platform == who.platform.value,
                orm.Identity.external_id == who.external_id,
            )
            .order_by(orm.Profile.is_default.desc(), orm.Profile.id)
            .limit(1)
        )
        found = (await self._s.execute(query)).first()
        if found is None:
            return None
        identity, user, profile = found
        if who.language_code and identity.language_code != who.language_code:
            identity.language_code = who.language_code
        handle = _handle(who)
        if handle and identity.username != handle:
            identity.username = handle
        if not identity.active:
            identity.active = True  # they wrote to us again, so they can be reached again
        return Account(user.id, identity.id, user.display_name, to_profile(profile))

    async def create(self, who: UserRef, profile_name: str, now: datetime) -> Account:
        """Create the user, the identity and a default profile."""
        name = who.display_name or who.external_id
        user = orm.User(display_name=name, created_at=now)
        self._s.add(user)
        await self._s.flush()
        identity = orm.Identity(
            user_id=user.id,
            platform=who.platform.value,
            external_id=who.external_id,
            display_name=name,
            language_code=who.language_code,
            username=_handle(who),
            active=True,
            created_at=now,
        )
        profile = orm.Profile(
            user_id=user.id,
            name=profile_name,
            is_default=True,
            is_kid=False,
            preferences={},
            created_at=now,
        )
        self._s.add_all([identity, profile])
        await self._s.flush()
        return Account(user.id, identity.id, name, to_profile(profile), created=True)

    async def update_profile(self, profile_id: int, changes: dict[str, Any]) -> Profile:
        """Apply changes to a profile and return it."""
        row = await self._s.get_one(orm.Profile, profile_id)
        for key, value in changes.items():
            if key == "preferences":  # one preference changes, the others stay
                value = {**(row.preferences or {}), **value}
            setattr(row, key, value)
        await self._s.flush()
        return to_profile(row)

    async def by_username(self, platform: Platform, username: str) -> int | None:
        """The default profile of the person with this handle on ``platform``."""
        found = await self._s.scalar(
            select(orm.Profile.id)
            .join(orm.Identity, orm.Identity.user_id == orm.Profile.user_id)
            .where(
                orm.Identity.platform == platform.value,
                orm.Identity.username == username.strip().lstrip("@").casefold(),
            )
            .order_by(orm.Profile.is_default.desc(), orm.Profile.id)
            .limit(1)
        )
        return int(found) if found is not None else None

    async def profile(self, profile_id: int) -> Profile | None:
        """A profile by id."""
        row = await self._s.get(orm.Profile, profile_id)
        return to_profile(row) if row is not None else None

    async def display_names(self, profile_ids: Sequence[int]) -> dict[int, str]:
        """Profile id -> the user's display name."""
        if not profile_ids:
            return {}
        rows = await self._s.execute(
            select(orm.Profile.id, orm.User.display_name)
            .join(orm.User, orm.User.id == orm.Profile.user_id)
            .where(orm.Profile.id.in_(profile_ids))
        )
        return {int(pid): str(name) for pid, name in rows}

    async def set_active(self, who: UserRef, active: bool) -> None:
        """Mark an identity (in)active."""
        await self._s.execute(
            update(orm.Identity)
            .where(
                orm.Identity.platform == who.platform.value,
                orm.Identity.external_id == who.external_id,
            )
            .values(active=active)
        )


def _handle(who: UserRef) -> str | None:
    """The stored form of a platform handle (lower case, no @)."""
    if not who.username:
        return None
    return who.username.strip().lstrip("@").casefold() or None
