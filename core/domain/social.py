"""Following people: friend codes, who shares activity with whom, and social signals."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqids import Sqids

from core.domain.lists import Visibility

# No 0/O, 1/I/L: a code read aloud or copied from a screenshot survives.
_CODES = Sqids(alphabet="ABCDEFGHJKMNPQRSTUVWXYZ23456789", min_length=6)

#: How strongly each kind of friend activity recommends a title (ratings: see `signal_strength`).
WATCHED_STRENGTH = 0.5
LISTED_STRENGTH = 0.3
#: A friend's activity counts half as much after this many days.
SIGNAL_HALF_LIFE_DAYS = 30.0
#: Only this much history of friends' activity is read.
SIGNAL_DAYS = 180
#: A rating (1-10) below this says nothing good about a title.
LIKED_FROM = 7


def friend_code(profile_id: int) -> str:
    """The short code a person shares so others can follow them (e.g. ``K7QX2M``)."""
    return str(_CODES.encode([profile_id]))


def parse_friend_code(text: str) -> int | None:
    """The profile id behind a friend code, or None when it is not one of ours."""
    code = text.strip().upper().removeprefix("#")
    if not 6 <= len(code) <= 12:
        return None
    numbers = _CODES.decode(code)
    if len(numbers) != 1 or friend_code(numbers[0]) != code:  # canonical codes only
        return None
    return int(numbers[0])


def shares_activity(visibility: str | None, follows_back: bool) -> bool:
    """Whether a person's activity reaches a follower: public always, friends only when they
    follow each other, private never (the default for people who never chose)."""
    if visibility == Visibility.PUBLIC.value:
        return True
    return visibility == Visibility.FRIENDS.value and follows_back


@dataclass(frozen=True, slots=True)
class FriendActivity:
    """Something a followed person did with a title."""

    profile_id: int
    media_id: int
    kind: str  # "rated" | "watched" | "listed"
    at: datetime
    rating: int | None = None


@dataclass(frozen=True, slots=True)
class FriendEvent:
    """A recorded activity event (its id orders and deduplicates notifications)."""

    id: int
    activity: FriendActivity


@dataclass(frozen=True, slots=True)
class Friend:
    """A person one follows or is followed by."""

    profile_id: int
    name: str
    shares: bool  # their activity reaches you
    mutual: bool


def signal_strength(activity: FriendActivity, now: datetime) -> float:
    """How much one friend's activity recommends the title, decayed with age (0 = nothing)."""
    if activity.kind == "rated":
        if activity.rating is None or activity.rating < LIKED_FROM:
            return 0.0
        base = (activity.rating - LIKED_FROM + 1) / (10 - LIKED_FROM + 1)  # 7 -> 0.25, 10 -> 1
    elif activity.kind == "watched":
        base = WATCHED_STRENGTH
    elif activity.kind == "listed":
        base = LISTED_STRENGTH
    else:
        return 0.0
    age_days = max((now - activity.at).total_seconds(), 0.0) / 86_400.0
    return float(base * 0.5 ** (age_days / SIGNAL_HALF_LIFE_DAYS))
