"""Group ratings and numbers: /clubrate, /clubstats [title], /compat and the rating buttons."""

from __future__ import annotations

from collections.abc import Mapping

from core.commands import Param, ParamKind, Registry
from core.dispatch import Ctx
from core.domain.media import Media
from core.handlers.common import TITLE, with_title
from core.i18n import N_
from core.services.club_ratings import ClubRatingService, ClubStats, Rated, TitleStats
from core.views.actions import Action, format_action
from core.views.reply import Block, Reply, Span, bold, italic


def ratings(ctx: Ctx) -> ClubRatingService:
    """The club rating service over the app."""
    return ClubRatingService.of(ctx.app)


def _rated(ctx: Ctx, title: str, rated: Rated) -> Reply:
    text = ctx._(N_("Rated {title} {value}/10 for the club."), title=title, value=rated.value)
    if rated.personal:
        text += " " + ctx._(N_("It is your personal rating too."))
    return Reply(blocks=((Span("✅ "), Span(text)),), ephemeral=True, toast=text[:190])


async def clubrate(ctx: Ctx, args: Mapping[str, str]) -> Reply:
    """Rate a title for the club (1-10)."""

    async def then(media: Media) -> Reply:
        rated = await ratings(ctx).rate(
            ctx.inv.chat, ctx.profile.id, ctx.inv.is_admin, media.id, args["rating"]
        )
        return _rated(ctx, media.label, rated)

    value = args["rating"]
    return await with_title(ctx, args["title"], lambda i: format_action("cr", "t", i, value), then)


async def rate_title_button(ctx: Ctx, action: Action) -> Reply:
    """A "which one?" choice of /clubrate: ``cr:t:<media>:<value>``."""
    media = await ctx.app.catalog.get(action.int_arg(0))
    rated = await ratings(ctx).rate(
        ctx.inv.chat, ctx.profile.id, ctx.inv.is_admin, media.id, action.args[1]
    )
    return _rated(ctx, media.label, rated)


async def rate_night_button(ctx: Ctx, action: Action) -> Reply:
    """The 1-10 buttons after a movie night: ``cr:n:<night>:<value>``."""
    night_id = action.int_arg(0)
    async with ctx.app.uow() as uow:
        night = await uow.club_events.night(night_id)
    if night is None or night.media_id is None:
        raise ValueError("no such night")
    rated = await ratings(ctx).rate(
        ctx.inv.chat, ctx.profile.id, ctx.inv.is_admin, night.media_id, action.args[1], night_id
    )
    return _rated(ctx, night.title or "?", rated)


def title_card(ctx: Ctx, stats: TitleStats) -> Reply:
    """The club's card of one title."""
    s = stats.summary
    blocks: list[Block] = [
        (bold(ctx._(N_("{title} in the club"), title=s.title)),),
        (
            Span(
                ctx._(
                    N_("Mean {mean:.1f} · median {median:g} · {count}"),
                    mean=s.mean,
                    median=s.median,
                    count=ctx.n_("{count} rating", "{count} ratings", s.count),
                )
            ),
        ),
    ]
    bars = [f"{v:>2} {'█' * n}" for v, n in s.distribution().items() if n]
    blocks.extend((Span(b),) for b in bars)
    who = ", ".join(stats.raters)
    if stats.hidden:
        who = (
            ctx.n_("{names} and {count} more", "{names} and {count} more", stats.hidden, names=who)
            if who
            else ctx.n_("{count} member", "{count} members", stats.hidden)
        )
    blocks.append((italic(ctx._(N_("Rated by {who}."), who=who)),))
    return Reply(blocks=tuple(blocks))


