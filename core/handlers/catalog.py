"""/search and /title: finding titles and showing their cards."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Mapping
from datetime import timedelta

from core.commands import Param, ParamKind, Registry
from core.dispatch import Ctx
from core.domain.errors import InvalidInput, NotFound
from core.domain.media import Media, MediaKind
from core.handlers.common import TITLE, with_title
from core.i18n import N_
from core.ports import ProviderUnavailableError
from core.search.query import parse_query
from core.search.types import SearchQuery
from core.views import present
from core.views.actions import Action, format_action
from core.views.reply import Block, Button, Reply, Span, bold, italic

STALE_AFTER = timedelta(days=7)
ENRICH_TIMEOUT = 2.0
SEARCH_PAGE = 5
SEARCH_PAGES = 20  # nobody pages further in a chat
SEARCH_LIMIT = 50


async def card_reply(ctx: Ctx, media: Media, *, replace: bool = False) -> Reply:
    """The title card with the viewer's rating, lists, watches and formats."""
    full = await ctx.app.catalog.get(media.id)
    if _stale(ctx, full):
        with contextlib.suppress(ProviderUnavailableError, NotFound, TimeoutError):
            full = await asyncio.wait_for(ctx.app.catalog.enrich(full.id), ENRICH_TIMEOUT)
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
        friends=await ctx.app.social.friend_ratings(profile_id, media.id),
        predicted=None
        if rating
        else await ctx.app.recommendations.predicted_rating(profile_id, media.id),
    )
    return Reply(card=reply.card, buttons=reply.buttons, replace=replace)


def _stale(ctx: Ctx, media: Media) -> bool:
    """Provider-backed metadata older than a week is refreshed when a card is opened."""
    if not ctx.app.catalog.live or media.tmdb_id is None:
        return False
    updated = media.metadata_updated_at
    return updated is None or ctx.app.clock.now() - updated > STALE_AFTER


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
        return None  # the query is too long (or not ASCII) to carry in a button: no pager


def describe_filters(ctx: Ctx, query: SearchQuery) -> str:
    """The filters of a query in words, e.g. ``year 1979-1990 · genre Horror · type movie``."""
    parts: list[str] = []
    if query.year_from is not None or query.year_to is not None:
        low, high = query.year_from, query.year_to
        span = f"{low}" if low == high else f"{low or '…'}-{high or '…'}"
        parts.append(ctx._(N_("year {value}"), value=span))
    parts.extend(ctx._(N_("genre {value}"), value=ctx._(g)) for g in query.genres)
    if query.kinds:
        parts.append(ctx._(N_("type {value}"), value=", ".join(query.kinds)))
    if query.min_rating is not None or query.max_rating is not None:
        low_r, high_r = query.min_rating, query.max_rating
        parts.append(ctx._(N_("rating {value}"), value=f"{low_r or 0:g}-{high_r or 10:g}"))
    if query.languages:
        parts.append(ctx._(N_("language {value}"), value=", ".join(query.languages)))
    return " · ".join(parts)


async def search_page(
    ctx: Ctx, raw: str, page: int, *, replace: bool = False, live: bool = True
) -> Reply:
    """One page of results, each with Details / To Watch / Watched / Rate buttons."""
    query = parse_query(raw)  # a bad filter is an InvalidInput naming it
    if len(query.text.strip()) < 2 and not query.has_filters:
        raise InvalidInput(N_("Type at least 2 characters to search."))
    offset = (max(page, 1) - 1) * SEARCH_PAGE
    results, found = await ctx.app.catalog.search(query, offset=offset, limit=SEARCH_PAGE)
    blocks: list[Block] = [(bold(ctx._(N_("Results for “{query}”"), query=query.text or raw)),)]
    if query.has_filters:
        blocks.append(
            (italic(ctx._(N_("Filters: {filters}"), filters=describe_filters(ctx, query))),)
        )
    if not results:
        blocks.append((Span(ctx._(N_("No titles match “{query}”."), query=raw)),))
    rows = [
        _result_row(ctx, number, media) for number, media in enumerate(results, start=offset + 1)
    ]
    blocks.extend(
        _result_line(ctx, number, media) for number, media in enumerate(results, start=offset + 1)
    )
    if not live:
        blocks.append(live_off(ctx))
    pages = max(1, min(-(-found.total // SEARCH_PAGE), SEARCH_PAGES))
    nav, info = present.pager(ctx, min(page, pages), pages, lambda p: _search_action(raw, p))
    if nav:
        rows.append(nav)
    return Reply(blocks=tuple(blocks), buttons=tuple(rows), page=info, replace=replace)


def _result_line(ctx: Ctx, number: int, media: Media) -> Block:
    genres = f" · {', '.join(ctx._(g) for g in media.genres[:3])}" if media.genres else ""
    return (
        Span(f"{number}. "),
        bold(media.label),
        Span(f" · {present.kind_text(ctx, media)}"),
        italic(genres),
    )


def _result_row(ctx: Ctx, number: int, media: Media) -> tuple[Button, ...]:
    return (
        Button(
            f"{number}. {present.short(media.title, 20)}", format_action("md", "show", media.id)
        ),
        Button(ctx._(N_("To Watch")), format_action("wl", "add", media.id)),
        Button(ctx._(N_("Watched")), format_action("wt", "add", media.id)),
        Button(ctx._(N_("Rate")), format_action("rt", "ask", media.id)),
    )


def live_off(ctx: Ctx) -> Block:
    """The note shown when the metadata provider cannot be asked."""
    return (italic(ctx._(N_("Live results are off: showing titles from the local catalog."))),)


async def search(ctx: Ctx, args: Mapping[str, str]) -> Reply:
    """Search the catalog."""
    text = parse_query(args["query"]).text.strip()
    live = await ctx.app.catalog.search_live(text, SEARCH_LIMIT) if len(text) >= 2 else True
    return await search_page(ctx, args["query"], 1, live=live)


async def search_pager(ctx: Ctx, action: Action) -> Reply:
    """Previous/next page of search results."""
    return await search_page(
        ctx, ":".join(action.args[1:]).replace("~", ":"), action.int_arg(0), replace=True
    )


async def addmanual(ctx: Ctx, args: Mapping[str, str]) -> Reply:
    """Add a title no provider knows: ``Title (Year)`` [movie|tv]."""
    kind = MediaKind.TV if args.get("kind", "movie").casefold() == "tv" else MediaKind.MOVIE
    media_id, created = await ctx.app.catalog.add_manual(args["title"], kind)
    media = await ctx.app.catalog.get(media_id)
    if created:
        text = ctx._(N_("Added {title} to the catalog as #{id}."), title=media.label, id=media.id)
    else:
        text = ctx._(
            N_("{title} is already in the catalog as #{id}."), title=media.label, id=media.id
        )
    return present.done(ctx, text, media=media)


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
    r.command(
        "addmanual",
        N_("Add a title no provider knows"),
        "/addmanual <title> (<year>) [movie|tv]",
        Param("title", ParamKind.TEXT, N_("Title (Year)")),
        Param("kind", ParamKind.TEXT, N_("movie or tv"), required=False, pattern=r"movie|tv"),
    )(addmanual)
    r.action("md", "show")(show_button)
    r.action("sr", "pg")(search_pager)
