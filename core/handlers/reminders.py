"""Reminders and notifications: /remind, /subscribe, /subscriptions, /unsubscribe,
/notifications and /calendar. In a group they manage the club's subscriptions (admins)."""

from __future__ import annotations

from collections.abc import Mapping

from core.commands import Param, ParamKind, Registry
from core.dispatch import Ctx
from core.domain.errors import InvalidInput, NotFound
from core.domain.lists import name_key
from core.domain.media import Media, MediaKind
from core.domain.reminders import TargetKind
from core.handlers.common import TITLE, with_title
from core.i18n import N_
from core.services.reminders import ReminderService, Who
from core.views import present
from core.views.actions import Action, format_action
from core.views.reply import Block, Button, Reply, Span, bold, italic

KIND_WORDS = {
    "show": TargetKind.SHOW,
    "season": TargetKind.SEASON,
    "person": TargetKind.PERSON,
    "director": TargetKind.PERSON,
    "list": TargetKind.LIST,
    "title": TargetKind.TITLE,
}
KIND_NAMES = {
    TargetKind.TITLE: N_("release"),
    TargetKind.SHOW: N_("new episodes"),
    TargetKind.SEASON: N_("season premieres"),
    TargetKind.PERSON: N_("new films by"),
    TargetKind.LIST: N_("releases on the list"),
}


def reminders(ctx: Ctx) -> ReminderService:
    """The reminder service over the app."""
    return ReminderService.of(ctx.app)


def who(ctx: Ctx) -> Who:
    """The invocation as the reminder services see it."""
    return Who(ctx.inv.chat, ctx.inv.actor, ctx.profile, ctx.inv.is_admin)


async def _subscribed(
    ctx: Ctx, kind: TargetKind, target_id: int, name: str, days: str | None = None
) -> Reply:
    _, planned = await reminders(ctx).subscribe(who(ctx), kind, target_id, name, days)
    text = ctx._(N_("Subscribed to {what}: {name}."), what=ctx._(KIND_NAMES[kind]), name=name)
    note = (
        ctx.n_("{count} reminder planned.", "{count} reminders planned.", planned)
        if planned
        else ctx._(N_("Nothing is announced yet; I will plan reminders when dates appear."))
    )
    return Reply(
        blocks=((Span("🔔 "), Span(text)), (italic(note),)), toast=present.short(text, 190)
    )


async def remind(ctx: Ctx, args: Mapping[str, str]) -> Reply:
    """A reminder N days before a title's release (default from your settings) and on the day."""
    title, days = args["title"], args.get("days")
    if days is not None:  # "Heat 2" is a title, not "Heat" two days before
        whole = f"{title} {days}"
        if any(
            m.title.casefold() == whole.casefold() for m in await ctx.app.catalog.lookup(whole, 3)
        ):
            title, days = whole, None

    async def then(media: Media) -> Reply:
        return await _remind(ctx, media, days)

    return await with_title(ctx, title, lambda i: format_action("rs", "t", i, days or "d"), then)


async def _remind(ctx: Ctx, media: Media, days: str | None) -> Reply:
    today = ctx.app.clock.now().date()
    if media.release_date is not None and media.release_date < today:
        raise InvalidInput(
            N_("{title} came out on {date}: there is nothing to remind you of."),
            title=media.label,
            date=media.release_date.isoformat(),
        )
    return await _subscribed(ctx, TargetKind.TITLE, media.id, media.label, days)


async def subscribe(ctx: Ctx, args: Mapping[str, str]) -> Reply:
    """Subscribe to a title, a show (``show``/``season``), a director (``person``) or a list."""
    kind, rest = _kind(args["target"])
    if kind is TargetKind.PERSON:
        person_id, name = await _person(ctx, rest)
        return await _subscribed(ctx, kind, person_id, name)
    if kind is TargetKind.LIST:
        list_id, name = await _list(ctx, rest)
        return await _subscribed(ctx, kind, list_id, name)
    verb = kind.value if kind else "x"
    return await with_title(
        ctx,
        rest,
        lambda i: format_action("rs", verb, i),
        lambda m: _subscribed(ctx, *_title_kind(kind, m)),
    )


def _kind(text: str) -> tuple[TargetKind | None, str]:
    head, _, rest = text.strip().partition(" ")
    if head.casefold() in KIND_WORDS and rest.strip():
        return KIND_WORDS[head.casefold()], rest.strip()
    return None, text.strip()


def _title_kind(kind: TargetKind | None, media: Media) -> tuple[TargetKind, int, str]:
    if kind in (TargetKind.SHOW, TargetKind.SEASON):
        if media.kind is not MediaKind.TV:
            raise InvalidInput(N_("{title} is not a TV show."), title=media.label)
        return kind, media.id, media.title
    if kind is None and media.kind is MediaKind.TV:
        return TargetKind.SHOW, media.id, media.title
    return TargetKind.TITLE, media.id, media.label


