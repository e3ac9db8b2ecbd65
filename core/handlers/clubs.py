"""Club commands: /club (card, menu, settings), /suggest, /clublist and their buttons."""

from __future__ import annotations

from collections.abc import Mapping

from core.commands import Param, ParamKind, Registry
from core.dispatch import Ctx
from core.domain.clubs import Role, Suggestion
from core.domain.lists import SystemList
from core.domain.media import Media
from core.handlers.common import with_title
from core.i18n import N_
from core.services.clubs import ClubService, Overview, Seat
from core.views import present
from core.views.actions import Action, format_action
from core.views.club_text import METHOD_NAMES, when
from core.views.reply import Block, Button, Reply, Span, bold, italic

ROLE_NAMES = {Role.OWNER: N_("the owner"), Role.ADMIN: N_("an admin"), Role.MEMBER: N_("a member")}


def service(ctx: Ctx) -> ClubService:
    """The club service over the app."""
    return ClubService.of(ctx.app)


def on_off(ctx: Ctx, value: bool) -> str:
    """``on`` / ``off``."""
    return ctx._(N_("on")) if value else ctx._(N_("off"))


def _line(text: str) -> Block:
    return (Span(text),)


def _status(ctx: Ctx, o: Overview, zone: str) -> list[Block]:
    """The card's lines about the next night, the open poll, Watching and the last night."""
    lines: list[Block] = []
    if o.next_night is not None:
        film = o.next_night.title or ctx._(N_("film to be chosen"))
        moment = when(o.next_night.starts_at, zone)
        lines.append(_line(ctx._(N_("Next movie night: {when} — {film}"), when=moment, film=film)))
    if o.open_poll is not None:
        p = o.open_poll
        votes = ctx.n_("{count} vote", "{count} votes", p.voters)
        method, closes = ctx._(METHOD_NAMES[p.method]), when(p.closes_at, zone)
        text = N_("Open poll ({method}): {votes}, closes {when}")
        lines.append(_line(ctx._(text, method=method, votes=votes, when=closes)))
    if o.watching:
        titles = ", ".join(s.label for s in o.watching)
        lines.append(_line(ctx._(N_("Watching: {titles}"), titles=titles)))
    if o.last_night is not None:
        text = N_("Last night: {title}. See /clubstats for the ratings.")
        lines.append(_line(ctx._(text, title=o.last_night.title or "?")))
    return lines


def card(ctx: Ctx, o: Overview, *, replace: bool = False) -> Reply:
    """The club card and menu: the same for every member (the group sees it), with buttons
    that answer each presser about themselves."""
    seat, zone = o.seat, o.seat.club.timezone or ctx.app.default_timezone
    members = ctx.n_("{count} member", "{count} members", o.members)
    blocks: list[Block] = [
        (bold(f"🎬 {seat.club.name}"),),
        _line(members),
        _line(ctx.n_("Watchlist: {count} title", "Watchlist: {count} titles", o.watchlist)),
        *_status(ctx, o, zone),
    ]
    menu = (
        Button(ctx._(N_("Watchlist")), "cl:wl"),
        Button(ctx._(N_("Stats")), "cl:st"),
        Button(ctx._(N_("Poll")), "cl:pl"),
    )
    personal = (
        Button(ctx._(N_("🔔 My reminders")), "cl:rem"),
        Button(ctx._(N_("⭐ My ratings")), "cl:prs"),
        Button(ctx._(N_("👤 Me")), "cl:me"),
    )
    return Reply(blocks=tuple(blocks), buttons=(menu, personal), replace=replace)


def seat_text(ctx: Ctx, seat: Seat) -> str:
    """What the club knows about one member: role and preferences."""
    member = seat.member
    return ctx._(
        N_(
            "You are {role}. Night reminders: {reminders}. "
            "Club ratings also count as your own: {personal}."
        ),
        role=ctx._(ROLE_NAMES[seat.role]),
        reminders=on_off(ctx, member.remind_nights),
        personal=on_off(ctx, member.personal_ratings),
    )


async def me_button(ctx: Ctx, action: Action) -> Reply:
    """👤 Me: the presser's role and preferences, for them alone."""
    overview = await service(ctx).overview(ctx.inv.chat, ctx.profile.id, ctx.inv.is_admin)
    text = seat_text(ctx, overview.seat)
    return Reply(blocks=((Span(text),),), ephemeral=True, toast=present.short(text, 190))


async def club(ctx: Ctx, args: Mapping[str, str]) -> Reply:
    """The club card; admins change settings with ``/club <setting> <value>``."""
    chat, profile, admin = ctx.inv.chat, ctx.profile.id, ctx.inv.is_admin
    if "setting" in args:
        if "value" not in args:
            return _settings_help(ctx)
        settings = await service(ctx).configure(
            chat, profile, admin, args["setting"], args["value"]
        )
        return Reply(
            blocks=(
                (
                    Span("✅ "),
                    Span(
                        ctx._(
                            N_(
                                "Club settings: limit {limit}, pollhours {hours}, remind {remind}, "
                                "rateafter {rate}, pollsize {size}."
                            ),
                            limit=settings.suggestion_limit,
                            hours=settings.poll_hours,
                            remind=settings.remind_hours,
                            rate=settings.rate_after_hours,
                            size=settings.poll_size,
                        )
                    ),
                ),
            )
        )
    return card(ctx, await service(ctx).overview(chat, profile, admin))


def _settings_help(ctx: Ctx) -> Reply:
    return Reply(
        blocks=(
            (
                Span(
                    ctx._(
                        N_(
                            "Admins change club settings with "
                            "/club <limit|pollhours|remind|rateafter|pollsize> <number>."
                        )
                    )
                ),
            ),
        ),
        error=True,
        ephemeral=True,
    )


