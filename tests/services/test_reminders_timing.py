"""Reminder timing rules: local hours in several time zones, DST changes and gaps, quiet hours,
digest grouping (pure functions, no database)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from core.domain.delivery import Destination
from core.domain.errors import InvalidInput
from core.domain.reminders import (
    DueReminder,
    NotificationSettings,
    QuietHours,
    Release,
    Subscription,
    TargetKind,
    Timing,
    group_digests,
    local_instant,
    outside_quiet,
    parse_quiet,
    plan,
)

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
ANA = Destination.of_user("telegram", "1")


def sub(days: int = 1) -> Subscription:
    """A title subscription."""
    return Subscription(7, "p:1", TargetKind.TITLE, 3, "Dune", days, ANA, profile_id=1)


def due_times(zone: str, day: date, *, days: int = 1, **settings: object) -> list[str]:
    """The planned due times (UTC, ISO) of a release on ``day``."""
    timing = Timing(ZoneInfo(zone), NotificationSettings(**settings))  # type: ignore[arg-type]
    planned = plan(sub(days), [Release(3, "Dune", day)], timing, NOW)
    return [p.due_at.astimezone(UTC).strftime("%Y-%m-%d %H:%M") for p in planned]


@pytest.mark.parametrize(
    ("zone", "expected"),
    [
        ("Europe/Paris", ["2026-12-17 08:00", "2026-12-18 08:00"]),
        ("America/New_York", ["2026-12-17 14:00", "2026-12-18 14:00"]),
        ("Asia/Tokyo", ["2026-12-17 00:00", "2026-12-18 00:00"]),
        ("Australia/Adelaide", ["2026-12-16 22:30", "2026-12-17 22:30"]),  # UTC+10:30 in summer
    ],
)
def test_nine_in_the_morning_in_every_zone(zone: str, expected: list[str]) -> None:
    assert due_times(zone, date(2026, 12, 18)) == expected


def test_across_the_european_dst_change() -> None:
    # the clocks go forward on 2027-03-28: 09:00 is 08:00 UTC the day before, 07:00 UTC on it
    assert due_times("Europe/Paris", date(2027, 3, 28)) == ["2027-03-27 08:00", "2027-03-28 07:00"]
    # and back on 2027-10-31
    assert due_times("Europe/Paris", date(2027, 10, 31)) == ["2027-10-30 07:00", "2027-10-31 08:00"]


def test_across_the_american_dst_change() -> None:
    assert due_times("America/New_York", date(2027, 3, 14)) == [
        "2027-03-13 14:00",
        "2027-03-14 13:00",
    ]


def test_an_hour_the_clocks_skip_moves_forward_and_a_repeated_one_is_taken_once() -> None:
    paris = ZoneInfo("Europe/Paris")
    skipped = local_instant(date(2027, 3, 28), 2 * 60 + 30, paris)  # 02:30 does not exist
    assert skipped.isoformat() == "2027-03-28T01:30:00+00:00"  # 03:30 CEST
    repeated = local_instant(date(2027, 10, 31), 2 * 60 + 30, paris)  # 02:30 happens twice
    assert repeated.isoformat() == "2027-10-31T00:30:00+00:00"  # the first one (CEST)


def test_quiet_hours_move_a_reminder_to_their_end() -> None:
    quiet = QuietHours(22 * 60, 10 * 60)  # 22:00-10:00 wraps midnight
    assert due_times("Europe/Paris", date(2026, 12, 18), quiet=quiet) == [
        "2026-12-17 09:00",  # 10:00 in Paris
        "2026-12-18 09:00",
    ]
    paris = ZoneInfo("Europe/Paris")
    late = datetime(2026, 12, 17, 22, 30, tzinfo=UTC)  # 23:30 in Paris: next morning at 10
    assert outside_quiet(late, paris, quiet).isoformat() == "2026-12-18T09:00:00+00:00"
    day_window = QuietHours(12 * 60, 14 * 60)
    lunch = datetime(2026, 12, 17, 12, 15, tzinfo=UTC)  # 13:15 in Paris
    assert outside_quiet(lunch, paris, day_window).isoformat() == "2026-12-17T13:00:00+00:00"


def test_past_reminders_are_skipped_and_today_goes_now() -> None:
    # released today (NOW is 13:00 in Paris, after 09:00): the day-of reminder goes now
    assert due_times("Europe/Paris", date(2026, 11, 24), days=3) == ["2026-11-24 12:00"]
    assert due_times("Europe/Paris", date(2026, 11, 23)) == []
    assert due_times("Europe/Paris", date(2026, 12, 18), days=0) == ["2026-12-18 08:00"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("22-7", QuietHours(1320, 420)), ("22:30-07:15", QuietHours(1350, 435)), ("off", None)],
)
def test_quiet_hours_parse(text: str, expected: QuietHours | None) -> None:
    assert parse_quiet(text) == expected


@pytest.mark.parametrize("text", ["22", "25-7", "7-7", "late"])
def test_bad_quiet_hours(text: str) -> None:
    with pytest.raises(InvalidInput):
        parse_quiet(text)


def test_digests_group_by_destination_others_stay_single() -> None:
    def due(i: int, digest: bool, to: Destination) -> DueReminder:
        return DueReminder(i, f"t{i}", date(2026, 12, 18), 0, NOW, digest, to, None)

    bob = Destination.of_user("telegram", "2")
    groups = group_digests([due(1, True, ANA), due(2, False, bob), due(3, True, ANA)])
    assert [[r.id for r in g] for g in groups] == [[2], [1, 3]]
