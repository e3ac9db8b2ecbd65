"""The real clock."""

from __future__ import annotations

from datetime import UTC, datetime


class SystemClock:
    """Clock port over the system time (UTC)."""

    def now(self) -> datetime:
        """The current aware UTC time."""
        return datetime.now(UTC)
