"""SQLAlchemy 2 typed models: the schema Alembic migrates (``Base.metadata`` is its target)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    true,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from adapters.db.types import UtcDateTime

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

Json = JSON()
IdType = BigInteger().with_variant(Integer(), "sqlite")  # SQLite autoincrements INTEGER only


class Base(DeclarativeBase):
    """Declarative base with a naming convention so migrations get stable constraint names."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UtcDateTime(),
        dict[str, Any]: Json,
        list[Any]: Json,
    }


def pk() -> Mapped[int]:
    """An autoincrementing surrogate key."""
    return mapped_column(IdType, primary_key=True, autoincrement=True)


def fk(target: str, *, nullable: bool = False, index: bool = True) -> Mapped[Any]:
    """A foreign key that cascades deletes."""
    return mapped_column(
        IdType, ForeignKey(target, ondelete="CASCADE"), nullable=nullable, index=index
    )


class User(Base):
    """A person, whatever platforms they use."""

    __tablename__ = "users"
    id: Mapped[int] = pk()
    display_name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime]


class Identity(Base):
    """A platform account (platform + external id) that belongs to a user."""

    __tablename__ = "identities"
    __table_args__ = (UniqueConstraint("platform", "external_id"),)
    id: Mapped[int] = pk()
    user_id: Mapped[int] = fk("users.id")
    platform: Mapped[str] = mapped_column(String(20))
    external_id: Mapped[str] = mapped_column(String(64))
    display_name: Mapped[str] = mapped_column(String(200))
    language_code: Mapped[str | None] = mapped_column(String(16))
    username: Mapped[str | None] = mapped_column(String(64), index=True)  # lower-case handle
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime]


class Profile(Base):
    """A viewing profile; a user has one or more."""

    __tablename__ = "profiles"
    __table_args__ = (UniqueConstraint("user_id", "name"),)
    id: Mapped[int] = pk()
    user_id: Mapped[int] = fk("users.id")
    name: Mapped[str] = mapped_column(String(100))
    is_default: Mapped[bool] = mapped_column(Boolean, default=False)
    is_kid: Mapped[bool] = mapped_column(Boolean, default=False)
    preferences: Mapped[dict[str, Any]] = mapped_column(default=dict)
    locale: Mapped[str | None] = mapped_column(String(16))
    timezone: Mapped[str | None] = mapped_column(String(64))
    region: Mapped[str | None] = mapped_column(String(2))
    created_at: Mapped[datetime]


class Media(Base):
    """A movie or TV show."""

    __tablename__ = "media"
    __table_args__ = (CheckConstraint("kind IN ('movie', 'tv')", name="kind"),)
    id: Mapped[int] = pk()
    kind: Mapped[str] = mapped_column(String(10), index=True)
    tmdb_id: Mapped[int | None] = mapped_column(Integer, unique=True)
    imdb_id: Mapped[str | None] = mapped_column(String(16), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    title_key: Mapped[str] = mapped_column(String(300), index=True)
    original_title: Mapped[str | None] = mapped_column(String(300))
    original_language: Mapped[str | None] = mapped_column(String(8))
    alt_titles: Mapped[list[Any]] = mapped_column(default=list)
    overview: Mapped[str | None] = mapped_column(Text)
    release_date: Mapped[date | None] = mapped_column(Date, index=True)
    year: Mapped[int | None] = mapped_column(Integer, index=True)
    runtime: Mapped[int | None] = mapped_column(Integer)
    poster_path: Mapped[str | None] = mapped_column(String(300))
    backdrop_path: Mapped[str | None] = mapped_column(String(300))
    vote_average: Mapped[float | None] = mapped_column(Float)
    vote_count: Mapped[int] = mapped_column(Integer, default=0)
    certification: Mapped[str | None] = mapped_column(String(16))
    external_ids: Mapped[dict[str, Any]] = mapped_column(default=dict)
    streaming: Mapped[dict[str, Any]] = mapped_column(default=dict)
    source: Mapped[str] = mapped_column(String(20), default="manual")
    metadata_updated_at: Mapped[datetime | None] = mapped_column(index=True)
    created_at: Mapped[datetime]


class Genre(Base):
    """A genre name."""

    __tablename__ = "genres"
    id: Mapped[int] = pk()
    name: Mapped[str] = mapped_column(String(50), unique=True)


class MediaGenre(Base):
    """Which genres a title has."""

    __tablename__ = "media_genres"
    media_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("media.id", ondelete="CASCADE"), primary_key=True
    )
    genre_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("genres.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class Person(Base):
    """An actor, director or writer."""

    __tablename__ = "people"
    id: Mapped[int] = pk()
    tmdb_id: Mapped[int | None] = mapped_column(Integer, unique=True)
    name: Mapped[str] = mapped_column(String(200), index=True)


class MediaCredit(Base):
    """A person's role on a title."""

    __tablename__ = "media_credits"
    __table_args__ = (
        UniqueConstraint("media_id", "person_id", "role"),
        CheckConstraint("role IN ('actor', 'director', 'writer')", name="role"),
    )
    id: Mapped[int] = pk()
    media_id: Mapped[int] = fk("media.id")
    person_id: Mapped[int] = fk("people.id")
    role: Mapped[str] = mapped_column(String(10))
    character: Mapped[str | None] = mapped_column(String(300))
    order: Mapped[int] = mapped_column("billing_order", Integer, default=0)


class TvShow(Base):
    """Show-level facts of a TV title."""

    __tablename__ = "tv_shows"
    media_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("media.id", ondelete="CASCADE"), primary_key=True
    )
    status: Mapped[str | None] = mapped_column(String(20))
    season_count: Mapped[int] = mapped_column(Integer, default=0)
    episode_count: Mapped[int] = mapped_column(Integer, default=0)


