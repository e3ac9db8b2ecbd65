"""/library: watched and owned titles with filters."""

from __future__ import annotations

from collections.abc import Mapping

from core.commands import Param, ParamKind, Registry
from core.dispatch import Ctx
from core.domain.library_filter import parse_library_filter
from core.i18n import N_
from core.views import present
from core.views.actions import Action, format_action
from core.views.reply import Block, Button, Reply, Span, bold, italic


def _page_action(filters: str, page: int) -> str | None:
    try:
        return format_action("lb", "pg", page, *filters.replace(":", "~").split())
    except ValueError:
        return None


async def library_page(ctx: Ctx, filters: str, page: int, *, replace: bool = False) -> Reply:
    """One page of the library."""
    flt = parse_library_filter(filters)
    entries, page, pages = await ctx.app.watching.library(ctx.profile.id, flt, page)
    title = ctx._(N_("Your library")) + (f" ({filters})" if filters else "")
    blocks: list[Block] = [(bold(title),)]
    if not entries:
        blocks.append((Span(ctx._(N_("Nothing here yet. Log a watch with /watched <title>."))),))
    rows: list[tuple[Button, ...]] = []
    for entry in entries:
        facts = [present.short(entry.title, 40) + (f" ({entry.year})" if entry.year else "")]
        if entry.rating:
            facts.append(f"★ {entry.rating}/10")
        if entry.watch_count:
            facts.append(ctx.n_("watched once", "watched {count}×", entry.watch_count))
        if entry.formats:
            facts.append(", ".join(f.value for f in entry.formats))
        blocks.append(
            (
                Span("• "),
                Span(" · ".join(facts)),
            )
        )
        rows.append(
            (Button(present.short(entry.title, 40), format_action("md", "show", entry.media_id)),)
        )
    blocks.append(
        (
            italic(
                ctx._(N_("Filters: genre:drama year:1990-2000 rating:>=8 type:tv format:dvd owned"))
            ),
        )
    )
    nav, info = present.pager(ctx, page, pages, lambda p: _page_action(filters, p))
    if nav:
        rows.append(nav)
    return Reply(blocks=tuple(blocks), buttons=tuple(rows), page=info, replace=replace)


async def library(ctx: Ctx, args: Mapping[str, str]) -> Reply:
    """Watched and owned titles, filtered."""
    return await library_page(ctx, args.get("filters", ""), 1)


async def library_pager(ctx: Ctx, action: Action) -> Reply:
    """Previous/next library page."""
    filters = " ".join(action.args[1:]).replace("~", ":")
    return await library_page(ctx, filters, action.int_arg(0), replace=True)


def register(r: Registry) -> None:
    """Register /library."""
    r.command(
        "library",
        N_("Watched and owned titles, with filters"),
        "/library [filters]",
        Param(
            "filters",
            ParamKind.TEXT,
            N_("e.g. genre:drama year:1990-2000 rating:>=8"),
            required=False,
        ),
    )(library)
    r.action("lb", "pg")(library_pager)
