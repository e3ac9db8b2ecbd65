"""Reply -> Discord message parts: escaped Markdown content, an embed per card, a View of buttons.

The core never emits markup; everything user-typed is escaped here before any Markdown is added.
Discord's limits live here too: 2000 characters of content, 5 rows of at most 5 buttons, 25
options per select menu.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

import discord
from discord.utils import escape_markdown

from adapters.discord.actions import ActionButton, ActionMenu
from core.views.reply import Block, Button, MediaCard, Reply, Span, Style

CONTENT_MAX = 2000
DESCRIPTION_MAX = 4096
TITLE_MAX = 256
FIELDS_MAX, FIELD_NAME_MAX, FIELD_VALUE_MAX = 25, 256, 1024
ROWS_MAX, ROW_WIDTH, OPTIONS_MAX = 5, 5, 25
LABEL_MAX, OPTION_LABEL_MAX, PLACEHOLDER_MAX = 80, 100, 150
EMPTY = "✅"  # Discord refuses an empty message; a reply with nothing to show is a confirmation


@dataclass
class Message:
    """The parts of one Discord message, ready for send/edit calls."""

    content: str | None = None
    embeds: list[discord.Embed] = field(default_factory=list)
    view: discord.ui.View | None = None
    files: list[discord.File] = field(default_factory=list)


def clip(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _wrap(text: str, marker: str) -> str:
    # "** bold **" does not render: keep the surrounding spaces outside the markers
    core = text.strip()
    if not core:
        return text
    lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
    return f"{lead}{marker}{core}{marker}{trail}"


def _code(text: str) -> str:
    # Markdown escapes do not work inside code; a double-backtick fence allows single backticks
    if "`" not in text:
        return f"`{text}`"
    fenced = text.replace("``", "`\u200b`")
    return f"`` {fenced} ``"


def span_markdown(span: Span) -> str:
    """One span as Discord Markdown, its text escaped first (empty spans vanish)."""
    if not span.text:
        return ""
    if span.style is Style.CODE:
        return _code(span.text)
    text = escape_markdown(span.text)
    if span.style is Style.BOLD:
        return _wrap(text, "**")
    if span.style is Style.ITALIC:
        return _wrap(text, "*")
    if span.style is Style.SPOILER:
        return f"||{text}||"
    if span.style is Style.LINK and span.url:
        return f"[{text}](<{span.url}>)"
    return text


def blocks_markdown(blocks: tuple[Block, ...]) -> str:
    """Blocks as Markdown lines."""
    return "\n".join("".join(span_markdown(s) for s in block) for block in blocks)


def card_embed(card: MediaCard) -> discord.Embed:
    """A media card as an embed: title, subtitle and body as description, fields, poster."""
    parts = [escape_markdown(card.subtitle)] if card.subtitle else []
    if card.body:
        parts.append(blocks_markdown(card.body))
    embed = discord.Embed(
        title=clip(escape_markdown(card.title), TITLE_MAX),
        description=clip("\n\n".join(parts), DESCRIPTION_MAX) or None,
    )
    for name, value in card.fields[:FIELDS_MAX]:
        embed.add_field(
            name=clip(escape_markdown(name), FIELD_NAME_MAX) or "\u200b",
            value=clip(escape_markdown(value), FIELD_VALUE_MAX) or "\u200b",
            inline=True,
        )
    if card.poster_url:
        embed.set_thumbnail(url=card.poster_url)
    return embed


@dataclass(frozen=True, slots=True)
class Layout:
    """Buttons that fit as rows, and the rest as select-menu options (label, action)."""

    head: list[list[Button]]
    menus: list[list[tuple[str, str]]]
    tail: list[list[Button]]


def _options(rows: list[list[Button]]) -> list[tuple[str, str]]:
    # A select option has no row around it: name the row's subject (its first button) in each
    options: dict[str, str] = {}
    for row in rows:
        for index, button in enumerate(row):
            label = button.label if index == 0 else f"{row[0].label} · {button.label}"
            options.setdefault(button.action, clip(label, OPTION_LABEL_MAX) or "…")
    return [(label, action) for action, label in options.items()]


def _unique(rows: tuple[tuple[Button, ...], ...]) -> list[list[Button]]:
    # Discord refuses a message in which two components share a custom_id
    seen: set[str] = set()
    unique: list[list[Button]] = []
    for row in rows:
        kept: list[Button] = []
        for button in row:
            if button.action not in seen:
                seen.add(button.action)
                kept.append(button)
        unique.append(kept)
    return unique


def layout(rows: tuple[tuple[Button, ...], ...]) -> Layout:
    """Fit the core's button rows into 5 rows: overflow goes into select menus, the last row
    (usually the pager) stays as buttons."""
    unique = _unique(rows)
    split = [row[i : i + ROW_WIDTH] for row in unique if row for i in range(0, len(row), ROW_WIDTH)]
    if len(split) <= ROWS_MAX:
        return Layout(split, [], [])
    body, tail = split[:-1], split[-1:]
    for keep in range(len(body), -1, -1):
        options = _options(body[keep:])
        menus = -(-len(options) // OPTIONS_MAX)
        if keep + menus + len(tail) <= ROWS_MAX:
            break
    else:  # more than 100 options: keep the first ones
        keep = 0
    options = _options(body[keep:])[: (ROWS_MAX - len(tail) - keep) * OPTIONS_MAX]
    chunks = [options[i : i + OPTIONS_MAX] for i in range(0, len(options), OPTIONS_MAX)]
    return Layout(body[:keep], chunks, tail)


def _button(button: Button, row: int) -> ActionButton:
    return ActionButton(button.action, clip(button.label, LABEL_MAX) or "…", row)


def build_view(rows: tuple[tuple[Button, ...], ...], more_label: str) -> discord.ui.View | None:
    """A persistent View (no timeout; every item is a DynamicItem) for the reply's buttons."""
    if not rows:
        return None
    fitted = layout(rows)
    view = discord.ui.View(timeout=None)
    for index, row in enumerate(fitted.head):
        for button in row:
            view.add_item(_button(button, index))
    for number, options in enumerate(fitted.menus):
        index = len(fitted.head) + number
        view.add_item(ActionMenu(number, options, clip(more_label, PLACEHOLDER_MAX), index))
    for offset, row in enumerate(fitted.tail):
        index = len(fitted.head) + len(fitted.menus) + offset
        for button in row:
            view.add_item(_button(button, index))
    return view


def render(reply: Reply, *, more_label: str = "More…") -> Message:
    """The message for ``reply`` (content is never empty when nothing else is shown)."""
    lines = [blocks_markdown(reply.blocks)] if reply.blocks else []
    if reply.poll is not None:
        lines.append(f"📊 **{escape_markdown(reply.poll.question)}**")
    if reply.page is not None:
        lines.append(f"-# {reply.page.number}/{reply.page.count}")
    content = "\n".join(line for line in lines if line)
    embeds = [card_embed(reply.card)] if reply.card is not None else []
    files = []
    if reply.image is not None:
        files.append(discord.File(io.BytesIO(reply.image.data), filename=reply.image.filename))
    if not content and not embeds and not files:
        content = escape_markdown(reply.toast) if reply.toast else EMPTY
    rows = reply.buttons
    if reply.poll is not None:
        rows = (*rows, *((Button(o.label, o.action),) for o in reply.poll.options))
    return Message(
        content=clip(content, CONTENT_MAX) or None,
        embeds=embeds,
        view=build_view(rows, more_label),
        files=files,
    )
