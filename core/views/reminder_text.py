"""Reminder messages: one release, or a digest of several."""

from __future__ import annotations

from collections.abc import Sequence

from core.domain.reminders import DueReminder
from core.i18n import N_
from core.views.actions import format_action
from core.views.reply import Block, Button, Reply, Span, bold
from core.views.speech import Speaker


def when_text(t: Speaker, reminder: DueReminder) -> str:
    """``today``, ``tomorrow`` or ``in 3 days``, with the date."""
    day = reminder.release_day.isoformat()
    if reminder.lead_days == 0:
        return t._(N_("today ({date})"), date=day)
    if reminder.lead_days == 1:
        return t._(N_("tomorrow ({date})"), date=day)
    return t.n_("in {count} day ({date})", "in {count} days ({date})", reminder.lead_days, date=day)


def line(t: Speaker, reminder: DueReminder) -> str:
    """``Dune: Part Three — tomorrow (2026-12-18)``."""
    return f"{reminder.label} — {when_text(t, reminder)}"


def _details(reminder: DueReminder) -> tuple[tuple[Button, ...], ...]:
    if reminder.media_id is None:
        return ()
    return ((Button("ℹ️", format_action("md", "show", reminder.media_id)),),)


def single(t: Speaker, reminder: DueReminder) -> Reply:
    """One reminder."""
    text = t._(N_("🔔 Reminder: {line}"), line=line(t, reminder))
    return Reply(blocks=((Span(text),),), buttons=_details(reminder))


def digest(t: Speaker, reminders: Sequence[DueReminder]) -> Reply:
    """Several reminders in one message."""
    blocks: list[Block] = [
        (bold(t.n_("🔔 {count} reminder", "🔔 {count} reminders", len(reminders))),)
    ]
    blocks.extend((Span(f"• {line(t, r)}"),) for r in reminders)
    return Reply(blocks=tuple(blocks))
