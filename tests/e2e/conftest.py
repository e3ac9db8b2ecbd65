"""End-to-end fixtures: the real core, once, over a rolled-back SQLite database."""

from __future__ import annotations

import pytest


@pytest.fixture
def database_url(sqlite_database: str) -> str:
    """SQLite only: these suites test the platforms, not the database backends."""
    return sqlite_database
