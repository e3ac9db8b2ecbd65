"""/recommend, /similar and /onboard: recommendations with their reasons."""

from __future__ import annotations

from collections.abc import Mapping

from core.commands import Param, ParamKind, Registry
from core.dispatch import Ctx
from core.domain.media import Media
from core.handlers.common import TITLE, with_title
from core.i18n import N_
from core.services.recommendations import Pick
from core.views import present
from core.views.actions import Action, format_action
from core.views.reply import Block, Button, Reply, Span, bold, italic

COUNT = 5
REASONS = {
    "because_you_liked": N_("Because you liked {title}"),
    "similar_to": N_("Similar to {title}"),
    "popular": N_("Popular right now"),
    "trending": N_("Trending this {window}"),
    "for_your_picks": N_("Matches your picks"),
    "same_director": N_("Same director: {name}"),
    "shared_actors": N_("{count} shared actors: {names}"),
    "shared_genres": N_("Genres: {genres}"),
    "shared_keywords": N_("Themes: {keywords}"),
    "group_fit": N_("Suits {members}"),
    "predicted_rating": N_("You would rate this ~{rating}/10"),
}


def reason_text(ctx: Ctx, pick: Pick) -> str:
    """The translated reason of one pick."""
    template = REASONS.get(pick.suggestion.reason)
    if template is None:
        return ""
    params = {
        k: ", ".join(map(str, v)) if isinstance(v, list | tuple) else v
        for k, v in pick.suggestion.params.items()
    }
    try:
        return ctx._(template, **params)
    except (KeyError, IndexError):
        return ctx._(template.split("{")[0]).strip(" :")


def render_picks(ctx: Ctx, heading: str, picks: list[Pick]) -> Reply:
    """A list of picks, each with Details / To Watch / Not interested / More like this."""
    if not picks:
        return Reply(
            blocks=((Span(ctx._(N_("Nothing to recommend yet: rate a few titles first."))),),)
        )
    blocks: list[Block] = [(bold(heading),)]
    rows: list[tuple[Button, ...]] = []
    for number, pick in enumerate(picks, start=1):
        media = pick.media
        blocks.append(
            (Span(f"{number}. "), bold(media.label), italic(f" — {reason_text(ctx, pick)}"))
        )
        rows.append(
            (
                Button(
                    f"{number}. {present.short(media.title, 18)}",
                    format_action("rc", "md", media.id),
                ),
                Button(ctx._(N_("To Watch")), format_action("rc", "add", media.id)),
                Button(ctx._(N_("Rate")), format_action("rc", "rt", media.id)),
                Button(ctx._(N_("Not interested")), format_action("rc", "ni", media.id)),
                Button(ctx._(N_("More like this")), format_action("rc", "sim", media.id)),
            )
        )
    return Reply(blocks=tuple(blocks), buttons=tuple(rows))


async def recommend(ctx: Ctx, args: Mapping[str, str]) -> Reply:
    """Recommendations for the profile, with reasons."""
    picks = await ctx.app.recommendations.for_profile(ctx.profile, COUNT)
    return render_picks(ctx, ctx._(N_("Recommended for you")), picks)


async def _similar(ctx: Ctx, media: Media) -> Reply:
    picks = await ctx.app.recommendations.similar(ctx.profile, media.id, COUNT)
    return render_picks(ctx, ctx._(N_("Like {title}"), title=media.label), picks)


async def similar(ctx: Ctx, args: Mapping[str, str]) -> Reply:
    """Titles like one title, naming what they share."""
    return await with_title(
        ctx, args["title"], lambda i: format_action("rc", "sim", i), lambda m: _similar(ctx, m)
    )


async def similar_button(ctx: Ctx, action: Action) -> Reply:
    """More like this."""
    return await _similar(ctx, await ctx.app.catalog.get(action.int_arg(0)))


async def not_interested(ctx: Ctx, action: Action) -> Reply:
    """Not interested: the title never comes back."""
    media = await ctx.app.recommendations.not_interested(ctx.profile.id, action.int_arg(0))
    text = ctx._(N_("Got it: {title} will not be recommended again."), title=media.label)
    return Reply(blocks=((Span("👍 "), Span(text)),), toast=present.short(text, 190))


async def onboard(ctx: Ctx, args: Mapping[str, str]) -> Reply:
    """Cold start: pick titles you like (``| genres`` optional) and get recommendations."""
    titles, _, genres = args.get("picks", "").partition("|")
    if not titles.strip() and not genres.strip():
        return Reply(
            blocks=(
                (bold(ctx._(N_("Tell me what you like"))),),
                (
                    Span(
                        ctx._(
                            N_(
                                "Name a few titles, separated by commas, then genres after a |, "
                                "e.g. /onboard Alien, Heat | comedy, drama"
                            )
                        )
                    ),
                ),
            )
        )
    media_ids: list[int] = []
    for name in filter(None, (t.strip() for t in titles.split(","))):
        found = await ctx.app.catalog.lookup(name, 1)
        if found:
            media_ids.append(found[0].id)
    picked = [g.strip().title() for g in genres.split(",") if g.strip()]
    picks = await ctx.app.recommendations.onboard(ctx.profile, media_ids, picked, COUNT)
    return render_picks(ctx, ctx._(N_("To start with")), picks)


