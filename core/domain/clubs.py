"""Movie clubs: members and roles, the shared watchlist, movie nights, polls and club ratings."""

from __future__ import annotations

import enum
import re
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from core.domain.errors import Conflict, InvalidInput, NotAllowed
from core.domain.voting import Ballot, Method
from core.i18n import N_

NIGHT_FORMAT = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})[ T]+(\d{1,2}):(\d{2})\s*$")
MAX_OPTIONS = 10  # Telegram's native polls take at most 10 options; buttons stay readable too
MIN_OPTIONS = 2


class Role(enum.StrEnum):
    """A member's role; platform admins are club admins whatever their stored role."""

    OWNER = "owner"
    ADMIN = "admin"
    MEMBER = "member"


@dataclass(frozen=True, slots=True)
class ClubSettings:
    """Per-club knobs (stored as JSON on the club)."""

    suggestion_limit: int = 5  # open suggestions per member
    poll_hours: int = 24  # how long a poll stays open by default
    remind_hours: int = 2  # members are reminded this long before a night
    rate_after_hours: int = 3  # ratings are asked for this long after a night starts
    poll_size: int = 3  # options in "/poll" without a number

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> ClubSettings:
        """Settings from the stored JSON, defaults for anything missing or malformed."""
        values = {k: raw[k] for k in cls.__dataclass_fields__ if isinstance(raw.get(k), int)}
        return cls(**values)


@dataclass(frozen=True, slots=True)
class Club:
    """A club bound to one group chat (Telegram) or server (Discord)."""

    id: int
    platform: str
    chat_id: str
    name: str
    timezone: str | None
    locale: str | None
    settings: ClubSettings = field(default_factory=ClubSettings)


@dataclass(frozen=True, slots=True)
class Member:
    """A profile in a club."""

    profile_id: int
    name: str
    role: Role
    remind_nights: bool = True
    personal_ratings: bool = True
    private: bool = False  # their profile privacy hides their name from club statistics
    external_id: str | None = None  # their identity on the club's platform (for reminders)


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A title on the club watchlist, with who suggested it."""

    media_id: int
    title: str
    year: int | None
    position: int
    suggested_by: int | None
    suggester: str
    added_at: datetime

    @property
    def label(self) -> str:
        """``Title (year)``."""
        return f"{self.title} ({self.year})" if self.year else self.title


class NightStatus(enum.StrEnum):
    """Where a movie night stands."""

    SCHEDULED = "scheduled"
    DONE = "done"
    CANCELLED = "cancelled"


@dataclass(frozen=True, slots=True)
class Night:
    """A scheduled movie night; ``media_id`` is the film once a poll has chosen it."""

    id: int
    club_id: int
    starts_at: datetime
    timezone: str
    status: NightStatus
    media_id: int | None = None
    title: str | None = None
    thread_id: str | None = None
    remind_at: datetime | None = None  # None once members were reminded

    def local(self) -> datetime:
        """The start in the club's time zone."""
        return self.starts_at.astimezone(ZoneInfo(self.timezone))


class PollStatus(enum.StrEnum):
    """Open polls take votes; closed ones have a result."""

    OPEN = "open"
    CLOSED = "closed"


@dataclass(frozen=True, slots=True)
class PollOption:
    """One numbered option of a club poll."""

    number: int
    media_id: int
    label: str
    suggested_by: int | None = None


@dataclass(frozen=True, slots=True)
class ClubPoll:
    """A vote on the next film."""

    id: int
    club_id: int
    method: Method
    status: PollStatus
    closes_at: datetime
    options: tuple[PollOption, ...]
    night_id: int | None = None
    thread_id: str | None = None
    winner: int | None = None  # the winning media id once closed
    voters: int = 0

    def option(self, number: int) -> PollOption:
        """The option with this number (IndexError when there is none)."""
        if not 1 <= number <= len(self.options):
            raise IndexError(number)
        return self.options[number - 1]


def effective_role(stored: Role | None, platform_admin: bool) -> Role:
    """Platform admins are club admins; the owner stays the owner."""
    if stored is Role.OWNER:
        return Role.OWNER
    if platform_admin:
        return Role.ADMIN
    return stored or Role.MEMBER


