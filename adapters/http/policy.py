"""Resilience settings for one provider, and ``Retry-After`` parsing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime


@dataclass(frozen=True, slots=True)
class HttpPolicy:
    """Timeouts, retry, circuit-breaker and rate-budget settings (all times in seconds).

    * ``connect_timeout`` / ``read_timeout`` / ``write_timeout`` / ``pool_timeout``:
      httpx timeouts of one attempt.
    * ``max_attempts``: attempts per call, the first included (1 = no retry).
    * ``backoff_initial`` / ``backoff_max`` / ``backoff_jitter``: exponential backoff
      between attempts (``initial * 2**n`` capped at ``max``, plus up to ``jitter``).
    * ``max_retry_after``: cap applied to a server's ``Retry-After``.
    * ``total_deadline``: no new attempt is started if its wait would cross it.
    * ``breaker_threshold``: consecutive failed attempts that open the circuit.
    * ``breaker_cooldown``: how long the circuit stays open before a trial request.
    * ``rate_limit`` per ``rate_period``: request budget (leaky bucket).
    """

    connect_timeout: float = 5.0
    read_timeout: float = 10.0
    write_timeout: float = 10.0
    pool_timeout: float = 5.0
    max_attempts: int = 4
    backoff_initial: float = 0.5
    backoff_max: float = 8.0
    backoff_jitter: float = 0.5
    max_retry_after: float = 30.0
    total_deadline: float = 60.0
    breaker_threshold: int = 5
    breaker_cooldown: float = 30.0
    rate_limit: float = 40.0
    rate_period: float = 10.0

    def __post_init__(self) -> None:
        if self.max_attempts < 1:
            raise ValueError("max_attempts must be >= 1")
        if self.breaker_threshold < 1:
            raise ValueError("breaker_threshold must be >= 1")
        if self.rate_limit <= 0 or self.rate_period <= 0:
            raise ValueError("rate_limit and rate_period must be positive")
        for name in ("connect_timeout", "read_timeout", "write_timeout", "pool_timeout"):
            if getattr(self, name) <= 0:
                raise ValueError(f"{name} must be positive")


def parse_retry_after(value: str | None, *, now: datetime | None = None) -> float | None:
    """Return the delay a ``Retry-After`` header asks for, in seconds, or ``None``.

    Accepts delta-seconds (``"120"``, tolerantly ``"1.5"``) and HTTP dates
    (``"Wed, 21 Oct 2015 07:28:00 GMT"``). Dates in the past give ``0.0``;
    unparseable or negative values give ``None``.
    """
    if value is None:
        return None
    text = value.strip()
    if not text:
        return None
    try:
        seconds = float(text)
    except ValueError:
        pass
    else:
        return seconds if seconds >= 0 and seconds == seconds else None
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    current = now or datetime.now(UTC)
    return max(0.0, (when - current).total_seconds())
