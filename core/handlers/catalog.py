"""/search and /title: finding titles and showing their cards."""

from __future__ import annotations

from collections.abc import Mapping

from core.commands import Param, ParamKind, Registry
from core.dispatch import Ctx
from core.domain.errors import InvalidInput
from core.domain.media import Media
from core.handlers.common import TITLE, with_title
from core.i18n import N_
from core.views import present
from core.views.actions import Action, format_action
from core.views.reply import Block, Button, Reply, Span, bold, italic

SEARCH_PAGE = 5
SEARCH_LIMIT = 50


async def card_reply(ctx: Ctx, media: Media, *, replace: bool = False) -> Reply:
    """The title card with the viewer's rating, lists, watches and formats."""
    full = await ctx.app.catalog.get(media.id)
    profile_id = ctx.profile.id
    rating = await ctx.app.ratings.rating(profile_id, media.id)
    lists = await ctx.app.lists.containing(profile_id, media.id)
    record = await ctx.app.watching.record(profile_id, media.id)
    formats = await ctx.app.watching.formats(profile_id, media.id)
    reply = present.media_card(
        ctx,
        full,
        rating=rating,
        lists=lists,
        watch_count=record.count if record else 0,
        formats=[f.value for f in formats],
    )
    return Reply(card=reply.card, buttons=reply.buttons, replace=replace)


async def title(ctx: Ctx, args: Mapping[str, str]) -> Reply:
    """Show a title's card."""
    return await with_title(
        ctx, args["title"], lambda i: format_action("md", "show", i), lambda m: card_reply(ctx, m)
    )


async def show_button(ctx: Ctx, action: Action) -> Reply:
    """The Details button."""
    media = await ctx.app.catalog.get(action.int_arg(0))
    return await card_reply(ctx, media)


def _search_action(query: str, page: int) -> str | None:
    try:
        return format_action("sr", "pg", page, query.replace(":", "~"))
    except ValueError:
        return None  # the query is too long to carry in a button: no pager


async def search_page(ctx: Ctx, query: str, page: int, *, replace: bool = False) -> Reply:
    """One page of results, each with Details / To Watch / Watched / Rate buttons."""
    if len(query.strip()) < 2:
        raise InvalidInput(N_("Type at least 2 characters to search."))
    results = await ctx.app.catalog.lookup(query, SEARCH_LIMIT)
    if not results:
        return Reply(blocks=((Span(ctx._(N_("No titles match “{query}”."), query=query)),),))
    pages = -(-len(results) // SEARCH_PAGE)
    page = max(1, min(page, pages))
    shown = results[(page - 1) * SEARCH_PAGE : page * SEARCH_PAGE]
    blocks: list[Block] = [(bold(ctx._(N_("Results for “{query}”"), query=query)),)]
    rows: list[tuple[Button, ...]] = []
    for number, media in enumerate(shown, start=(page - 1) * SEARCH_PAGE + 1):
        blocks.append(
            (
                Span(f"{number}. "),
                bold(media.label),
                Span(f" · {present.kind_text(ctx, media)}"),
                italic(
                    f" · {', '.join(ctx._(g) for g in media.genres[:3])}" if media.genres else ""
                ),
            )
        )
        rows.append(
            (
                Button(
                    f"{number}. {present.short(media.title, 20)}",
                    format_action("md", "show", media.id),
                ),
                Button(ctx._(N_("To Watch")), format_action("wl", "add", media.id)),
                Button(ctx._(N_("Watched")), format_action("wt", "add", media.id)),
                Button(ctx._(N_("Rate")), format_action("rt", "ask", media.id)),
            )
        )
    nav, info = present.pager(ctx, page, pages, lambda p: _search_action(query, p))
    if nav:
        rows.append(nav)
    return Reply(blocks=tuple(blocks), buttons=tuple(rows), page=info, replace=replace)


async def search(ctx: Ctx, args: Mapping[str, str]) -> Reply:
    """Search the catalog."""
    return await search_page(ctx, args["query"], 1)


async def search_pager(ctx: Ctx, action: Action) -> Reply:
    """Previous/next page of search results."""
    return await search_page(
        ctx, ":".join(action.args[1:]).replace("~", ":"), action.int_arg(0), replace=True
    )


def register(r: Registry) -> None:
    """Register the catalog commands."""
    r.command(
        "search",
        N_("Find movies and shows"),
        "/search <query>",
        Param("query", ParamKind.TITLE, N_("Words of the title")),
        slow=True,
    )(search)
    r.command("title", N_("Show a title's card"), "/title <title>", TITLE)(title)
    r.action("md", "show")(show_button)
    r.action("sr", "pg")(search_pager)
