"""``watchbot ab report``: impressions and clicks per variant, read from the activity log."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from adapters.db import orm
from recommender.ab import VariantStats


async def variant_stats(
    sessions: async_sessionmaker[AsyncSession], experiment: str
) -> list[VariantStats]:
    """One row per variant: titles shown (impressions) and recommendation buttons pressed."""
    impressions: Counter[str] = Counter()
    clicks: Counter[str] = Counter()
    async with sessions() as session:
        rows = await session.execute(
            select(orm.ActivityEvent.kind, orm.ActivityEvent.payload).where(
                orm.ActivityEvent.kind.in_(("recommended", "rec_click"))
            )
        )
        for kind, payload in rows:
            data = payload or {}
            if data.get("experiment") != experiment or not data.get("variant"):
                continue
            if kind == "recommended":
                impressions[str(data["variant"])] += len(data.get("items", []))
            else:
                clicks[str(data["variant"])] += 1
    variants = sorted(set(impressions) | set(clicks), key=lambda v: (v != "control", v))
    return [VariantStats(v, impressions[v], clicks[v]) for v in variants]
