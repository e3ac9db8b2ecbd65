"""The renderer alone: Markdown escaping and fitting buttons into Discord's five rows."""

from __future__ import annotations

import pytest

from adapters.discord.actions import ActionButton, ActionMenu
from adapters.discord.render import blocks_markdown, layout, render
from core.views.reply import Button, MediaCard, Reply, Span, Style, bold, code, italic, spoiler


@pytest.mark.parametrize(
    ("span", "markdown"),
    [
        (Span("a*b_c ~d~ |e|"), r"a\*b\_c \~d\~ \|e\|"),
        (bold(" Your lists "), " **Your lists** "),
        (italic(" — notes"), " *— notes*"),
        (italic(""), ""),
        (spoiler("Ash is a *robot*"), r"||Ash is a \*robot\*||"),
        (code("/add Dune"), "`/add Dune`"),
        (code("a`b"), "`` a`b ``"),
        (
            Span("IMDb", Style.LINK, "https://example.com/t?x=1"),
            "[IMDb](<https://example.com/t?x=1>)",
        ),
    ],
)
def test_spans_are_escaped_then_formatted(span: Span, markdown: str) -> None:
    assert blocks_markdown(((span,),)) == markdown


def _rows(count: int, width: int) -> tuple[tuple[Button, ...], ...]:
    return tuple(
        tuple(Button(f"{r}.{c}", f"t:b:{r}:{c}") for c in range(width)) for r in range(count)
    )


def test_five_rows_of_five_stay_buttons() -> None:
    fitted = layout(_rows(5, 5))
    assert (len(fitted.head), fitted.menus, fitted.tail) == (5, [], [])


def test_a_search_page_keeps_three_result_rows_a_menu_and_the_pager() -> None:
    rows = (*_rows(5, 4), (Button("◀", "sr:pg:1:x"), Button("▶", "sr:pg:3:x")))
    fitted = layout(rows)
    assert [[b.label for b in row] for row in fitted.head] == [
        ["0.0", "0.1", "0.2", "0.3"],
        ["1.0", "1.1", "1.2", "1.3"],
        ["2.0", "2.1", "2.2", "2.3"],
    ]
    assert fitted.menus == [
        [
            ("3.0", "t:b:3:0"),
            ("3.0 · 3.1", "t:b:3:1"),
            ("3.0 · 3.2", "t:b:3:2"),
            ("3.0 · 3.3", "t:b:3:3"),
            ("4.0", "t:b:4:0"),
            ("4.0 · 4.1", "t:b:4:1"),
            ("4.0 · 4.2", "t:b:4:2"),
            ("4.0 · 4.3", "t:b:4:3"),
        ]
    ]
    assert [[b.label for b in row] for row in fitted.tail] == [["◀", "▶"]]


def test_wide_rows_wrap_and_duplicate_actions_are_dropped() -> None:
    fitted = layout(((*_rows(1, 7)[0], Button("again", "t:b:0:0")),))
    assert [[b.action for b in row] for row in fitted.head] == [
        [f"t:b:0:{c}" for c in range(5)],
        ["t:b:0:5", "t:b:0:6"],
    ]


def test_more_than_a_hundred_options_are_cut_to_four_menus() -> None:
    fitted = layout(_rows(30, 5))
    assert (len(fitted.head), [len(m) for m in fitted.menus], len(fitted.tail)) == (
        0,
        [25, 25, 25, 25],
        1,
    )


async def test_a_card_becomes_an_embed_and_buttons_dynamic_items() -> None:
    card = MediaCard(
        1,
        "Heat (1995)",
        "Crime · Drama",
        (("Director", "Michael Mann"),),
        ((Span("A *heist* film."),),),
        "https://image.example/heat.jpg",
    )
    message = render(Reply(card=card, buttons=_rows(7, 1)))
    embed = message.embeds[0].to_dict()
    assert embed["title"] == "Heat (1995)"
    assert embed["description"] == "Crime · Drama\n\nA \\*heist\\* film."
    assert embed["fields"] == [{"name": "Director", "value": "Michael Mann", "inline": True}]
    assert embed["thumbnail"] == {"url": "https://image.example/heat.jpg"}
    assert message.content is None
    assert message.view is not None
    kinds = [type(item) for item in message.view.children]
    assert kinds == [ActionButton] * 3 + [ActionMenu] + [ActionButton]


async def test_an_empty_reply_still_says_something() -> None:
    assert render(Reply(toast="Saved *now*")).content == r"Saved \*now\*"
    assert render(Reply()).content == "✅"