class TvSeason(Base):
    """A season of a show."""

    __tablename__ = "tv_seasons"
    __table_args__ = (UniqueConstraint("media_id", "number"),)
    id: Mapped[int] = pk()
    media_id: Mapped[int] = fk("media.id")
    number: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))
    air_date: Mapped[date | None] = mapped_column(Date)
    episode_count: Mapped[int] = mapped_column(Integer, default=0)


class TvEpisode(Base):
    """An episode of a season."""

    __tablename__ = "tv_episodes"
    __table_args__ = (UniqueConstraint("season_id", "number"),)
    id: Mapped[int] = pk()
    season_id: Mapped[int] = fk("tv_seasons.id")
    media_id: Mapped[int] = fk("media.id")
    season_number: Mapped[int] = mapped_column(Integer)
    number: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(300))
    air_date: Mapped[date | None] = mapped_column(Date, index=True)
    runtime: Mapped[int | None] = mapped_column(Integer)


class Club(Base):
    """A movie club bound to one group chat or server channel."""

    __tablename__ = "clubs"
    __table_args__ = (UniqueConstraint("platform", "chat_id"),)
    id: Mapped[int] = pk()
    platform: Mapped[str] = mapped_column(String(20))
    chat_id: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))
    timezone: Mapped[str | None] = mapped_column(String(64))
    settings: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime]


class ClubMember(Base):
    """A profile's membership and role in a club."""

    __tablename__ = "club_members"
    __table_args__ = (CheckConstraint("role IN ('owner', 'admin', 'member')", name="role"),)
    club_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("clubs.id", ondelete="CASCADE"), primary_key=True
    )
    profile_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("profiles.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    role: Mapped[str] = mapped_column(String(10), default="member")
    joined_at: Mapped[datetime]
    remind_nights: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    personal_ratings: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())


class MediaList(Base):
    """A system or custom list, owned by a profile or by a club."""

    __tablename__ = "lists"
    __table_args__ = (
        UniqueConstraint("profile_id", "name_key"),
        UniqueConstraint("club_id", "name_key"),
        CheckConstraint("(profile_id IS NULL) <> (club_id IS NULL)", name="one_owner"),
        CheckConstraint("visibility IN ('public', 'friends', 'private')", name="visibility"),
    )
    id: Mapped[int] = pk()
    profile_id: Mapped[int | None] = fk("profiles.id", nullable=True)
    club_id: Mapped[int | None] = fk("clubs.id", nullable=True)
    name: Mapped[str] = mapped_column(String(100))
    name_key: Mapped[str] = mapped_column(String(100))
    description: Mapped[str | None] = mapped_column(String(500))
    system_key: Mapped[str | None] = mapped_column(String(20))
    visibility: Mapped[str] = mapped_column(String(10), default="private")
    sort_order: Mapped[str] = mapped_column(String(20), default="position")
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class ListItem(Base):
    """A title on a list, once per list."""

    __tablename__ = "list_items"
    __table_args__ = (UniqueConstraint("list_id", "media_id"),)
    id: Mapped[int] = pk()
    list_id: Mapped[int] = fk("lists.id")
    media_id: Mapped[int] = fk("media.id")
    position: Mapped[int] = mapped_column(Integer)
    notes: Mapped[str | None] = mapped_column(String(500))
    added_by: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("profiles.id", ondelete="SET NULL")
    )
    added_at: Mapped[datetime]


