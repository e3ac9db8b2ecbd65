"""Inline mode: ``@bot <query>`` answered from the core's suggestions, paged by next_offset."""

from __future__ import annotations

from core.app import App
from core.domain.media import MediaKind, NewMedia
from tests.e2e.telegram.conftest import Bot, running
from tests.e2e.telegram.fake_api import FakeBotApi
from tests.e2e.telegram.updates import ANA, inline, press


async def test_inline_query_returns_the_title_with_buttons(bot: Bot, ids: dict[str, int]) -> None:
    godfather = ids["The Godfather (1972)"]
    await bot.send(inline("the godf", ANA))
    assert bot.methods() == ["answerInlineQuery"]
    answer = bot.last("answerInlineQuery")
    assert (answer["cache_time"], answer["next_offset"]) == (30, "")
    first = answer["results"][0]
    overview = "The Godfather overview written for tests."
    assert first == {
        "type": "article",
        "id": str(godfather),
        "title": "The Godfather (1972)",
        "description": overview,
        "input_message_content": {
            "message_text": f"<b>The Godfather (1972)</b>\n{overview}",
            "parse_mode": "HTML",
        },
        "reply_markup": {
            "inline_keyboard": [
                [
                    {"text": "To Watch", "callback_data": f"wl:add:{godfather}"},
                    {"text": "Rate", "callback_data": f"rt:ask:{godfather}"},
                ]
            ]
        },
    }


async def test_inline_results_show_the_poster(bot: Bot, app: App) -> None:
    await app.catalog.upsert(
        NewMedia(MediaKind.MOVIE, "Blade Runner", 1982, poster_path="/blade.jpg")
    )
    await bot.send(inline("blade runner"))
    first = bot.last("answerInlineQuery")["results"][0]
    assert first["title"] == "Blade Runner (1982)"
    assert first["thumbnail_url"] == "https://image.tmdb.org/t/p/w500/blade.jpg"


async def test_inline_results_are_paged(app: App, api: FakeBotApi, ids: dict[str, int]) -> None:
    async with running(app, api, inline_page_size=1, inline_cache_time=5):
        bot = Bot(api)
        await bot.send(inline("alie"))
        first = bot.last("answerInlineQuery")
        assert [r["title"] for r in first["results"]] == ["Alien (1979)"]
        assert (first["next_offset"], first["cache_time"]) == ("1", 5)
        await bot.send(inline("alie", offset="1"))
        second = bot.last("answerInlineQuery")
        assert [r["title"] for r in second["results"]] == ["Aliens (1986)"]
        assert second["next_offset"] == ""


async def test_buttons_on_an_inline_message_toast_or_go_to_the_private_chat(
    bot: Bot, ids: dict[str, int]
) -> None:
    heat = ids["Heat (1995)"]
    await bot.send(press(f"wl:add:{heat}", "inline-msg-1"))
    assert bot.methods() == ["answerCallbackQuery"]
    assert bot.last("answerCallbackQuery")["text"] == "Added Heat (1995) to To Watch."

    await bot.send(press(f"rt:ask:{heat}", "inline-msg-1"))
    assert bot.methods() == ["answerCallbackQuery", "sendMessage"]
    picker = bot.last("sendMessage")
    assert (picker["chat_id"], picker["text"]) == (ANA["id"], "<b>Your rating for Heat (1995)?</b>")


async def test_inline_query_tolerates_a_typo(bot: Bot, ids: dict[str, int]) -> None:
    await bot.send(inline("the godfahter"))
    results = bot.last("answerInlineQuery")["results"]
    assert results and results[0]["title"] == "The Godfather (1972)"
