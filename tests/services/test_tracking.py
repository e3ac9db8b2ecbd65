"""Watches, ratings, reviews, ownership and the library, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from adapters.console.repl import ConsoleSession
from core.app import App
from core.domain.accounts import Account
from core.domain.errors import Conflict, InvalidInput, NotFound
from core.domain.library_filter import parse_library_filter
from core.domain.lists import SystemList
from core.domain.watching import LibraryFilter, OwnedFormat
from tests.support.fakes import FakeClock


async def test_watching_moves_a_title_to_completed(
    app: App, account: Account, ids: dict[str, int]
) -> None:
    pid, heat = account.profile.id, ids["Heat (1995)"]
    await app.lists.add(pid, heat, None)
    await app.lists.move_to(pid, heat, "Watching")
    result = await app.watching.mark_watched(pid, heat)
    assert result.record.count == 1
    assert [w.system_key for w in result.moved_from] == [SystemList.WATCHING]
    assert result.completed is not None and result.completed.system_key is SystemList.COMPLETED
    assert [w.system_key for w in await app.lists.containing(pid, heat)] == [SystemList.COMPLETED]


async def test_rewatches_count_and_undo_removes_the_last(
    app: App, account: Account, ids: dict[str, int], clock: FakeClock
) -> None:
    pid, alien = account.profile.id, ids["Alien (1979)"]
    await app.watching.mark_watched(pid, alien, date(2020, 1, 2))
    clock.advance(hours=1)
    second = await app.watching.mark_watched(pid, alien)
    assert second.record.count == 2 and second.completed is None
    assert second.record.first_watched == datetime(2020, 1, 2, 12, tzinfo=UTC)
    remaining = await app.watching.unwatch(pid, alien)
    assert remaining is not None and remaining.count == 1
    assert remaining.last_watched == datetime(2020, 1, 2, 12, tzinfo=UTC)
    assert await app.watching.unwatch(pid, alien) is None
    with pytest.raises(NotFound):
        await app.watching.unwatch(pid, alien)


async def test_ratings_rate_change_clear(app: App, account: Account, ids: dict[str, int]) -> None:
    pid, dune = account.profile.id, ids["Dune (2021)"]
    assert await app.ratings.rate(pid, dune, "8") == (8, None)
    assert await app.ratings.rate(pid, dune, 9) == (9, 8)
    assert await app.ratings.unrate(pid, dune) == 9
    with pytest.raises(NotFound):
        await app.ratings.unrate(pid, dune)


@pytest.mark.parametrize("value", ["0", "11", "abc", "7.5", "-3"])
async def test_bad_ratings_are_refused_and_change_nothing(
    app: App, account: Account, ids: dict[str, int], value: str
) -> None:
    pid, dune = account.profile.id, ids["Dune (2021)"]
    await app.ratings.rate(pid, dune, 6)
    with pytest.raises(InvalidInput) as error:
        await app.ratings.rate(pid, dune, value)
    assert "1" in str(error.value) and "10" in str(error.value)
    assert await app.ratings.rating(pid, dune) == 6


async def test_reviews(app: App, account: Account, ids: dict[str, int]) -> None:
    pid, alien = account.profile.id, ids["Alien (1979)"]
    with pytest.raises(InvalidInput) as error:
        await app.ratings.write_review(pid, alien, "x" * 19)
    assert "20 to 5000" in str(error.value)
    assert await app.ratings.review(pid, alien) is None
    review, created = await app.ratings.write_review(
        pid, alien, "The chestburster scene still works."
    )
    assert created and not review.spoiler
    toggled = await app.ratings.toggle_spoiler(pid, alien)
    assert toggled.spoiler
    edited, created = await app.ratings.write_review(
        pid, alien, "Ripley survives, and so does Jones."
    )
    assert not created and edited.spoiler and edited.body.startswith("Ripley")
    with pytest.raises(InvalidInput):
        await app.ratings.write_review(pid, alien, "r" * 5001)
    await app.ratings.delete_review(pid, alien)
    with pytest.raises(NotFound):
        await app.ratings.delete_review(pid, alien)


async def test_future_watch_dates_and_bad_dates_are_refused(
    app: App, account: Account, chat: ConsoleSession, ids: dict[str, int]
) -> None:
    assert "future" in await chat.handle("/watched Heat 2030-01-01")
    assert "YYYY-MM-DD" in await chat.handle("/watched Heat 2024-13-45")
    assert await app.watching.library(account.profile.id, LibraryFilter(), 1) == ([], 1, 1)


async def test_ownership_and_library_filters(
    app: App, account: Account, ids: dict[str, int]
) -> None:
    pid = account.profile.id
    await app.watching.mark_watched(pid, ids["Alien (1979)"])
    await app.watching.mark_watched(pid, ids["Heat (1995)"])
    await app.watching.mark_watched(pid, ids["The Godfather (1972)"])
    await app.ratings.rate(pid, ids["Heat (1995)"], 9)
    await app.ratings.rate(pid, ids["Alien (1979)"], 7)
    await app.watching.own(pid, ids["Dune (2021)"], OwnedFormat.UHD)
    with pytest.raises(Conflict):
        await app.watching.own(pid, ids["Dune (2021)"], OwnedFormat.UHD)

    async def titles(filters: str) -> list[str]:
        entries, _, _ = await app.watching.library(pid, parse_library_filter(filters), 1)
        return sorted(e.title for e in entries)

    assert await titles("") == ["Alien", "Dune", "Heat", "The Godfather"]
    assert await titles("genre:crime") == ["Heat", "The Godfather"]
    assert await titles("genre:science-fiction year:1970-1980") == ["Alien"]
    assert await titles("rating:>=8") == ["Heat"]
    assert await titles("rating:7-8") == ["Alien"]
    assert await titles("format:4k") == ["Dune"]
    assert await titles("owned") == ["Dune"]
    assert await titles("type:tv") == []


@pytest.mark.parametrize(
    ("filters", "named"),
    [
        ("year:abc", "year"),
        ("colour:red", "colour"),
        ("rating:11", "10"),
        ("year:2000-1990", "year"),
        ("type:book", "type"),
        ("format:vhs", "format"),
        ("dramas", "dramas"),
    ],
)
def test_library_filter_errors_name_the_filter(filters: str, named: str) -> None:
    with pytest.raises(InvalidInput) as error:
        parse_library_filter(filters)
    assert named in str(error.value)
