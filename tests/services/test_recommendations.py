"""Recommendations end to end on both backends: train from the database, serve with reasons."""

from __future__ import annotations

import os
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from adapters.cache import CacheError, MemoryCache, RedisCache
from adapters.console.repl import ConsoleSession
from adapters.db.uow import SqlUnitOfWork
from adapters.recommend import artifacts
from adapters.recommend.abreport import variant_stats
from adapters.recommend.engine import HybridEngine
from adapters.recommend.events import load_training_data
from adapters.recommend.training import train
from bot.bootstrap import build_app
from bot.settings import Settings
from core.app import App
from core.domain.experiments import Experiment, assign
from recommender.ab import format_report
from tests.support import catalog
from tests.support.databases import unavailable
from tests.support.fakes import FakeClock
from tests.support.tastes import app_with_tastes

REDIS_URL = os.environ.get("WATCHBOT_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")

TASTES = {  # who rated what (title -> rating); crime fans and sci-fi fans
    "ana": {"Heat": 9, "The Godfather": 10},
    "bo": {"Heat": 8, "The Godfather": 9, "Amélie": 4},
    "cy": {"Alien": 9, "Aliens": 9, "Dune 2021": 8},
    "di": {"Alien": 10, "Dune 2021": 9, "Dune 1984": 6},
    "ed": {"Aliens": 8, "Dune 2021": 9, "Back to the Future": 7},
}


@pytest.fixture
async def world(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock, tmp_path: Path
) -> tuple[App, Path]:
    """An app with a recommendation engine over ``tmp_path``, and people with tastes."""
    app = await app_with_tastes(sessions, clock, tmp_path, TASTES)
    return app, tmp_path


async def _train(app: App, sessions: async_sessionmaker[AsyncSession], folder: Path) -> str:
    report = train(await load_training_data(sessions), folder)
    assert report.promoted
    return report.version


async def test_before_any_training_popular_titles_lean_to_liked_genres(
    world: tuple[App, Path],
) -> None:
    app, _ = world
    ana = ConsoleSession(app, user="ana")  # rated Heat 9 and The Godfather 10: crime, drama
    picks = [line for line in (await ana.handle("/recommend")).splitlines() if line[:1].isdigit()]
    assert picks and "Heat" not in "".join(picks) and "Godfather (1972) " not in "".join(picks)
    assert "You like Crime" in picks[0] or "You like Drama" in picks[0]
    similar = await ana.handle("/similar Alien")
    assert (
        "Like Alien (1979)" in similar and "Genres: " in similar and "Alien (1979) —" not in similar
    )
    onboarded = await ConsoleSession(app, user="newcomer").handle(
        "/onboard Alien | science fiction"
    )
    assert "Alien (1979) —" not in onboarded and "You like" in onboarded
    assert "For tonight" in await ana.handle("/tonight")


async def test_recommend_with_reasons_and_not_interested_sticks(
    world: tuple[App, Path], sessions: async_sessionmaker[AsyncSession]
) -> None:
    app, folder = world
    await _train(app, sessions, folder)
    chat = ConsoleSession(app, user="cy")
    answer = await chat.handle("/recommend")
    assert "Recommended for you" in answer
    assert "Alien (1979)" not in answer and "Aliens (1986)" not in answer  # seen
    assert " — " in answer.splitlines()[1]  # every pick carries a reason
    first = answer.splitlines()[1].split(". ", 1)[1].split(" — ")[0]
    button = next(i for i, b in enumerate(chat.buttons) if b.action.startswith("rc:ni:"))
    assert "will not be recommended again" in await chat.handle(str(button + 1))
    assert first not in await chat.handle("/recommend")
    await _train(app, sessions, folder)  # and after retraining too
    assert first not in await chat.handle("/recommend")


async def test_similar_onboarding_and_kid_profiles(
    world: tuple[App, Path], sessions: async_sessionmaker[AsyncSession]
) -> None:
    app, folder = world
    await _train(app, sessions, folder)
    newcomer = ConsoleSession(app, user="zoe")
    assert "Popular right now" in await newcomer.handle("/recommend")
    onboarded = await newcomer.handle("/onboard Alien | science fiction")
    assert "To start with" in onboarded and "Alien (1979)" not in onboarded
    similar = await newcomer.handle("/similar Heat")
    assert "Like Heat (1995)" in similar and "Heat (1995) —" not in similar
    kid = await app.accounts.ensure(newcomer.actor)
    async with app.uow() as uow:
        await uow.accounts.update_profile(kid.profile.id, {"is_kid": True})
        await uow.commit()
    for_kids = await newcomer.handle("/recommend")
    assert "Back to the Future (1985)" in for_kids  # the only PG title of the small catalog
    picks = [line for line in for_kids.splitlines() if line[:1].isdigit()]
    assert len(picks) == 1


