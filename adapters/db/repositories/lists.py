"""Lists and list items in SQL."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from adapters.db import orm
from core.domain.lists import ListItem, SystemList, Visibility, WatchList, name_key

_SYSTEM_ORDER = {key.value: i for i, key in enumerate(SystemList)}


class SqlListRepository:
    """ListRepository over one session."""

    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    def _counted(self) -> Any:
        counted = aliased(orm.ListItem)
        count = (
            select(func.count(counted.id))
            .where(counted.list_id == orm.MediaList.id)
            .correlate(orm.MediaList)
            .scalar_subquery()
        )
        return select(orm.MediaList, count)

    @staticmethod
    def _to_list(row: orm.MediaList, count: int = 0) -> WatchList:
        return WatchList(
            id=row.id,
            name=row.name,
            system_key=SystemList(row.system_key) if row.system_key else None,
            description=row.description,
            visibility=Visibility(row.visibility),
            item_count=int(count or 0),
        )

    async def lists(self, profile_id: int) -> list[WatchList]:
        """System lists in their fixed order, then custom lists by name."""
        rows = (
            await self._s.execute(self._counted().where(orm.MediaList.profile_id == profile_id))
        ).all()
        found = [self._to_list(r, c) for r, c in rows]
        return sorted(
            found,
            key=lambda w: (
                _SYSTEM_ORDER.get(w.system_key.value, 0) if w.system_key else len(_SYSTEM_ORDER),
                name_key(w.name),
            ),
        )

    async def create(
        self,
        profile_id: int,
        name: str,
        description: str | None,
        system_key: SystemList | None,
        visibility: Visibility,
        now: datetime,
    ) -> WatchList:
        """Insert a list."""
        row = orm.MediaList(
            profile_id=profile_id,
            name=name,
            name_key=name_key(name),
            description=description,
            system_key=system_key.value if system_key else None,
            visibility=visibility.value,
            sort_order="position",
            created_at=now,
            updated_at=now,
        )
        self._s.add(row)
        await self._s.flush()
        return self._to_list(row)

    async def by_name(self, profile_id: int, name: str) -> WatchList | None:
        """Case-insensitive name lookup; system lists also answer to their key."""
        key = name_key(name)
        system = key.replace(" ", "_")
        query = (
            self._counted()
            .where(orm.MediaList.profile_id == profile_id)
            .where((orm.MediaList.name_key == key) | (orm.MediaList.system_key == system))
            .limit(1)
        )
        found = (await self._s.execute(query)).first()
        return self._to_list(*found) if found else None

    async def system(self, profile_id: int, key: SystemList) -> WatchList:
        """A system list (created on first contact)."""
        found = (
            await self._s.execute(
                self._counted().where(
                    orm.MediaList.profile_id == profile_id, orm.MediaList.system_key == key.value
                )
            )
        ).one()
        return self._to_list(*found)

    async def get(self, list_id: int) -> WatchList | None:
        """A list by id."""
        found = (await self._s.execute(self._counted().where(orm.MediaList.id == list_id))).first()
        return self._to_list(*found) if found else None

    async def owner(self, list_id: int) -> int | None:
        """The owning profile id."""
        return await self._s.scalar(
            select(orm.MediaList.profile_id).where(orm.MediaList.id == list_id)
        )

    async def update(self, list_id: int, changes: dict[str, Any], now: datetime) -> None:
        """Rename (keeping name_key in step) or describe."""
        values = dict(changes, updated_at=now)
        if "name" in values:
            values["name_key"] = name_key(values["name"])
        await self._s.execute(
            update(orm.MediaList).where(orm.MediaList.id == list_id).values(**values)
        )

    async def delete(self, list_id: int) -> None:
        """Delete a list with its items."""
        await self._s.execute(delete(orm.ListItem).where(orm.ListItem.list_id == list_id))
        await self._s.execute(delete(orm.MediaList).where(orm.MediaList.id == list_id))

    async def items(self, list_id: int, offset: int, limit: int) -> list[ListItem]:
        """Items in position order with their titles."""
        rows = await self._s.execute(
            select(orm.ListItem, orm.Media.title, orm.Media.year)
            .join(orm.Media, orm.Media.id == orm.ListItem.media_id)
            .where(orm.ListItem.list_id == list_id)
            .order_by(orm.ListItem.position, orm.ListItem.id)
            .offset(offset)
            .limit(limit)
        )
        return [
            ListItem(i.list_id, i.media_id, i.position, title, year, i.notes, i.added_at)
            for i, title, year in rows
        ]

    async def containing(self, profile_id: int, media_id: int) -> list[WatchList]:
        """The profile's lists holding a title."""
        rows = (
            await self._s.execute(
                self._counted()
                .join(orm.ListItem, orm.ListItem.list_id == orm.MediaList.id)
                .where(orm.MediaList.profile_id == profile_id, orm.ListItem.media_id == media_id)
                .order_by(orm.MediaList.id)
            )
        ).all()
        return [self._to_list(r, c) for r, c in rows]

    async def has(self, list_id: int, media_id: int) -> bool:
        """Whether a title is on the list."""
        found = await self._s.scalar(
            select(orm.ListItem.id).where(
                orm.ListItem.list_id == list_id, orm.ListItem.media_id == media_id
            )
        )
        return found is not None

    async def add(self, list_id: int, media_id: int, added_by: int, now: datetime) -> int:
        """Append at the end."""
        last = await self._s.scalar(
            select(func.max(orm.ListItem.position)).where(orm.ListItem.list_id == list_id)
        )
        position = int(last or 0) + 1
        self._s.add(
            orm.ListItem(
                list_id=list_id,
                media_id=media_id,
                position=position,
                added_by=added_by,
                added_at=now,
            )
        )
        await self._s.flush()
        return position

    async def remove(self, list_id: int, media_id: int) -> bool:
        """Remove and renumber the items after it."""
        item = await self._s.scalar(
            select(orm.ListItem).where(
                orm.ListItem.list_id == list_id, orm.ListItem.media_id == media_id
            )
        )
        if item is None:
            return False
        position = item.position
        await self._s.delete(item)
        await self._s.flush()
        await self._s.execute(
            update(orm.ListItem)
            .where(orm.ListItem.list_id == list_id, orm.ListItem.position > position)
            .values(position=orm.ListItem.position - 1)
        )
        return True

    async def move(self, list_id: int, media_id: int, position: int) -> int:
        """Move an item, shifting the ones in between."""
        items = (
            await self._s.scalars(
                select(orm.ListItem)
                .where(orm.ListItem.list_id == list_id)
                .order_by(orm.ListItem.position, orm.ListItem.id)
            )
        ).all()
        moving = next(i for i in items if i.media_id == media_id)
        ordered = [i for i in items if i is not moving]
        target = max(1, min(position, len(items)))
        ordered.insert(target - 1, moving)
        for index, item in enumerate(ordered, start=1):
            item.position = index
        await self._s.flush()
        return target

    async def set_note(self, list_id: int, media_id: int, note: str | None) -> None:
        """Attach or clear a note."""
        await self._s.execute(
            update(orm.ListItem)
            .where(orm.ListItem.list_id == list_id, orm.ListItem.media_id == media_id)
            .values(notes=note)
        )
