"""A small, hand-made catalog of real titles for service tests."""

from __future__ import annotations

from datetime import date

from core.app import App
from core.domain.media import Credit, CreditRole, Episode, MediaKind, NewMedia, Season


def _movie(
    title: str,
    year: int,
    genres: tuple[str, ...],
    director: str,
    votes: int,
    cert: str = "R",
    cast: tuple[str, ...] = (),
) -> NewMedia:
    actors = (Credit(name, CreditRole.ACTOR, None, i) for i, name in enumerate(cast))
    credits = (Credit(director, CreditRole.DIRECTOR), *actors)
    return NewMedia(
        MediaKind.MOVIE,
        title,
        year,
        date(year, 6, 1),
        genres=genres,
        vote_count=votes,
        certification=cert,
        credits=credits,
        runtime=120,
        overview=f"{title} overview written for tests.",
    )


def _show(title: str, year: int, seasons: list[list[tuple[str, date | None]]]) -> NewMedia:
    built = tuple(
        Season(
            n,
            f"Season {n}",
            eps[0][1],
            len(eps),
            tuple(
                Episode(0, n, i, name, aired, 50) for i, (name, aired) in enumerate(eps, start=1)
            ),
        )
        for n, eps in enumerate(seasons, start=1)
    )
    return NewMedia(
        MediaKind.TV,
        title,
        year,
        date(year, 1, 1),
        genres=("Drama",),
        vote_count=500,
        certification="TV-MA",
        seasons=built,
        status="returning",
    )


MOVIES = [
    _movie(
        "Alien",
        1979,
        ("Horror", "Science Fiction"),
        "Ridley Scott",
        950,
        cast=("Sigourney Weaver",),
    ),
    _movie(
        "Aliens",
        1986,
        ("Action", "Science Fiction"),
        "James Cameron",
        800,
        cast=("Sigourney Weaver",),
    ),
    _movie("Dune", 1984, ("Science Fiction",), "David Lynch", 150, "PG-13"),
    _movie("Dune", 2021, ("Science Fiction", "Adventure"), "Denis Villeneuve", 900, "PG-13"),
    _movie(
        "Heat", 1995, ("Crime", "Drama"), "Michael Mann", 700, cast=("Al Pacino", "Robert De Niro")
    ),
    _movie("The Godfather", 1972, ("Crime", "Drama"), "Francis Ford Coppola", 2000),
    _movie("Back to the Future", 1985, ("Adventure", "Comedy"), "Robert Zemeckis", 1300, "PG"),
    _movie("Amélie", 2001, ("Comedy", "Romance"), "Jean-Pierre Jeunet", 800),
]

SHOW = _show(
    "Chernobyl",
    2019,
    [
        [
            ("1:23:45", date(2019, 5, 6)),
            ("Please Remain Calm", date(2019, 5, 13)),
            ("Open Wide, O Earth", date(2019, 5, 20)),
            ("The Happiness of All Mankind", date(2019, 5, 27)),
            ("Vichnaya Pamyat", date(2019, 6, 3)),
        ]
    ],
)

RETURNING = _show(
    "Severance",
    2022,
    [
        [("Good News About Hell", date(2022, 2, 18)), ("Half Loop", date(2022, 2, 18))],
        [("Hello, Ms. Cobel", date(2025, 1, 17)), ("Goodbye, Mrs. Selvig", date(2025, 1, 24))],
        [("Episode 1", date(2027, 1, 15))],
    ],
)


async def load(app: App) -> dict[str, int]:
    """Load the catalog; returns ids by ``"Title (year)"``."""
    entries = [*MOVIES, SHOW, RETURNING]
    ids = await app.catalog.upsert_many(entries)
    return {f"{m.title} ({m.year})": i for m, i in zip(entries, ids, strict=True)}
