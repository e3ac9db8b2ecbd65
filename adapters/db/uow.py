"""SqlUnitOfWork: one AsyncSession, explicit commit, rollback on exit."""

from __future__ import annotations

from types import TracebackType
from typing import Self

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from adapters.db.repositories.accounts import SqlAccountRepository
from adapters.db.repositories.activity import SqlActivityRepository
from adapters.db.repositories.club_events import SqlClubEventRepository
from adapters.db.repositories.clubs import SqlClubRepository
from adapters.db.repositories.follows import SqlFollowRepository
from adapters.db.repositories.groups import SqlGroupRepository
from adapters.db.repositories.lists import SqlListRepository
from adapters.db.repositories.media import SqlMediaRepository
from adapters.db.repositories.outbox import SqlOutboxRepository
from adapters.db.repositories.platform_polls import SqlPlatformPollRepository
from adapters.db.repositories.ratings import SqlRatingRepository
from adapters.db.repositories.reminders import SqlReminderRepository
from adapters.db.repositories.watches import SqlWatchRepository
from core.ports import (
    AccountRepository,
    ActivityRepository,
    GroupRepository,
    ListRepository,
    MediaRepository,
    RatingRepository,
    WatchRepository,
)
from core.ports_clubs import ClubEventRepository, ClubRepository
from core.ports_notify import OutboxRepository, ReminderRepository
from core.ports_platform import PlatformPollRepository
from core.ports_social import FollowRepository


class SqlUnitOfWork:
    """The UnitOfWork port over SQLAlchemy; leaving without ``commit()`` rolls back."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions
        self._session: AsyncSession | None = None

    async def __aenter__(self) -> Self:
        """Open the session and the repositories over it."""
        session = self._session = self._sessions()
        self.accounts: AccountRepository = SqlAccountRepository(session)
        self.media: MediaRepository = SqlMediaRepository(session)
        self.lists: ListRepository = SqlListRepository(session)
        self.ratings: RatingRepository = SqlRatingRepository(session)
        self.watches: WatchRepository = SqlWatchRepository(session)
        self.activity: ActivityRepository = SqlActivityRepository(session)
        self.groups: GroupRepository = SqlGroupRepository(session)
        self.clubs: ClubRepository = SqlClubRepository(session)
        self.club_events: ClubEventRepository = SqlClubEventRepository(session)
        self.reminders: ReminderRepository = SqlReminderRepository(session)
        self.outbox: OutboxRepository = SqlOutboxRepository(session)
        self.follows: FollowRepository = SqlFollowRepository(session)
        self.platform_polls: PlatformPollRepository = SqlPlatformPollRepository(session)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Roll back anything uncommitted and close."""
        assert self._session is not None
        try:
            await self._session.rollback()
        finally:
            await self._session.close()
            self._session = None

    async def commit(self) -> None:
        """Commit the transaction."""
        assert self._session is not None
        await self._session.commit()
