"""List commands: /add, /remove, /move, /lists, /list, /newlist, /renamelist, /deletelist."""

from __future__ import annotations

from collections.abc import Mapping

from core.commands import Param, ParamKind, Registry
from core.dispatch import Ctx
from core.domain.lists import SystemList
from core.domain.media import Media
from core.handlers.common import LIST_OPTIONAL_TO, TITLE, split_list_from_title, with_title
from core.i18n import N_
from core.services.lists import ListPage
from core.views import present
from core.views.actions import Action, format_action
from core.views.reply import Block, Button, Form, FormField, Reply, Span, bold, italic

LIST_NAME = Param("name", ParamKind.LIST, N_("List name"))


async def _add(ctx: Ctx, media: Media, list_name: str | None, *, replace: bool = False) -> Reply:
    watchlist = await ctx.app.lists.add(ctx.profile.id, media.id, list_name)
    message = ctx._(
        N_("Added {title} to {list}."), title=media.label, list=present.list_name(ctx, watchlist)
    )
    return present.done(ctx, message, media=media, replace=replace)


async def add(ctx: Ctx, args: Mapping[str, str]) -> Reply:
    """Add a title to a list (default To Watch)."""
    title, list_name = await split_list_from_title(ctx, args["title"], args.get("list"), "to")
    target = None
    if list_name:
        async with ctx.app.uow() as uow:
            target = await ctx.app.lists.find(uow, ctx.profile.id, list_name)

    def action_for(media_id: int) -> str:
        return format_action("wl", "add", media_id, *([target.id] if target else []))

    return await with_title(ctx, title, action_for, lambda m: _add(ctx, m, list_name))


async def add_button(ctx: Ctx, action: Action) -> Reply:
    """To Watch button, or a "which one?" choice carrying a list id."""
    media = await ctx.app.catalog.get(action.int_arg(0))
    list_name = None
    if len(action.args) > 1:
        async with ctx.app.uow() as uow:
            list_name = (await ctx.app.lists.owned(uow, ctx.profile.id, action.int_arg(1))).name
    return await _add(ctx, media, list_name)


async def favorite_button(ctx: Ctx, action: Action) -> Reply:
    """Favorite button."""
    media = await ctx.app.catalog.get(action.int_arg(0))
    return await _add(ctx, media, SystemList.FAVORITES.display_name)


async def remove(ctx: Ctx, args: Mapping[str, str]) -> Reply:
    """Remove a title from a list (default To Watch)."""
    title, list_name = await split_list_from_title(ctx, args["title"], args.get("list"), "from")

    async def then(media: Media) -> Reply:
        watchlist = await ctx.app.lists.remove(ctx.profile.id, media.id, list_name)
        return present.done(
            ctx,
            ctx._(
                N_("Removed {title} from {list}."),
                title=media.label,
                list=present.list_name(ctx, watchlist),
            ),
        )

    return await with_title(ctx, title, lambda i: format_action("md", "show", i), then)


async def move(ctx: Ctx, args: Mapping[str, str]) -> Reply:
    """Move a title to another list."""
    async with ctx.app.uow() as uow:
        target = await ctx.app.lists.find(uow, ctx.profile.id, args["list"])
    return await with_title(
        ctx,
        args["title"],
        lambda i: format_action("wl", "mv", i, target.id),
        lambda m: _move(ctx, m, args["list"]),
    )


async def _move(ctx: Ctx, media: Media, list_name: str) -> Reply:
    sources, target = await ctx.app.lists.move_to(ctx.profile.id, media.id, list_name)
    names = ", ".join(present.list_name(ctx, s) for s in sources)
    if names:
        text = ctx._(
            N_("Moved {title} from {sources} to {list}."),
            title=media.label,
            sources=names,
            list=present.list_name(ctx, target),
        )
    else:
        text = ctx._(
            N_("Added {title} to {list}."), title=media.label, list=present.list_name(ctx, target)
        )
    return present.done(ctx, text, media=media)


async def move_button(ctx: Ctx, action: Action) -> Reply:
    """A "which one?" choice for /move."""
    media = await ctx.app.catalog.get(action.int_arg(0))
    async with ctx.app.uow() as uow:
        target = await ctx.app.lists.owned(uow, ctx.profile.id, action.int_arg(1))
    return await _move(ctx, media, target.name)


