"""Translations from Babel/gettext catalogs (``locales/<lang>/LC_MESSAGES/watchbot.po``).

Catalogs are compiled in memory at start-up, so no ``.mo`` build step is needed.
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

LOCALES_DIR = Path(__file__).resolve().parent / "locales"
DOMAIN = "watchbot"


class BabelTranslator:
    """Translator port backed by the .po catalogs shipped in the package."""

    def __init__(self, locales_dir: Path = LOCALES_DIR) -> None:
        self._catalogs: dict[str, Translations] = {}
        for po in sorted(locales_dir.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
            locale = po.parent.parent.name
            with po.open("rb") as handle:
                catalog = read_po(handle, locale=locale, domain=DOMAIN)
            buffer = BytesIO()
            write_mo(buffer, catalog)
            buffer.seek(0)
            self._catalogs[locale] = Translations(buffer, domain=DOMAIN)
        self._catalogs.setdefault("en", Translations())

    def _for(self, locale: str) -> Translations:
        return (
            self._catalogs.get(locale)
            or self._catalogs.get(locale.split("_")[0])
            or self._catalogs["en"]
        )

    def gettext(self, locale: str, message: str) -> str:
        """Translate one msgid."""
        return self._for(locale).gettext(message)

    def ngettext(self, locale: str, singular: str, plural: str, n: int) -> str:
        """Translate with a plural form."""
        return self._for(locale).ngettext(singular, plural, n)

    def available(self) -> tuple[str, ...]:
        """Locales with a catalog."""
        return tuple(sorted(self._catalogs))
