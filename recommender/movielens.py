"""Readers for RecBole atomic files (e.g. MovieLens-100K's ml-100k.inter / ml-100k.item)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

RatingRow = tuple[str, str, float, int]
ItemRow = tuple[str, str, int | None, tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class Dataset:
    """Ratings `(user, item, rating, timestamp)` and items `(item, title, year, genres)`."""

    ratings: list[RatingRow]
    items: list[ItemRow]


def _rows(path: Path) -> tuple[list[str], list[list[str]]]:
    """Header field names (types stripped) and the tab-separated rows of an atomic file."""
    with path.open(encoding="utf-8") as handle:
        header = [h.split(":", 1)[0] for h in handle.readline().rstrip("\n").split("\t")]
        rows = [line.rstrip("\n").split("\t") for line in handle if line.strip()]
    return header, rows


def read_inter(path: Path) -> list[RatingRow]:
    """Rows of a ``.inter`` file with user_id, item_id, rating, timestamp columns."""
    header, rows = _rows(path)
    u, i, r, t = (header.index(c) for c in ("user_id", "item_id", "rating", "timestamp"))
    return [(row[u], row[i], float(row[r]), int(float(row[t]))) for row in rows]


def read_items(path: Path) -> list[ItemRow]:
    """Rows of a ``.item`` file with item_id, movie_title, release_year, class columns."""
    header, rows = _rows(path)
    cols = {name: header.index(name) for name in header}

    def field(row: list[str], name: str) -> str:
        index = cols.get(name)
        return row[index] if index is not None and index < len(row) else ""

    out: list[ItemRow] = []
    for row in rows:
        year = field(row, "release_year")
        genres = tuple(field(row, "class").split())
        out.append((field(row, "item_id"), field(row, "movie_title"), _int(year), genres))
    return out


def _int(text: str) -> int | None:
    try:
        return int(text)
    except ValueError:
        return None


def load(directory: str | Path) -> Dataset:
    """Load ``<name>.inter`` and ``<name>.item`` from a RecBole dataset directory."""
    root = Path(directory)
    inter = sorted(root.glob("*.inter"))
    if not inter:
        raise FileNotFoundError(f"no .inter file in {root}")
    items_path = inter[0].with_suffix(".item")
    items = read_items(items_path) if items_path.exists() else []
    return Dataset(read_inter(inter[0]), items)
