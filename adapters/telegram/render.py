"""Reply -> Bot API send calls: HTML parse mode, inline keyboards, photo captions, splitting.

Everything from users or metadata is escaped here (the core never emits markup). Telegram's limits
(``telegram.constants.MessageLimit``) are counted in UTF-16 code units; we measure the HTML we
send, which is never shorter than the text Telegram counts after parsing entities.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from html import escape
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import MessageLimit, ParseMode, PollLimit

from core.views.reply import Block, Button, MediaCard, Reply, Span, Style, bold, italic, plain

TEXT_LIMIT = MessageLimit.MAX_TEXT_LENGTH  # 4096
CAPTION_LIMIT = MessageLimit.CAPTION_LENGTH  # 1024
TOAST_LIMIT = 200  # answerCallbackQuery text
TAGS = {Style.BOLD: "b", Style.ITALIC: "i", Style.SPOILER: "tg-spoiler", Style.CODE: "code"}
LINK_SCHEMES = ("http://", "https://", "tg://")


@dataclass(frozen=True, slots=True)
class Outgoing:
    """One Bot API call to make: a ``telegram.Bot`` method name and its keyword arguments."""

    method: str
    kwargs: dict[str, Any] = field(default_factory=dict)


def tg_len(text: str) -> int:
    """Length as Telegram counts it (UTF-16 code units)."""
    return len(text.encode("utf-16-le")) // 2


def span_html(span: Span) -> str:
    """One span as Telegram HTML, its text escaped."""
    if not span.text:
        return ""
    text = escape(span.text, quote=False)
    if span.style is Style.LINK:
        if span.url and span.url.startswith(LINK_SCHEMES):
            return f'<a href="{escape(span.url)}">{text}</a>'
        return text
    tag = TAGS.get(span.style)
    return f"<{tag}>{text}</{tag}>" if tag else text


def block_html(block: Block) -> str:
    """One block (a line) as Telegram HTML."""
    return "".join(span_html(span) for span in block)


def card_blocks(card: MediaCard) -> tuple[Block, ...]:
    """A media card as blocks: bold title, italic subtitle, fields, a blank line, the body."""
    blocks: list[Block] = [(bold(card.title),)]
    if card.subtitle:
        blocks.append((italic(card.subtitle),))
    blocks.extend((bold(f"{name}: "), plain(value)) for name, value in card.fields)
    if card.body:
        blocks.append(())
        blocks.extend(card.body)
    return tuple(blocks)


def keyboard(rows: Sequence[Sequence[Button]]) -> InlineKeyboardMarkup | None:
    """Inline keyboard whose callback_data is the core's action id (already <= 64 bytes)."""
    if not rows:
        return None
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(b.label, callback_data=b.action) for b in row] for row in rows]
    )


def split_blocks(blocks: Sequence[Block], limit: int = TEXT_LIMIT) -> list[str]:
    """Join blocks with line breaks into HTML parts of at most ``limit``, cut between blocks.

    A block longer than ``limit`` on its own is cut between spans, then inside a span's text
    (at a space when there is one); every piece is escaped and wrapped in its own tags, so no
    part ends inside a tag or an entity.
    """
    parts: list[str] = []
    lines: list[str] = []
    size = 0
    for line in _lines(blocks, limit):
        width = tg_len(line)
        if lines and size + 1 + width > limit:
            parts.append("\n".join(lines))
            lines, size = [], 0
        size += width + (1 if lines else 0)
        lines.append(line)
    if lines:
        parts.append("\n".join(lines))
    return [part.strip("\n") for part in parts if part.strip()]


def _lines(blocks: Sequence[Block], limit: int) -> Iterator[str]:
    for block in blocks:
        html = block_html(block)
        if tg_len(html) <= limit:
            yield html
            continue
        pieces = [span_html(piece) for span in block for piece in _cut(span, limit)]
        line = ""
        for piece in pieces:
            if line and tg_len(line) + tg_len(piece) > limit:
                yield line
                line = ""
            line += piece
        if line:
            yield line


def _cut(span: Span, limit: int) -> Iterator[Span]:
    """``span`` in pieces that each render within ``limit``; cut at whitespace when possible."""
    budget = limit - tg_len(span_html(Span("x", span.style, span.url))) + 1
    text, start = span.text, 0
    while start < len(text):
        end, size, space = start, 0, -1
        while end < len(text):
            width = tg_len(escape(text[end], quote=False))
            if size + width > budget:
                break
            if text[end].isspace():
                space = end
            size, end = size + width, end + 1
        if end < len(text) and space > start:
            end = space + 1
        end = max(end, start + 1)
        yield Span(text[start:end], span.style, span.url)
        start = end


def take_caption(blocks: Sequence[Block], limit: int = CAPTION_LIMIT) -> tuple[str, list[Block]]:
    """As many whole blocks as fit a photo caption, and the blocks left for a follow-up."""
    lines: list[str] = []
    size = 0
    for index, block in enumerate(blocks):
        html = block_html(block)
        extra = tg_len(html) + (1 if lines else 0)
        if size + extra > limit:
            return "\n".join(lines).strip("\n"), list(blocks[index:])
        lines.append(html)
        size += extra
    return "\n".join(lines).strip("\n"), []


def reply_blocks(reply: Reply) -> list[Block]:
    """The card (if any) followed by the reply's own blocks, a blank line between them."""
    blocks = list(card_blocks(reply.card)) if reply.card else []
    if blocks and reply.blocks:
        blocks.append(())
    blocks.extend(reply.blocks)
    return blocks


def render(reply: Reply) -> list[Outgoing]:
    """The calls that show ``reply``; the keyboard goes on the last message."""
    blocks = reply_blocks(reply)
    calls: list[Outgoing] = []
    photo: object = reply.card.poster_url if reply.card else None
    if reply.image is not None and not reply.image.mime_type.startswith("image/"):
        caption, blocks = take_caption(blocks)  # a file such as an .ics calendar: a document
        document = {"document": reply.image.data, "filename": reply.image.filename}
        calls.append(Outgoing("send_document", {**document, **_html("caption", caption)}))
    elif reply.image is not None:
        photo = reply.image.data
    if photo is not None:
        caption, blocks = take_caption(blocks)
        extra = {"filename": reply.image.filename} if reply.image is not None else {}
        calls.append(Outgoing("send_photo", {"photo": photo, **extra, **_html("caption", caption)}))
    calls.extend(Outgoing("send_message", _html("text", part)) for part in split_blocks(blocks))
    if reply.poll is not None:
        calls.append(Outgoing("send_poll", _poll(reply)))
    markup = keyboard(reply.buttons)
    if markup is not None:
        if not calls:  # a keyboard needs a message to sit on
            calls.append(Outgoing("send_message", _html("text", "⬇️")))
        calls[-1].kwargs["reply_markup"] = markup
    return calls


def _html(key: str, value: str) -> dict[str, Any]:
    return {key: value, "parse_mode": ParseMode.HTML} if value else {}


def _poll(reply: Reply) -> dict[str, Any]:
    assert reply.poll is not None
    return {
        "question": reply.poll.question[: PollLimit.MAX_QUESTION_LENGTH],
        "options": [o.label[: PollLimit.MAX_OPTION_LENGTH] for o in reply.poll.options],
        "allows_multiple_answers": reply.poll.multiple,
        "is_anonymous": False,
    }


def toast(text: str | None) -> str | None:
    """A callback-query answer text within Telegram's 200 characters."""
    if not text:
        return None
    return text if len(text) <= TOAST_LIMIT else text[: TOAST_LIMIT - 1] + "…"
