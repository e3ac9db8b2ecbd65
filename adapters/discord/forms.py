"""The core's ``Form`` as a Discord modal, answered statelessly from its custom_id."""

from __future__ import annotations

import discord

from adapters.discord.render import clip
from core.views.reply import Form, FormField

TITLE_MAX, LABEL_MAX, INPUT_MAX, INPUTS_MAX = 45, 45, 4000, 5


def fields_of(form: Form) -> tuple[FormField, ...]:
    """The form's fields, at most five (Discord's modal limit)."""
    return form.fields[:INPUTS_MAX]


def _text_input(field: FormField) -> discord.ui.TextInput[discord.ui.Modal]:
    maximum = max(1, min(field.max_length, INPUT_MAX))
    return discord.ui.TextInput(
        custom_id=field.name,
        style=discord.TextStyle.paragraph if field.multiline else discord.TextStyle.short,
        required=field.required,
        min_length=min(field.min_length, maximum) or None,
        max_length=maximum,
        default=field.value[:maximum] or None,
    )


def build_modal(form: Form) -> discord.ui.Modal:
    """A modal whose custom_id is the submit action and whose inputs are named like the fields.

    The core's labels arrive translated.
    """
    modal = discord.ui.Modal(title=clip(form.title, TITLE_MAX), custom_id=form.submit_action)
    for field in fields_of(form):
        modal.add_item(
            discord.ui.Label(text=clip(field.label, LABEL_MAX), component=_text_input(field))
        )
    # The client answers the submission from its custom_id alone (so it survives a restart);
    # a stopped modal is not kept in discord.py's in-memory store waiting for it.
    modal.stop()
    return modal
