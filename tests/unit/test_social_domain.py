"""Friend codes, privacy and the strength of friends' activity."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.domain.social import (
    FriendActivity,
    friend_code,
    parse_friend_code,
    shares_activity,
    signal_strength,
)

NOW = datetime(2026, 11, 24, 12, tzinfo=UTC)


@given(st.integers(min_value=1, max_value=2**40))
def test_friend_codes_round_trip_and_avoid_ambiguous_characters(profile_id: int) -> None:
    code = friend_code(profile_id)
    assert len(code) >= 6 and not set(code) & set("0O1IL")
    assert parse_friend_code(code) == profile_id
    assert parse_friend_code(f"  #{code.lower()} ") == profile_id


@pytest.mark.parametrize("text", ["", "abc", "hello world", "0O1IL0", "A" * 13, "ANA"])
def test_text_that_is_not_a_code_is_refused(text: str) -> None:
    assert parse_friend_code(text) is None


@pytest.mark.parametrize(
    ("visibility", "follows_back", "shares"),
    [
        ("public", False, True),
        ("public", True, True),
        ("friends", False, False),
        ("friends", True, True),
        ("private", True, False),
        (None, True, False),
    ],
)
def test_privacy_decides_what_reaches_followers(
    visibility: str | None, follows_back: bool, shares: bool
) -> None:
    assert shares_activity(visibility, follows_back) is shares


def test_high_ratings_speak_louder_and_everything_fades_with_age() -> None:
    def rated(value: int, days: float = 0) -> float:
        at = NOW - timedelta(days=days)
        return signal_strength(FriendActivity(1, 2, "rated", at, rating=value), NOW)

    assert rated(10) == 1.0 and rated(7) == 0.25 and rated(6) == 0.0
    assert rated(10, days=30) == pytest.approx(0.5)
    watched = signal_strength(FriendActivity(1, 2, "watched", NOW), NOW)
    listed = signal_strength(FriendActivity(1, 2, "listed", NOW), NOW)
    assert rated(10) > watched > listed > 0
    assert signal_strength(FriendActivity(1, 2, "joined", NOW), NOW) == 0.0
