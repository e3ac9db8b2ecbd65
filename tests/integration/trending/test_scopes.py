"""What counts, and for whom: the same expectations for the SQL and the Redis store, on
SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from adapters.trending.base import day_of
from core.ports_trending import TrendingStore, TrendScope
from recommender.trending import bucket_weights
from tests.integration.trending.support import Event, World, assert_same

EVERYONE = TrendScope()


async def test_windows_keep_their_days(store: TrendingStore, world: World, now: datetime) -> None:
    [p] = await world.profiles(1)
    fresh, older, oldest, ancient = await world.titles([[], [], [], []])
    await world.add(
        [
            Event(p, "watched", fresh, now - timedelta(minutes=5)),
            Event(p, "watched", older, now - timedelta(days=3)),
            Event(p, "watched", oldest, now - timedelta(days=20)),
            Event(p, "watched", ancient, now - timedelta(days=33)),
        ]
    )
    day = await store.top("day", EVERYONE, 10, now)
    week = await store.top("week", EVERYONE, 10, now)
    month = await store.top("month", EVERYONE, 10, now)
    assert [m for m, _ in day] == [fresh]
    assert [m for m, _ in week] == [fresh, older]
    assert [m for m, _ in month] == [fresh, older, oldest]
    for window, got in (("day", day), ("week", week), ("month", month)):
        assert_same(got, world.expected(window, EVERYONE, now))
    # one "watched" (weight 1) three days back: exactly its day bucket's weight
    weights = dict(bucket_weights(now.timestamp(), "week"))
    assert dict(week)[older] == pytest.approx(weights[day_of(now - timedelta(days=3))])


async def test_kind_weights(store: TrendingStore, world: World, now: datetime) -> None:
    [p, q] = await world.profiles(2)
    titles = await world.titles([[]] * 6)
    at = now - timedelta(minutes=1)
    await world.add(
        [
            Event(p, "watched", titles[0], at),
            Event(p, "rated", titles[1], at, {"value": 7}),
            Event(p, "rated", titles[2], at, {"value": 6}),
            Event(p, "rated", titles[3], at),
            Event(p, "listed", titles[4], at, {"list": 1}),
            Event(q, "reviewed", titles[4], at),
            Event(p, "reviewed", titles[5], at),
            Event(p, "not_interested", titles[5], at),
            Event(p, "joined", None, at),
        ]
    )
    got = dict(await store.top("day", EVERYONE, 10, now))
    unit = got[titles[0]]
    ratios = {m: round(score / unit, 9) for m, score in got.items()}
    assert ratios == {
        titles[0]: 1.0,
        titles[1]: 1.0,
        titles[2]: 0.5,
        titles[3]: 0.5,
        titles[4]: 1.0,
        titles[5]: 0.5,
    }


async def test_genre_scope_ignores_case(store: TrendingStore, world: World, now: datetime) -> None:
    [p] = await world.profiles(1)
    scifi, both, drama = await world.titles([["Sci-Fi"], ["Sci-Fi", "Drama"], ["Drama"]])
    at = now - timedelta(hours=2)
    await world.add([Event(p, "watched", m, at) for m in (scifi, both, both, drama, drama, drama)])
    got = await store.top("week", TrendScope(genre="sci-FI"), 10, now)
    assert [m for m, _ in got] == [both, scifi]
    assert_same(got, world.expected("week", TrendScope(genre="sci-fi"), now))
    assert await store.top("week", TrendScope(genre="Western"), 10, now) == []


async def test_profiles_scope(store: TrendingStore, world: World, now: datetime) -> None:
    me, friend, other, stranger = await world.profiles(4)
    a, b, c = await world.titles([[], [], []])
    at = now - timedelta(days=1, hours=3)
    await world.add(
        [
            Event(me, "watched", a, at),
            Event(friend, "watched", a, at),
            Event(other, "listed", b, at),
            Event(stranger, "watched", c, at),
            Event(stranger, "watched", c, at),
            Event(stranger, "watched", c, at),
        ]
    )
    friends = TrendScope(profiles=frozenset({me, friend, other}))
    got = await store.top("week", friends, 10, now)
    assert [m for m, _ in got] == [a, b]
    assert_same(got, world.expected("week", friends, now))
    # profiles without events change nothing (1,200 of them: Redis merges in chunks)
    crowd = TrendScope(profiles=frozenset({me, friend, other, *range(10**9, 10**9 + 1200)}))
    assert await store.top("week", crowd, 10, now) == got
    assert await store.top("week", TrendScope(profiles=frozenset()), 10, now) == []
    assert await store.top("week", TrendScope(genre="x", profiles=frozenset()), 10, now) == []


async def test_genre_and_profiles_together(
    store: TrendingStore, world: World, now: datetime
) -> None:
    me, friend, stranger = await world.profiles(3)
    horror, comedy, horror2 = await world.titles([["Horror"], ["Comedy"], ["Horror"]])
    at = now - timedelta(days=4)
    await world.add(
        [
            Event(me, "watched", horror, at),
            Event(friend, "rated", horror, at - timedelta(days=1), {"value": 9}),
            Event(friend, "watched", comedy, at),
            Event(stranger, "watched", horror2, at),
            Event(stranger, "watched", horror2, at),
            Event(stranger, "watched", horror2, at),
        ]
    )
    scope = TrendScope(genre="horror", profiles=frozenset({me, friend}))
    got = await store.top("month", scope, 10, now)
    assert [m for m, _ in got] == [horror]
    assert_same(got, world.expected("month", scope, now))
    # the friends' score of the title, not everyone's
    assert_same(got, [(horror, dict(world.expected("month", scope, now))[horror])])


async def test_ties_go_to_the_smaller_id_and_n_cuts(
    store: TrendingStore, world: World, now: datetime
) -> None:
    [p, q] = await world.profiles(2)
    titles = await world.titles([[]] * 12)
    at = now - timedelta(hours=1)
    # 12 titles with the same events, created so that ids and their strings sort apart
    await world.add([Event(p if k % 2 else q, "watched", m, at) for k, m in enumerate(titles)])
    [best] = await world.titles([[]])
    await world.add([Event(p, "watched", best, at), Event(q, "watched", best, at)])
    got = await store.top("day", EVERYONE, 5, now)
    assert [m for m, _ in got] == [best, *sorted(titles)[:4]]
    assert len({score for _, score in got[1:]}) == 1
    assert await store.top("day", EVERYONE, 0, now) == []


async def test_unknown_window_is_refused(store: TrendingStore, now: datetime) -> None:
    with pytest.raises(ValueError, match="window"):
        await store.top("year", EVERYONE, 5, now)
