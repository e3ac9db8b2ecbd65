"""Ratings (1-10) and reviews (20-5000 characters): value objects and validation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from core.domain.errors import InvalidInput
from core.domain.lists import Visibility
from core.i18n import N_

RATING_MIN = 1
RATING_MAX = 10
REVIEW_MIN = 20
REVIEW_MAX = 5000


def parse_rating(raw: str | int) -> int:
    """Turn user input into a rating 1-10, or raise InvalidInput with the allowed range."""
    text = str(raw).strip().removesuffix("/10")
    try:
        value = int(text)
    except ValueError:
        raise InvalidInput(
            N_("A rating is a whole number from {min} to {max}; “{given}” is not."),
            min=RATING_MIN,
            max=RATING_MAX,
            given=str(raw),
        ) from None
    if not RATING_MIN <= value <= RATING_MAX:
        raise InvalidInput(
            N_("A rating goes from {min} to {max}; {given} is out of range."),
            min=RATING_MIN,
            max=RATING_MAX,
            given=value,
        )
    return value


def validate_review(text: str) -> str:
    """Return the cleaned review text or raise InvalidInput naming the limits."""
    cleaned = text.strip()
    if not REVIEW_MIN <= len(cleaned) <= REVIEW_MAX:
        raise InvalidInput(
            N_("A review must be {min} to {max} characters long (yours has {length})."),
            min=REVIEW_MIN,
            max=REVIEW_MAX,
            length=len(cleaned),
        )
    return cleaned


@dataclass(frozen=True, slots=True)
class Review:
    """A profile's review of one title."""

    id: int
    profile_id: int
    media_id: int
    body: str
    spoiler: bool
    visibility: Visibility
    created_at: datetime
    updated_at: datetime
