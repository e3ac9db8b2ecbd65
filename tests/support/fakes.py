"""Fakes at our ports (no mocks of the core)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta


class FakeClock:
    """A clock that stands still until told to move."""

    def __init__(self, now: datetime | None = None) -> None:
        self.current = now or datetime(2026, 11, 24, 12, 0, tzinfo=UTC)

    def now(self) -> datetime:
        """The frozen time."""
        return self.current

    def advance(self, **delta: float) -> None:
        """Move forward by a timedelta's keyword arguments."""
        self.current += timedelta(**delta)
