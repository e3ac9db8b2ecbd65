"""The /library filter syntax.

Example: ``genre:drama year:1990-2000 rating:>=8 type:movie format:bluray owned``.
"""

from __future__ import annotations

import re

from core.domain.errors import InvalidInput
from core.domain.media import MediaKind
from core.domain.ratings import parse_rating
from core.domain.watching import LibraryFilter, parse_format
from core.i18n import N_

_RANGE = re.compile(r"^(?P<a>\d+)?\s*-\s*(?P<b>\d+)?$")
_COMPARE = re.compile(r"^(?P<op>>=|<=|>|<|=)?(?P<n>\d+)$")
KNOWN = "genre, year, rating, type, format, owned"
_KINDS = {
    "movie": MediaKind.MOVIE,
    "movies": MediaKind.MOVIE,
    "film": MediaKind.MOVIE,
    "tv": MediaKind.TV,
    "show": MediaKind.TV,
    "shows": MediaKind.TV,
    "series": MediaKind.TV,
}


def _bounds(name: str, value: str) -> tuple[int | None, int | None]:
    ranged = _RANGE.match(value)
    if ranged and (ranged["a"] or ranged["b"]):
        low = int(ranged["a"]) if ranged["a"] else None
        high = int(ranged["b"]) if ranged["b"] else None
        if low is not None and high is not None and low > high:
            raise InvalidInput(
                N_("The range of {filter} goes backwards: {value}."), filter=name, value=value
            )
        return low, high
    compared = _COMPARE.match(value)
    if compared is None:
        raise InvalidInput(
            N_("“{value}” is not a valid {filter}; use e.g. {filter}:1990-2000 or {filter}:>=7."),
            filter=name,
            value=value,
        )
    n, op = int(compared["n"]), compared["op"] or "="
    return {"=": (n, n), ">=": (n, None), ">": (n + 1, None), "<=": (None, n), "<": (None, n - 1)}[
        op
    ]


def parse_library_filter(text: str) -> LibraryFilter:
    """Parse filters; an unknown filter or bad value gets a message naming it."""
    values: dict[str, object] = {}
    for token in text.split():
        if token.casefold() in {"owned", "owned:yes"}:
            values["owned_only"] = True
            continue
        name, sep, value = token.partition(":")
        name = name.casefold()
        if not sep or not value:
            raise InvalidInput(
                N_("“{token}” is not a filter. Filters: {known}."), token=token, known=KNOWN
            )
        if name == "genre":
            values["genre"] = value.replace("-", " ").replace("_", " ")
        elif name == "year":
            values["year_from"], values["year_to"] = _bounds("year", value)
        elif name == "rating":
            low, high = _bounds("rating", value)
            values["min_rating"] = parse_rating(low) if low is not None else None
            values["max_rating"] = parse_rating(high) if high is not None else None
        elif name == "type":
            kind = _KINDS.get(value.casefold())
            if kind is None:
                raise InvalidInput(N_("type is movie or tv, not “{value}”."), value=value)
            values["kind"] = kind
        elif name == "format":
            values["owned_format"] = parse_format(value)
        else:
            raise InvalidInput(
                N_("Unknown filter “{name}”. Filters: {known}."), name=name, known=KNOWN
            )
    return LibraryFilter(**values)  # type: ignore[arg-type]
