"""/start, /help, /settings, /cancel and the main menu."""

from __future__ import annotations

from collections.abc import Mapping

from core.commands import Param, ParamKind, Registry
from core.dispatch import Ctx
from core.domain.errors import NotAllowed
from core.domain.groups import Group
from core.domain.streaming import streaming_services
from core.i18n import N_
from core.views import present
from core.views.actions import Action, format_action
from core.views.reply import Block, Button, Reply, Span, bold, code, italic

MENU = (
    (N_("🔎 Search"), "search"),
    (N_("📋 My lists"), "lists"),
    (N_("📚 Library"), "library"),
    (N_("📺 Next episodes"), "next"),
    (N_("⚙️ Settings"), "settings"),
    (N_("❓ Help"), "help"),
)
MENU_COMMANDS = {command for _, command in MENU}


def main_menu(ctx: Ctx) -> tuple[tuple[Button, ...], ...]:
    """The main menu as rows of buttons."""
    buttons = [Button(ctx._(label), format_action("go", command)) for label, command in MENU]
    return tuple(tuple(buttons[i : i + 3]) for i in range(0, len(buttons), 3))


async def start(ctx: Ctx, args: Mapping[str, str]) -> Reply:
    """Greet (the account exists by now) and show the main menu."""
    name = ctx.account.display_name
    blocks: tuple[Block, ...] = (
        (bold(ctx._(N_("Welcome to Watchbot, {name}!"), name=name)),),
        (Span(ctx._(N_("Track what you watch, keep lists, rate, review and follow TV shows."))),),
        (
            Span(ctx._(N_("Try: "))),
            code("/search alien"),
            Span(" · "),
            code("/add Dune"),
            Span(" · "),
            code("/help"),
        ),
    )
    return Reply(blocks=blocks, buttons=main_menu(ctx))


async def help_command(ctx: Ctx, args: Mapping[str, str]) -> Reply:
    """List the commands, or one command's usage."""
    wanted = args.get("command", "").strip().lstrip("/").casefold()
    if wanted:
        spec = ctx.app.registry.get(wanted)
        if spec is None:
            return Reply(
                blocks=(
                    (Span(ctx._(N_("I don't know the command /{name}. Try /help."), name=wanted)),),
                ),
                error=True,
            )
        lines: list[Block] = [
            (bold(f"/{spec.name}"), Span(" — "), Span(ctx._(spec.description))),
            (Span(ctx._(N_("Usage: "))), code(spec.usage)),
        ]
        lines.extend(
            (
                code(p.name),
                Span(": "),
                Span(ctx._(p.description)),
                italic(ctx._(N_(" (optional)")) if not p.required else ""),
            )
            for p in spec.params
        )
        return Reply(blocks=tuple(lines))
    blocks: list[Block] = [(bold(ctx._(N_("Commands"))),)]
    blocks.extend(
        (code(f"/{s.name}"), Span(" — "), Span(ctx._(s.description))) for s in ctx.app.registry
    )
    blocks.append((italic(ctx._(N_("Send /help <command> for details."))),))
    return Reply(blocks=tuple(blocks))


async def settings(ctx: Ctx, args: Mapping[str, str]) -> Reply:
    """Show the profile settings, or change one (``/settings timezone Europe/Paris``)."""
    if "setting" in args:
        if "value" not in args:
            return Reply(
                blocks=(
                    (
                        Span(
                            ctx._(
                                N_(
                                    "Usage: /settings "
                                    "<language|timezone|region|privacy|services> <value>"
                                )
                            )
                        ),
                    ),
                ),
                error=True,
            )
        # "/settings services Netflix, Disney Plus": the value may hold spaces.
        setting, _, head = args["setting"].strip().partition(" ")
        value = f"{head} {args['value']}" if head.strip() else args["value"]
        profile = await ctx.app.accounts.update_settings(ctx.profile.id, setting, value)
        ctx = Ctx(
            ctx.inv,
            type(ctx.account)(
                ctx.account.user_id, ctx.account.identity_id, ctx.account.display_name, profile
            ),
            ctx.locale,
            ctx.app,
        )
    p = ctx.profile
    privacy = str(p.preferences.get("default_visibility", "private"))
    services = ", ".join(streaming_services(p))
    blocks: tuple[Block, ...] = (
        (bold(ctx._(N_("Settings"))),),
        (Span(ctx._(N_("Language: {value}"), value=p.locale or ctx.locale)),),
        (Span(ctx._(N_("Time zone: {value}"), value=p.timezone or ctx.app.default_timezone)),),
        (Span(ctx._(N_("Region: {value}"), value=present.viewer_region(ctx))),),
        (
            Span(
                ctx._(
                    N_("Privacy of new lists, reviews and your activity: {value}"),
                    value=ctx._(privacy),
                )
            ),
        ),
        (Span(ctx._(N_("Streaming services: {value}"), value=services or ctx._(N_("none")))),),
        (
            italic(
                ctx._(
                    N_(
                        "Change one with /settings "
                        "<language|timezone|region|privacy|services> <value>."
                    )
                )
            ),
        ),
    )
    buttons = (
        (
            Button(ctx._(N_("Public")), format_action("st", "priv", "public")),
            Button(ctx._(N_("Friends")), format_action("st", "priv", "friends")),
            Button(ctx._(N_("Private")), format_action("st", "priv", "private")),
        ),
    )
    return Reply(blocks=blocks, buttons=buttons)


