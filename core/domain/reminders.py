"""Release reminders: subscriptions, notification settings, local times, quiet hours, planning.

A reminder fires at a local hour in the subscriber's time zone, ``days_before`` days before a
release and on the day. Local times are turned into UTC with ``zoneinfo``: a time the clocks skip
(a DST gap) moves forward by the gap, an ambiguous one takes its first occurrence. A time inside
quiet hours moves to the end of the quiet hours.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from core.domain.delivery import Destination
from core.domain.errors import InvalidInput
from core.i18n import N_

QUIET = re.compile(r"^(\d{1,2})(?::(\d{2}))?\s*-\s*(\d{1,2})(?::(\d{2}))?$")
MAX_DAYS_BEFORE = 30
HORIZON = timedelta(days=400)  # releases further out are planned by a later nightly run


class TargetKind(enum.StrEnum):
    """What a subscription follows."""

    TITLE = "title"  # a film's (or show's) release
    SHOW = "show"  # every new episode
    SEASON = "season"  # season premieres
    PERSON = "person"  # new films directed by someone
    LIST = "list"  # anything on a list releasing


class Delivery(enum.StrEnum):
    """How a kind of notification is delivered."""

    OFF = "off"
    INSTANT = "instant"
    DAILY = "daily"


@dataclass(frozen=True, slots=True)
class QuietHours:
    """A daily window (minutes after midnight, may wrap) in which nothing is sent."""

    start: int
    end: int

    def contains(self, minute: int) -> bool:
        """Whether a minute of the day is quiet."""
        if self.start <= self.end:
            return self.start <= minute < self.end
        return minute >= self.start or minute < self.end

    def text(self) -> str:
        """``22:00-07:00``."""
        return (
            f"{self.start // 60:02d}:{self.start % 60:02d}-{self.end // 60:02d}:{self.end % 60:02d}"
        )


@dataclass(frozen=True, slots=True)
class NotificationSettings:
    """A profile's notification preferences."""

    remind_hour: int = 9
    days_before: int = 1
    quiet: QuietHours | None = None
    digest: bool = False
    friends: Delivery = Delivery.OFF
    availability: Delivery = Delivery.OFF

    def to_json(self) -> dict[str, Any]:
        """For storage."""
        quiet = [self.quiet.start, self.quiet.end] if self.quiet else None
        return {
            "remind_hour": self.remind_hour,
            "days_before": self.days_before,
            "quiet": quiet,
            "digest": self.digest,
            "friends": self.friends.value,
            "availability": self.availability.value,
        }

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> NotificationSettings:
        """From storage (defaults for anything missing)."""
        quiet = raw.get("quiet")
        return cls(
            int(raw.get("remind_hour", 9)),
            int(raw.get("days_before", 1)),
            QuietHours(int(quiet[0]), int(quiet[1])) if quiet else None,
            bool(raw.get("digest", False)),
            Delivery(raw.get("friends", "off")),
            Delivery(raw.get("availability", "off")),
        )


def parse_quiet(text: str) -> QuietHours | None:
    """``22-7``, ``22:30-07:00`` or ``off``."""
    raw = text.strip().casefold()
    if raw in {"off", "none", "no"}:
        return None
    match = QUIET.match(raw)
    if match is None:
        raise InvalidInput(N_("Quiet hours look like 22:00-07:00 (or off)."))
    h1, m1, h2, m2 = (int(g or 0) for g in match.groups())
    if h1 > 23 or h2 > 23 or m1 > 59 or m2 > 59 or (h1, m1) == (h2, m2):
        raise InvalidInput(N_("Quiet hours look like 22:00-07:00 (or off)."))
    return QuietHours(h1 * 60 + m1, h2 * 60 + m2)


def parse_days(text: str) -> int:
    """Days before a release, 0 to 30."""
    raw = text.strip()
    if not raw.isdigit() or int(raw) > MAX_DAYS_BEFORE:
        raise InvalidInput(
            N_("Days before is a whole number from 0 to {max}; “{given}” is not."),
            max=MAX_DAYS_BEFORE,
            given=raw,
        )
    return int(raw)


