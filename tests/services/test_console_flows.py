"""Commands, buttons and multi-step input through the console adapter, on both backends."""

from __future__ import annotations

from adapters.console.repl import ConsoleSession
from core.app import App
from core.domain.accounts import Account
from core.views.reply import Invocation, Platform, UserRef


async def _to_watch(app: App, account: Account) -> list[str]:
    page = await app.lists.page(account.profile.id, "To Watch", None, 1)
    return [i.title for i in page.items]


async def test_unknown_command_is_explained(chat: ConsoleSession) -> None:
    assert "I don't know the command /frobnicate. Try /help." in await chat.handle(
        "/frobnicate now"
    )


async def test_missing_title_id_is_explained_and_changes_nothing(
    app: App, chat: ConsoleSession, account: Account, ids: dict[str, int]
) -> None:
    answer = await chat.handle("/add #987654")
    assert "There is no title #987654." in answer
    assert await _to_watch(app, account) == []


async def test_an_item_added_twice_is_refused_once(
    app: App, chat: ConsoleSession, account: Account, ids: dict[str, int]
) -> None:
    assert "Added Heat (1995) to To Watch." in await chat.handle("/add heat")
    assert "It is already on To Watch." in await chat.handle("/add Heat")
    assert await _to_watch(app, account) == ["Heat"]


async def test_bad_ratings_get_clear_messages(
    app: App, chat: ConsoleSession, account: Account, ids: dict[str, int]
) -> None:
    for value, expected in (
        ("0", "0 is out of range"),
        ("11", "11 is out of range"),
        ("abc", "“abc” is not"),
    ):
        answer = await chat.handle(f"/rate Heat {value}")
        assert expected in answer and "1 to 10" in answer
    assert "Missing rating" in await chat.handle("/rate Heat")
    assert await app.ratings.rating(account.profile.id, ids["Heat (1995)"]) is None


async def test_list_names_of_1_and_101_characters(
    app: App, chat: ConsoleSession, account: Account
) -> None:
    assert "2 to 100 characters long (you gave 1)" in await chat.handle("/newlist x")
    assert "2 to 100 characters long (you gave 101)" in await chat.handle("/newlist " + "y" * 101)
    assert len(await app.lists.lists(account.profile.id)) == 4


async def test_a_19_character_review_is_refused_and_the_prompt_stays(
    app: App, chat: ConsoleSession, account: Account, ids: dict[str, int]
) -> None:
    assert "Send your review of Alien (1979)" in await chat.handle("/review Alien (1979)")
    answer = await chat.handle("Too short, really.!")  # 19 characters
    assert "20 to 5000 characters long (yours has 19)" in answer
    assert await app.ratings.review(account.profile.id, ids["Alien (1979)"]) is None
    assert "Saved your review of Alien (1979)." in await chat.handle(
        "Perfect haunted house in space."
    )


async def test_which_one_buttons_then_press(
    app: App, chat: ConsoleSession, account: Account, ids: dict[str, int]
) -> None:
    answer = await chat.handle("/add Dune to Favorites")
    assert "Which one did you mean?" in answer
    assert "[1] Dune (2021) · Movie" in answer and "[2] Dune (1984) · Movie" in answer
    assert "Added Dune (1984) to Favorites." in await chat.handle("2")
    page = await app.lists.page(account.profile.id, "favorites", None, 1)
    assert [(i.title, i.year) for i in page.items] == [("Dune", 1984)]


async def test_year_narrows_and_keyword_titles_survive(
    app: App, chat: ConsoleSession, account: Account, ids: dict[str, int]
) -> None:
    assert "Added Dune (2021) to To Watch." in await chat.handle("/add Dune 2021")
    assert "Added Back to the Future (1985) to To Watch." in await chat.handle(
        "/add Back to the Future"
    )
    assert await _to_watch(app, account) == ["Dune", "Back to the Future"]


async def test_stale_and_forged_buttons_get_a_friendly_message(
    chat: ConsoleSession, ids: dict[str, int]
) -> None:
    for action in ("wl:zz:1", "nonsense", "rt:set:abc:9", "wl:pg:999999:1"):
        reply = await chat.app.dispatch(Invocation(chat.actor, chat.chat, action=action))
        assert reply.error, action
        assert "expired" in reply.plain_text() or "no longer exists" in reply.plain_text()


async def test_search_buttons_add_and_lists_show_it(
    app: App, chat: ConsoleSession, account: Account, ids: dict[str, int]
) -> None:
    answer = await chat.handle("/search alien")
    assert "1. Alien (1979)" in answer and "2. Aliens (1986)" in answer
    assert "[2] To Watch" in answer
    assert "Added Alien (1979) to To Watch." in await chat.handle("2")
    assert "To Watch — 1 title" in await chat.handle("/lists")