class Rating(Base):
    """A profile's rating 1-10 of a title."""

    __tablename__ = "ratings"
    __table_args__ = (
        UniqueConstraint("profile_id", "media_id"),
        CheckConstraint("value BETWEEN 1 AND 10", name="value_range"),
    )
    id: Mapped[int] = pk()
    profile_id: Mapped[int] = fk("profiles.id")
    media_id: Mapped[int] = fk("media.id")
    value: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class Review(Base):
    """A profile's review of a title."""

    __tablename__ = "reviews"
    __table_args__ = (
        UniqueConstraint("profile_id", "media_id"),
        CheckConstraint("visibility IN ('public', 'friends', 'private')", name="visibility"),
    )
    id: Mapped[int] = pk()
    profile_id: Mapped[int] = fk("profiles.id")
    media_id: Mapped[int] = fk("media.id")
    body: Mapped[str] = mapped_column(Text)
    spoiler: Mapped[bool] = mapped_column(Boolean, default=False)
    visibility: Mapped[str] = mapped_column(String(10), default="public")
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class WatchHistory(Base):
    """Summary of a profile's watches of a title."""

    __tablename__ = "watch_history"
    __table_args__ = (UniqueConstraint("profile_id", "media_id"),)
    id: Mapped[int] = pk()
    profile_id: Mapped[int] = fk("profiles.id")
    media_id: Mapped[int] = fk("media.id")
    watch_count: Mapped[int] = mapped_column(Integer, default=0)
    first_watched_at: Mapped[datetime]
    last_watched_at: Mapped[datetime]


class WatchEvent(Base):
    """One watch (a diary entry; rewatches are separate rows)."""

    __tablename__ = "watch_events"
    __table_args__ = (Index("ix_watch_events_profile_media", "profile_id", "media_id"),)
    id: Mapped[int] = pk()
    profile_id: Mapped[int] = fk("profiles.id", index=False)
    media_id: Mapped[int] = fk("media.id")
    watched_at: Mapped[datetime]
    created_at: Mapped[datetime]


class Ownership(Base):
    """A title owned in a format."""

    __tablename__ = "ownership"
    __table_args__ = (UniqueConstraint("profile_id", "media_id", "format"),)
    id: Mapped[int] = pk()
    profile_id: Mapped[int] = fk("profiles.id")
    media_id: Mapped[int] = fk("media.id")
    format: Mapped[str] = mapped_column(String(20))
    service: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[datetime]


class EpisodeProgress(Base):
    """An episode a profile has watched."""

    __tablename__ = "episode_progress"
    __table_args__ = (UniqueConstraint("profile_id", "episode_id"),)
    id: Mapped[int] = pk()
    profile_id: Mapped[int] = fk("profiles.id")
    episode_id: Mapped[int] = fk("tv_episodes.id")
    media_id: Mapped[int] = fk("media.id")
    watched_at: Mapped[datetime]


class Follow(Base):
    """One profile follows another."""

    __tablename__ = "follows"
    follower_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("profiles.id", ondelete="CASCADE"), primary_key=True
    )
    followee_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("profiles.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    created_at: Mapped[datetime]


class ActivityEvent(Base):
    """Something a profile did (rated, watched, reviewed...), for feeds and recommendations."""

    __tablename__ = "activity_events"
    __table_args__ = (Index("ix_activity_events_profile_created", "profile_id", "created_at"),)
    id: Mapped[int] = pk()
    profile_id: Mapped[int] = fk("profiles.id", index=False)
    kind: Mapped[str] = mapped_column(String(30), index=True)
    media_id: Mapped[int | None] = fk("media.id", nullable=True)
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime]