def stats_reply(ctx: Ctx, stats: ClubStats) -> Reply:
    """History, most divisive titles and the suggestion leaderboard."""
    blocks: list[Block] = [(bold(ctx._(N_("{club}: club statistics"), club=stats.seat.club.name)),)]
    blocks.append((bold(ctx._(N_("History"))),))
    for night, summary in stats.history:
        score = (
            ctx._(N_("mean {mean:.1f} from {count}"), mean=summary.mean, count=summary.count)
            if summary
            else ctx._(N_("not rated yet"))
        )
        day = night.local().strftime("%Y-%m-%d")
        blocks.append((Span(f"• {day} {night.title} — {score}"),))
    if not stats.history:
        blocks.append((italic(ctx._(N_("No movie nights yet."))),))
    if stats.divisive:
        blocks.append((bold(ctx._(N_("Most divisive"))),))
        blocks.extend(
            (
                Span(
                    f"• {s.title} — "
                    + ctx._(
                        N_("spread {spread:.1f}, mean {mean:.1f}"), spread=s.spread, mean=s.mean
                    )
                ),
            )
            for s in stats.divisive
        )
    if stats.leaders:
        blocks.append((bold(ctx._(N_("Best suggestions"))),))
        for leader in stats.leaders:
            wins = ctx.n_("{count} win", "{count} wins", leader.wins)
            mean = (
                ctx._(N_(", rated {mean:.1f}"), mean=leader.mean) if leader.mean is not None else ""
            )
            blocks.append((Span(f"• {leader.name} — {wins}{mean}"),))
    return Reply(blocks=tuple(blocks))


async def clubstats(ctx: Ctx, args: Mapping[str, str]) -> Reply:
    """Club statistics, or the club card of one title."""
    chat, profile, admin = ctx.inv.chat, ctx.profile.id, ctx.inv.is_admin
    if "title" not in args:
        return stats_reply(ctx, await ratings(ctx).stats(chat, profile, admin))

    async def then(media: Media) -> Reply:
        return title_card(ctx, await ratings(ctx).title(chat, profile, admin, media.id))

    return await with_title(ctx, args["title"], lambda i: format_action("cr", "card", i), then)


async def card_button(ctx: Ctx, action: Action) -> Reply:
    """A "which one?" choice of /clubstats <title>."""
    chat, profile, admin = ctx.inv.chat, ctx.profile.id, ctx.inv.is_admin
    return title_card(ctx, await ratings(ctx).title(chat, profile, admin, action.int_arg(0)))


async def stats_button(ctx: Ctx, action: Action) -> Reply:
    """The Stats button of the club card."""
    return await clubstats(ctx, {})


async def compat(ctx: Ctx, args: Mapping[str, str]) -> Reply:
    """Taste compatibility with another member."""
    found = await ratings(ctx).compat(
        ctx.inv.chat, ctx.profile.id, ctx.inv.is_admin, args["member"]
    )
    name = found.other.name
    if found.agreement is None:
        text = ctx._(N_("You and {name} have not rated any title in common yet."), name=name)
        return Reply(blocks=((Span(text),),))
    heading = N_("You and {name}: {agreement}% agreement")
    blocks: list[Block] = [
        (bold(ctx._(heading, name=name, agreement=found.agreement)),),
        (
            Span(
                ctx.n_(
                    "over {count} title you both rated",
                    "over {count} titles you both rated",
                    found.shared,
                )
            ),
        ),
    ]
    pairs = (
        (N_("Closest: {title} ({mine} vs {theirs})"), found.closest),
        (N_("Furthest apart: {title} ({mine} vs {theirs})"), found.furthest),
    )
    for text, pair in pairs:
        if pair is not None:
            title, mine, theirs = pair
            blocks.append((Span(ctx._(text, title=title, mine=mine, theirs=theirs)),))
    if found.other.private:
        blocks.append((italic(ctx._(N_("{name} keeps their ratings private."), name=name)),))
    return Reply(blocks=tuple(blocks))


def register(r: Registry) -> None:
    """Register the club rating commands."""
    r.command(
        "clubrate",
        N_("Rate a title for the club, 1-10"),
        "/clubrate <title> <1-10>",
        TITLE,
        Param("rating", ParamKind.RATING, N_("Your rating, 1-10"), pattern=r"\S+"),
    )(clubrate)
    r.command(
        "clubstats",
        N_("Club history and numbers, or a title's club card"),
        "/clubstats [title]",
        Param("title", ParamKind.TITLE, N_("Title or #id"), required=False),
        group_visible=True,
    )(clubstats)
    r.command(
        "compat",
        N_("Taste compatibility with another member"),
        "/compat <member>",
        Param("member", ParamKind.TEXT, N_("A member's name")),
    )(compat)
    r.action("cr", "t")(rate_title_button)
    r.action("cr", "n")(rate_night_button)
    r.action("cr", "card", group_visible=True)(card_button)
    r.action("cl", "st", group_visible=True)(stats_button)