async def test_spoiler_review_and_buttons(chat: ConsoleSession, ids: dict[str, int]) -> None:
    answer = await chat.handle("/review Alien (1979) | Ash is an android, which nobody expects.")
    assert "Saved your review" in answer and "[1] Spoiler: off" in answer
    assert "||Ash is an android, which nobody expects.||" in await chat.handle("1")


async def test_cancelling_a_flow(chat: ConsoleSession, ids: dict[str, int]) -> None:
    await chat.handle("/newlist")
    assert "Cancelled." in await chat.handle("/cancel")
    assert "Send a command" in await chat.handle("Some words")
    assert "There is nothing to cancel." in await chat.handle("/cancel")


async def test_a_second_flow_replaces_the_first(
    app: App, chat: ConsoleSession, account: Account, ids: dict[str, int]
) -> None:
    await chat.handle("/review Heat")
    await chat.handle("/newlist")
    assert "Created the list Heist films." in await chat.handle("Heist films")
    assert await app.ratings.review(account.profile.id, ids["Heat (1995)"]) is None


async def test_group_chatter_is_ignored_but_commands_work(app: App, ids: dict[str, int]) -> None:
    group = ConsoleSession(app, user="ana", group="film-club")
    assert await group.handle("hello everyone") == ""
    assert "Results for “heat”" in await group.handle("/search@watchbot heat")


async def test_settings(app: App, chat: ConsoleSession) -> None:
    assert "Time zone: Europe/Paris" in await chat.handle("/settings timezone Europe/Paris")
    assert "is not a time zone" in await chat.handle("/settings timezone Mars/Olympus")
    assert "Privacy of new lists, reviews and your activity: friends" in await chat.handle(
        "/settings privacy friends"
    )
    profile = (await app.accounts.ensure(UserRef(Platform.CONSOLE, "ana"))).profile
    assert profile.timezone == "Europe/Paris"
    assert profile.preferences == {"default_visibility": "friends"}


async def test_admin_only_group_settings(app: App) -> None:
    member = ConsoleSession(app, user="bo", group="film-club")
    admin = ConsoleSession(app, user="ana", group="film-club", admin=True)
    assert "Only admins can change the group settings." in await member.handle(
        "/groupsettings timezone Asia/Tokyo"
    )
    assert "Time zone: Asia/Tokyo" in await admin.handle("/groupsettings timezone Asia/Tokyo")
    assert "Time zone: Asia/Tokyo" in await member.handle("/groupsettings")
    private = ConsoleSession(app, user="ana")
    assert "Use /groupsettings in a group chat." in await private.handle("/groupsettings")


async def test_addmanual(app: App, chat: ConsoleSession, ids: dict[str, int]) -> None:
    before = await app.catalog.count()
    assert "Added Grandma's 80th (2019) to the catalog as #" in await chat.handle(
        "/addmanual Grandma's 80th (2019)"
    )
    assert "is already in the catalog as #" in await chat.handle("/addmanual grandma's 80th (2019)")
    assert "Heat (1995) is already in the catalog" in await chat.handle("/addmanual Heat (1995)")
    assert "Write it as Title (Year)" in await chat.handle("/addmanual Untitled")
    assert "not a plausible year" in await chat.handle("/addmanual Old (1500)")
    assert "Added Our Trip (2024) to the catalog" in await chat.handle(
        "/addmanual Our Trip (2024) tv"
    )
    assert await app.catalog.count() == before + 2


async def test_search_with_typos_filters_people_and_pages(
    chat: ConsoleSession, ids: dict[str, int]
) -> None:
    assert "1. The Godfather (1972)" in await chat.handle("/search godfahter")
    assert "1. Amélie (2001)" in await chat.handle("/search amelie")
    filtered = await chat.handle("/search alien year:1979-1990 genre:horror type:movie")
    assert "Filters: year 1979-1990 · genre Horror · type movie" in filtered
    assert "1. Alien (1979)" in filtered and "Aliens" not in filtered
    assert "1. Heat (1995)" in await chat.handle("/search michael man")  # a director, with a typo
    assert "year" in await chat.handle("/search alien year:abc")
    assert "colour" in await chat.handle("/search alien colour:red")
    first = await chat.handle("/search type:movie")
    assert "(page 1/2)" in first
    next_button = next(i for i, b in enumerate(chat.buttons) if b.label.startswith("Next"))
    second = await chat.handle(str(next_button + 1))
    assert "(page 2/2)" in second and "6. " in second
