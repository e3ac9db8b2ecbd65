"""TV tracking on both backends: episodes, seasons, whole shows, progress and the next episode."""

from __future__ import annotations

import pytest

from adapters.console.repl import ConsoleSession
from core.app import App
from core.domain.accounts import Account
from core.domain.errors import InvalidInput, NotFound
from core.domain.lists import SystemList


async def _lists_of(app: App, account: Account, media_id: int) -> set[SystemList | None]:
    return {w.system_key for w in await app.lists.containing(account.profile.id, media_id)}


async def test_mark_episodes_progress_and_next(
    app: App, account: Account, ids: dict[str, int]
) -> None:
    pid, show = account.profile.id, ids["Chernobyl (2019)"]
    await app.lists.add(pid, show, None)
    first = await app.episodes.mark(pid, show, "S01E01", None)
    assert first.newly_watched == 1
    assert (first.progress.watched, first.progress.aired, first.progress.percent) == (1, 5, 20)
    assert first.progress.next_episode is not None and first.progress.next_episode.code == "S01E02"
    assert await _lists_of(app, account, show) == {SystemList.WATCHING}
    again = await app.episodes.mark(pid, show, "s1e1", None)
    assert again.newly_watched == 0
    await app.episodes.mark(pid, show, "S01E03", None)
    up_next = await app.episodes.next_up(pid, None)
    assert [(s.title, s.next_episode.code if s.next_episode else None) for s in up_next] == [
        ("Chernobyl", "S01E04")
    ]


async def test_marking_every_aired_episode_completes_the_show(
    app: App, account: Account, ids: dict[str, int]
) -> None:
    pid, show = account.profile.id, ids["Chernobyl (2019)"]
    done = await app.episodes.mark(pid, show, "S01", None)
    assert done.completed and done.progress.percent == 100 and done.progress.next_episode is None
    assert await _lists_of(app, account, show) == {SystemList.COMPLETED}
    assert await app.episodes.next_up(pid, None) == []


async def test_unaired_episodes_do_not_count_and_show_up_as_next(
    app: App, account: Account, ids: dict[str, int]
) -> None:
    pid, show = account.profile.id, ids["Severance (2022)"]
    marked = await app.episodes.mark(pid, show, None, "Europe/Paris")  # the whole show
    assert len(marked.episodes) == 5
    assert (marked.progress.watched, marked.progress.aired) == (4, 4)
    assert marked.completed
    checklist = await app.episodes.checklist(pid, show, 3, None)
    assert [e.title for e in checklist.season.episodes] == ["Episode 1"]


async def test_toggle_from_the_checklist(app: App, account: Account, ids: dict[str, int]) -> None:
    pid, show = account.profile.id, ids["Chernobyl (2019)"]
    checklist = await app.episodes.checklist(pid, show, None, None)
    episode = checklist.season.episodes[1]
    toggled = await app.episodes.toggle(pid, show, episode.id, None)
    assert toggled.watched == {episode.id}
    assert (await app.episodes.toggle(pid, show, episode.id, None)).watched == set()


@pytest.mark.parametrize("code", ["E01", "S1E", "season one", "S01E03E04"])
async def test_bad_episode_codes(
    app: App, account: Account, ids: dict[str, int], code: str
) -> None:
    with pytest.raises(InvalidInput):
        await app.episodes.mark(account.profile.id, ids["Chernobyl (2019)"], code, None)


async def test_missing_episode_season_and_movies(
    app: App, account: Account, ids: dict[str, int]
) -> None:
    pid = account.profile.id
    with pytest.raises(NotFound):
        await app.episodes.mark(pid, ids["Chernobyl (2019)"], "S01E09", None)
    with pytest.raises(NotFound):
        await app.episodes.mark(pid, ids["Chernobyl (2019)"], "S04", None)
    with pytest.raises(InvalidInput):
        await app.episodes.mark(pid, ids["Heat (1995)"], "S01E01", None)


async def test_episode_commands_in_the_console(chat: ConsoleSession, ids: dict[str, int]) -> None:
    assert "Marked Chernobyl S01E01 “1:23:45” as watched." in await chat.handle(
        "/ep Chernobyl S01E01"
    )
    answer = await chat.handle("/episodes chernobyl")
    assert "✅ S01E01 1:23:45" in answer and "⬜ S01E02 Please Remain Calm" in answer
    assert "1 of 5 aired episodes watched (20%)" in answer
    assert "Chernobyl — S01E02 · Please Remain Calm" in await chat.handle("/next")
    assert "is not an episode code" in await chat.handle("/ep Chernobyl episode-two")


async def test_a_whole_show_from_the_console(chat: ConsoleSession, ids: dict[str, int]) -> None:
    answer = await chat.handle("/ep Chernobyl all")
    assert "Marked 5 episodes of Chernobyl as watched." in answer
    assert "You have seen every aired episode; Chernobyl is on Completed." in answer
