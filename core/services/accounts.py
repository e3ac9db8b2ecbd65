"""Accounts: first contact creates the user, a default profile and the four system lists."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo, available_timezones

from core.domain.accounts import Account, Profile
from core.domain.errors import InvalidInput
from core.domain.groups import Group
from core.domain.lists import SystemList, Visibility
from core.i18n import N_
from core.ports import Clock, UnitOfWork
from core.views.reply import ChatRef, UserRef

DEFAULT_PROFILE = "Main"


class AccountService:
    """Creates and finds accounts, and changes profile settings."""

    def __init__(self, uow: Callable[[], UnitOfWork], clock: Clock) -> None:
        self._uow, self._clock = uow, clock

    async def ensure(self, who: UserRef) -> Account:
        """Return the account behind ``who``, creating it (with system lists) on first contact."""
        async with self._uow() as uow:
            account = await uow.accounts.find(who)
            if account is not None:
                await uow.commit()  # keeps the platform language code fresh
                return account
            now = self._clock.now()
            account = await uow.accounts.create(who, DEFAULT_PROFILE, now)
            for key in SystemList:
                await uow.lists.create(
                    account.profile.id, key.display_name, None, key, Visibility.PRIVATE, now
                )
            await uow.activity.record(account.profile.id, "joined", None, {}, now)
            await uow.commit()
            return account

    async def update_settings(self, profile_id: int, setting: str, value: str) -> Profile:
        """Change one profile setting: language, timezone, region, privacy or services."""
        changes = _validated_change(setting, value)
        async with self._uow() as uow:
            profile = await uow.accounts.update_profile(profile_id, changes)
            await uow.commit()
            return profile

    async def group(self, chat: ChatRef) -> Group | None:
        """The settings of a group chat (None in private chats or before first use)."""
        if not chat.is_group:
            return None
        async with self._uow() as uow:
            return await uow.groups.find(chat)

    async def update_group(self, chat: ChatRef, setting: str, value: str) -> Group:
        """Change a group's language or time zone (admins only; checked by the command)."""
        if not chat.is_group:
            raise InvalidInput(N_("Group settings can only be changed in a group chat."))
        changes = _validated_change(setting, value)
        if not set(changes) <= {"locale", "timezone"}:
            raise InvalidInput(N_("A group has two settings: language and timezone."))
        async with self._uow() as uow:
            group = await uow.groups.get_or_create(chat, self._clock.now())
            group = await uow.groups.update(group.id, changes)
            await uow.commit()
            return group

    async def deactivate(self, who: UserRef) -> None:
        """Mark an identity inactive (the user blocked the bot)."""
        async with self._uow() as uow:
            await uow.accounts.set_active(who, False)
            await uow.commit()


def _validated_change(setting: str, value: str) -> dict[str, Any]:
    key = setting.strip().casefold()
    raw = value.strip()
    if key in {"language", "lang", "locale"}:
        if not raw.replace("_", "").replace("-", "").isalpha() or not 2 <= len(raw) <= 10:
            raise InvalidInput(
                N_("“{given}” is not a language code such as en or pt-BR."), given=raw
            )
        return {"locale": raw.replace("-", "_")}
    if key in {"timezone", "tz"}:
        if raw not in available_timezones():
            raise InvalidInput(
                N_("“{given}” is not a time zone I know; use a name like Europe/Paris."), given=raw
            )
        ZoneInfo(raw)
        return {"timezone": raw}
    if key == "region":
        if len(raw) != 2 or not raw.isalpha():
            raise InvalidInput(N_("A region is a two-letter country code such as US or DE."))
        return {"region": raw.upper()}
    if key in {"privacy", "visibility"}:
        try:
            visibility = Visibility(raw.casefold())
        except ValueError:
            raise InvalidInput(
                N_("Privacy is one of: public, friends, private (you gave “{given}”)."), given=raw
            ) from None
        return {"preferences": {"default_visibility": visibility.value}}
    if key in {"services", "streaming"}:
        return {"preferences": {"services": parse_services(raw)}}
    raise InvalidInput(
        N_("Unknown setting “{given}”. Settings: language, timezone, region, privacy, services."),
        given=setting,
    )


MAX_SERVICES = 12


def parse_services(raw: str) -> list[str]:
    """Streaming services from "Netflix, Disney Plus" ("none" clears them)."""
    if raw.casefold() in {"none", "off", "-", ""}:
        return []
    names = [" ".join(part.split()) for part in raw.replace(";", ",").split(",")]
    names = [n for n in names if n]
    if len(names) > MAX_SERVICES or any(not 2 <= len(n) <= 40 for n in names):
        raise InvalidInput(
            N_(
                "List up to {count} streaming services separated by commas, "
                "e.g. Netflix, Disney Plus (or none)."
            ),
            count=MAX_SERVICES,
        )
    return list(dict.fromkeys(names))
