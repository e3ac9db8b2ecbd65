"""Users, their platform identities and profiles."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Profile:
    """One viewing profile of a user (a household can have several; kids' profiles are filtered)."""

    id: int
    user_id: int
    name: str
    is_kid: bool = False
    locale: str | None = None
    timezone: str | None = None
    region: str | None = None
    preferences: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Account:
    """The person behind a platform identity, with the profile currently in use."""

    user_id: int
    identity_id: int
    display_name: str
    profile: Profile
    created: bool = False
