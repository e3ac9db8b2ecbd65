"""Translating outside a request: scheduled messages speak the language of their chat."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from core.i18n import Translator


class Speaker(Protocol):
    """Translates msgids for one reader (a handler's ``Ctx`` is one, so is :class:`Voice`)."""

    def _(self, message: str, **params: object) -> str:
        """Translate ``message`` and fill in ``params``."""
        ...

    def n_(self, singular: str, plural: str, count: int, **params: object) -> str:
        """Translate with a plural form chosen by ``count``."""
        ...


@dataclass(frozen=True, slots=True)
class Voice:
    """A :class:`Speaker` for a fixed locale (messages written to the outbox)."""

    translator: Translator
    locale: str

    def _(self, message: str, **params: object) -> str:
        """Translate ``message`` into the locale and fill in ``params``."""
        translated = self.translator.gettext(self.locale, message)
        return translated.format(**params) if params else translated

    def n_(self, singular: str, plural: str, count: int, **params: object) -> str:
        """Translate with a plural form chosen by ``count``."""
        translated = self.translator.ngettext(self.locale, singular, plural, count)
        return translated.format(count=count, **params)
