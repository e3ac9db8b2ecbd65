"""Lists: create, rename, describe, delete; add, remove, move, reorder, notes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from core.domain.errors import Conflict, NotAllowed, NotFound
from core.domain.lists import (
    ListItem,
    SystemList,
    Visibility,
    WatchList,
    validate_description,
    validate_list_name,
    validate_note,
)
from core.i18n import N_
from core.ports import Clock, UnitOfWork

PAGE_SIZE = 10


@dataclass(frozen=True, slots=True)
class ListPage:
    """One page of a list's items."""

    watchlist: WatchList
    items: tuple[ListItem, ...]
    page: int
    pages: int


class ListService:
    """Use cases on a profile's lists."""

    def __init__(self, uow: Callable[[], UnitOfWork], clock: Clock) -> None:
        self._uow, self._clock = uow, clock

    async def lists(self, profile_id: int) -> list[WatchList]:
        """All lists with item counts."""
        async with self._uow() as uow:
            return await uow.lists.lists(profile_id)

    async def find(self, uow: UnitOfWork, profile_id: int, name: str) -> WatchList:
        """A list of the profile by name; NotFound names it."""
        found = await uow.lists.by_name(profile_id, name)
        if found is None:
            raise NotFound(N_("You have no list called “{name}”. See /lists."), name=name)
        return found

    async def owned(self, uow: UnitOfWork, profile_id: int, list_id: int) -> WatchList:
        """A list by id that the profile owns (buttons carry ids)."""
        found = await uow.lists.get(list_id)
        if found is None or await uow.lists.owner(list_id) != profile_id:
            raise NotFound(N_("That list no longer exists."))
        return found

    async def page(
        self, profile_id: int, name: str | None, list_id: int | None, page: int
    ) -> ListPage:
        """One page of a list (by name or id)."""
        async with self._uow() as uow:
            if list_id is not None:
                watchlist = await self.owned(uow, profile_id, list_id)
            else:
                watchlist = await self.find(uow, profile_id, name or "")
            pages = max(1, -(-watchlist.item_count // PAGE_SIZE))
            current = max(1, min(page, pages))
            items = await uow.lists.items(watchlist.id, (current - 1) * PAGE_SIZE, PAGE_SIZE)
            return ListPage(watchlist, tuple(items), current, pages)

    async def create(self, profile_id: int, name: str, description: str | None) -> WatchList:
        """A new custom list; Conflict when the name is taken."""
        clean_name = validate_list_name(name)
        clean_description = validate_description(description)
        async with self._uow() as uow:
            if await uow.lists.by_name(profile_id, clean_name) is not None:
                raise Conflict(N_("You already have a list called “{name}”."), name=clean_name)
            created = await uow.lists.create(
                profile_id,
                clean_name,
                clean_description,
                None,
                Visibility.PRIVATE,
                self._clock.now(),
            )
            await uow.commit()
            return created

    async def rename(self, profile_id: int, old: str, new: str) -> WatchList:
        """Rename a custom list."""
        clean = validate_list_name(new)
        async with self._uow() as uow:
            watchlist = await self._custom(uow, profile_id, old)
            clash = await uow.lists.by_name(profile_id, clean)
            if clash is not None and clash.id != watchlist.id:
                raise Conflict(N_("You already have a list called “{name}”."), name=clean)
            await uow.lists.update(watchlist.id, {"name": clean}, self._clock.now())
            await uow.commit()
            return await self._reload(watchlist.id)

    async def describe(self, profile_id: int, name: str, description: str) -> None:
        """Set a list's description."""
        clean = validate_description(description)
        async with self._uow() as uow:
            watchlist = await self.find(uow, profile_id, name)
            await uow.lists.update(watchlist.id, {"description": clean}, self._clock.now())
            await uow.commit()

    async def delete(self, profile_id: int, name: str) -> WatchList:
        """Delete a custom list with its items."""
        async with self._uow() as uow:
            watchlist = await self._custom(uow, profile_id, name)
            await uow.lists.delete(watchlist.id)
            await uow.commit()
            return watchlist

    async def add(self, profile_id: int, media_id: int, list_name: str | None) -> WatchList:
        """Add a title (default To Watch); Conflict when it is already there."""
        async with self._uow() as uow:
            if await uow.media.get(media_id) is None:
                raise NotFound(N_("There is no title #{id}."), id=media_id)
            watchlist = await self._target(uow, profile_id, list_name)
            if await uow.lists.has(watchlist.id, media_id):
                raise Conflict(N_("It is already on {list}."), list=watchlist.name)
            now = self._clock.now()
            await uow.lists.add(watchlist.id, media_id, profile_id, now)
            await uow.activity.record(profile_id, "listed", media_id, {"list": watchlist.id}, now)
            await uow.commit()
            return watchlist

    async def remove(self, profile_id: int, media_id: int, list_name: str | None) -> WatchList:
        """Remove a title from a list (default: To Watch)."""
        async with self._uow() as uow:
            watchlist = await self._target(uow, profile_id, list_name)
            if not await uow.lists.remove(watchlist.id, media_id):
                raise NotFound(N_("That title is not on {list}."), list=watchlist.name)
            await uow.commit()
            return watchlist

    async def remove_by_id(self, profile_id: int, list_id: int, media_id: int) -> WatchList:
        """Remove a title from a list given by id (from a button)."""
        async with self._uow() as uow:
            watchlist = await self.owned(uow, profile_id, list_id)
            if not await uow.lists.remove(watchlist.id, media_id):
                raise NotFound(N_("That title is not on {list}."), list=watchlist.name)
            await uow.commit()
            return watchlist

    async def move_to(
        self, profile_id: int, media_id: int, list_name: str
    ) -> tuple[list[WatchList], WatchList]:
        """Move a title to another list, off the lists it was on (Favorites keeps it)."""
        async with self._uow() as uow:
            target = await self.find(uow, profile_id, list_name)
            sources = [
                w
                for w in await uow.lists.containing(profile_id, media_id)
                if w.id != target.id and w.system_key is not SystemList.FAVORITES
            ]
            already = await uow.lists.has(target.id, media_id)
            if already and not sources:
                raise Conflict(N_("It is already on {list}."), list=target.name)
            if await uow.media.get(media_id) is None:
                raise NotFound(N_("There is no title #{id}."), id=media_id)
            for source in sources:
                await uow.lists.remove(source.id, media_id)
            if not already:
                await uow.lists.add(target.id, media_id, profile_id, self._clock.now())
            await uow.commit()
            return sources, target

    async def reorder(self, profile_id: int, list_id: int, media_id: int, position: int) -> int:
        """Move an item to position ``position`` (1-based, clamped)."""
        async with self._uow() as uow:
            watchlist = await self.owned(uow, profile_id, list_id)
            if not await uow.lists.has(watchlist.id, media_id):
                raise NotFound(N_("That title is not on {list}."), list=watchlist.name)
            moved = await uow.lists.move(watchlist.id, media_id, position)
            await uow.commit()
            return moved

    async def note(self, profile_id: int, list_name: str, media_id: int, note: str) -> None:
        """Attach a note to an item."""
        clean = validate_note(note)
        async with self._uow() as uow:
            watchlist = await self.find(uow, profile_id, list_name)
            if not await uow.lists.has(watchlist.id, media_id):
                raise NotFound(N_("That title is not on {list}."), list=watchlist.name)
            await uow.lists.set_note(watchlist.id, media_id, clean)
            await uow.commit()

    async def containing(self, profile_id: int, media_id: int) -> list[WatchList]:
        """The profile's lists holding a title."""
        async with self._uow() as uow:
            return await uow.lists.containing(profile_id, media_id)

    async def _target(self, uow: UnitOfWork, profile_id: int, name: str | None) -> WatchList:
        if name:
            return await self.find(uow, profile_id, name)
        return await uow.lists.system(profile_id, SystemList.TO_WATCH)

    async def _custom(self, uow: UnitOfWork, profile_id: int, name: str) -> WatchList:
        watchlist = await self.find(uow, profile_id, name)
        if watchlist.is_system:
            raise NotAllowed(
                N_("“{name}” is a built-in list; it cannot be renamed or deleted."),
                name=watchlist.name,
            )
        return watchlist

    async def _reload(self, list_id: int) -> WatchList:
        async with self._uow() as uow:
            found = await uow.lists.get(list_id)
        assert found is not None
        return found
