"""Text folding for the index: accents, case and punctuation never matter."""

from __future__ import annotations

import re
import sys
import unicodedata
from functools import cache

# Letters NFKD leaves alone but people type without their stroke or ligature.
_LETTERS = str.maketrans(
    {"ø": "o", "đ": "d", "ł": "l", "ħ": "h", "ı": "i", "æ": "ae", "œ": "oe", "þ": "th", "ð": "d"}
)
_APOSTROPHES = str.maketrans("", "", "'’`ʼ")
_WORD = re.compile(r"[^\W_]+")


@cache
def _combining() -> dict[int, None]:
    """A translation table deleting every combining mark (built once, on first need)."""
    return {cp: None for cp in range(sys.maxunicode + 1) if unicodedata.combining(chr(cp))}


def fold(text: str) -> str:
    """Lower-case, accent-free form: ``Amélie`` -> ``amelie``, ``Straße`` -> ``strasse``."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text).translate(_combining())
    return decomposed.casefold().translate(_LETTERS)


def normalize(text: str) -> str:
    """Folded words separated by single spaces: ``Schindler's List!`` -> ``schindlers list``.

    Apostrophes vanish (``don't`` -> ``dont``), ``&`` reads as ``and``, every other
    punctuation mark separates words.
    """
    folded = fold(text).translate(_APOSTROPHES)
    if "&" in folded:
        folded = folded.replace("&", " and ")
    return " ".join(_WORD.findall(folded))


def words(text: str) -> list[str]:
    """The normalised words of ``text``."""
    return normalize(text).split()
