"""Shared settings of the provider tests (data directory, Redis URL, fast policies)."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path
from typing import Any

import pytest

from adapters.http import HttpPolicy

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
REDIS_URL = os.environ.get("WATCHBOT_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")

#: Tiny timeouts and backoff so fault tests stay fast; breaker and budget out of the way.
FAST = HttpPolicy(
    connect_timeout=0.5,
    read_timeout=0.25,
    write_timeout=0.5,
    pool_timeout=0.5,
    max_attempts=3,
    backoff_initial=0.01,
    backoff_max=0.05,
    backoff_jitter=0.01,
    max_retry_after=2.0,
    total_deadline=5.0,
    breaker_threshold=100,
    breaker_cooldown=0.3,
    rate_limit=1000,
    rate_period=1.0,
)


def fast(**changes: Any) -> HttpPolicy:
    """:data:`FAST` with some settings changed."""
    return dataclasses.replace(FAST, **changes)


def redis_unavailable(error: BaseException) -> None:
    """Skip when Redis is unreachable, but fail when CI=true."""
    message = f"Redis is not reachable at {REDIS_URL}: {error}"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{message} (CI=true, so this is a failure)")
    pytest.skip(message)