async def _person(ctx: Ctx, name: str) -> tuple[int, str]:
    async with ctx.app.uow() as uow:
        found = await uow.reminders.people(name_key(name), 6)
    exact = [p for p in found if name_key(p[1]) == name_key(name)]
    if len(exact) == 1 or len(found) == 1:
        return (exact or found)[0]
    if not found:
        raise NotFound(N_("I know no director called “{name}”."), name=name)
    raise InvalidInput(
        N_("Several directors match: {names}. Give the full name."),
        names=", ".join(p[1] for p in found),
    )


async def _list(ctx: Ctx, name: str) -> tuple[int, str]:
    if ctx.inv.chat.is_group:
        raise InvalidInput(N_("Subscribe to your own lists in a private chat with me."))
    async with ctx.app.uow() as uow:
        found = await ctx.app.lists.find(uow, ctx.profile.id, name)
    return found.id, present.list_name(ctx, found)


async def title_button(ctx: Ctx, action: Action) -> Reply:
    """A "which one?" choice of /remind or /subscribe: ``rs:<kind>:<media>[:<days>]``."""
    media = await ctx.app.catalog.get(action.int_arg(0))
    if action.verb == "t":
        days = action.args[1] if len(action.args) > 1 and action.args[1] != "d" else None
        return await _remind(ctx, media, days)
    kind = TargetKind(action.verb) if action.verb != "x" else None
    return await _subscribed(ctx, *_title_kind(kind, media))


async def subscriptions(ctx: Ctx, args: Mapping[str, str]) -> Reply:
    """Your (or the club's) subscriptions and next reminders."""
    owner, subs, upcoming = await reminders(ctx).subscriptions(who(ctx))
    blocks: list[Block] = [(bold(ctx._(N_("Subscriptions"))),)]
    rows: list[tuple[Button, ...]] = []
    for sub in subs:
        what = ctx._(KIND_NAMES[sub.kind])
        days = ctx.n_("{count} day before", "{count} days before", sub.days_before)
        blocks.append((Span(f"• {sub.target_name} — {what} ({days})"),))
        rows.append(
            (
                Button(
                    present.short(ctx._(N_("Unsubscribe {name}"), name=sub.target_name)),
                    format_action("rs", "un", sub.id),
                ),
            )
        )
    if not subs:
        blocks.append(
            (Span(ctx._(N_("None yet. Try /remind <title> or /subscribe show <title>."))),)
        )
    if upcoming:
        blocks.append((bold(ctx._(N_("Next reminders"))),))
        zone = owner.timing.zone
        blocks.extend(
            (Span(f"• {r.due_at.astimezone(zone).strftime('%Y-%m-%d %H:%M')} — {r.label}"),)
            for r in upcoming[:10]
        )
    return Reply(blocks=tuple(blocks), buttons=tuple(rows[:20]))


async def unsubscribe(ctx: Ctx, args: Mapping[str, str]) -> Reply:
    """Stop a subscription."""
    kind, rest = _kind(args["target"])
    if kind is TargetKind.PERSON:
        person_id, name = await _person(ctx, rest)
        await reminders(ctx).unsubscribe(who(ctx), kind, person_id, name)
        return _unsubscribed(ctx, name)
    if kind is TargetKind.LIST:
        list_id, name = await _list(ctx, rest)
        await reminders(ctx).unsubscribe(who(ctx), kind, list_id, name)
        return _unsubscribed(ctx, name)

    async def then(media: Media) -> Reply:
        target_kind, target_id, name = _title_kind(kind, media)
        await reminders(ctx).unsubscribe(who(ctx), target_kind, target_id, name)
        return _unsubscribed(ctx, name)

    return await with_title(ctx, rest, lambda i: format_action("md", "show", i), then)


def _unsubscribed(ctx: Ctx, name: str, *, replace: bool = False) -> Reply:
    text = ctx._(N_("Unsubscribed from {name}."), name=name)
    return Reply(blocks=((Span("🔕 "), Span(text)),), toast=text[:190], replace=replace)


async def unsubscribe_button(ctx: Ctx, action: Action) -> Reply:
    """The Unsubscribe buttons of /subscriptions."""
    sub = await reminders(ctx).unsubscribe_id(who(ctx), action.int_arg(0))
    return _unsubscribed(ctx, sub.target_name)


def register(r: Registry) -> None:
    """Register the reminder commands."""
    r.command(
        "remind",
        N_("Remind me before a title comes out"),
        "/remind <title> [days before]",
        TITLE,
        Param(
            "days", ParamKind.INT, N_("Days before (default 1)"), required=False, pattern=r"\d{1,2}"
        ),
    )(remind)
    r.command(
        "subscribe",
        N_("Follow a title, show, season premieres, director or list"),
        "/subscribe [show|season|person|list] <name>",
        Param("target", ParamKind.TEXT, N_("What to follow")),
    )(subscribe)
    r.command("subscriptions", N_("Your subscriptions and next reminders"), "/subscriptions")(
        subscriptions
    )
    r.command(
        "unsubscribe",
        N_("Stop following something"),
        "/unsubscribe [show|season|person|list] <name>",
        Param("target", ParamKind.TEXT, N_("What to stop following")),
    )(unsubscribe)
    for verb in ("t", "x", *(k.value for k in TargetKind)):
        r.action("rs", verb)(title_button)
    r.action("rs", "un")(unsubscribe_button)
