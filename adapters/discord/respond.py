"""Answer an interaction with a Reply: a modal, an in-place edit, a followup or a new message."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

import discord
from discord.utils import MISSING

from adapters.discord.forms import build_modal
from adapters.discord.render import render
from core.app import App
from core.i18n import N_, resolve_locale
from core.views.reply import Reply

# Anything may quote user text (reviews, list names): nothing we send ever pings anyone.
NO_MENTIONS = discord.AllowedMentions.none()
MODAL_OPENERS = (discord.InteractionType.application_command, discord.InteractionType.component)


def gettext_for(app: App, interaction: discord.Interaction[Any]) -> Callable[[str], str]:
    """Translate this adapter's own labels into the language of the user's Discord client."""
    locale = resolve_locale(
        None, str(interaction.locale), app.default_locale, app.translator.available()
    )
    return lambda message: app.translator.gettext(locale, message)


def can_open_modal(interaction: discord.Interaction[Any]) -> bool:
    """A modal must be the first response, and a modal cannot answer a modal."""
    return not interaction.response.is_done() and interaction.type in MODAL_OPENERS


async def answer(
    interaction: discord.Interaction[Any],
    reply: Reply,
    *,
    private: bool,
    gettext: Callable[[str], str],
) -> None:
    """Show ``reply``; ``private`` makes new messages ephemeral (errors always are).

    After a deferral, ``private`` must be what the deferral said: the first followup replaces
    "thinking…" and keeps its audience, so an ephemeral answer to a public deferral deletes the
    public "thinking…" first and is then followed up on its own.
    """
    if reply.form is not None and can_open_modal(interaction):
        await interaction.response.send_modal(build_modal(reply.form))
        return
    message = render(reply, more_label=gettext(N_("More…")))
    ephemeral = private or reply.ephemeral or reply.error
    files = message.files or MISSING
    view = message.view or MISSING
    if interaction.response.is_done():  # deferred: the followup replaces "thinking…"
        if ephemeral and not private:  # e.g. an error after a public "thinking…"
            with contextlib.suppress(discord.HTTPException):
                await interaction.delete_original_response()
        await interaction.followup.send(
            content=message.content or MISSING,
            embeds=message.embeds,
            files=files,
            view=view,
            ephemeral=ephemeral,
            allowed_mentions=NO_MENTIONS,
        )
    elif reply.replace and interaction.message is not None:  # pagination and toggles
        await interaction.response.edit_message(
            content=message.content,
            embeds=message.embeds,
            attachments=message.files,
            view=message.view,
            allowed_mentions=NO_MENTIONS,
        )
    else:
        await interaction.response.send_message(
            content=message.content,
            embeds=message.embeds,
            files=files,
            view=view,
            ephemeral=ephemeral,
            allowed_mentions=NO_MENTIONS,
        )
