"""Reads MovieLens-100K in RecBole's atomic format (``ml-100k.item``, ``.inter``, ``.user``).

The data is licensed for research and must not be redistributed: it is read from where it lies
(``../shared/datasets/ml-100k``) and never copied into the repository.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

GENRES = {
    "Action": "Action",
    "Adventure": "Adventure",
    "Animation": "Animation",
    "Children's": "Family",
    "Comedy": "Comedy",
    "Crime": "Crime",
    "Documentary": "Documentary",
    "Drama": "Drama",
    "Fantasy": "Fantasy",
    "Film-Noir": "Crime",
    "Horror": "Horror",
    "Musical": "Music",
    "Mystery": "Mystery",
    "Romance": "Romance",
    "Sci-Fi": "Science Fiction",
    "Thriller": "Thriller",
    "War": "War",
    "Western": "Western",
}
_ARTICLE = re.compile(r"^(?P<rest>.+), (?P<article>The|A|An|La|Le|Les|Il|Das|Der|Die|El|L')$")
_ALIAS = re.compile(r"^(?P<title>.+?) \((?P<alias>[^()]+)\)$")


@dataclass(frozen=True, slots=True)
class MovieLensItem:
    """One movie of the item file, with its title put back in reading order."""

    item_id: str
    title: str
    year: int | None
    genres: tuple[str, ...]
    alt_titles: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class MovieLensRating:
    """One rating (1-5) with its Unix timestamp."""

    user_id: str
    item_id: str
    rating: float
    timestamp: int


def reading_order(raw: str) -> tuple[str, tuple[str, ...]]:
    """``Usual Suspects, The`` -> ``The Usual Suspects``; a (parenthesised alias) -> alt title."""
    title, aliases = raw.strip(), []
    alias = _ALIAS.match(title)
    if alias:
        title = alias["title"]
        aliases.append(_fix_article(alias["alias"]))
    return _fix_article(title), tuple(aliases)


def _fix_article(title: str) -> str:
    match = _ARTICLE.match(title)
    if not match:
        return title
    article = match["article"]
    separator = "" if article.endswith("'") else " "
    return f"{article}{separator}{match['rest']}"


def _rows(path: Path) -> Iterator[list[str]]:
    with path.open(encoding="utf-8", errors="replace", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(reader, None)  # the typed header line
        yield from reader


def read_items(directory: Path) -> list[MovieLensItem]:
    """Every movie of ``ml-100k.item``."""
    items = []
    for row in _rows(directory / "ml-100k.item"):
        item_id, raw_title, raw_year, raw_genres = [*row, "", "", ""][:4]
        title, aliases = reading_order(raw_title)
        year = int(raw_year) if raw_year.strip().isdigit() else None
        genres = tuple(dict.fromkeys(GENRES[g] for g in raw_genres.split() if g in GENRES))
        items.append(MovieLensItem(item_id, title, year, genres, aliases))
    return items


def read_ratings(directory: Path) -> list[MovieLensRating]:
    """Every rating of ``ml-100k.inter``."""
    return [
        MovieLensRating(user, item, float(rating), int(float(stamp)))
        for user, item, rating, stamp in (r[:4] for r in _rows(directory / "ml-100k.inter"))
    ]


def read_users(directory: Path) -> list[str]:
    """The user ids of ``ml-100k.user``."""
    return [row[0] for row in _rows(directory / "ml-100k.user") if row]