class PendingInput(Base):
    """A multi-step flow waiting for the user's next message (e.g. the text of a review)."""

    __tablename__ = "pending_inputs"
    __table_args__ = (UniqueConstraint("platform", "chat_id", "external_user_id"),)
    id: Mapped[int] = pk()
    platform: Mapped[str] = mapped_column(String(20))
    chat_id: Mapped[str] = mapped_column(String(64))
    external_user_id: Mapped[str] = mapped_column(String(64))
    flow: Mapped[str] = mapped_column(String(40))
    data: Mapped[dict[str, Any]] = mapped_column(default=dict)
    expires_at: Mapped[datetime]


# --- movie clubs, reminders and the outbox ------------------------------------------------------


class ClubNight(Base):
    """A movie night of a club; the film is set when a poll picks it."""

    __tablename__ = "club_nights"
    __table_args__ = (
        CheckConstraint("status IN ('scheduled', 'done', 'cancelled')", name="status"),
    )
    id: Mapped[int] = pk()
    club_id: Mapped[int] = fk("clubs.id")
    starts_at: Mapped[datetime]
    timezone: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(10), default="scheduled")
    media_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("media.id", ondelete="SET NULL")
    )
    thread_id: Mapped[str | None] = mapped_column(String(64))
    remind_at: Mapped[datetime | None] = mapped_column(index=True)  # NULL once reminded
    rate_at: Mapped[datetime | None] = mapped_column(index=True)  # NULL once asked
    created_by: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("profiles.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime]


class ClubPoll(Base):
    """A vote on the next film; ``closes_at`` is its deadline (the scheduler's due column)."""

    __tablename__ = "club_polls"
    __table_args__ = (
        CheckConstraint("method IN ('ranked', 'approval')", name="method"),
        CheckConstraint("status IN ('open', 'closed')", name="status"),
        Index("ix_club_polls_status_closes", "status", "closes_at"),
    )
    id: Mapped[int] = pk()
    club_id: Mapped[int] = fk("clubs.id")
    night_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("club_nights.id", ondelete="SET NULL")
    )
    method: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(10), default="open")
    closes_at: Mapped[datetime]
    thread_id: Mapped[str | None] = mapped_column(String(64))
    winner_media_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("media.id", ondelete="SET NULL")
    )
    result: Mapped[dict[str, Any]] = mapped_column(default=dict)
    opened_by: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("profiles.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime]
    closed_at: Mapped[datetime | None]


class ClubPollOption(Base):
    """A numbered option of a poll (and who suggested it, for the leaderboard)."""

    __tablename__ = "club_poll_options"
    poll_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("club_polls.id", ondelete="CASCADE"), primary_key=True
    )
    number: Mapped[int] = mapped_column(Integer, primary_key=True)
    media_id: Mapped[int] = fk("media.id")
    suggested_by: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("profiles.id", ondelete="SET NULL")
    )


class ClubBallot(Base):
    """A member's current vote: option numbers, in order of preference for ranked choice."""

    __tablename__ = "club_ballots"
    poll_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("club_polls.id", ondelete="CASCADE"), primary_key=True
    )
    profile_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("profiles.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    choices: Mapped[list[Any]] = mapped_column(default=list)
    updated_at: Mapped[datetime]


class ClubRating(Base):
    """A member's rating of a title as seen with the club."""

    __tablename__ = "club_ratings"
    __table_args__ = (
        UniqueConstraint("club_id", "profile_id", "media_id"),
        CheckConstraint("value BETWEEN 1 AND 10", name="value_range"),
    )
    id: Mapped[int] = pk()
    club_id: Mapped[int] = fk("clubs.id")
    profile_id: Mapped[int] = fk("profiles.id")
    media_id: Mapped[int] = fk("media.id")
    night_id: Mapped[int | None] = mapped_column(
        IdType, ForeignKey("club_nights.id", ondelete="SET NULL")
    )
    value: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class Subscription(Base):
    """A person or a club following a title, show, season premieres, person or list."""

    __tablename__ = "subscriptions"
    __table_args__ = (
        UniqueConstraint("owner_key", "target_kind", "target_id"),
        CheckConstraint(
            "target_kind IN ('title', 'show', 'season', 'person', 'list')", name="target_kind"
        ),
    )
    id: Mapped[int] = pk()
    owner_key: Mapped[str] = mapped_column(String(40))  # "p:<profile>" or "c:<club>"
    profile_id: Mapped[int | None] = fk("profiles.id", nullable=True)
    club_id: Mapped[int | None] = fk("clubs.id", nullable=True)
    target_kind: Mapped[str] = mapped_column(String(10))
    target_id: Mapped[int] = mapped_column(IdType)
    target_name: Mapped[str] = mapped_column(String(300))
    days_before: Mapped[int] = mapped_column(Integer, default=1)
    platform: Mapped[str] = mapped_column(String(20))
    chat_id: Mapped[str | None] = mapped_column(String(64))
    thread_id: Mapped[str | None] = mapped_column(String(64))
    user_id: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime]