async def toggle_button(ctx: Ctx, action: Action) -> Reply:
    """🔔 My reminders / ⭐ My ratings on the card: flip the presser's preference and tell
    them alone (the card is the group's and stays as it is)."""
    preference = {"rem": "remind_nights", "prs": "personal_ratings"}[action.verb]
    member = await service(ctx).toggle(ctx.inv.chat, ctx.profile.id, ctx.inv.is_admin, preference)
    value = member.remind_nights if preference == "remind_nights" else member.personal_ratings
    text = (
        N_("Night reminders are now {state} for you.")
        if preference == "remind_nights"
        else N_("Club ratings also count as your own: {state}.")
    )
    said = ctx._(text, state=on_off(ctx, value))
    return Reply(blocks=((Span(said),),), ephemeral=True, toast=present.short(said, 190))


def watchlist_reply(
    ctx: Ctx, seat: Seat, shelf: list[Suggestion], *, replace: bool = False
) -> Reply:
    """The club watchlist with who suggested what; remove buttons where allowed."""
    blocks: list[Block] = [(bold(ctx._(N_("Club watchlist ({count})"), count=len(shelf))),)]
    rows: list[tuple[Button, ...]] = []
    for s in shelf:
        by = s.suggester or "?"
        blocks.append(
            (
                Span(f"{s.position}. "),
                Span(s.label),
                italic(" — " + ctx._(N_("suggested by {name}"), name=by)),
            )
        )
        row = [
            Button(
                present.short(f"{s.position}. {s.label}", 40),
                format_action("md", "show", s.media_id),
            )
        ]
        if seat.is_admin or s.suggested_by == seat.member.profile_id:
            row.append(Button("✖", format_action("cs", "rm", s.media_id)))
        rows.append(tuple(row))
    if not shelf:
        blocks.append((Span(ctx._(N_("Nothing yet. Suggest a title with /suggest <title>."))),))
    return Reply(blocks=tuple(blocks), buttons=tuple(rows[:20]), replace=replace)


async def clublist(ctx: Ctx, args: Mapping[str, str]) -> Reply:
    """The club watchlist."""
    seat, shelf = await service(ctx).watchlist(ctx.inv.chat, ctx.profile.id, ctx.inv.is_admin)
    return watchlist_reply(ctx, seat, shelf)


async def watchlist_button(ctx: Ctx, action: Action) -> Reply:
    """The Watchlist button of the card."""
    return await clublist(ctx, {})


async def _suggest(ctx: Ctx, media: Media) -> Reply:
    added = await service(ctx).suggest(ctx.inv.chat, ctx.profile.id, ctx.inv.is_admin, media.id)
    message = ctx._(
        N_("Suggested {title} to the club (#{position} on the watchlist)."),
        title=media.label,
        position=added.position,
    )
    return Reply(blocks=((Span("✅ "), Span(message)),), toast=present.short(message, 190))


async def suggest(ctx: Ctx, args: Mapping[str, str]) -> Reply:
    """Suggest a title; without one, pick from your To Watch list."""
    if "title" not in args:
        return await _from_my_list(ctx)
    return await with_title(
        ctx, args["title"], lambda i: format_action("cs", "add", i), lambda m: _suggest(ctx, m)
    )


async def _from_my_list(ctx: Ctx) -> Reply:
    page = await ctx.app.lists.page(ctx.profile.id, SystemList.TO_WATCH.value, None, 1)
    rows = tuple(
        (
            Button(
                present.short(f"{i.title} ({i.year})" if i.year else i.title),
                format_action("cs", "add", i.media_id),
            ),
        )
        for i in page.items
    )
    text = (
        N_("Suggest one of your To Watch titles:")
        if rows
        else N_("Suggest a title with /suggest <title>.")
    )
    return Reply(blocks=((Span(ctx._(text)),),), buttons=rows, ephemeral=True)  # your list


async def suggest_button(ctx: Ctx, action: Action) -> Reply:
    """A "which one?" choice or a title from your list."""
    return await _suggest(ctx, await ctx.app.catalog.get(action.int_arg(0)))


async def remove_button(ctx: Ctx, action: Action) -> Reply:
    """✖ on the club watchlist."""
    chat, profile, admin = ctx.inv.chat, ctx.profile.id, ctx.inv.is_admin
    await service(ctx).unsuggest(chat, profile, admin, action.int_arg(0))
    seat, shelf = await service(ctx).watchlist(chat, profile, admin)
    reply = watchlist_reply(ctx, seat, shelf, replace=True)
    return Reply(
        blocks=reply.blocks, buttons=reply.buttons, replace=True, toast=ctx._(N_("Removed."))
    )


def register(r: Registry) -> None:
    """Register the club commands."""
    r.command(
        "club",
        N_("The club of this group: card, menu and settings"),
        "/club [<setting> <value>]",
        Param("setting", ParamKind.TEXT, N_("Setting to change (admins)"), required=False),
        Param("value", ParamKind.TEXT, N_("New value"), required=False, pattern=r"\d{1,4}"),
        group_visible=True,
    )(club)
    r.command(
        "suggest",
        N_("Suggest a title to the club watchlist"),
        "/suggest <title>",
        Param("title", ParamKind.TITLE, N_("Title or #id"), required=False),
        group_visible=True,
    )(suggest)
    r.command("clublist", N_("The club watchlist"), "/clublist", group_visible=True)(clublist)
    r.action("cl", "wl", group_visible=True)(watchlist_button)
    r.action("cl", "rem")(toggle_button)
    r.action("cl", "prs")(toggle_button)
    r.action("cl", "me")(me_button)
    r.action("cs", "add", group_visible=True)(suggest_button)
    r.action("cs", "rm", group_visible=True)(remove_button)
