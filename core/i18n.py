"""Translation: every user-facing string goes through here.

The core marks messages with :func:`N_` (an English gettext msgid, extracted by Babel) and
translates them at render time with a :class:`Translator` for the reader's locale. The core
imports only the standard library; the Babel-backed catalogs live in ``adapters/i18n``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol


def N_(message: str) -> str:
    """Mark ``message`` for extraction; it is translated later, where the locale is known."""
    return message


Gettext = Callable[[str], str]


class Translator(Protocol):
    """Looks a msgid up in the catalog of one locale."""

    def gettext(self, locale: str, message: str) -> str:
        """Return ``message`` translated to ``locale`` (the msgid itself when missing)."""
        ...

    def ngettext(self, locale: str, singular: str, plural: str, n: int) -> str:
        """Return the singular or plural form for ``n`` in ``locale``."""
        ...

    def available(self) -> tuple[str, ...]:
        """The locales that have a catalog."""
        ...


class EnglishTranslator:
    """The identity translator: English source strings, used when no catalog is loaded."""

    def gettext(self, locale: str, message: str) -> str:
        """Return the message unchanged."""
        return message

    def ngettext(self, locale: str, singular: str, plural: str, n: int) -> str:
        """English plural rule."""
        return singular if n == 1 else plural

    def available(self) -> tuple[str, ...]:
        """Only English."""
        return ("en",)


def resolve_locale(
    profile_locale: str | None,
    platform_locale: str | None,
    default: str,
    available: tuple[str, ...],
) -> str:
    """Pick the profile's locale, else the platform's language code, else the default.

    Region suffixes fall back to the language (``pt-BR`` -> ``pt``) when only that is available.
    """
    for candidate in (profile_locale, platform_locale):
        if not candidate:
            continue
        normalized = candidate.replace("-", "_")
        if normalized in available:
            return normalized
        language = normalized.split("_", 1)[0].lower()
        if language in available:
            return language
    return default
