"""The reply model, the action codec and text-argument parsing (no I/O)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.commands import CommandSpec, Registry, parse_text
from core.domain.errors import InvalidInput
from core.handlers import build_registry
from core.views.actions import format_action, parse_action
from core.views.reply import Button

REGISTRY = build_registry()


def spec(name: str) -> CommandSpec:
    found = REGISTRY.get(name)
    assert found is not None
    return found


def test_buttons_refuse_actions_over_64_bytes_or_not_ascii() -> None:
    Button("ok", "a" * 64)
    with pytest.raises(ValueError, match="64 bytes"):
        Button("too long", "a" * 65)
    with pytest.raises(ValueError, match="64 bytes"):
        Button("accent", "wl:add:é")


@given(
    st.lists(
        st.text(
            alphabet=st.characters(min_codepoint=33, max_codepoint=126, blacklist_characters=":"),
            min_size=1,
            max_size=8,
        ),
        min_size=2,
        max_size=5,
    )
)
def test_action_codec_round_trips(parts: list[str]) -> None:
    action = format_action(*parts)
    parsed = parse_action(action)
    assert parsed is not None
    assert (parsed.area, parsed.verb, parsed.args) == (parts[0], parts[1], tuple(parts[2:]))


@pytest.mark.parametrize("raw", ["", "nocolon", ":x", "x:", "é:x", "a:" + "b" * 70])
def test_malformed_actions_parse_to_none(raw: str) -> None:
    assert parse_action(raw) is None


def test_format_action_refuses_colons_and_overflow() -> None:
    with pytest.raises(ValueError, match=":"):
        format_action("sr", "pg", "a:b")
    with pytest.raises(ValueError, match="too long"):
        format_action("sr", "pg", "x" * 80)


@pytest.mark.parametrize(
    ("command", "text", "expected"),
    [
        ("add", "Dune", {"title": "Dune"}),
        ("add", "Dune   to   Favorites", {"title": "Dune", "list": "Favorites"}),
        (
            "add",
            "Back to the Future to Weekend",
            {"title": "Back to the Future", "list": "Weekend"},
        ),
        ("remove", "Heat from Watching", {"title": "Heat", "list": "Watching"}),
        ("rate", "The Godfather 9", {"title": "The Godfather", "rating": "9"}),
        ("watched", "Alien 2024-05-31", {"title": "Alien", "date": "2024-05-31"}),
        ("watched", "Blade Runner 2049", {"title": "Blade Runner 2049"}),
        ("list", "To Watch 2", {"name": "To Watch", "page": "2"}),
        ("newlist", "Noir | Shadows and rain", {"name": "Noir", "description": "Shadows and rain"}),
        ("renamelist", "Noir to Neo-noir", {"old": "Noir", "new": "Neo-noir"}),
        (
            "review",
            "Alien | Great film, really great.",
            {"title": "Alien", "text": "Great film, really great."},
        ),
        (
            "review",
            "Alien\nLine one.\nLine two is here.",
            {"title": "Alien", "text": "Line one.\nLine two is here."},
        ),
        ("ep", "Breaking Bad S01E03", {"show": "Breaking Bad", "code": "S01E03"}),
        ("own", "Heat blu-ray", {"title": "Heat", "format": "blu-ray"}),
        ("help", "", {}),
    ],
)
def test_parse_text(command: str, text: str, expected: dict[str, str]) -> None:
    assert parse_text(spec(command), text) == expected


@pytest.mark.parametrize(
    ("command", "text", "missing"),
    [
        ("rate", "Heat", "rating"),
        ("move", "Heat", "list"),
        ("add", "", "title"),
        ("ep", "Chernobyl", "code"),
    ],
)
def test_missing_parameters_name_the_parameter_and_usage(
    command: str, text: str, missing: str
) -> None:
    with pytest.raises(InvalidInput) as error:
        parse_text(spec(command), text)
    assert error.value.params["param"] == missing
    assert str(error.value.params["usage"]).startswith(f"/{command}")


def test_commands_without_parameters_refuse_arguments() -> None:
    with pytest.raises(InvalidInput):
        parse_text(spec("lists"), "extra words")


def test_registry_names_are_valid_on_every_platform_and_unique() -> None:
    names = [s.name for s in REGISTRY]
    assert len(names) == len(set(names))
    for s in REGISTRY:
        assert len(s.description) <= 100 and s.usage.startswith(f"/{s.name}")
    with pytest.raises(ValueError, match="invalid command name"):
        Registry().command("Bad-Name", "x", "/x")(lambda ctx, args: None)  # type: ignore[arg-type,return-value]


def test_the_issue_contract_commands_exist() -> None:
    expected = {
        "start",
        "help",
        "search",
        "title",
        "add",
        "remove",
        "move",
        "lists",
        "list",
        "newlist",
        "renamelist",
        "deletelist",
        "watched",
        "unwatch",
        "rate",
        "unrate",
        "review",
        "own",
        "library",
        "episodes",
        "ep",
        "next",
        "settings",
    }
    assert expected <= {s.name for s in REGISTRY}
