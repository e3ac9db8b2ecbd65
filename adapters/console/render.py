"""Reply -> plain terminal text, buttons numbered so they can be pressed by typing the number."""

from __future__ import annotations

import textwrap

from core.views.reply import Block, Button, Reply, Style

WIDTH = 78


def render_block(block: Block) -> str:
    """Spans to text: spoilers as ||hidden||, links with their URL, code in backticks."""
    parts: list[str] = []
    for span in block:
        if span.style is Style.SPOILER:
            parts.append(f"||{span.text}||")
        elif span.style is Style.LINK and span.url:
            parts.append(f"{span.text} <{span.url}>")
        elif span.style is Style.CODE:
            parts.append(f"`{span.text}`")
        else:
            parts.append(span.text)
    return "".join(parts)


def _wrap(text: str) -> list[str]:
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        lines.extend(textwrap.wrap(paragraph, WIDTH) or [""])
    return lines


def render(reply: Reply) -> tuple[str, list[Button]]:
    """The text to print and the buttons in their numbering order."""
    lines: list[str] = []
    if reply.card is not None:
        card = reply.card
        lines.append(f"── {card.title} ──")
        if card.subtitle:
            lines.append(card.subtitle)
        lines.extend(f"{name}: {value}" for name, value in card.fields)
        for block in card.body:
            lines.extend(_wrap(render_block(block)))
        if card.poster_url:
            lines.append(f"Poster: {card.poster_url}")
    for block in reply.blocks:
        lines.extend(_wrap(render_block(block)))
    if reply.page is not None:
        lines.append(f"(page {reply.page.number}/{reply.page.count})")
    if reply.poll is not None:
        lines.append(f"📊 {reply.poll.question}")
    if reply.image is not None:
        lines.append(f"[image: {reply.image.filename}]")
    buttons: list[Button] = []
    for row in reply.buttons:
        cells = []
        for button in row:
            buttons.append(button)
            cells.append(f"[{len(buttons)}] {button.label}")
        lines.append("  ".join(cells))
    return "\n".join(lines).rstrip(), buttons
