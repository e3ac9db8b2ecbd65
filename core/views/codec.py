"""Replies as JSON-ready dicts, so the outbox can store a message and send it later.

Compact on purpose (an outbox may hold 100,000 rows): spans are ``[text]``, ``[text, style]`` or
``[text, style, url]``; empty fields are left out. Forms and pages are interactive answers and
never sent unprompted, so they are refused.
"""

from __future__ import annotations

import base64
from typing import Any

from core.views.reply import (
    Block,
    Button,
    Image,
    MediaCard,
    Poll,
    PollOption,
    Reply,
    Span,
    Style,
)


def _span(span: Span) -> list[str]:
    if span.url:
        return [span.text, span.style.value, span.url]
    return [span.text] if span.style is Style.PLAIN else [span.text, span.style.value]


def _blocks(blocks: tuple[Block, ...]) -> list[list[list[str]]]:
    return [[_span(s) for s in block] for block in blocks]


def _unblocks(raw: list[list[list[str]]]) -> tuple[Block, ...]:
    return tuple(
        tuple(
            Span(s[0], Style(s[1]) if len(s) > 1 else Style.PLAIN, s[2] if len(s) > 2 else None)
            for s in block
        )
        for block in raw
    )


def encode(reply: Reply) -> dict[str, Any]:
    """A reply as a JSON-ready dict (ValueError for forms and pages)."""
    if reply.form is not None or reply.page is not None:
        raise ValueError("forms and pages cannot be sent unprompted")
    out: dict[str, Any] = {}
    if reply.blocks:
        out["b"] = _blocks(reply.blocks)
    if reply.buttons:
        out["k"] = [[[b.label, b.action] for b in row] for row in reply.buttons]
    if reply.card is not None:
        c = reply.card
        out["c"] = {
            "id": c.media_id,
            "t": c.title,
            "s": c.subtitle,
            "f": [list(f) for f in c.fields],
            "b": _blocks(c.body),
            "p": c.poster_url,
        }
    if reply.poll is not None:
        p = reply.poll
        out["p"] = {
            "q": p.question,
            "o": [[o.label, o.action] for o in p.options],
            "m": p.multiple,
            "id": p.poll_id,
        }
    if reply.image is not None:
        i = reply.image
        out["i"] = {"d": base64.b64encode(i.data).decode(), "n": i.filename, "t": i.mime_type}
    if reply.toast:
        out["t"] = reply.toast
    return out


def decode(raw: dict[str, Any]) -> Reply:
    """The reply stored by :func:`encode`."""
    card = poll = image = None
    if "c" in raw:
        c = raw["c"]
        card = MediaCard(
            c["id"], c["t"], c["s"], tuple((f[0], f[1]) for f in c["f"]), _unblocks(c["b"]), c["p"]
        )
    if "p" in raw:
        p = raw["p"]
        options = tuple(PollOption(o[0], o[1]) for o in p["o"])
        poll = Poll(p["q"], options, p["m"], p["id"])
    if "i" in raw:
        i = raw["i"]
        image = Image(base64.b64decode(i["d"]), i["n"], i["t"])
    buttons = tuple(tuple(Button(b[0], b[1]) for b in row) for row in raw.get("k", ()))
    return Reply(
        blocks=_unblocks(raw.get("b", [])),
        card=card,
        buttons=buttons,
        poll=poll,
        image=image,
        toast=raw.get("t"),
    )
