"""Inline mode: ``@bot <query>`` answers with title articles from the core's suggestions."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from telegram import InlineQueryResultArticle, InputTextMessageContent
from telegram.constants import InlineQueryLimit, ParseMode

from adapters.telegram.render import keyboard
from core.app import App
from core.domain.media import Media
from core.i18n import N_, resolve_locale
from core.views.actions import format_action
from core.views.present import short
from core.views.reply import Button

DESCRIPTION_MAX = 120


@dataclass(frozen=True, slots=True)
class InlinePage:
    """One page of inline results and the offset of the next page ("" when it is the last)."""

    results: list[InlineQueryResultArticle]
    next_offset: str


def article(app: App, media: Media, locale: str) -> InlineQueryResultArticle:
    """One title: "Title (year)", a short overview, the poster, To Watch / Rate buttons."""
    text = f"<b>{escape(media.label, quote=False)}</b>"
    if media.overview:
        text += f"\n{escape(media.overview, quote=False)}"
    label = app.translator.gettext
    buttons = (
        (
            Button(label(locale, N_("To Watch")), format_action("wl", "add", media.id)),
            Button(label(locale, N_("Rate")), format_action("rt", "ask", media.id)),
        ),
    )
    return InlineQueryResultArticle(
        id=str(media.id),
        title=media.label,
        input_message_content=InputTextMessageContent(text, parse_mode=ParseMode.HTML),
        reply_markup=keyboard(buttons),
        description=short(media.overview or "", DESCRIPTION_MAX) or None,
        thumbnail_url=app.poster_url(media.poster_path),
    )


async def search(
    app: App, query: str, offset: str, language_code: str | None, page_size: int
) -> InlinePage:
    """The page of results starting at ``offset`` (the core decides what matches)."""
    start = int(offset) if offset.isdigit() else 0
    size = max(1, min(page_size, InlineQueryLimit.RESULTS))
    found = await app.catalog.suggest(query, start + size + 1)
    locale = resolve_locale(None, language_code, app.default_locale, app.translator.available())
    results = [article(app, media, locale) for media in found[start : start + size]]
    more = len(found) > start + size
    return InlinePage(results, str(start + size) if more else "")
