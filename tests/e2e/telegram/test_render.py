"""The renderer alone: escaping, tags, cards, keyboards, and splitting at Telegram's limits."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from adapters.telegram.render import TEXT_LIMIT, Outgoing, render, split_blocks, tg_len, toast
from core.views.reply import (
    Block,
    Button,
    MediaCard,
    Reply,
    Span,
    Style,
    bold,
    code,
    italic,
    plain,
    spoiler,
)

TAGS = {"b", "i", "code", "tg-spoiler", "a"}
WHITESPACE = re.compile(r"\s+")
ENTITY = re.compile(r"&(?:lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);")


class TelegramHtml(HTMLParser):
    """Checks a part is HTML Telegram accepts: known tags, balanced, whole entities."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.open: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        assert tag in TAGS and not self.open, f"unexpected or nested <{tag}>"
        self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.open and self.open.pop() == tag, f"unbalanced </{tag}>"

    def handle_data(self, data: str) -> None:
        assert "<" not in data and ">" not in data, data
        self.text.append(data)

    def handle_entityref(self, name: str) -> None:
        self.text.append(unescape(f"&{name};"))

    def handle_charref(self, name: str) -> None:
        self.text.append(unescape(f"&#{name};"))


def visible(part: str) -> str:
    """The text of one valid part (raises AssertionError when it is not valid)."""
    assert ENTITY.sub("", part).count("&") == 0, "a cut entity"
    parser = TelegramHtml()
    parser.feed(part)
    parser.close()
    assert not parser.open, f"unclosed <{parser.open[-1]}>"
    return "".join(parser.text)


def test_every_span_style_is_escaped_and_tagged() -> None:
    block: Block = (
        plain("1 < 2 & 3 > 2 "),
        bold("<b>"),
        italic("it's"),
        spoiler("Vader is"),
        code("a<b"),
        Span("docs", Style.LINK, 'https://example.com/?a=1&b="2"'),
        Span("evil", Style.LINK, "javascript:alert(1)"),
        italic(""),
    )
    [call] = render(Reply(blocks=(block,)))
    assert call == Outgoing(
        "send_message",
        {
            "text": "1 &lt; 2 &amp; 3 &gt; 2 <b>&lt;b&gt;</b><i>it's</i><tg-spoiler>Vader is"
            '</tg-spoiler><code>a&lt;b</code><a href="https://example.com/?a=1&amp;b=&quot;2&quot;">'
            "docs</a>evil",
            "parse_mode": "HTML",
        },
    )


def test_a_card_with_a_poster_is_a_captioned_photo_and_buttons_go_last() -> None:
    card = MediaCard(
        1,
        "Amélie <2001>",
        "Movie",
        (("Director", "Jean-Pierre Jeunet"),),
        ((plain("x" * 2000),),),
        "https://img/p.jpg",
    )
    calls = render(Reply(card=card, buttons=((Button("To Watch", "wl:add:1"),),)))
    assert [c.method for c in calls] == ["send_photo", "send_message"]
    assert calls[0].kwargs == {
        "photo": "https://img/p.jpg",
        "caption": "<b>Amélie &lt;2001&gt;</b>\n<i>Movie</i>\n<b>Director: </b>Jean-Pierre Jeunet",
        "parse_mode": "HTML",
    }
    assert calls[1].kwargs["text"] == "x" * 2000
    assert calls[1].kwargs["reply_markup"].inline_keyboard[0][0].callback_data == "wl:add:1"


def test_an_empty_reply_sends_nothing_and_toasts_are_capped() -> None:
    assert render(Reply()) == []
    assert toast(None) is None
    assert toast("y" * 300) == "y" * 199 + "…"


def test_long_replies_split_on_block_boundaries() -> None:
    blocks = tuple((bold(f"{n}. "), plain("Alien & <Aliens> " * 5)) for n in range(200))
    parts = split_blocks(blocks)
    assert len(parts) > 1
    assert all(tg_len(p) <= TEXT_LIMIT for p in parts)
    assert "\n".join(parts).split("\n") == [
        f"<b>{n}. </b>" + "Alien &amp; &lt;Aliens&gt; " * 5 for n in range(200)
    ]
    assert all(p.startswith("<b>") and p.endswith("&gt; ") for p in parts)  # whole blocks


def test_one_huge_block_is_cut_between_words_and_keeps_its_tags() -> None:
    text = "spoiler & <twist> " * 700  # 12,600 characters, 19,600 once escaped
    parts = split_blocks(((spoiler(text),),))
    assert len(parts) == 5
    for part in parts:
        assert tg_len(part) <= TEXT_LIMIT
        assert part.startswith("<tg-spoiler>") and part.endswith("</tg-spoiler>")
        assert visible(part).endswith(" ")  # cut after a space, never inside a word
    assert "".join(visible(p) for p in parts) == text


def test_the_limit_counts_utf16_units() -> None:
    parts = split_blocks(((plain("🎬" * 3000),),))
    assert [tg_len(p) for p in parts] == [4096, 1904]


spans = st.builds(
    Span,
    st.text(alphabet=st.sampled_from("ab <>&\"'é🎬\n"), max_size=300),
    st.sampled_from([s for s in Style if s is not Style.LINK]),
)


@settings(max_examples=60, deadline=None)  # no per-example deadline: CI machines stall
@given(st.lists(st.lists(spans, max_size=6).map(tuple), max_size=40), st.integers(60, 600))
def test_any_reply_splits_into_valid_parts_within_the_limit(
    blocks: list[Block], limit: int
) -> None:
    parts = split_blocks(blocks, limit)
    for part in parts:
        assert 0 < tg_len(part) <= limit
        visible(part)
    original = "".join(s.text for block in blocks for s in block)
    shown = "".join(visible(p) for p in parts)
    assert WHITESPACE.sub("", shown) == WHITESPACE.sub("", original)  # only blank parts dropped
