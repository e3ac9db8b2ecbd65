"""What the scheduler does for clubs: close due polls, remind members, ask for ratings.

Every job takes ids, re-reads its row in a transaction, does nothing when the work is done
already, and writes its messages to the outbox in the same transaction (keys
``night:<id>:remind:<profile>`` and ``night:<id>:rate``), so running a job twice is harmless.
"""

from __future__ import annotations

from datetime import datetime

from core.domain.clubs import NightStatus
from core.domain.delivery import Destination, Notice
from core.domain.lists import SystemList
from core.ports_clubs import Due, DueKind
from core.services.club_nights import NightService
from core.services.clubs import ClubBase
from core.services.notifications import enqueue
from core.views import club_text


class ClubJobs(ClubBase):
    """Scheduled club work."""

    async def due(self, limit: int = 100) -> list[Due]:
        """Polls, night reminders and rating requests due now."""
        async with self._uow() as uow:
            return await uow.club_events.due(self._clock.now(), limit)

    async def upcoming(self, until: datetime) -> list[Due]:
        """Everything due before ``until`` (the scheduler sets a timer for each)."""
        async with self._uow() as uow:
            return await uow.club_events.upcoming(until)

    async def run(self, due: Due) -> bool:
        """Do one due item; False when there was nothing (left) to do."""
        if due.kind is DueKind.CLOSE_POLL:
            return (
                await NightService(
                    self._uow, self._clock, self._translator, self._locale, self._timezone
                ).close(due.id)
                is not None
            )
        if due.kind is DueKind.REMIND_NIGHT:
            return await self.remind(due.id)
        return await self.ask_ratings(due.id)

    async def run_due(self, limit: int = 100) -> int:
        """Do everything due now (the catch-up after a restart); returns how much was done."""
        done = 0
        for item in await self.due(limit):
            done += await self.run(item)
        return done

    async def remind(self, night_id: int) -> bool:
        """Remind every member who did not opt out, in their private chat, once."""
        async with self._uow() as uow:
            night = await uow.club_events.night(night_id)
            now = self._clock.now()
            if night is None or night.status is not NightStatus.SCHEDULED or not night.remind_at:
                return False
            club = await uow.clubs.get(night.club_id)
            assert club is not None
            await uow.club_events.update_night(night.id, {"remind_at": None})
            if night.starts_at <= now:
                await uow.commit()  # the night has begun: a reminder would be noise
                return False
            reply = club_text.night_reminder(self.voice(club), club, night, now)
            notices = [
                Notice(
                    f"night:{night.id}:remind:{m.profile_id}",
                    Destination.of_user(club.platform, m.external_id),
                    reply,
                )
                for m in await uow.clubs.members(club.id)
                if m.remind_nights and m.external_id
            ]
            await enqueue(uow, notices, now)
            await uow.commit()
            return True

    async def ask_ratings(self, night_id: int) -> bool:
        """After the night: ask the club to rate the film (1-10 buttons); the night is done."""
        async with self._uow() as uow:
            night = await uow.club_events.night(night_id)
            if night is None or night.status is not NightStatus.SCHEDULED:
                return False
            club = await uow.clubs.get(night.club_id)
            assert club is not None
            now = self._clock.now()
            await uow.club_events.update_night(
                night.id, {"rate_at": None, "status": NightStatus.DONE.value}
            )
            if night.media_id is None:
                await uow.commit()
                return False
            await uow.clubs.take(club.id, SystemList.WATCHING, night.media_id)
            await uow.clubs.put(club.id, SystemList.COMPLETED, night.media_id, None, now)
            reply = club_text.rating_request(self.voice(club), night)
            destination = Destination(club.platform, club.chat_id, night.thread_id)
            await enqueue(uow, [Notice(f"night:{night.id}:rate", destination, reply)], now)
            await uow.commit()
            return True
