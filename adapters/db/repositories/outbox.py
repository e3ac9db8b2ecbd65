"""The outbox in SQL: idempotent inserts, leased claims, batched acknowledgements.

A claim is one ``UPDATE ... RETURNING`` over the oldest due rows; on PostgreSQL the inner
``SELECT ... FOR UPDATE SKIP LOCKED`` lets several dispatchers claim side by side without
waiting on each other (SQLite has one writer at a time, so it needs no such clause).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.db import orm
from core.domain.delivery import Claimed, Destination, Notice, OutboxCounts, OutboxStatus
from core.views.codec import decode, encode

PENDING, SENT, FAILED = (s.value for s in OutboxStatus)
INSERT_CHUNK = 1000


def insert_ignoring(session: AsyncSession, table: Any, key: str) -> Any:
    """``INSERT ... ON CONFLICT (key) DO NOTHING`` for the session's dialect."""
    dialect = session.bind.dialect.name if session.bind is not None else "sqlite"
    module: Any = postgresql if dialect == "postgresql" else sqlite
    return module.insert(table).on_conflict_do_nothing(index_elements=[key])


class SqlOutboxRepository:
    """OutboxRepository over one session."""

    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def add(self, notices: Sequence[Notice], now: datetime) -> int:
        """Insert notices; rows whose key exists are skipped (idempotent writers)."""
        rows = [
            {
                "key": n.key,
                "platform": n.destination.platform,
                "chat_id": n.destination.chat_id,
                "thread_id": n.destination.thread_id,
                "user_id": n.destination.user_id,
                "payload": encode(n.reply),
                "status": PENDING,
                "attempts": 0,
                "next_attempt_at": n.not_before or now,
                "created_at": now,
            }
            for n in notices
        ]
        written = 0
        table = orm.OutboxMessage.__table__
        # RETURNING counts the rows really inserted (executemany has no reliable rowcount)
        statement = insert_ignoring(self._s, table, "key").returning(table.c.id)
        for start in range(0, len(rows), INSERT_CHUNK):
            result = await self._s.execute(statement, rows[start : start + INSERT_CHUNK])
            written += len(result.all())
        return written

    async def claim(self, now: datetime, limit: int, lease_until: datetime) -> list[Claimed]:
        """Lease the oldest due rows that nobody holds."""
        table = orm.OutboxMessage
        due = (
            select(table.id)
            .where(
                table.status == PENDING,
                table.next_attempt_at <= now,
                or_(table.claimed_until.is_(None), table.claimed_until < now),
            )
            .order_by(table.next_attempt_at, table.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        statement = (
            update(table)
            .where(table.id.in_(due.scalar_subquery()))
            .values(claimed_until=lease_until)
            .returning(
                table.id,
                table.key,
                table.platform,
                table.chat_id,
                table.thread_id,
                table.user_id,
                table.payload,
                table.attempts,
            )
        )
        rows = (
            await self._s.execute(statement, execution_options={"synchronize_session": False})
        ).all()
        claimed = [
            Claimed(
                r.id,
                r.key,
                Destination(r.platform, r.chat_id, r.thread_id, r.user_id),
                decode(r.payload),
                r.attempts,
            )
            for r in rows
        ]
        return sorted(claimed, key=lambda c: c.id)

    async def mark_sent(self, ids: Sequence[int], now: datetime) -> None:
        """Rows delivered."""
        table = orm.OutboxMessage
        await self._s.execute(
            update(table)
            .where(table.id.in_(list(ids)))
            .values(status=SENT, sent_at=now, claimed_until=None, attempts=table.attempts + 1),
            execution_options={"synchronize_session": False},
        )

    async def retry(self, row_id: int, at: datetime, error: str) -> None:
        """A failed attempt: count it, release the row until ``at``."""
        table = orm.OutboxMessage
        await self._s.execute(
            update(table)
            .where(table.id == row_id)
            .values(
                attempts=table.attempts + 1, next_attempt_at=at, claimed_until=None, error=error
            ),
            execution_options={"synchronize_session": False},
        )

    async def fail(self, row_id: int, error: str, now: datetime) -> None:
        """Give up on a row."""
        table = orm.OutboxMessage
        await self._s.execute(
            update(table)
            .where(table.id == row_id)
            .values(
                status=FAILED,
                attempts=table.attempts + 1,
                claimed_until=None,
                error=error,
                sent_at=None,
            ),
            execution_options={"synchronize_session": False},
        )

    async def release(self, now: datetime) -> int:
        """Drop every lease on pending rows."""
        table = orm.OutboxMessage
        result: Any = await self._s.execute(
            update(table)
            .where(table.status == PENDING, table.claimed_until.is_not(None))
            .values(claimed_until=None),
            execution_options={"synchronize_session": False},
        )
        return max(int(result.rowcount), 0)

    async def counts(self, now: datetime) -> OutboxCounts:
        """Rows per state; leased pending rows are in flight."""
        table = orm.OutboxMessage
        leased = and_(table.status == PENDING, table.claimed_until >= now)
        query = select(
            func.count().filter(table.status == PENDING),
            func.count().filter(leased),
            func.count().filter(table.status == SENT),
            func.count().filter(table.status == FAILED),
        )
        pending, in_flight, sent, failed = (await self._s.execute(query)).one()
        return OutboxCounts(pending, in_flight, sent, failed)

    async def next_due(self) -> datetime | None:
        """The earliest pending row's next attempt."""
        table = orm.OutboxMessage
        found: datetime | None = await self._s.scalar(
            select(func.min(table.next_attempt_at)).where(table.status == PENDING)
        )
        return found

    async def failures(self, limit: int) -> list[tuple[str, str]]:
        """(key, error) of failed rows, latest first."""
        table = orm.OutboxMessage
        rows = await self._s.execute(
            select(table.key, table.error)
            .where(table.status == FAILED)
            .order_by(table.id.desc())
            .limit(limit)
        )
        return [(k, e or "") for k, e in rows.all()]
