"""Watching, ratings, reviews and ownership: /watched, /unwatch, /rate, /unrate, /review, /own."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from core.commands import Param, ParamKind, Registry
from core.dispatch import Ctx
from core.domain.media import Media
from core.domain.ratings import REVIEW_MAX, REVIEW_MIN, parse_rating
from core.domain.watching import parse_format, parse_watch_date
from core.handlers.common import TITLE, with_title
from core.i18n import N_
from core.views import present
from core.views.actions import Action, format_action
from core.views.reply import Block, Button, Form, FormField, Reply, Span, bold, italic, spoiler

DATE_PATTERN = r"\d{4}-\d{1,2}-\d{1,2}"


def _today(ctx: Ctx) -> date:
    from zoneinfo import ZoneInfo

    zone = ZoneInfo(ctx.profile.timezone or ctx.app.default_timezone)
    return ctx.app.clock.now().astimezone(zone).date()


async def _watched(ctx: Ctx, media: Media, on: date | None) -> Reply:
    result = await ctx.app.watching.mark_watched(ctx.profile.id, media.id, on)
    if result.record.count > 1:
        text = ctx._(
            N_("Logged a rewatch of {title} (watch #{count})."),
            title=media.label,
            count=result.record.count,
        )
    else:
        text = ctx._(N_("Marked {title} as watched."), title=media.label)
    if result.completed is not None:
        text += " " + ctx._(
            N_("It is now on {list}."), list=present.list_name(ctx, result.completed)
        )
    rate_row = tuple(
        Button(str(v), format_action("rt", "set", media.id, v)) for v in (6, 7, 8, 9, 10)
    )
    return Reply(
        blocks=((Span("✅ "), Span(text)), (italic(ctx._(N_("How was it? Rate it:"))),)),
        buttons=(rate_row, (Button(ctx._(N_("Undo")), format_action("wt", "undo", media.id)),)),
        toast=present.short(text, 190),
    )


async def watched(ctx: Ctx, args: Mapping[str, str]) -> Reply:
    """Log a watch or a rewatch, optionally on a past date."""
    on = parse_watch_date(args["date"], _today(ctx)) if "date" in args else None
    suffix = [on.strftime("%Y%m%d")] if on else []
    return await with_title(
        ctx,
        args["title"],
        lambda i: format_action("wt", "add", i, *suffix),
        lambda m: _watched(ctx, m, on),
    )


async def watched_button(ctx: Ctx, action: Action) -> Reply:
    """Watched button (or a "which one?" choice carrying the date)."""
    media = await ctx.app.catalog.get(action.int_arg(0))
    on = None
    if len(action.args) > 1:
        raw = action.args[1]
        on = date(int(raw[:4]), int(raw[4:6]), int(raw[6:8]))
    return await _watched(ctx, media, on)


async def _unwatch(ctx: Ctx, media: Media) -> Reply:
    remaining = await ctx.app.watching.unwatch(ctx.profile.id, media.id)
    if remaining is None:
        text = ctx._(N_("Removed your only watch of {title}."), title=media.label)
    else:
        text = ctx._(
            N_("Removed your last watch of {title}; {count} left."),
            title=media.label,
            count=remaining.count,
        )
    return present.done(ctx, text)


async def unwatch(ctx: Ctx, args: Mapping[str, str]) -> Reply:
    """Undo the last logged watch."""
    return await with_title(
        ctx, args["title"], lambda i: format_action("wt", "undo", i), lambda m: _unwatch(ctx, m)
    )


async def unwatch_button(ctx: Ctx, action: Action) -> Reply:
    """Undo button."""
    return await _unwatch(ctx, await ctx.app.catalog.get(action.int_arg(0)))


async def _rate(ctx: Ctx, media: Media, value: int, *, replace: bool = False) -> Reply:
    new, previous = await ctx.app.ratings.rate(ctx.profile.id, media.id, value)
    if previous is not None and previous != new:
        text = ctx._(
            N_("Changed your rating of {title} from {old}/10 to {new}/10."),
            title=media.label,
            old=previous,
            new=new,
        )
    else:
        text = ctx._(N_("Rated {title} {value}/10."), title=media.label, value=new)
    return present.done(ctx, text, media=media, replace=replace)


async def rate(ctx: Ctx, args: Mapping[str, str]) -> Reply:
    """Rate a title 1-10."""
    value = parse_rating(args["rating"])  # validate before looking the title up
    return await with_title(
        ctx,
        args["title"],
        lambda i: format_action("rt", "set", i, value),
        lambda m: _rate(ctx, m, value),
    )


async def rate_ask_button(ctx: Ctx, action: Action) -> Reply:
    """Rate button: offer 1-10."""
    media = await ctx.app.catalog.get(action.int_arg(0))
    numbers = [Button(str(v), format_action("rt", "set", media.id, v)) for v in range(1, 11)]
    return Reply(
        blocks=((bold(ctx._(N_("Your rating for {title}?"), title=media.label)),),),
        buttons=(tuple(numbers[:5]), tuple(numbers[5:])),
    )


async def rate_set_button(ctx: Ctx, action: Action) -> Reply:
    """A 1-10 button."""
    media = await ctx.app.catalog.get(action.int_arg(0))
    return await _rate(ctx, media, parse_rating(action.args[1]), replace=True)


async def unrate(ctx: Ctx, args: Mapping[str, str]) -> Reply:
    """Clear a rating."""

    async def then(media: Media) -> Reply:
        removed = await ctx.app.ratings.unrate(ctx.profile.id, media.id)
        return present.done(
            ctx,
            ctx._(
                N_("Removed your {value}/10 rating of {title}."), value=removed, title=media.label
            ),
        )

    return await with_title(ctx, args["title"], lambda i: format_action("md", "show", i), then)


def review_form(ctx: Ctx, media: Media) -> Form:
    """The review form (a modal on Discord)."""
    return Form(
        ctx._(N_("Review of {title}"), title=present.short(media.label, 30)),
        format_action("rv", "sub", media.id),
        (
            FormField(
                "text",
                ctx._(N_("Your review")),
                multiline=True,
                min_length=REVIEW_MIN,
                max_length=REVIEW_MAX,
            ),
            # chat platforms toggle this with a button afterwards; a form asks at once
            FormField("spoiler", ctx._(N_("Spoiler? (yes/no)")), max_length=3, required=False),
        ),
    )


async def _ask_review(ctx: Ctx, media: Media) -> Reply:
    await ctx.ask("review", {"media_id": media.id})
    text = ctx._(
        N_("Send your review of {title} as your next message ({min}-{max} characters)."),
        title=media.label,
        min=REVIEW_MIN,
        max=REVIEW_MAX,
    )
    return Reply(
        blocks=((Span("✍️ "), Span(text)),),
        form=review_form(ctx, media),
        buttons=((Button(ctx._(N_("Cancel")), "pi:cancel"),),),
    )


async def _save_review(ctx: Ctx, media: Media, text: str) -> Reply:
    review, created = await ctx.app.ratings.write_review(ctx.profile.id, media.id, text)
    message = ctx._(
        N_("Saved your review of {title}.") if created else N_("Updated your review of {title}."),
        title=media.label,
    )
    body: Block = (spoiler(review.body),) if review.spoiler else (Span(review.body),)
    flag = N_("Spoiler: on") if review.spoiler else N_("Spoiler: off")
    return Reply(
        blocks=((Span("✅ "), Span(message)), body),
        buttons=(
            (
                Button(ctx._(flag), format_action("rv", "spl", media.id)),
                Button(ctx._(N_("Delete review")), format_action("rv", "del", media.id)),
            ),
        ),
        toast=message,
    )


async def review(ctx: Ctx, args: Mapping[str, str]) -> Reply:
    """Write or edit a review (asks for the text when missing)."""
    text = args.get("text")
    return await with_title(
        ctx,
        args["title"],
        lambda i: format_action("rv", "ask", i),
        lambda m: _save_review(ctx, m, text) if text else _ask_review(ctx, m),
    )


async def review_ask_button(ctx: Ctx, action: Action) -> Reply:
    """Review button."""
    return await _ask_review(ctx, await ctx.app.catalog.get(action.int_arg(0)))


async def review_input(ctx: Ctx, action: Action) -> Reply:
    """The text sent after the review prompt (kept pending if it is invalid)."""
    async with ctx.app.uow() as uow:
        pending = await uow.activity.pending(ctx.inv.actor, ctx.inv.chat, ctx.app.clock.now())
    if pending is None:
        raise ValueError("no pending review")
    media = await ctx.app.catalog.get(int(str(pending.data["media_id"])))
    reply = await _save_review(ctx, media, ctx.inv.text)
    await ctx.cancel_pending()
    return reply


async def review_submit(ctx: Ctx, action: Action) -> Reply:
    """A submitted review form (Discord modal)."""
    media = await ctx.app.catalog.get(action.int_arg(0))
    reply = await _save_review(ctx, media, ctx.inv.args.get("text", ""))
    if ctx.inv.args.get("spoiler", "").strip().casefold() in {"yes", "y", "true", "1", "on"}:
        await ctx.app.ratings.toggle_spoiler(ctx.profile.id, media.id)
        return await _show_review(ctx, media, replace=False)
    return reply


async def _show_review(ctx: Ctx, media: Media, *, replace: bool) -> Reply:
    current = await ctx.app.ratings.review(ctx.profile.id, media.id)
    assert current is not None
    body: Block = (spoiler(current.body),) if current.spoiler else (Span(current.body),)
    flag = N_("Spoiler: on") if current.spoiler else N_("Spoiler: off")
    return Reply(
        blocks=((bold(ctx._(N_("Your review of {title}"), title=media.label)),), body),
        buttons=(
            (
                Button(ctx._(flag), format_action("rv", "spl", media.id)),
                Button(ctx._(N_("Delete review")), format_action("rv", "del", media.id)),
            ),
        ),
        replace=replace,
    )


async def spoiler_button(ctx: Ctx, action: Action) -> Reply:
    """Spoiler toggle."""
    media = await ctx.app.catalog.get(action.int_arg(0))
    await ctx.app.ratings.toggle_spoiler(ctx.profile.id, media.id)
    return await _show_review(ctx, media, replace=True)


async def delete_review_button(ctx: Ctx, action: Action) -> Reply:
    """Delete review button."""
    media = await ctx.app.catalog.get(action.int_arg(0))
    await ctx.app.ratings.delete_review(ctx.profile.id, media.id)
    return present.done(
        ctx, ctx._(N_("Deleted your review of {title}."), title=media.label), replace=True
    )


async def own(ctx: Ctx, args: Mapping[str, str]) -> Reply:
    """Record owning a title in a format."""
    fmt = parse_format(args["format"])

    async def then(media: Media) -> Reply:
        await ctx.app.watching.own(ctx.profile.id, media.id, fmt)
        return present.done(
            ctx,
            ctx._(N_("Noted: you own {title} on {format}."), title=media.label, format=fmt.value),
        )

    return await with_title(
        ctx, args["title"], lambda i: format_action("ow", "add", i, fmt.value), then
    )


async def own_button(ctx: Ctx, action: Action) -> Reply:
    """A "which one?" choice for /own."""
    media = await ctx.app.catalog.get(action.int_arg(0))
    fmt = parse_format(action.args[1])
    await ctx.app.watching.own(ctx.profile.id, media.id, fmt)
    return present.done(
        ctx, ctx._(N_("Noted: you own {title} on {format}."), title=media.label, format=fmt.value)
    )


def register(r: Registry) -> None:
    """Register the tracking commands."""
    r.command(
        "watched",
        N_("Log a watch or rewatch (optionally on a date)"),
        "/watched <title> [YYYY-MM-DD]",
        TITLE,
        Param(
            "date",
            ParamKind.DATE,
            N_("Date watched, YYYY-MM-DD"),
            required=False,
            pattern=DATE_PATTERN,
        ),
    )(watched)
    r.command("unwatch", N_("Undo your last logged watch"), "/unwatch <title>", TITLE)(unwatch)
    r.command(
        "rate",
        N_("Rate a title from 1 to 10"),
        "/rate <title> <1-10>",
        TITLE,
        Param("rating", ParamKind.RATING, N_("Your rating, 1-10"), pattern=r"\S+"),
    )(rate)
    r.command("unrate", N_("Remove your rating"), "/unrate <title>", TITLE)(unrate)
    r.command(
        "review",
        N_("Write or edit a review"),
        "/review <title> [| text]",
        TITLE,
        Param(
            "text",
            ParamKind.TEXT,
            N_("Review text (20-5000 characters)"),
            required=False,
            keyword="|",
        ),
    )(review)
    r.command(
        "own",
        N_("Record that you own a title (Blu-ray, DVD, 4K, digital, streaming)"),
        "/own <title> <format>",
        TITLE,
        Param(
            "format", ParamKind.FORMAT, N_("Blu-ray, DVD, 4K, digital or streaming"), pattern=r"\S+"
        ),
    )(own)
    r.action("wt", "add")(watched_button)
    r.action("wt", "undo")(unwatch_button)
    r.action("rt", "ask")(rate_ask_button)
    r.action("rt", "set")(rate_set_button)
    r.action("rv", "ask")(review_ask_button)
    r.action("rv", "sub")(review_submit)
    r.action("rv", "spl")(spoiler_button)
    r.action("rv", "del")(delete_review_button)
    r.action("ow", "add")(own_button)
    r.action("pi", "review")(review_input)