async def lists(ctx: Ctx, args: Mapping[str, str]) -> Reply:
    """All lists with their item counts."""
    found = await ctx.app.lists.lists(ctx.profile.id)
    blocks: list[Block] = [(bold(ctx._(N_("Your lists"))),)]
    rows: list[tuple[Button, ...]] = []
    for w in found:
        count = ctx.n_("{count} title", "{count} titles", w.item_count)
        blocks.append(
            (
                Span("• "),
                bold(present.list_name(ctx, w)),
                Span(f" — {count}"),
                italic(f" — {w.description}" if w.description else ""),
            )
        )
        rows.append(
            (
                Button(
                    present.short(f"{present.list_name(ctx, w)} ({w.item_count})"),
                    format_action("wl", "pg", w.id, 1),
                ),
            )
        )
    blocks.append((italic(ctx._(N_("Create one with /newlist <name>."))),))
    return Reply(blocks=tuple(blocks), buttons=tuple(rows))


def render_list(ctx: Ctx, page: ListPage, *, replace: bool = False) -> Reply:
    """A page of a list: positions, titles and up/down/remove buttons."""
    w = page.watchlist
    blocks: list[Block] = [(bold(present.list_name(ctx, w)),)]
    if w.description:
        blocks.append((italic(w.description),))
    if not page.items:
        blocks.append((Span(ctx._(N_("This list is empty. Add titles with /add <title>."))),))
    rows: list[tuple[Button, ...]] = []
    for item in page.items:
        label = f"{item.title} ({item.year})" if item.year else item.title
        blocks.append(
            (
                Span(f"{item.position}. "),
                Span(label),
                italic(f" — {item.notes}" if item.notes else ""),
            )
        )
        rows.append(
            (
                Button(
                    f"{item.position}. {present.short(item.title, 24)}",
                    format_action("md", "show", item.media_id),
                ),
                Button("⬆", format_action("wl", "up", w.id, item.media_id)),
                Button("⬇", format_action("wl", "dn", w.id, item.media_id)),
                Button("✖", format_action("wl", "rm", w.id, item.media_id)),
            )
        )
    nav, info = present.pager(
        ctx, page.page, page.pages, lambda p: format_action("wl", "pg", w.id, p)
    )
    if nav:
        rows.append(nav)
    return Reply(blocks=tuple(blocks), buttons=tuple(rows), page=info, replace=replace)


async def show_list(ctx: Ctx, args: Mapping[str, str]) -> Reply:
    """A list's items, paginated."""
    page = await ctx.app.lists.page(ctx.profile.id, args["name"], None, int(args.get("page", "1")))
    return render_list(ctx, page)


async def page_button(ctx: Ctx, action: Action) -> Reply:
    """Open a list or turn its page."""
    page = await ctx.app.lists.page(ctx.profile.id, None, action.int_arg(0), action.int_arg(1))
    return render_list(ctx, page, replace=True)


