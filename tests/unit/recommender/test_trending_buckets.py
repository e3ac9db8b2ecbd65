"""Day buckets of the trending windows and event weights (recommender.trending)."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from recommender.trending import (
    DAY,
    WINDOW_DAYS,
    bucket_weights,
    day_index,
    event_weight,
)

MIDNIGHT = 20_000 * DAY  # 2024-10-04 00:00 UTC
moments = st.floats(min_value=0, max_value=4e9, allow_nan=False, allow_infinity=False)
windows = st.sampled_from(sorted(WINDOW_DAYS))


def test_at_midnight_every_bucket_is_whole() -> None:
    # day window, half-life 12 h: yesterday's middle is 12 h ago, today has just begun
    assert bucket_weights(MIDNIGHT, "day") == [(19_999, 0.5), (20_000, 1.0)]


def test_at_noon_the_oldest_bucket_is_half_covered() -> None:
    (old, old_weight), (today, today_weight) = bucket_weights(MIDNIGHT + DAY / 2, "day")
    assert (old, today) == (19_999, 20_000)
    # yesterday's covered half is [12:00, 24:00], its middle 18 h before now
    assert old_weight == pytest.approx(0.5 * 2 ** (-18 / 12))
    # today counts in full; the middle of its elapsed 12 h is 6 h ago
    assert today_weight == pytest.approx(2 ** (-6 / 12))


def test_week_and_month_half_lives() -> None:
    week = dict(bucket_weights(MIDNIGHT, "week"))
    month = dict(bucket_weights(MIDNIGHT, "month"))
    assert sorted(week) == list(range(19_993, 20_001))
    assert sorted(month) == list(range(19_970, 20_001))
    # a whole bucket 2.5 days old: one 2-day half-life and a quarter; 7 days for a month
    assert week[19_997] == pytest.approx(2 ** (-2.5 / 2))
    assert month[19_997] == pytest.approx(2 ** (-2.5 / 7))


def test_unknown_window() -> None:
    with pytest.raises(ValueError, match="window"):
        bucket_weights(MIDNIGHT, "year")


@given(now=moments, window=windows)
def test_weights_are_positive_at_most_one_and_newer_weighs_more(now: float, window: str) -> None:
    buckets = bucket_weights(now, window)
    days = [day for day, _ in buckets]
    weights = [weight for _, weight in buckets]
    assert days == list(range(day_index(now) - WINDOW_DAYS[window], day_index(now) + 1))
    assert all(0 < weight <= 1 for weight in weights)
    assert all(older <= newer for older, newer in itertools.pairwise(weights))


@given(now=moments, window=windows, step=st.floats(min_value=1e-3, max_value=3 * DAY))
def test_a_bucket_only_loses_weight_as_time_passes(now: float, window: str, step: float) -> None:
    before = dict(bucket_weights(now, window))
    after = dict(bucket_weights(now + step, window))
    for day, weight in after.items():
        if day in before:
            assert weight <= before[day] * (1 + 1e-12)


@given(day=st.integers(min_value=1, max_value=40_000), window=windows)
def test_weights_do_not_jump_at_midnight(day: int, window: str) -> None:
    # just before midnight the oldest bucket has almost no coverage left; at midnight it
    # leaves, the others keep their weights, and today's new bucket is still empty
    before = dict(bucket_weights(day * DAY - 1e-3, window))
    after = dict(bucket_weights(day * DAY, window))
    oldest = min(before)
    assert before[oldest] < 1e-6
    assert set(after) == (set(before) - {oldest}) | {day}
    for kept in set(before) - {oldest}:
        assert after[kept] == pytest.approx(before[kept], rel=1e-6)


@pytest.mark.parametrize(
    ("kind", "payload", "weight"),
    [
        ("watched", {"count": 2}, 1.0),
        ("rated", {"value": 7}, 1.0),
        ("rated", {"value": 10}, 1.0),
        ("rated", {"value": 6.5}, 0.5),
        ("rated", {"value": "8"}, 1.0),
        ("rated", {"value": "eight"}, 0.5),
        ("rated", {"value": True}, 0.5),
        ("rated", {}, 0.5),
        ("rated", None, 0.5),
        ("listed", {"list": 3}, 0.5),
        ("reviewed", {}, 0.5),
        ("not_interested", {}, 0.0),
        ("joined", {}, 0.0),
    ],
)
def test_event_weights(kind: str, payload: dict[str, object] | None, weight: float) -> None:
    assert event_weight(kind, payload) == weight