def local_instant(day: date, minute: int, zone: ZoneInfo) -> datetime:
    """UTC for a wall-clock time; skipped times move forward, repeated ones take the first."""
    wall = datetime.combine(day, time(minute // 60, minute % 60), zone)
    return wall.astimezone(UTC)


def outside_quiet(due: datetime, zone: ZoneInfo, quiet: QuietHours | None) -> datetime:
    """``due`` or, when it falls in quiet hours, the end of those quiet hours (UTC)."""
    if quiet is None:
        return due
    local = due.astimezone(zone)
    minute = local.hour * 60 + local.minute
    if not quiet.contains(minute):
        return due
    day = local.date()
    if quiet.start > quiet.end and minute >= quiet.start:
        day += timedelta(days=1)
    return local_instant(day, quiet.end, zone)


@dataclass(frozen=True, slots=True)
class Subscription:
    """A person's or a club's subscription, and where its reminders go."""

    id: int
    owner_key: str
    kind: TargetKind
    target_id: int
    target_name: str
    days_before: int
    destination: Destination
    profile_id: int | None = None
    club_id: int | None = None


@dataclass(frozen=True, slots=True)
class Release:
    """Something releasing on a day: a film, or an episode of a show."""

    media_id: int
    label: str
    day: date
    episode_id: int = 0


@dataclass(frozen=True, slots=True)
class Planned:
    """A reminder to store (its ``key`` makes planning idempotent)."""

    key: str
    subscription_id: int
    media_id: int
    label: str
    release_day: date
    lead_days: int
    due_at: datetime
    digest: bool
    destination: Destination
    locale: str | None = None


@dataclass(frozen=True, slots=True)
class DueReminder:
    """A stored reminder that is due."""

    id: int
    label: str
    release_day: date
    lead_days: int
    due_at: datetime
    digest: bool
    destination: Destination
    locale: str | None
    media_id: int | None = None
    key: str = ""


@dataclass(frozen=True, slots=True)
class Timing:
    """Where and when a subscriber wants reminders."""

    zone: ZoneInfo
    settings: NotificationSettings = field(default_factory=NotificationSettings)
    locale: str | None = None


def plan(
    sub: Subscription, releases: Iterable[Release], timing: Timing, now: datetime
) -> list[Planned]:
    """The reminders of ``sub`` for ``releases``: N days before and on the day, not in the past."""
    planned: list[Planned] = []
    today = now.astimezone(timing.zone).date()
    minute = timing.settings.remind_hour * 60
    for release in releases:
        if release.day < today:
            continue
        leads = sorted({sub.days_before, 0}, reverse=True)
        for lead in leads:
            due = local_instant(release.day - timedelta(days=lead), minute, timing.zone)
            due = outside_quiet(due, timing.zone, timing.settings.quiet)
            if due < now:
                if lead > 0:
                    continue
                due = outside_quiet(now, timing.zone, timing.settings.quiet)  # today: send now
            key = f"rem:{sub.id}:{release.media_id}:{release.episode_id}:{lead}:{release.day}"
            planned.append(
                Planned(
                    key,
                    sub.id,
                    release.media_id,
                    release.label,
                    release.day,
                    lead,
                    due,
                    timing.settings.digest,
                    sub.destination,
                    timing.locale,
                )
            )
    return planned


def group_digests(due: Iterable[DueReminder]) -> list[list[DueReminder]]:
    """One group per instant reminder; digest reminders grouped by destination."""
    groups: list[list[DueReminder]] = []
    digests: dict[Destination, list[DueReminder]] = {}
    for reminder in due:
        if reminder.digest:
            digests.setdefault(reminder.destination, []).append(reminder)
        else:
            groups.append([reminder])
    groups.extend(digests.values())
    return groups
