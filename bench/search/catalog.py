"""Benchmark catalogs: the real MovieLens titles plus deterministic synthetic ones.

The MovieLens file is read in place (never copied). Synthetic titles reuse real title words,
weighted by how often they occur, plus invented words spliced from real ones so that the
vocabulary grows with the catalog the way a real one does (names, foreign words).
"""

from __future__ import annotations

import itertools
import random
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from core.search.query import DEFAULT_GENRES
from core.search.types import MOVIE, TV, SearchDocument

DEFAULT_DATA = Path("/work/shared/datasets/ml-100k/ml-100k.item")
GENRE_MAP = {
    "Sci-Fi": ("Science Fiction",),
    "Children's": ("Family",),
    "Musical": ("Music",),
    "Film-Noir": ("Crime", "Mystery"),
    "unknown": (),
}
GENRES = DEFAULT_GENRES  # the vocabulary the query syntax accepts
LANGUAGES = ("en",) * 14 + ("fr", "de", "es", "it", "ja", "ko")
ARTICLES = {"The", "A", "An", "La", "Le", "Les", "Il", "L'", "Der", "Das", "Die", "El", "Det"}
_TRAILING_ARTICLE = re.compile(r"^(?P<body>.+), (?P<article>[A-Za-z']+)$")
_ALT = re.compile(r"^(?P<main>.+?) \((?P<alt>[^()]+)\)$")
_ACCENTS = str.maketrans("aeiounc", "áéíóúñç")


@dataclass(frozen=True, slots=True)
class RealTitle:
    """One MovieLens title, with the article moved back to the front."""

    item_id: int
    title: str
    alt_title: str | None
    year: int | None
    genres: tuple[str, ...]
    ratings: int


def _front_article(title: str) -> str:
    match = _TRAILING_ARTICLE.match(title)
    if not match or match["article"] not in ARTICLES:
        return title
    article, body = match["article"], match["body"]
    return f"{article}{body}" if article.endswith("'") else f"{article} {body}"


def load_movielens(path: Path) -> list[RealTitle]:
    """Read ``ml-100k.item`` (typed header line) and count ratings from ``ml-100k.inter``."""
    counts: Counter[int] = Counter()
    inter = path.with_suffix(".inter")
    if inter.exists():
        with inter.open(encoding="utf-8") as lines:
            next(lines)
            counts.update(int(line.split("\t", 2)[1]) for line in lines)
    titles = []
    with path.open(encoding="utf-8", errors="replace") as lines:
        next(lines)
        for line in lines:
            item_id, raw, year, classes = [*line.rstrip("\n").split("\t"), "", "", ""][:4]
            alt = None
            match = _ALT.match(raw)
            if match:
                raw, alt = match["main"], _front_article(match["alt"])
            genres: list[str] = []
            for genre in classes.split():
                for mapped in GENRE_MAP.get(genre, (genre,)):
                    if mapped in GENRES and mapped not in genres:
                        genres.append(mapped)
            titles.append(
                RealTitle(
                    int(item_id),
                    _front_article(raw),
                    alt,
                    int(year) if year.isdigit() else None,
                    tuple(genres),
                    counts[int(item_id)],
                )
            )
    return titles


def _word_pool(
    real: list[RealTitle], size: int, rng: random.Random
) -> tuple[list[str], list[float]]:
    """Real words by frequency, then invented ones, with Zipf-like cumulative weights."""
    freq: Counter[str] = Counter()
    for title in real:
        freq.update(w for w in re.findall(r"[^\W\d_][\w']*", title.title) if len(w) > 1)
    words = [w for w, _ in freq.most_common()]
    stems = [w for w in words if len(w) >= 4]
    invented_count = int(5 * size**0.75)
    seen = set(words)
    while len(words) < len(freq) + invented_count:
        a, b = rng.choice(stems), rng.choice(stems)
        word = (a[: rng.randint(2, len(a) - 1)] + b[rng.randint(1, len(b) - 2) :]).capitalize()
        if rng.random() < 0.03:
            word = word.translate(_ACCENTS)
        if word not in seen:
            seen.add(word)
            words.append(word)
    weights = (1.0 / (rank + 8) ** 1.05 for rank in range(len(words)))
    return words, list(itertools.accumulate(weights))


def _synthetic_title(rng: random.Random, words: list[str], cum: list[float]) -> str:
    count = rng.choices((1, 2, 3, 4, 5, 6), (14, 30, 26, 15, 9, 6))[0]
    parts = rng.choices(words, cum_weights=cum, k=count)
    if rng.random() < 0.18:
        parts.insert(0, "The")
    if count >= 3 and rng.random() < 0.25:
        parts.insert(rng.randint(1, len(parts) - 1), rng.choice(("of", "and", "in", "the", "a")))
    title = " ".join(parts)
    roll = rng.random()
    if roll < 0.04:
        title += " " + rng.choice(("2", "3", "II", "III", "Part II", "Returns"))
    elif roll < 0.12:
        subtitle = rng.choices(words, cum_weights=cum, k=rng.randint(1, 3))
        title += ": " + " ".join(subtitle)
    return title


def _people_pool(rng: random.Random, words: list[str], count: int) -> list[str]:
    names = [w for w in words if w.isalpha() and len(w) >= 3]
    return [f"{rng.choice(names)} {rng.choice(names)}" for _ in range(count)]


def make_catalog(real: list[RealTitle], size: int, seed: int = 42) -> list[SearchDocument]:
    """``size`` documents: every real title (popular, by rating count) then synthetic ones."""
    rng = random.Random(seed)
    words, cum = _word_pool(real, size, rng)
    people = _people_pool(rng, words, max(100, size // 2))
    people_cum = list(itertools.accumulate(1.0 / (rank + 5) for rank in range(len(people))))
    docs: list[SearchDocument] = []
    for index in range(size):
        if index < len(real):
            item = real[index]
            title, alt, year, genres = item.title, item.alt_title, item.year, item.genres
            popularity = 5000.0 + 100.0 * item.ratings + rng.random()
            kind = MOVIE
        else:
            title = _synthetic_title(rng, words, cum)
            alt = _synthetic_title(rng, words, cum) if rng.random() < 0.12 else None
            year = None if rng.random() < 0.02 else min(2025, int(2026 - rng.expovariate(1 / 22)))
            year = None if year is None else max(1900, year)
            genres = tuple(sorted(set(rng.choices(GENRES, k=rng.randint(1, 3)))))
            popularity = 1e5 / (1.0 + rng.random() * size / 100) + rng.random()  # Zipf-like
            kind = TV if rng.random() < 0.25 else MOVIE
        rating = None if rng.random() < 0.05 else round(min(10.0, max(0.0, rng.gauss(6.3, 1.2))), 1)
        docs.append(
            SearchDocument(
                media_id=100_000 + index * 7,
                kind=kind,
                title=title,
                original_title=alt if alt and rng.random() < 0.5 else None,
                alt_titles=(alt,) if alt and rng.random() >= 0.5 else (),
                year=year,
                genres=genres,
                language=rng.choice(LANGUAGES),
                rating=rating,
                popularity=popularity,
                people=tuple(rng.choices(people, cum_weights=people_cum, k=3)),
            )
        )
    return docs
