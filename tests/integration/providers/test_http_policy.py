"""``Retry-After`` parsing and policy validation."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from adapters.http import HttpPolicy, parse_retry_after

NOW = datetime(2026, 11, 24, 12, 0, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("120", 120.0),
        (" 3 ", 3.0),
        ("0", 0.0),
        ("1.5", 1.5),
        ("Tue, 24 Nov 2026 12:00:30 GMT", 30.0),
        ("Tue, 24 Nov 2026 11:59:00 GMT", 0.0),
        ("-5", None),
        ("nan", None),
        ("soon", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_retry_after(header: str | None, expected: float | None) -> None:
    assert parse_retry_after(header, now=NOW) == expected


@pytest.mark.parametrize(
    "changes",
    [
        {"max_attempts": 0},
        {"breaker_threshold": 0},
        {"rate_limit": 0},
        {"rate_period": -1},
        {"read_timeout": 0},
    ],
)
def test_policy_rejects_nonsense(changes: dict[str, float]) -> None:
    with pytest.raises(ValueError):  # noqa: PT011
        HttpPolicy(**changes)  # type: ignore[arg-type]