async def trending(ctx: Ctx, args: Mapping[str, str]) -> Reply:
    """What people here watch, rate and list most, over a day, a week or a month."""
    window, genre = "week", None
    for word in args.get("filters", "").split():
        if word.casefold() in ("day", "week", "month"):
            window = word.casefold()
        else:
            genre = word.replace("-", " ")
    found = await ctx.app.recommendations.trending(window, genre, COUNT * 2)
    heading = ctx._(N_("Trending this {window}"), window=ctx._(window))
    if genre:
        heading += f" · {ctx._(genre.title())}"
    if not found:
        return Reply(blocks=((bold(heading),), (Span(ctx._(N_("Nothing yet: be the first!"))),)))
    blocks: list[Block] = [(bold(heading),)]
    blocks.extend(
        (
            Span(f"{i}. "),
            bold(m.label),
            italic(" — " + ctx.n_("{count} activity", "{count} activities", c)),
        )
        for i, (m, c) in enumerate(found, start=1)
    )
    rows = tuple(
        (
            Button(f"{i}. {present.short(m.title, 30)}", format_action("md", "show", m.id)),
            Button(ctx._(N_("To Watch")), format_action("wl", "add", m.id)),
        )
        for i, (m, _) in enumerate(found, start=1)
    )
    return Reply(blocks=tuple(blocks), buttons=rows)


async def tonight(ctx: Ctx, args: Mapping[str, str]) -> Reply:
    """Pick something for tonight: ``/tonight [max minutes] [genre]``."""
    minutes, genre = None, None
    for word in args.get("filters", "").split():
        if word.isdigit():
            minutes = int(word)
        else:
            genre = word.replace("-", " ")
    picks = await ctx.app.recommendations.tonight(ctx.profile, minutes, genre)
    return render_picks(ctx, ctx._(N_("For tonight")), picks)


async def grouppick(ctx: Ctx, args: Mapping[str, str]) -> Reply:
    """Titles for the whole club: none seen by any member, each naming who it suits."""
    if not ctx.inv.chat.is_group:
        return Reply(
            blocks=(
                (Span(ctx._(N_("Use /grouppick in a group chat: the club picks together."))),),
            ),
            error=True,
        )
    from core.services.clubs import ClubService

    members = await ClubService.of(ctx.app).member_ids(
        ctx.inv.chat, ctx.profile.id, ctx.inv.is_admin
    )
    picks = await ctx.app.recommendations.for_group(members, COUNT)
    return render_picks(ctx, ctx._(N_("For the club")), picks)


CLICK_TARGETS = {"md": ("md", "show"), "add": ("wl", "add"), "rt": ("rt", "ask")}


async def clicked(ctx: Ctx, action: Action) -> Reply:
    """A recommendation's Details / To Watch / Rate: logged as a click, then done as usual."""
    media_id = action.int_arg(0)
    await ctx.app.recommendations.clicked(ctx.profile.id, media_id, action.verb)
    area, verb = CLICK_TARGETS[action.verb]
    handler = ctx.app.registry.action_handler(area, verb)
    assert handler is not None
    return await handler(ctx, Action(area, verb, (str(media_id),)))


def register(r: Registry) -> None:
    """Register the recommendation commands."""
    r.command("recommend", N_("Recommendations for you, with reasons"), "/recommend", slow=True)(
        recommend
    )
    r.command("similar", N_("Titles like a title"), "/similar <title>", TITLE, slow=True)(similar)
    r.command(
        "onboard",
        N_("Pick titles and genres you like to get started"),
        "/onboard <title>, <title>, ... [| genre, genre]",
        Param("picks", ParamKind.TEXT, N_("Titles, then | genres"), required=False),
    )(onboard)
    r.command(
        "trending",
        N_("What people watch most (day, week or month; a genre)"),
        "/trending [day|week|month] [genre]",
        Param("filters", ParamKind.TEXT, N_("day, week or month, and a genre"), required=False),
    )(trending)
    r.command(
        "tonight",
        N_("Pick something for tonight"),
        "/tonight [max minutes] [genre]",
        Param("filters", ParamKind.TEXT, N_("minutes you have, and a genre"), required=False),
        slow=True,
    )(tonight)
    r.command("grouppick", N_("Titles the whole club would enjoy"), "/grouppick", slow=True)(
        grouppick
    )
    r.action("rc", "ni")(not_interested)
    for verb in CLICK_TARGETS:
        r.action("rc", verb)(clicked)
    r.action("rc", "sim")(similar_button)
