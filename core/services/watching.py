"""Watch tracking, ownership and the library view."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from core.domain.errors import Conflict, NotFound
from core.domain.lists import SystemList, WatchList
from core.domain.watching import LibraryEntry, LibraryFilter, OwnedFormat, WatchRecord
from core.i18n import N_
from core.ports import Clock, UnitOfWork

LIBRARY_PAGE = 10


@dataclass(frozen=True, slots=True)
class Watched:
    """The outcome of logging a watch."""

    record: WatchRecord
    moved_from: tuple[WatchList, ...]
    completed: WatchList | None


class WatchService:
    """Log watches and rewatches, undo them, own titles and browse the library."""

    def __init__(self, uow: Callable[[], UnitOfWork], clock: Clock) -> None:
        self._uow, self._clock = uow, clock

    async def mark_watched(self, profile_id: int, media_id: int, on: date | None = None) -> Watched:
        """Log a watch; the title moves from To Watch/Watching to Completed."""
        now = self._clock.now()
        when = datetime.combine(on, time(12), UTC) if on else now
        async with self._uow() as uow:
            if await uow.media.get(media_id) is None:
                raise NotFound(N_("There is no title #{id}."), id=media_id)
            record = await uow.watches.record(profile_id, media_id, when, now)
            moved, completed = await move_to_completed(uow, profile_id, media_id, now)
            await uow.activity.record(profile_id, "watched", media_id, {"count": record.count}, now)
            await uow.commit()
            return Watched(record, moved, completed)

    async def unwatch(self, profile_id: int, media_id: int) -> WatchRecord | None:
        """Undo the last logged watch; NotFound when there is none."""
        async with self._uow() as uow:
            if await uow.watches.get(profile_id, media_id) is None:
                raise NotFound(N_("You have not logged a watch of that title."))
            remaining = await uow.watches.undo_last(profile_id, media_id)
            await uow.commit()
            return remaining

    async def record(self, profile_id: int, media_id: int) -> WatchRecord | None:
        """The watch summary of one title."""
        async with self._uow() as uow:
            return await uow.watches.get(profile_id, media_id)

    async def own(self, profile_id: int, media_id: int, fmt: OwnedFormat) -> None:
        """Record that the profile owns a title in a format."""
        async with self._uow() as uow:
            if await uow.media.get(media_id) is None:
                raise NotFound(N_("There is no title #{id}."), id=media_id)
            if not await uow.watches.own(profile_id, media_id, fmt, None, self._clock.now()):
                raise Conflict(N_("You already own it on {format}."), format=fmt.value)
            await uow.commit()

    async def formats(self, profile_id: int, media_id: int) -> list[OwnedFormat]:
        """The formats a title is owned in."""
        async with self._uow() as uow:
            return await uow.watches.formats(profile_id, media_id)

    async def library(
        self, profile_id: int, flt: LibraryFilter, page: int
    ) -> tuple[list[LibraryEntry], int, int]:
        """One page of the library: (entries, page, pages)."""
        async with self._uow() as uow:
            entries, total = await uow.watches.library(
                profile_id, flt, (max(page, 1) - 1) * LIBRARY_PAGE, LIBRARY_PAGE
            )
        pages = max(1, -(-total // LIBRARY_PAGE))
        if page > pages and total:
            return await self.library(profile_id, flt, pages)
        return entries, min(max(page, 1), pages), pages


async def move_to_completed(
    uow: UnitOfWork, profile_id: int, media_id: int, now: datetime
) -> tuple[tuple[WatchList, ...], WatchList | None]:
    """Take a title off To Watch and Watching and put it on Completed (once)."""
    moved: list[WatchList] = []
    for key in (SystemList.TO_WATCH, SystemList.WATCHING):
        source = await uow.lists.system(profile_id, key)
        if await uow.lists.remove(source.id, media_id):
            moved.append(source)
    completed = await uow.lists.system(profile_id, SystemList.COMPLETED)
    if await uow.lists.has(completed.id, media_id):
        return tuple(moved), None
    await uow.lists.add(completed.id, media_id, profile_id, now)
    return tuple(moved), completed
