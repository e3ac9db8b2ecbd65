"""Translation: catalogs in step with the code; the locale comes from profile, platform, default."""

from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from adapters.db.uow import SqlUnitOfWork
from adapters.i18n.babel_translator import LOCALES_DIR, BabelTranslator
from adapters.i18n.catalog import POT, extract, msgids
from bot.bootstrap import build_app
from bot.settings import Settings
from core.views.reply import ChatRef, Invocation, Platform, UserRef
from tests.support.fakes import FakeClock


def test_every_marked_message_is_in_the_shipped_catalogs() -> None:
    wanted = msgids(extract())
    assert len(wanted) > 150
    assert {"More…", "Show the answer only to you"} <= wanted  # adapters' own messages too
    for path in (POT, LOCALES_DIR / "en" / "LC_MESSAGES" / "watchbot.po"):
        with path.open("rb") as handle:
            shipped = msgids(read_po(handle))
        missing = sorted(wanted - shipped)
        assert not missing, (
            f"run `python -m adapters.i18n.catalog`; {path.name} lacks {missing[:5]}"
        )


def _german(tmp_path: Path) -> Path:
    catalog = Catalog(locale="de", domain="watchbot")
    catalog.add("Your lists", "Deine Listen")
    catalog.add(("{count} title", "{count} titles"), ("{count} Titel", "{count} Titel"))
    catalog.add("To Watch", "Merkliste")
    target = tmp_path / "de" / "LC_MESSAGES"
    target.mkdir(parents=True)
    with (target / "watchbot.po").open("wb") as handle:
        write_po(handle, catalog)
    return tmp_path


async def test_locale_from_platform_then_profile(
    tmp_path: Path,
    sessions: async_sessionmaker[AsyncSession],
    clock: FakeClock,
) -> None:
    translator = BabelTranslator(_german(tmp_path))
    assert translator.available() == ("de", "en")
    app = build_app(lambda: SqlUnitOfWork(sessions), Settings(_env_file=None), clock, translator)  # type: ignore[call-arg]
    chat = ChatRef(Platform.TELEGRAM, "5")
    german_user = UserRef(Platform.TELEGRAM, "5", "Jo", language_code="de-AT")

    text = (await app.dispatch(Invocation(german_user, chat, command="lists"))).plain_text()
    assert "Deine Listen" in text and "Merkliste — 0 Titel" in text

    await app.dispatch(Invocation(german_user, chat, command="settings", text="language en"))
    text = (await app.dispatch(Invocation(german_user, chat, command="lists"))).plain_text()
    assert "Your lists" in text and "To Watch — 0 titles" in text

    unknown = UserRef(Platform.TELEGRAM, "6", "Al", language_code="xx")
    text = (await app.dispatch(Invocation(unknown, chat, command="lists"))).plain_text()
    assert "Your lists" in text
