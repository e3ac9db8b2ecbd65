"""A small hand-made catalog of real titles for search tests."""

from __future__ import annotations

from core.search.types import MOVIE, TV, SearchDocument


def doc(
    media_id: int,
    title: str,
    year: int,
    popularity: float,
    *,
    kind: str = MOVIE,
    genres: tuple[str, ...] = (),
    people: tuple[str, ...] = (),
    rating: float | None = 7.0,
    language: str = "en",
    original: str | None = None,
    alt: tuple[str, ...] = (),
) -> SearchDocument:
    """A document with sensible defaults."""
    return SearchDocument(
        media_id=media_id,
        kind=kind,
        title=title,
        original_title=original,
        alt_titles=alt,
        year=year,
        genres=genres,
        language=language,
        rating=rating,
        popularity=popularity,
        people=people,
    )


NOLAN = "Christopher Nolan"
DICAPRIO = "Leonardo DiCaprio"

CATALOG: tuple[SearchDocument, ...] = (
    doc(238, "The Godfather", 1972, 20000, genres=("Crime", "Drama"), rating=8.7,
        people=("Francis Ford Coppola", "Marlon Brando", "Al Pacino")),
    doc(240, "The Godfather Part II", 1974, 12000, genres=("Crime", "Drama"), rating=8.6,
        people=("Francis Ford Coppola", "Al Pacino", "Robert De Niro")),
    doc(242, "The Godfather Part III", 1990, 6000, genres=("Crime", "Drama"), rating=7.6,
        people=("Francis Ford Coppola", "Al Pacino")),
    doc(348, "Alien", 1979, 15000, genres=("Horror", "Science Fiction"), rating=8.1,
        people=("Ridley Scott", "Sigourney Weaver")),
    doc(679, "Aliens", 1986, 16000, genres=("Action", "Science Fiction"), rating=7.9,
        people=("James Cameron", "Sigourney Weaver")),
    doc(10128, "Alien Nation", 1988, 900, genres=("Science Fiction", "Crime"), rating=6.3),
    doc(99001, "The Alien Within", 1995, 20, genres=("Horror",), rating=4.1),
    doc(99002, "Alien Raiders", 2008, 60, genres=("Horror",), rating=5.0),
    doc(122, "The Lord of the Rings: The Return of the King", 2003, 22000,
        genres=("Adventure", "Fantasy"), rating=8.5, people=("Peter Jackson", "Elijah Wood")),
    doc(120, "The Lord of the Rings: The Fellowship of the Ring", 2001, 23000,
        genres=("Adventure", "Fantasy"), rating=8.4, people=("Peter Jackson", "Elijah Wood")),
    doc(194, "Amélie", 2001, 10000, genres=("Comedy", "Romance"), rating=7.9, language="fr",
        original="Le Fabuleux Destin d'Amélie Poulain", people=("Jean-Pierre Jeunet",)),
    doc(27205, "Inception", 2010, 35000, genres=("Action", "Science Fiction"), rating=8.4,
        people=(NOLAN, DICAPRIO)),
    doc(155, "The Dark Knight", 2008, 32000, genres=("Action", "Crime"), rating=8.5,
        people=(NOLAN, "Christian Bale")),
    doc(157336, "Interstellar", 2014, 34000, genres=("Adventure", "Science Fiction"), rating=8.4,
        people=(NOLAN, "Matthew McConaughey")),
    doc(597, "Titanic", 1997, 25000, genres=("Drama", "Romance"), rating=7.9,
        people=("James Cameron", DICAPRIO)),
    doc(1396, "Breaking Bad", 2008, 14000, kind=TV, genres=("Crime", "Drama"), rating=8.9,
        people=("Vince Gilligan", "Bryan Cranston")),
    doc(1399, "Game of Thrones", 2011, 21000, kind=TV, genres=("Drama", "Fantasy"), rating=8.4),
    doc(954, "Mission: Impossible", 1996, 9000, genres=("Action", "Thriller"), rating=7.0,
        people=("Brian De Palma", "Tom Cruise")),
    doc(438631, "Dune", 2021, 18000, genres=("Science Fiction", "Adventure"), rating=7.8),
    doc(841, "Dune", 1984, 3000, genres=("Science Fiction", "Adventure"), rating=6.3),
    doc(129, "Spirited Away", 2001, 15000, genres=("Animation", "Family"), rating=8.5,
        language="ja", original="千と千尋の神隠し"),
    doc(496243, "Parasite", 2019, 17000, genres=("Comedy", "Thriller"), rating=8.5,
        language="ko", alt=("Gisaengchung",)),
)  # fmt: skip
