"""Movie nights and polls: /night, /poll, /vote, /closepoll and the vote buttons."""

from __future__ import annotations

from collections.abc import Mapping

from core.commands import Param, ParamKind, Registry
from core.dispatch import Ctx
from core.domain.errors import InvalidInput
from core.domain.voting import Method
from core.i18n import N_
from core.services.club_nights import NightService, Vote
from core.services.clubs import ClubService
from core.views import club_text
from core.views.actions import Action
from core.views.reply import Reply, Span

METHODS = {m.value: m for m in Method}
PICKS = {"picks", "recommended"}  # "/poll ranked picks 3": group recommendations as options


def nights(ctx: Ctx) -> NightService:
    """The night service over the app."""
    return NightService.of(ctx.app)


def _zone(ctx: Ctx, timezone: str | None) -> str:
    return timezone or ctx.app.default_timezone


async def night(ctx: Ctx, args: Mapping[str, str]) -> Reply:
    """Schedule a movie night at a local date and time (admins)."""
    planned = await nights(ctx).schedule(
        ctx.inv.chat, ctx.profile.id, ctx.inv.is_admin, args["when"]
    )
    text = ctx._(
        N_("Movie night scheduled for {when}."),
        when=club_text.when(planned.starts_at, planned.timezone),
    )
    hint = ctx._(N_("Open a poll with /poll to pick the film."))
    return Reply(blocks=((Span("📅 "), Span(text)), (Span(hint),)))


async def _titles(ctx: Ctx, text: str) -> tuple[int, ...]:
    ids: list[int] = []
    for raw in (t.strip() for t in text.replace(";", ",").split(",")):
        if not raw:
            continue
        found = await ctx.app.catalog.resolve(raw)
        if found.media is None:
            names = ", ".join(m.label for m in found.candidates)
            raise InvalidInput(
                N_("“{given}” matches several titles ({names}); add the year."),
                given=raw,
                names=names,
            )
        ids.append(found.media.id)
    return tuple(ids)


def _parse(args: Mapping[str, str]) -> tuple[Method, str, int | None]:
    """(method, titles, size) from ``ranked 3``, ``approval Alien, Heat``, ``4`` or options."""
    head, _, rest = args.get("method", "").strip().partition(" ")
    method = METHODS.get(head.casefold())
    words = rest.strip() if method else args.get("method", "").strip()
    size = args.get("size")
    if words.isdigit() and size is None:  # "/poll 4": a lone number is not peeled as a size
        words, size = "", words
    titles = " ".join(filter(None, (words, args.get("titles", ""))))
    return method or Method.RANKED, titles, int(size) if size and size.isdigit() else None


async def _picks(ctx: Ctx, size: int | None) -> tuple[int, ...]:
    """Group recommendations for the club's members, none of them seen by any member."""
    members = await ClubService.of(ctx.app).member_ids(
        ctx.inv.chat, ctx.profile.id, ctx.inv.is_admin
    )
    picks = await ctx.app.recommendations.for_group(members, size or 3)
    return tuple(p.media.id for p in picks)


async def poll(ctx: Ctx, args: Mapping[str, str]) -> Reply:
    """Open a poll with the top n of the watchlist, the titles given, or group picks (admins)."""
    method, titles, size = _parse(args)
    if titles.casefold() in PICKS:
        media_ids, size = await _picks(ctx, size), None
    else:
        media_ids = await _titles(ctx, titles) if titles else ()
    if size is not None and media_ids:
        raise InvalidInput(N_("Give either a number of titles or the titles, not both."))
    opened = await nights(ctx).open_poll(
        ctx.inv.chat, ctx.profile.id, ctx.inv.is_admin, method, size, media_ids
    )
    group = await ctx.app.accounts.group(ctx.inv.chat)
    return club_text.poll_reply(ctx, opened, _zone(ctx, group.timezone if group else None))


def _voted(ctx: Ctx, vote: Vote) -> Reply:
    text = club_text.ballot_text(ctx, vote.poll, vote.ballot)
    return Reply(blocks=((Span("🗳 "), Span(text)),), ephemeral=True, toast=text[:190])


