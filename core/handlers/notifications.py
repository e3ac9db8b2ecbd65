"""Personal notification settings (/notifications) and the calendar export (/calendar)."""

from __future__ import annotations

from collections.abc import Mapping

from core.commands import Param, ParamKind, Registry
from core.dispatch import Ctx
from core.domain.errors import InvalidInput, NotFound
from core.domain.reminders import NotificationSettings
from core.handlers.reminders import reminders, who
from core.i18n import N_
from core.services.calendar import CalendarService, installed_writer
from core.views.reply import Block, Image, Reply, Span, bold, italic


def settings_reply(ctx: Ctx, s: NotificationSettings) -> Reply:
    """The notification settings."""
    quiet = s.quiet.text() if s.quiet else ctx._(N_("off"))
    lines = [
        ctx._(N_("Reminder hour: {hour}:00"), hour=f"{s.remind_hour:02d}"),
        ctx.n_(
            "Remind {count} day before a release",
            "Remind {count} days before a release",
            s.days_before,
        ),
        ctx._(N_("Quiet hours: {quiet}"), quiet=quiet),
        ctx._(N_("Digest: {state}"), state=ctx._(N_("on")) if s.digest else ctx._(N_("off"))),
        ctx._(N_("Friend activity: {mode}"), mode=s.friends.value),
        ctx._(N_("Availability: {mode}"), mode=s.availability.value),
    ]
    blocks: list[Block] = [
        (bold(ctx._(N_("Notifications"))),),
        *((Span(f"• {line}"),) for line in lines),
    ]
    blocks.append(
        (
            italic(
                ctx._(
                    N_(
                        "Change one with /notifications "
                        "<hour|days|quiet|digest|friends|availability> <value>."
                    )
                )
            ),
        )
    )
    return Reply(blocks=tuple(blocks))


async def notifications(ctx: Ctx, args: Mapping[str, str]) -> Reply:
    """Show or change your notification settings."""
    if ctx.inv.chat.is_group:
        raise InvalidInput(
            N_("Notification settings are personal: change them in a private chat with me.")
        )
    if "setting" in args and "value" in args:
        updated = await reminders(ctx).update_settings(who(ctx), args["setting"], args["value"])
        return settings_reply(ctx, updated)
    if "setting" in args:
        raise InvalidInput(N_("Give a value too, e.g. /notifications quiet 22:00-07:00."))
    return settings_reply(ctx, await reminders(ctx).settings(ctx.profile.id))


async def calendar(ctx: Ctx, args: Mapping[str, str]) -> Reply:
    """Upcoming releases and movie nights as an .ics file."""
    writer = installed_writer()
    if writer is None:
        raise NotFound(N_("Calendar export is not available here."))
    name, events = await CalendarService.of(ctx.app).events(who(ctx))
    data = writer.write(name, events, ctx.app.clock.now())
    text = ctx.n_(
        "Your calendar: {count} event. Open the file to add it to your calendar app.",
        "Your calendar: {count} events. Open the file to add it to your calendar app.",
        len(events),
    )
    return Reply(
        blocks=((Span("📅 "), Span(text)),), image=Image(data, "watchbot.ics", "text/calendar")
    )


def register(r: Registry) -> None:
    """Register /notifications and /calendar."""
    r.command(
        "notifications",
        N_("Reminder hour, quiet hours, digests and other notifications"),
        "/notifications [<setting> <value>]",
        Param("setting", ParamKind.TEXT, N_("Setting to change"), required=False),
        Param("value", ParamKind.TEXT, N_("New value"), required=False, pattern=r"\S+"),
    )(notifications)
    r.command("calendar", N_("Upcoming releases and movie nights as a calendar file"), "/calendar")(
        calendar
    )