async def reorder_button(ctx: Ctx, action: Action) -> Reply:
    """Up/down buttons: move an item one place."""
    list_id, media_id = action.int_arg(0), action.int_arg(1)
    page = await ctx.app.lists.page(ctx.profile.id, None, list_id, 1)
    async with ctx.app.uow() as uow:
        items = await uow.lists.items(list_id, 0, page.watchlist.item_count)
    current = next((i.position for i in items if i.media_id == media_id), None)
    if current is None:
        raise ValueError("item gone")
    target = current - 1 if action.verb == "up" else current + 1
    moved = await ctx.app.lists.reorder(ctx.profile.id, list_id, media_id, target)
    refreshed = await ctx.app.lists.page(ctx.profile.id, None, list_id, -(-moved // 10))
    return render_list(ctx, refreshed, replace=True)


async def remove_button(ctx: Ctx, action: Action) -> Reply:
    """✖ button on a list item."""
    list_id, media_id = action.int_arg(0), action.int_arg(1)
    await ctx.app.lists.remove_by_id(ctx.profile.id, list_id, media_id)
    page = await ctx.app.lists.page(ctx.profile.id, None, list_id, 1)
    reply = render_list(ctx, page, replace=True)
    return Reply(
        blocks=reply.blocks,
        buttons=reply.buttons,
        page=reply.page,
        replace=True,
        toast=ctx._(N_("Removed.")),
    )


async def newlist(ctx: Ctx, args: Mapping[str, str]) -> Reply:
    """Create a custom list (asks for the name when missing)."""
    if "name" not in args:
        await ctx.ask("newlist", {})
        form = Form(
            ctx._(N_("New list")),
            "wl:new",
            (
                FormField("name", ctx._(N_("Name")), min_length=2, max_length=100),
                FormField(
                    "description",
                    ctx._(N_("Description")),
                    multiline=True,
                    max_length=500,
                    required=False,
                ),
            ),
        )
        return Reply(
            form=form,
            blocks=((Span(ctx._(N_("What should the new list be called? (2-100 characters)"))),),),
            buttons=((Button(ctx._(N_("Cancel")), "pi:cancel"),),),
        )
    created = await ctx.app.lists.create(ctx.profile.id, args["name"], args.get("description"))
    return Reply(
        blocks=((Span("✅ "), Span(ctx._(N_("Created the list {name}."), name=created.name))),),
        buttons=((Button(ctx._(N_("Open it")), format_action("wl", "pg", created.id, 1)),),),
    )


async def newlist_submit(ctx: Ctx, action: Action) -> Reply:
    """The submitted new-list form (a modal on Discord)."""
    fields = {k: v for k, v in ctx.inv.args.items() if k in ("name", "description") and v.strip()}
    reply = await newlist(ctx, {"name": fields.get("name", ""), **fields})
    await ctx.cancel_pending()
    return reply


async def newlist_input(ctx: Ctx, action: Action) -> Reply:
    """The name sent after /newlist."""
    name, _, description = ctx.inv.text.partition("|")
    reply = await newlist(
        ctx, {"name": name, **({"description": description} if description.strip() else {})}
    )
    await ctx.cancel_pending()
    return reply


async def renamelist(ctx: Ctx, args: Mapping[str, str]) -> Reply:
    """Rename a custom list."""
    renamed = await ctx.app.lists.rename(ctx.profile.id, args["old"], args["new"])
    return Reply(blocks=((Span("✅ "), Span(ctx._(N_("Renamed to {name}."), name=renamed.name))),))


async def deletelist(ctx: Ctx, args: Mapping[str, str]) -> Reply:
    """Delete a custom list."""
    deleted = await ctx.app.lists.delete(ctx.profile.id, args["name"])
    return Reply(
        blocks=((Span("🗑 "), Span(ctx._(N_("Deleted the list {name}."), name=deleted.name))),)
    )


def register(r: Registry) -> None:
    """Register the list commands."""
    r.command(
        "add",
        N_("Add a title to a list (To Watch by default)"),
        "/add <title> [to <list>]",
        TITLE,
        LIST_OPTIONAL_TO,
    )(add)
    r.command(
        "remove",
        N_("Remove a title from a list (To Watch by default)"),
        "/remove <title> [from <list>]",
        TITLE,
        Param("list", ParamKind.LIST, N_("List name"), required=False, keyword="from"),
    )(remove)
    r.command(
        "move",
        N_("Move a title to another list"),
        "/move <title> to <list>",
        TITLE,
        Param("list", ParamKind.LIST, N_("List name"), keyword="to"),
    )(move)
    r.command("lists", N_("Your lists with their counts"), "/lists")(lists)
    r.command(
        "list",
        N_("Show a list's titles"),
        "/list <name> [page]",
        LIST_NAME,
        Param("page", ParamKind.INT, N_("Page number"), required=False, pattern=r"\d{1,4}"),
    )(show_list)
    r.command(
        "newlist",
        N_("Create a custom list"),
        "/newlist <name> [| description]",
        Param("name", ParamKind.TEXT, N_("List name"), required=False),
        Param("description", ParamKind.TEXT, N_("Description"), required=False, keyword="|"),
    )(newlist)
    r.command(
        "renamelist",
        N_("Rename a custom list"),
        "/renamelist <old> to <new>",
        Param("old", ParamKind.LIST, N_("Current name")),
        Param("new", ParamKind.TEXT, N_("New name"), keyword="to"),
    )(renamelist)
    r.command("deletelist", N_("Delete a custom list"), "/deletelist <name>", LIST_NAME)(deletelist)
    r.action("wl", "add")(add_button)
    r.action("wl", "fav")(favorite_button)
    r.action("wl", "mv")(move_button)
    r.action("wl", "pg")(page_button)
    r.action("wl", "up")(reorder_button)
    r.action("wl", "dn")(reorder_button)
    r.action("wl", "rm")(remove_button)
    r.action("pi", "newlist")(newlist_input)
    r.action("wl", "new")(newlist_submit)
