"""Descriptions are localized per Discord locale; replies follow the user's client language."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from sqlalchemy.ext.asyncio import async_sessionmaker

from adapters.db.uow import SqlUnitOfWork
from adapters.discord import WatchbotClient
from bot.bootstrap import build_app
from bot.settings import Settings
from core.app import App
from tests.e2e.discord.conftest import running
from tests.e2e.discord.driver import Person
from tests.e2e.discord.fake import FakeDiscord
from tests.e2e.discord.payloads import APP_ID
from tests.support.fakes import FakeClock

FRENCH = {
    "Your lists with their counts": "Vos listes et leur nombre de titres",
    "Show the answer to everyone in the channel": "Montrer la réponse à tout le salon",
    "Your lists": "Vos listes",
}


class FakeFrench:
    """A translator with an English and a (tiny) French catalog."""

    def gettext(self, locale: str, message: str) -> str:
        """French when asked and known, else the English msgid."""
        return FRENCH.get(message, message) if locale == "fr" else message

    def ngettext(self, locale: str, singular: str, plural: str, n: int) -> str:
        """English plural rule for both."""
        return singular if n == 1 else plural

    def available(self) -> tuple[str, ...]:
        """English and French."""
        return ("en", "fr")


@pytest.fixture
def french_app(sessions: async_sessionmaker, clock: FakeClock) -> App:  # type: ignore[type-arg]
    """The real core with the French catalog."""
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    return build_app(lambda: SqlUnitOfWork(sessions), settings, clock, FakeFrench())


@pytest.fixture
async def french_bot(french_app: App, fake_discord: FakeDiscord) -> AsyncIterator[WatchbotClient]:
    """The client over the French-speaking core."""
    async with running(french_app, fake_discord) as client:
        yield client


@pytest.mark.usefixtures("french_bot")
async def test_descriptions_are_localized_for_each_locale(fake_discord: FakeDiscord) -> None:
    sync = next(c for c in fake_discord.calls if c.path == f"/applications/{APP_ID}/commands")
    lists = next(c for c in sync.body if c["name"] == "lists")
    assert lists["description"] == "Your lists with their counts"
    assert lists["description_localizations"] == {"fr": "Vos listes et leur nombre de titres"}
    share = lists["options"][0]
    assert share["description_localizations"] == {"fr": "Montrer la réponse à tout le salon"}
    start = next(c for c in sync.body if c["name"] == "start")
    assert start["description_localizations"] == {}  # nothing translated: Discord shows English


@pytest.mark.usefixtures("french_bot")
async def test_a_reply_follows_the_language_of_the_discord_client(
    fake_discord: FakeDiscord,
) -> None:
    french = Person(fake_discord, user_id=31, locale="fr")
    answer = await fake_discord.callback(await french.slash("lists"))
    assert answer.body["data"]["content"].startswith("**Vos listes**")
    english = Person(fake_discord, user_id=32, locale="en-GB")
    answer = await fake_discord.callback(await english.slash("lists"))
    assert answer.body["data"]["content"].startswith("**Your lists**")