async def test_a_worse_model_is_not_promoted_and_serving_hot_swaps(
    world: tuple[App, Path], sessions: async_sessionmaker[AsyncSession]
) -> None:
    app, folder = world
    first = await _train(app, sessions, folder)
    assert app.recommendations.version == first
    candidate = artifacts.read_meta(folder / first)
    worse = replace(candidate, version="x", metrics={"ndcg@10": candidate.metrics["ndcg@10"] - 0.1})
    assert not artifacts.should_promote(folder, worse)
    second = await _train(app, sessions, folder)
    assert second != first and app.recommendations.version == second  # swapped, no restart


async def test_trending_counts_recent_activity_by_window_and_genre(
    world: tuple[App, Path], clock: FakeClock
) -> None:
    app, _ = world
    chat = ConsoleSession(app, user="ana")
    week = await chat.handle("/trending")
    assert "Trending this week" in week
    assert week.splitlines()[1].startswith("1. Dune (2021) 🔥🔥🔥")  # rated by 3 people
    assert "1. Alien (1979)" in await chat.handle("/trending week horror")
    clock.advance(days=8)
    assert "Nothing yet" in await chat.handle("/trending week")
    assert "Dune (2021)" in await chat.handle("/trending month")


async def test_tonight_fits_the_time_at_hand(
    world: tuple[App, Path], sessions: async_sessionmaker[AsyncSession]
) -> None:
    app, folder = world
    await _train(app, sessions, folder)
    chat = ConsoleSession(app, user="zoe")
    assert "For tonight" in await chat.handle("/tonight 130")
    assert "between 20 and 600" in await chat.handle("/tonight 5")
    assert "Nothing to recommend" in await chat.handle(
        "/tonight 60"
    )  # every test title runs 120 min


async def test_a_group_pick_for_the_club(
    world: tuple[App, Path], sessions: async_sessionmaker[AsyncSession]
) -> None:
    app, folder = world
    await _train(app, sessions, folder)
    chats = {user: ConsoleSession(app, user=user, group="film-club") for user in ("cy", "di", "ed")}
    for chat in chats.values():
        await chat.handle("/club")  # joining the club by using it
    picked = await chats["cy"].handle("/grouppick")
    assert "For the club" in picked
    lines = [line for line in picked.splitlines() if line[:1].isdigit()]
    assert lines and all("Suits " in line for line in lines), picked
    assert any(name in picked for name in ("cy", "di", "ed"))
    seen = {"Alien", "Aliens", "Dune", "Back to the Future"}
    assert not any(f"{title} (" in line for line in lines for title in seen)
    assert "Use /grouppick in a group chat" in await ConsoleSession(app, user="cy").handle(
        "/grouppick"
    )


async def test_ab_test_end_to_end(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock, tmp_path: Path
) -> None:
    experiment = Experiment("diversity", {"control": 0.5, "diverse": 0.5})
    app = build_app(
        lambda: SqlUnitOfWork(sessions),
        Settings(_env_file=None),  # type: ignore[call-arg]
        clock,
        recommender=HybridEngine(tmp_path),
        experiment=experiment,
    )
    await catalog.load(app)
    chats = {user: ConsoleSession(app, user=user) for user in ("ana", "bo", "cy", "di", "ed", "fy")}
    for user, chat in chats.items():
        await chat.handle(f"/rate Heat {6 + len(user)}")
    await _train(app, sessions, tmp_path)

    shown: dict[str, int] = {}
    clicks: dict[str, int] = {}
    for user, chat in chats.items():
        account = await app.accounts.ensure(chat.actor)
        variant = assign(str(account.profile.id), experiment)
        assert await app.recommendations.variant(account.profile.id) == variant  # stored, stable
        answer = await chat.handle("/recommend")
        shown[variant] = shown.get(variant, 0) + sum(
            1 for line in answer.splitlines() if line[:1].isdigit()
        )
        if user in ("ana", "cy", "ed"):  # these press "To Watch" on their first pick
            press = next(i for i, b in enumerate(chat.buttons) if b.action.startswith("rc:add:"))
            assert "Added" in await chat.handle(str(press + 1))
            clicks[variant] = clicks.get(variant, 0) + 1
    assert set(shown) == {"control", "diverse"}  # both variants were served

    stats = {s.variant: s for s in await variant_stats(sessions, "diversity")}
    for variant, count in shown.items():
        assert stats[variant].impressions == count
        assert stats[variant].clicks == clicks.get(variant, 0)
        assert stats[variant].ctr == pytest.approx(clicks.get(variant, 0) / count)
    assert "control" in format_report("diversity", list(stats.values()))

    switched_off = build_app(  # the kill switch: everyone gets control, nothing is stored
        lambda: SqlUnitOfWork(sessions),
        Settings(_env_file=None),  # type: ignore[call-arg]
        clock,
        recommender=HybridEngine(tmp_path),
        experiment=Experiment("diversity", experiment.variants, enabled=False),
    )
    for chat in chats.values():
        account = await switched_off.accounts.ensure(chat.actor)
        assert await switched_off.recommendations.variant(account.profile.id) == "control"


