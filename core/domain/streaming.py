"""Streaming services: which of a title's providers a person has."""

from __future__ import annotations

from collections.abc import Iterable, Sequence


def matching_providers(providers: Iterable[str], services: Sequence[str]) -> list[str]:
    """The providers matching one of ``services`` (case-insensitive containment, so "prime"
    matches "Amazon Prime Video")."""
    wanted = [s.casefold() for s in services if s.strip()]
    return [p for p in providers if any(w in str(p).casefold() for w in wanted)]
