"""Shared pieces of the handlers: parameters and title resolution."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from core.commands import Param, ParamKind
from core.dispatch import Ctx
from core.domain.media import Media
from core.i18n import N_
from core.views import present
from core.views.reply import Reply

TITLE = Param("title", ParamKind.TITLE, N_("Title or #id"))
LIST_OPTIONAL_TO = Param("list", ParamKind.LIST, N_("List name"), required=False, keyword="to")


async def with_title(
    ctx: Ctx,
    text: str,
    action_for: Callable[[int], str],
    then: Callable[[Media], Awaitable[Reply]],
) -> Reply:
    """Act on the one title ``text`` names, or ask "which one?" with ``action_for`` buttons."""
    found = await ctx.app.catalog.resolve(text)
    if found.media is not None:
        return await then(found.media)
    return present.choose(ctx, found.candidates, action_for)


async def media_by_id(ctx: Ctx, media_id: int) -> Media:
    """A title by id (NotFound when it vanished)."""
    return await ctx.app.catalog.get(media_id)


async def split_list_from_title(
    ctx: Ctx, title: str, list_name: str | None, keyword: str
) -> tuple[str, str | None]:
    """Undo a wrong split: "Back to the Future" is a title, not "Back" + list "the Future"."""
    if list_name is None:
        return title, None
    async with ctx.app.uow() as uow:
        exists = await uow.lists.by_name(ctx.profile.id, list_name)
    if exists is not None:
        return title, list_name
    return f"{title} {keyword} {list_name}", None
