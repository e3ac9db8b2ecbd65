"""Text normalisation shared by lookups (stdlib only)."""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)


def fold(text: str) -> str:
    """Case- and accent-insensitive form: ``Amélie`` -> ``amelie``."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def title_key(title: str) -> str:
    """Punctuation-, accent- and case-insensitive key: ``Alien³: Director's Cut`` -> words."""
    return " ".join(_NON_WORD.sub(" ", fold(title).replace("'", "")).split())