class CountingEngine:
    """The real engine, counting how often it is asked (to see the cache work)."""

    def __init__(self, engine: HybridEngine) -> None:
        self.engine, self.calls = engine, 0

    @property
    def version(self) -> str | None:
        return self.engine.version

    async def for_profile(self, *args: Any, **kwargs: Any) -> Any:
        self.calls += 1
        return await self.engine.for_profile(*args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.engine, name)


@pytest.mark.parametrize("backend", ["memory", pytest.param("redis", marks=pytest.mark.redis)])
async def test_results_are_cached_until_the_person_rates_or_watches(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock, tmp_path: Path, backend: str
) -> None:
    cache: Any = (
        MemoryCache()
        if backend == "memory"
        else RedisCache(REDIS_URL, namespace=f"t:{tmp_path.name}:")
    )
    if backend == "redis":
        try:
            await cache.ping()
        except CacheError as error:
            unavailable("Redis at 127.0.0.1:6379", error)
    engine = CountingEngine(HybridEngine(tmp_path))
    app = build_app(
        lambda: SqlUnitOfWork(sessions),
        Settings(_env_file=None),  # type: ignore[call-arg]
        clock,
        recommender=engine,
        cache=cache,
    )
    try:
        await catalog.load(app)
        chat = ConsoleSession(app, user="ana")
        await chat.handle("/rate Heat 9")
        await _train(app, sessions, tmp_path)
        first = await chat.handle("/recommend")
        assert await chat.handle("/recommend") == first
        assert engine.calls == 1  # the second list came from the cache
        await chat.handle("/rate Alien 8")  # a new rating invalidates
        await chat.handle("/recommend")
        assert engine.calls == 2
        await chat.handle("/watched Amélie")
        await chat.handle("/recommend")
        assert engine.calls == 3
    finally:
        if backend == "redis":
            await cache.clear()
        await cache.close()


async def test_picks_and_cards_say_what_you_would_probably_rate(
    world: tuple[App, Path], sessions: async_sessionmaker[AsyncSession]
) -> None:
    app, folder = world
    extra = {  # enough ratings for the rating predictor (20 or more)
        "fi": {"Heat": 8, "Alien": 7, "Aliens": 6, "Amélie": 9},
        "gu": {"The Godfather": 9, "Dune 2021": 5, "Back to the Future": 8, "Heat": 7},
    }
    for user, rated in extra.items():
        for title, value in rated.items():
            assert "Rated" in await ConsoleSession(app, user=user).handle(f"/rate {title} {value}")
    report = train(await load_training_data(sessions), folder)
    assert report.promoted and report.counts["ratings"] >= 20
    assert (folder / report.version / artifacts.RATING_FILE).exists()
    cy = ConsoleSession(app, user="cy")
    picks = [line for line in (await cy.handle("/recommend")).splitlines() if line[:1].isdigit()]
    guesses = [int(re.search(r"~(\d+)/10 for you", line).group(1)) for line in picks]  # type: ignore[union-attr]
    assert picks and all(1 <= g <= 10 for g in guesses)
    card = await cy.handle("/title Heat")
    assert re.search(r"You would probably rate it: ~\d+/10", card)
    assert "You would probably rate it" not in await cy.handle("/title Alien")  # rated: 9/10
    newcomer = await ConsoleSession(app, user="zed").handle("/title Heat")
    assert "You would probably rate it" not in newcomer  # the model has not met zed
