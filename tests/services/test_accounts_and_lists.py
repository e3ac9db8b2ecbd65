"""Accounts and lists, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from core.app import App
from core.domain.accounts import Account
from core.domain.errors import Conflict, InvalidInput, NotAllowed, NotFound
from core.domain.lists import SystemList
from core.views.reply import Platform, UserRef


async def test_first_contact_creates_user_profile_and_four_system_lists(app: App) -> None:
    who = UserRef(Platform.TELEGRAM, "42", "Bo", "de")
    first = await app.accounts.ensure(who)
    again = await app.accounts.ensure(who)
    assert first.created and not again.created
    assert again.user_id == first.user_id and again.profile.id == first.profile.id
    names = [(w.name, w.system_key) for w in await app.lists.lists(first.profile.id)]
    assert names == [
        ("Favorites", SystemList.FAVORITES),
        ("To Watch", SystemList.TO_WATCH),
        ("Watching", SystemList.WATCHING),
        ("Completed", SystemList.COMPLETED),
    ]


async def test_the_same_external_id_on_two_platforms_is_two_identities(app: App) -> None:
    telegram = await app.accounts.ensure(UserRef(Platform.TELEGRAM, "7"))
    discord = await app.accounts.ensure(UserRef(Platform.DISCORD, "7"))
    assert telegram.user_id != discord.user_id


async def test_custom_list_lifecycle(app: App, account: Account) -> None:
    pid = account.profile.id
    created = await app.lists.create(pid, "  Sunday   Classics ", "Old films for lazy Sundays")
    assert created.name == "Sunday Classics" and created.description == "Old films for lazy Sundays"
    renamed = await app.lists.rename(pid, "sunday classics", "Weekend Classics")
    assert renamed.name == "Weekend Classics"
    await app.lists.describe(pid, "Weekend Classics", "Saturday too")
    assert (
        await app.lists.page(pid, "weekend classics", None, 1)
    ).watchlist.description == "Saturday too"
    await app.lists.delete(pid, "Weekend Classics")
    assert [w.name for w in await app.lists.lists(pid)][-1] == "Completed"


@pytest.mark.parametrize("name", ["x", "y" * 101, "   "])
async def test_list_names_outside_2_to_100_characters_are_refused(
    app: App, account: Account, name: str
) -> None:
    before = await app.lists.lists(account.profile.id)
    with pytest.raises(InvalidInput) as error:
        await app.lists.create(account.profile.id, name, None)
    assert "2 to 100 characters" in str(error.value)
    assert await app.lists.lists(account.profile.id) == before


async def test_list_names_are_unique_per_owner_case_insensitively(
    app: App, account: Account
) -> None:
    await app.lists.create(account.profile.id, "Noir", None)
    with pytest.raises(Conflict):
        await app.lists.create(account.profile.id, "NOIR", None)
    with pytest.raises(Conflict):
        await app.lists.create(account.profile.id, "to watch", None)
    other = await app.accounts.ensure(UserRef(Platform.CONSOLE, "bo"))
    assert (await app.lists.create(other.profile.id, "Noir", None)).name == "Noir"


async def test_description_over_500_characters_is_refused(app: App, account: Account) -> None:
    with pytest.raises(InvalidInput):
        await app.lists.create(account.profile.id, "Long", "d" * 501)


async def test_system_lists_cannot_be_deleted_or_renamed(app: App, account: Account) -> None:
    with pytest.raises(NotAllowed):
        await app.lists.delete(account.profile.id, "To Watch")
    with pytest.raises(NotAllowed):
        await app.lists.rename(account.profile.id, "Favorites", "Loved")
    assert len(await app.lists.lists(account.profile.id)) == 4


async def test_add_remove_and_duplicates(app: App, account: Account, ids: dict[str, int]) -> None:
    pid, alien = account.profile.id, ids["Alien (1979)"]
    target = await app.lists.add(pid, alien, None)
    assert target.system_key is SystemList.TO_WATCH
    with pytest.raises(Conflict):
        await app.lists.add(pid, alien, None)
    page = await app.lists.page(pid, "To Watch", None, 1)
    assert [i.media_id for i in page.items] == [alien] and page.watchlist.item_count == 1
    await app.lists.remove(pid, alien, None)
    with pytest.raises(NotFound):
        await app.lists.remove(pid, alien, None)


async def test_adding_a_missing_title_id_is_refused(app: App, account: Account) -> None:
    with pytest.raises(NotFound):
        await app.lists.add(account.profile.id, 999_999, None)


async def test_move_between_lists_keeps_favorites(
    app: App, account: Account, ids: dict[str, int]
) -> None:
    pid, heat = account.profile.id, ids["Heat (1995)"]
    await app.lists.add(pid, heat, None)
    await app.lists.add(pid, heat, "Favorites")
    sources, target = await app.lists.move_to(pid, heat, "watching")
    assert [s.system_key for s in sources] == [SystemList.TO_WATCH]
    assert target.system_key is SystemList.WATCHING
    holding = {w.system_key for w in await app.lists.containing(pid, heat)}
    assert holding == {SystemList.WATCHING, SystemList.FAVORITES}
    with pytest.raises(Conflict):
        await app.lists.move_to(pid, heat, "Watching")


async def test_reorder_moves_an_item_and_shifts_the_others(
    app: App, account: Account, ids: dict[str, int]
) -> None:
    pid = account.profile.id
    order = ["Alien (1979)", "Heat (1995)", "The Godfather (1972)", "Amélie (2001)"]
    for title in order:
        await app.lists.add(pid, ids[title], None)
    to_watch = (await app.lists.page(pid, "To Watch", None, 1)).watchlist
    assert await app.lists.reorder(pid, to_watch.id, ids["Amélie (2001)"], 1) == 1
    assert await app.lists.reorder(pid, to_watch.id, ids["Alien (1979)"], 99) == 4
    items = (await app.lists.page(pid, None, to_watch.id, 1)).items
    assert [i.title for i in items] == ["Amélie", "Heat", "The Godfather", "Alien"]
    assert [i.position for i in items] == [1, 2, 3, 4]
    await app.lists.remove(pid, ids["Heat (1995)"], None)
    items = (await app.lists.page(pid, None, to_watch.id, 1)).items
    assert [i.position for i in items] == [1, 2, 3]


async def test_notes_on_items(app: App, account: Account, ids: dict[str, int]) -> None:
    pid = account.profile.id
    await app.lists.add(pid, ids["Heat (1995)"], None)
    await app.lists.note(pid, "To Watch", ids["Heat (1995)"], "  with Sam  ")
    assert (await app.lists.page(pid, "To Watch", None, 1)).items[0].notes == "with Sam"
    with pytest.raises(InvalidInput):
        await app.lists.note(pid, "To Watch", ids["Heat (1995)"], "n" * 501)


async def test_a_foreign_list_id_is_not_found(
    app: App, account: Account, ids: dict[str, int]
) -> None:
    other = await app.accounts.ensure(UserRef(Platform.CONSOLE, "mallory"))
    theirs = await app.lists.create(other.profile.id, "Secret", None)
    with pytest.raises(NotFound):
        await app.lists.page(account.profile.id, None, theirs.id, 1)
    with pytest.raises(NotFound):
        await app.lists.remove_by_id(account.profile.id, theirs.id, ids["Alien (1979)"])


async def test_list_pages(app: App, account: Account, ids: dict[str, int]) -> None:
    pid = account.profile.id
    custom = await app.lists.create(pid, "Everything", None)
    for media_id in ids.values():
        await app.lists.add(pid, media_id, "Everything")
    first = await app.lists.page(pid, None, custom.id, 1)
    last = await app.lists.page(pid, None, custom.id, 7)
    assert (first.page, first.pages, len(first.items)) == (1, 1, 10)
    assert last.page == 1  # clamped