class Reminder(Base):
    """One planned reminder; ``due_at`` is the scheduler's due column, ``key`` its identity."""

    __tablename__ = "reminders"
    __table_args__ = (
        CheckConstraint("status IN ('pending', 'sent', 'cancelled')", name="status"),
        Index("ix_reminders_status_due", "status", "due_at"),
    )
    id: Mapped[int] = pk()
    key: Mapped[str] = mapped_column(String(160), unique=True)
    subscription_id: Mapped[int | None] = fk("subscriptions.id", nullable=True)
    media_id: Mapped[int | None] = fk("media.id", nullable=True, index=False)
    label: Mapped[str] = mapped_column(String(400))
    release_day: Mapped[date] = mapped_column(Date)
    lead_days: Mapped[int] = mapped_column(Integer, default=0)
    due_at: Mapped[datetime]
    status: Mapped[str] = mapped_column(String(10), default="pending")
    digest: Mapped[bool] = mapped_column(Boolean, default=False)
    locale: Mapped[str | None] = mapped_column(String(16))
    platform: Mapped[str] = mapped_column(String(20))
    chat_id: Mapped[str | None] = mapped_column(String(64))
    thread_id: Mapped[str | None] = mapped_column(String(64))
    user_id: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]


class NotificationSetting(Base):
    """A profile's notification preferences."""

    __tablename__ = "notification_settings"
    profile_id: Mapped[int] = mapped_column(
        IdType, ForeignKey("profiles.id", ondelete="CASCADE"), primary_key=True
    )
    prefs: Mapped[dict[str, Any]] = mapped_column(default=dict)
    updated_at: Mapped[datetime]


class OutboxMessage(Base):
    """A message to deliver, written in the transaction of the event that caused it."""

    __tablename__ = "outbox"
    __table_args__ = (
        CheckConstraint("status IN ('pending', 'sent', 'failed')", name="status"),
        Index("ix_outbox_status_next", "status", "next_attempt_at"),
    )
    id: Mapped[int] = pk()
    key: Mapped[str] = mapped_column(String(160), unique=True)  # the idempotency key
    platform: Mapped[str] = mapped_column(String(20))
    chat_id: Mapped[str | None] = mapped_column(String(64))
    thread_id: Mapped[str | None] = mapped_column(String(64))
    user_id: Mapped[str | None] = mapped_column(String(64))
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)
    status: Mapped[str] = mapped_column(String(10), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime]
    claimed_until: Mapped[datetime | None]
    created_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]
    error: Mapped[str | None] = mapped_column(Text)


class JobState(Base):
    """Small durable state of scheduled jobs (cursors, last runs)."""

    __tablename__ = "job_state"
    name: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[dict[str, Any]] = mapped_column(default=dict)
    updated_at: Mapped[datetime]


class PlatformPoll(Base):
    """A native poll the bot sent (Telegram's): which chat and core action its votes are for.

    A vote names only the platform's poll id, so every process looks the poll up here. Rows are
    pruned after ``adapters.telegram.native_polls.KEEP`` (60 days) whenever a poll is remembered.
    """

    __tablename__ = "platform_polls"
    __table_args__ = (UniqueConstraint("platform", "poll_id"),)
    id: Mapped[int] = pk()
    platform: Mapped[str] = mapped_column(String(20))
    poll_id: Mapped[str] = mapped_column(String(128))
    chat_id: Mapped[str] = mapped_column(String(64))
    thread_id: Mapped[str | None] = mapped_column(String(64))
    is_group: Mapped[bool] = mapped_column(Boolean, default=False)
    chat_title: Mapped[str] = mapped_column(String(255), default="")
    answer_action: Mapped[str] = mapped_column(String(64))  # an action prefix: <= 64 bytes
    created_at: Mapped[datetime] = mapped_column(index=True)  # the pruning column