def require_admin(role: Role, what: str) -> None:
    """NotAllowed unless ``role`` administers the club."""
    if role is Role.MEMBER:
        raise NotAllowed(N_("Only club admins can {what}."), what=what)


def check_suggestion(existing: Sequence[Suggestion], media_id: int, by: int, limit: int) -> None:
    """Refuse duplicates and members over their suggestion limit."""
    if any(s.media_id == media_id for s in existing):
        raise Conflict(N_("That title is already on the club watchlist."))
    mine = sum(1 for s in existing if s.suggested_by == by)
    if mine >= limit:
        raise Conflict(
            N_(
                "You already have {count} suggestions on the club watchlist (the limit is {limit})."
            ),
            count=mine,
            limit=limit,
        )


def parse_night(text: str, zone_name: str, now: datetime) -> datetime:
    """``YYYY-MM-DD HH:MM`` in the club's time zone -> aware UTC; future, existing times only."""
    match = NIGHT_FORMAT.match(text)
    if match is None:
        raise InvalidInput(
            N_("Give the date and time as YYYY-MM-DD HH:MM, e.g. /night 2026-12-05 20:00.")
        )
    year, month, day, hour, minute = (int(g) for g in match.groups())
    try:
        local = datetime.combine(date(year, month, day), time(hour, minute), ZoneInfo(zone_name))
    except ValueError:
        raise InvalidInput(
            N_("“{given}” is not a valid date and time."), given=text.strip()
        ) from None
    utc = local.astimezone(ZoneInfo("UTC"))
    if utc.astimezone(local.tzinfo).replace(tzinfo=None) != local.replace(tzinfo=None):
        raise InvalidInput(
            N_("{given} does not exist in {zone} (the clocks skip it); pick another time."),
            given=text.strip(),
            zone=zone_name,
        )
    if utc <= now:
        raise InvalidInput(N_("A movie night must be in the future."))
    if utc > now + timedelta(days=366):
        raise InvalidInput(N_("A movie night can be planned at most a year ahead."))
    return utc


def poll_deadline(now: datetime, hours: int, night_start: datetime | None) -> datetime:
    """When a poll closes: after ``hours``, but an hour before the night when that is sooner."""
    deadline = now + timedelta(hours=hours)
    if night_start is not None:
        deadline = min(deadline, night_start - timedelta(hours=1))
    return max(deadline, now + timedelta(minutes=5))


def check_options(count: int) -> None:
    """A poll needs 2 to 10 options."""
    if not MIN_OPTIONS <= count <= MAX_OPTIONS:
        raise InvalidInput(
            N_("A poll needs {min} to {max} options (you gave {count})."),
            min=MIN_OPTIONS,
            max=MAX_OPTIONS,
            count=count,
        )


def check_ballot(poll: ClubPoll, ballot: Ballot, now: datetime) -> None:
    """Votes go to open polls only."""
    if poll.status is not PollStatus.OPEN or now >= poll.closes_at:
        raise Conflict(N_("This poll is closed."))


@dataclass(frozen=True, slots=True)
class RatingSummary:
    """A title's club ratings."""

    media_id: int
    title: str
    values: tuple[int, ...]

    @property
    def count(self) -> int:
        """How many members rated it."""
        return len(self.values)

    @property
    def mean(self) -> float:
        """The mean rating."""
        return statistics.fmean(self.values) if self.values else 0.0

    @property
    def median(self) -> float:
        """The median rating."""
        return float(statistics.median(self.values)) if self.values else 0.0

    @property
    def spread(self) -> float:
        """Population standard deviation: how divided the club is."""
        return statistics.pstdev(self.values) if len(self.values) > 1 else 0.0

    def distribution(self) -> dict[int, int]:
        """How many members gave each value 1..10."""
        return {v: self.values.count(v) for v in range(1, 11)}


def compatibility(mine: Mapping[int, int], theirs: Mapping[int, int]) -> tuple[int, int | None]:
    """(titles both rated, agreement in percent: 100 = identical ratings, 0 = 1 vs 10)."""
    shared = set(mine) & set(theirs)
    if not shared:
        return 0, None
    gap = statistics.fmean(abs(mine[m] - theirs[m]) for m in shared)
    return len(shared), round(100 * (1 - gap / 9))