async def privacy_button(ctx: Ctx, action: Action) -> Reply:
    """Set the privacy default from a settings button."""
    reply = await settings(ctx, {"setting": "privacy", "value": action.args[0]})
    return Reply(
        blocks=reply.blocks, buttons=reply.buttons, replace=True, toast=ctx._(N_("Settings saved."))
    )


async def cancel(ctx: Ctx, args: Mapping[str, str]) -> Reply:
    """Cancel the multi-step input in progress."""
    if await ctx.cancel_pending():
        return Reply(blocks=((Span(ctx._(N_("Cancelled."))),),), toast=ctx._(N_("Cancelled.")))
    return Reply(blocks=((Span(ctx._(N_("There is nothing to cancel."))),),))


async def cancel_button(ctx: Ctx, action: Action) -> Reply:
    """The Cancel button of a multi-step input."""
    reply = await cancel(ctx, {})
    return Reply(blocks=reply.blocks, replace=True, toast=reply.toast)


async def go(ctx: Ctx, action: Action) -> Reply:
    """A main-menu button: run that command without arguments."""
    if action.verb not in MENU_COMMANDS:
        raise ValueError(action.verb)
    if action.verb == "search":
        return Reply(
            blocks=(
                (Span(ctx._(N_("Send /search followed by a title, e.g. /search the godfather."))),),
            )
        )
    spec = ctx.app.registry.get(action.verb)
    assert spec is not None
    return await spec.handler(ctx, {})


def register(r: Registry) -> None:
    """Register the general commands."""
    r.command("start", N_("Start Watchbot and show the main menu"), "/start")(start)
    r.command(
        "help",
        N_("List commands or show how to use one"),
        "/help [command]",
        Param("command", ParamKind.COMMAND, N_("A command name"), required=False),
    )(help_command)
    r.command(
        "settings",
        N_("Language, time zone, region, privacy and streaming services"),
        "/settings [language|timezone|region|privacy|services <value>]",
        Param("setting", ParamKind.TEXT, N_("Setting to change"), required=False),
        Param("value", ParamKind.TEXT, N_("New value"), required=False, pattern=r"\S+"),
    )(settings)
    r.command("cancel", N_("Cancel the input in progress"), "/cancel")(cancel)
    r.action("st", "priv")(privacy_button)
    r.action("pi", "cancel")(cancel_button)
    for _, command in MENU:
        r.action("go", command)(go)


async def group_settings(ctx: Ctx, args: Mapping[str, str]) -> Reply:
    """Show or change the group's language and time zone (admins only)."""
    if not ctx.inv.chat.is_group:
        return Reply(
            blocks=((Span(ctx._(N_("Use /groupsettings in a group chat."))),),), error=True
        )
    group: Group | None
    if "setting" in args and "value" in args:
        if not ctx.inv.is_admin:
            raise NotAllowed(N_("Only admins can change the group settings."))
        group = await ctx.app.accounts.update_group(ctx.inv.chat, args["setting"], args["value"])
    else:
        group = await ctx.app.accounts.group(ctx.inv.chat)
    language = (group.locale if group else None) or ctx.app.default_locale
    timezone = (group.timezone if group else None) or ctx.app.default_timezone
    return Reply(
        blocks=(
            (bold(ctx._(N_("Group settings"))),),
            (Span(ctx._(N_("Language: {value}"), value=language)),),
            (Span(ctx._(N_("Time zone: {value}"), value=timezone)),),
            (
                italic(
                    ctx._(N_("Admins change them with /groupsettings <language|timezone> <value>."))
                ),
            ),
        )
    )


def register_admin(r: Registry) -> None:
    """Register the admin-only group commands."""
    r.command(
        "groupsettings",
        N_("Group language and time zone (admins change them)"),
        "/groupsettings [language|timezone <value>]",
        Param("setting", ParamKind.TEXT, N_("Setting to change"), required=False),
        Param("value", ParamKind.TEXT, N_("New value"), required=False, pattern=r"\S+"),
    )(group_settings)
