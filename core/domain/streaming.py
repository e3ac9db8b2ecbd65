"""Streaming services: the ones a person has, and which of a title's providers they are."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from core.domain.accounts import Profile


def matching_providers(providers: Iterable[str], services: Sequence[str]) -> list[str]:
    """The providers matching one of ``services`` (case-insensitive containment, so "prime"
    matches "Amazon Prime Video")."""
    wanted = [s.casefold() for s in services if s.strip()]
    return [p for p in providers if any(w in str(p).casefold() for w in wanted)]


def streaming_services(profile: Profile) -> list[str]:
    """The streaming services a profile said it has (``/settings services``)."""
    stored = profile.preferences.get("services")
    return [str(s) for s in stored] if isinstance(stored, list) else []
