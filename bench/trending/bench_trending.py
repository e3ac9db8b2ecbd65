"""Trending benchmark: SQL vs Redis store on 100,000 events, local PostgreSQL and Redis.

    .venv/bin/python bench/trending/bench_trending.py
    .venv/bin/python bench/trending/bench_trending.py --events 100000 --iterations 200

A fresh migrated PostgreSQL database gets 2,000 profiles, 5,000 titles (1-3 of 18 genres,
popularity skewed like a Zipf law) and N events spread over the last 30 days (40 %
watched, 30 % rated, 20 % listed, 10 % reviewed), inserted in bulk (not timed). Then:

* sync throughput: the Redis store replays every event from an empty namespace
  (``rebuild``), three times; events per second.
* query latency, median and p99 over ``--iterations`` calls per query and store:
  top(20, week) for everyone, for a genre (cycling through the genres), and for 50
  friends (cycling through 20 random sets of 50 profiles). The Redis store's ``top``
  includes its freshness check (``sync`` finding no new event), as in production.

Both stores must return the same titles; the script checks it before timing. The
database and the Redis namespace are removed at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import random
import statistics
import time
import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import asyncpg
from redis import asyncio as aioredis
from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncConnection

from adapters.db import migrate, orm
from adapters.db.engine import create_engine, make_sessionmaker
from adapters.trending import RedisTrendingStore, SqlTrendingStore
from core.ports_trending import TrendingStore, TrendScope

PG_HOST, PG_USER, PG_ADMIN_DB = "127.0.0.1", "postgres", "test"
REDIS_URL = os.environ.get("WATCHBOT_BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")
GENRES = [
    "Action", "Adventure", "Animation", "Comedy", "Crime", "Documentary", "Drama", "Family",
    "Fantasy", "History", "Horror", "Music", "Mystery", "Romance", "Sci-Fi", "Thriller",
    "War", "Western",
]  # fmt: skip
KINDS = ["watched"] * 4 + ["rated"] * 3 + ["listed"] * 2 + ["reviewed"]
CHUNK = 5000
HEADER = "| top(20, week) | SQL median | SQL p99 | Redis median | Redis p99 | Redis/SQL |"


async def _admin(sql: str) -> None:
    conn = await asyncpg.connect(host=PG_HOST, user=PG_USER, database=PG_ADMIN_DB)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


async def _insert(conn: AsyncConnection, table: Any, rows: list[dict[str, Any]]) -> None:
    for start in range(0, len(rows), CHUNK):
        await conn.execute(insert(table), rows[start : start + CHUNK])


async def seed(url: str, args: argparse.Namespace, now: datetime) -> None:
    """Migrate, then insert the synthetic world in bulk."""
    rng = random.Random(42)
    created = now - timedelta(days=400)
    people = range(1, args.profiles + 1)
    titles = range(1, args.titles + 1)
    engine = create_engine(url)
    try:
        await migrate.upgrade(engine)
        async with engine.begin() as conn:
            await _insert(conn, orm.Genre, [{"id": k + 1, "name": g} for k, g in enumerate(GENRES)])
            users = [{"id": k, "display_name": "u", "created_at": created} for k in people]
            await _insert(conn, orm.User, users)
            await _insert(
                conn,
                orm.Profile,
                [{"id": k, "user_id": k, "name": "main", "created_at": created} for k in people],
            )
            await _insert(
                conn,
                orm.Media,
                [{"id": k, "kind": "movie", "title": "T", "title_key": "t", "created_at": created}
                 for k in titles],
            )  # fmt: skip
            links = [
                {"media_id": m, "genre_id": g + 1}
                for m in titles
                for g in rng.sample(range(len(GENRES)), rng.randint(1, 3))
            ]
            await _insert(conn, orm.MediaGenre, links)
            await _insert(conn, orm.ActivityEvent, events(rng, args, now))
            for table in ("genres", "users", "profiles", "media"):
                await conn.exec_driver_sql(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT max(id) FROM {table}))"
                )
            await conn.exec_driver_sql("ANALYZE")
    finally:
        await engine.dispose()


def events(rng: random.Random, args: argparse.Namespace, now: datetime) -> list[dict[str, Any]]:
    """Random events over the last 30 days, on titles of Zipf-like popularity."""
    popularity = [1 / (k + 1) ** 0.8 for k in range(args.titles)]
    media = rng.choices(range(1, args.titles + 1), popularity, k=args.events)
    rows = []
    for title in media:
        kind = rng.choice(KINDS)
        rows.append(
            {
                "profile_id": rng.randint(1, args.profiles),
                "kind": kind,
                "media_id": title,
                "payload": {"value": rng.randint(1, 10)} if kind == "rated" else {},
                "created_at": now - timedelta(seconds=rng.uniform(0, 30 * 86_400)),
            }
        )
    return rows


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


async def latency(call: Callable[[int], Awaitable[object]], iterations: int) -> list[float]:
    """Milliseconds per call, after 5 warm-up calls."""
    for k in range(5):
        await call(k)
    timings = []
    for k in range(iterations):
        start = time.perf_counter()
        await call(k)
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def scopes(profiles: int) -> dict[str, Callable[[int], TrendScope]]:
    """The three queries' scopes, varied per call."""
    rng = random.Random(1)
    friends = [frozenset(rng.sample(range(1, profiles + 1), 50)) for _ in range(20)]
    return {
        "global": lambda k: TrendScope(),
        "genre": lambda k: TrendScope(genre=GENRES[k % len(GENRES)]),
        "50 friends": lambda k: TrendScope(profiles=friends[k % len(friends)]),
    }


