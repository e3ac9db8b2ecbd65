"""/recommend, /similar and /onboard: recommendations with their reasons."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import replace

from core.commands import Param, ParamKind, Registry
from core.dispatch import Ctx
from core.domain.errors import InvalidInput, NotFound
from core.domain.media import Media
from core.domain.streaming import streaming_services
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
    "friends": N_("Popular with your friends: {friends}"),
    "liked_genres": N_("You like {genres}"),
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


def pick_note(ctx: Ctx, pick: Pick) -> str:
    """The reason, and the rating the person would probably give (``· ~8/10 for you``)."""
    reason = reason_text(ctx, pick)
    predicted = pick.suggestion.params.get("predicted")
    if not isinstance(predicted, int | float):
        return reason
    guess = ctx._(N_("~{rating}/10 for you"), rating=round(float(predicted)))
    return f"{reason} · {guess}" if reason else guess


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
            (Span(f"{number}. "), bold(media.label), italic(f" — {pick_note(ctx, pick)}"))
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


STREAMING_WORDS = ("streaming", "mine", "services")


async def recommend(ctx: Ctx, args: Mapping[str, str]) -> Reply:
    """Recommendations for the profile, with reasons (``streaming``: on its services only)."""
    word = args.get("filter", "").strip().casefold()
    if word and word not in STREAMING_WORDS:
        raise InvalidInput(
            N_("Use /recommend, or /recommend streaming for titles on your services.")
        )
    return await _recommend(ctx, streaming=bool(word))


async def streaming_button(ctx: Ctx, action: Action) -> Reply:
    """Only on my services."""
    return await _recommend(ctx, streaming=True)


async def _recommend(ctx: Ctx, streaming: bool) -> Reply:
    region = present.viewer_region(ctx) if streaming else None
    picks = await ctx.app.recommendations.for_profile(ctx.profile, COUNT, region)
    if streaming:
        heading = ctx._(N_("On your streaming services ({region})"), region=region)
        reply = render_picks(ctx, heading, picks)
        if not picks:
            text = N_("Nothing I would recommend streams on your services in {region} right now.")
            return Reply(blocks=((Span(ctx._(text, region=region)),),))
        return reply
    reply = render_picks(ctx, ctx._(N_("Recommended for you")), picks)
    if picks and streaming_services(ctx.profile):
        extra = (Button(ctx._(N_("Only on my services")), format_action("rc", "svc")),)
        reply = replace(reply, buttons=(*reply.buttons, extra))
    return reply


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


SCOPES = ("friends", "club")


async def _scope_profiles(ctx: Ctx, scope: str | None) -> frozenset[int] | None:
    """Whose activity counts: everyone, the people one follows, or this chat's club."""
    if scope == "friends":
        return await ctx.app.recommendations.friend_ids(ctx.profile.id)
    if scope == "club":
        if not ctx.inv.chat.is_group:
            raise InvalidInput(N_("“club” trending works in a club's group chat."))
        from core.services.clubs import ClubService

        members = await ClubService.of(ctx.app).member_ids(
            ctx.inv.chat, ctx.profile.id, ctx.inv.is_admin
        )
        return frozenset(members)
    return None


def heat(score: float, top: float) -> str:
    """One to three flames: how close a title comes to the hottest one."""
    return "🔥" * max(1, min(3, math.ceil(3 * score / top))) if top > 0 else ""


async def trending(ctx: Ctx, args: Mapping[str, str]) -> Reply:
    """What people watch, rate and list most (day, week or month; friends or club; genre)."""
    window, scope, genre_words = "week", None, []
    for word in args.get("filters", "").split():
        folded = word.casefold()
        if folded in ("day", "week", "month"):
            window = folded
        elif folded in SCOPES:
            scope = folded
        else:
            genre_words.append(word.replace("-", " "))
    genre = " ".join(genre_words) or None
    profiles = await _scope_profiles(ctx, scope)
    if profiles is not None and not profiles:
        text = (
            N_("You follow no one whose activity you can see yet: /friends shows how.")
            if scope == "friends"
            else N_("Nothing yet: be the first!")
        )
        return Reply(blocks=((Span(ctx._(text)),),))
    found = await ctx.app.recommendations.trending(window, genre, COUNT * 2, profiles)
    heading = ctx._(N_("Trending this {window}"), window=ctx._(window))
    if scope == "friends":
        heading += f" · {ctx._(N_('among your friends'))}"
    elif scope == "club":
        heading += f" · {ctx._(N_('in the club'))}"
    if genre:
        heading += f" · {ctx._(genre.title())}"
    if not found:
        return Reply(blocks=((bold(heading),), (Span(ctx._(N_("Nothing yet: be the first!"))),)))
    top = found[0][1]
    blocks: list[Block] = [(bold(heading),)]
    blocks.extend(
        (Span(f"{i}. "), bold(m.label), Span(f" {heat(score, top)}"))
        for i, (m, score) in enumerate(found, start=1)
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
    """Pick something for tonight: ``/tonight [max minutes] [streaming] [genre]``."""
    minutes, genre_words, streaming = None, [], False
    for word in args.get("filters", "").split():
        if word.isdigit():
            minutes = int(word)
        elif word.casefold() in STREAMING_WORDS:
            streaming = True
        else:
            genre_words.append(word.replace("-", " "))
    region = present.viewer_region(ctx) if streaming else None
    genre = " ".join(genre_words) or None
    picks = await ctx.app.recommendations.tonight(ctx.profile, minutes, genre, region)
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
    if not picks:
        raise NotFound(
            N_("Nothing to pick for the club yet: the catalog has nobody's unseen titles.")
        )
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
    r.command(
        "recommend",
        N_("Recommendations for you, with reasons"),
        "/recommend [streaming]",
        Param("filter", ParamKind.TEXT, N_("streaming: only on your services"), required=False),
        slow=True,
    )(recommend)
    r.command("similar", N_("Titles like a title"), "/similar <title>", TITLE, slow=True)(similar)
    r.command(
        "onboard",
        N_("Pick titles and genres you like to get started"),
        "/onboard <title>, <title>, ... [| genre, genre]",
        Param("picks", ParamKind.TEXT, N_("Titles, then | genres"), required=False),
    )(onboard)
    r.command(
        "trending",
        N_("What people watch most (day, week or month; friends, club; a genre)"),
        "/trending [day|week|month] [friends|club] [genre]",
        Param(
            "filters",
            ParamKind.TEXT,
            N_("day, week or month; friends or club; a genre"),
            required=False,
        ),
        group_visible_when=lambda args: "club" in args.get("filters", "").casefold().split(),
    )(trending)
    r.command(
        "tonight",
        N_("Pick something for tonight"),
        "/tonight [max minutes] [streaming] [genre]",
        Param(
            "filters",
            ParamKind.TEXT,
            N_("minutes you have, streaming (on your services), a genre"),
            required=False,
        ),
        slow=True,
    )(tonight)
    r.command(
        "grouppick",
        N_("Titles the whole club would enjoy"),
        "/grouppick",
        slow=True,
        group_visible=True,
    )(grouppick)
    r.action("rc", "ni")(not_interested)
    r.action("rc", "svc")(streaming_button)
    for verb in CLICK_TARGETS:
        r.action("rc", verb)(clicked)
    r.action("rc", "sim")(similar_button)