async def vote(ctx: Ctx, args: Mapping[str, str]) -> Reply:
    """Vote (or change your vote) in the open poll: option numbers, favourite first."""
    return _voted(
        ctx, await nights(ctx).vote(ctx.inv.chat, ctx.profile.id, ctx.inv.is_admin, args["choices"])
    )


async def press_button(ctx: Ctx, action: Action) -> Reply:
    """A vote button: rank next (ranked choice) or toggle (approval)."""
    return _voted(
        ctx,
        await nights(ctx).press(
            ctx.inv.chat, ctx.profile.id, ctx.inv.is_admin, action.int_arg(0), action.int_arg(1)
        ),
    )


async def clear_button(ctx: Ctx, action: Action) -> Reply:
    """Withdraw your vote."""
    return _voted(
        ctx,
        await nights(ctx).clear(ctx.inv.chat, ctx.profile.id, ctx.inv.is_admin, action.int_arg(0)),
    )


async def mine_button(ctx: Ctx, action: Action) -> Reply:
    """Show your current vote."""
    return _voted(
        ctx,
        await nights(ctx).my_ballot(
            ctx.inv.chat, ctx.profile.id, ctx.inv.is_admin, action.int_arg(0)
        ),
    )


async def answer_button(ctx: Ctx, action: Action) -> Reply:
    """A native poll answer (Telegram): ``cp:ans:<poll>:<option>...``, every chosen option."""
    numbers = tuple(int(a) for a in action.args[1:])
    return _voted(
        ctx,
        await nights(ctx).answer(
            ctx.inv.chat, ctx.profile.id, ctx.inv.is_admin, action.int_arg(0), numbers
        ),
    )


async def show_poll(ctx: Ctx, action: Action) -> Reply:
    """The Poll button of the club card: the open poll again."""
    _, current = await nights(ctx).current(ctx.inv.chat, ctx.profile.id, ctx.inv.is_admin)
    group = await ctx.app.accounts.group(ctx.inv.chat)
    return club_text.poll_reply(ctx, current, _zone(ctx, group.timezone if group else None))


async def closepoll(ctx: Ctx, args: Mapping[str, str]) -> Reply:
    """Close the open poll now and announce the winner (admins)."""
    closed = await nights(ctx).close_now(ctx.inv.chat, ctx.profile.id, ctx.inv.is_admin)
    night = None
    if closed.poll.night_id is not None:
        async with ctx.app.uow() as uow:
            night = await uow.club_events.night(closed.poll.night_id)
    return club_text.poll_closed(ctx, closed.poll, closed.outcome, night)


def register(r: Registry) -> None:
    """Register the night and poll commands."""
    r.command(
        "night",
        N_("Schedule a movie night (admins)"),
        "/night <YYYY-MM-DD HH:MM>",
        Param("when", ParamKind.TEXT, N_("Date and time, YYYY-MM-DD HH:MM")),
        group_visible=True,
    )(night)
    r.command(
        "poll",
        N_("Open a poll: the top n suggestions, or the titles given (admins)"),
        "/poll [ranked|approval] [n | picks n | title, title, ...]",
        Param(
            "method",
            ParamKind.TEXT,
            N_("ranked or approval"),
            required=False,
            choices=("ranked", "approval"),
        ),
        Param(
            "titles", ParamKind.TEXT, N_("Titles, separated by commas"), required=False, keyword="|"
        ),
        Param(
            "size",
            ParamKind.INT,
            N_("How many watchlist titles"),
            required=False,
            pattern=r"\d{1,2}",
        ),
        group_visible=True,
    )(poll)
    r.command(
        "vote",
        N_("Vote in the open poll: option numbers, favourite first"),
        "/vote <numbers>",
        Param("choices", ParamKind.TEXT, N_("Option numbers, e.g. 2 1 3")),
    )(vote)
    r.command(
        "closepoll", N_("Close the open poll now (admins)"), "/closepoll", group_visible=True
    )(closepoll)
    r.action("cp", "rk")(press_button)
    r.action("cp", "ap")(press_button)
    r.action("cp", "clr")(clear_button)
    r.action("cp", "me")(mine_button)
    r.action("cp", "ans")(answer_button)
    r.action("cl", "pl", group_visible=True)(show_poll)