async def compare(
    sql: TrendingStore, redis: TrendingStore, now: datetime, args: argparse.Namespace
) -> None:
    """Check both stores agree, then print the latency table."""
    for label, scope in scopes(args.profiles).items():
        for k in range(3):
            from_sql = await sql.top("week", scope(k), 20, now)
            from_redis = await redis.top("week", scope(k), 20, now)
            assert [m for m, _ in from_sql] == [m for m, _ in from_redis], label
    print(f"\n{HEADER}\n|---|---|---|---|---|---|")
    for label, scope in scopes(args.profiles).items():
        timings = []
        for store in (sql, redis):

            async def call(k: int, store: TrendingStore = store, scope: Any = scope) -> object:
                return await store.top("week", scope(k), 20, now)

            timings.append(await latency(call, args.iterations))
        (m_sql, p_sql), (m_redis, p_redis) = (
            (statistics.median(t), percentile(t, 0.99)) for t in timings
        )
        print(
            f"| {label} | {m_sql:.2f} ms | {p_sql:.2f} ms | {m_redis:.2f} ms | {p_redis:.2f} ms "
            f"| {m_redis / m_sql:.3f} |"
        )


async def sync_figures(redis: RedisTrendingStore, iterations: int) -> None:
    """Print the replay throughput and the cost of a sync with nothing new."""
    rates = []
    for _ in range(3):
        started = time.perf_counter()
        read = await redis.rebuild()
        rates.append(read / (time.perf_counter() - started))
    runs = ", ".join(f"{rate:,.0f}" for rate in rates)
    print(f"sync from empty: median {statistics.median(rates):,.0f} events/s (runs {runs})")

    async def noop(_: int) -> object:
        return await redis.sync()

    timings = await latency(noop, iterations)
    print(
        f"sync with nothing new: median {statistics.median(timings):.2f} ms, "
        f"p99 {percentile(timings, 0.99):.2f} ms"
    )


async def run(args: argparse.Namespace) -> None:
    """Seed, measure, clean up."""
    now = datetime.now(UTC)
    name = f"watchbot_bench_trending_{os.getpid()}"
    await _admin(f'CREATE DATABASE "{name}"')
    url = f"postgresql+asyncpg://{PG_USER}@{PG_HOST}:5432/{name}"
    namespace = f"watchbot-bench:trending:{uuid.uuid4().hex}:"
    client = aioredis.Redis.from_url(REDIS_URL)
    engine = create_engine(url)
    try:
        started = time.perf_counter()
        await seed(url, args, now)
        print(f"seeded {args.events:,} events in {time.perf_counter() - started:.1f} s")
        sessions = make_sessionmaker(engine)
        redis = RedisTrendingStore(client, sessions, namespace)
        await sync_figures(redis, args.iterations)
        await compare(SqlTrendingStore(sessions), redis, now, args)
    finally:
        keys = [key async for key in client.scan_iter(match=f"{namespace}*", count=1000)]
        for start in range(0, len(keys), 1000):
            await client.delete(*keys[start : start + 1000])
        await client.aclose()
        await engine.dispose()
        await _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def main() -> None:
    """Parse arguments and run the benchmark."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--titles", type=int, default=5_000)
    parser.add_argument("--profiles", type=int, default=2_000)
    parser.add_argument("--iterations", type=int, default=200)
    args = parser.parse_args()
    stamp = f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC"
    print(f"Python {platform.python_version()}, {os.cpu_count()} CPUs, {stamp}")
    asyncio.run(run(args))


if __name__ == "__main__":
    main()
