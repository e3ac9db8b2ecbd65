"""Platform-neutral search values: what is indexed, what is asked and what comes back."""

from __future__ import annotations

from dataclasses import dataclass

MOVIE = "movie"
TV = "tv"
KINDS: tuple[str, ...] = (MOVIE, TV)


@dataclass(frozen=True, slots=True)
class SearchDocument:
    """One title as the search index sees it.

    ``popularity`` is any non-negative number where bigger means better known (e.g. the vote
    count plus our own activity); ``people`` holds the director and top cast names.
    """

    media_id: int
    kind: str
    title: str
    original_title: str | None = None
    alt_titles: tuple[str, ...] = ()
    year: int | None = None
    genres: tuple[str, ...] = ()
    language: str | None = None
    rating: float | None = None
    popularity: float = 0.0
    people: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """Every distinct name the title is known by, the display title first."""
        names = [self.title]
        for name in (self.original_title, *self.alt_titles):
            if name and name not in names:
                names.append(name)
        return tuple(names)


@dataclass(frozen=True, slots=True)
class SearchQuery:
    """Free text plus structured filters, as produced by :func:`core.search.parse_query`.

    Empty tuples and ``None`` bounds mean "no constraint". Bounds are inclusive. ``genres``
    must *all* match; ``kinds`` and ``languages`` match when *any* does.
    """

    text: str = ""
    kinds: tuple[str, ...] = ()
    year_from: int | None = None
    year_to: int | None = None
    genres: tuple[str, ...] = ()
    min_rating: float | None = None
    max_rating: float | None = None
    languages: tuple[str, ...] = ()

    @property
    def has_filters(self) -> bool:
        """Whether any structured filter is set."""
        return bool(
            self.kinds
            or self.genres
            or self.languages
            or self.year_from is not None
            or self.year_to is not None
            or self.min_rating is not None
            or self.max_rating is not None
        )

    @property
    def is_empty(self) -> bool:
        """No text and no filter: there is nothing to search for."""
        return not self.text.strip() and not self.has_filters


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One ranked title.

    ``matched_title`` is the name that matched (the display title, the original title or an
    alternative title); ``person`` is set when the title was found through one of its people.
    """

    media_id: int
    score: float
    matched_title: str
    person: str | None = None


@dataclass(frozen=True, slots=True)
class SearchPage:
    """One page of ranked hits.

    ``total`` counts the matches, capped by the engine (a chat never pages that far);
    ``next_offset`` is the offset of the next page, ``None`` on the last one.
    """

    hits: tuple[SearchHit, ...]
    total: int
    offset: int
    limit: int
    next_offset: int | None = None


@dataclass(frozen=True, slots=True)
class PersonHit:
    """A person found by name, with their titles, most popular first."""

    name: str
    media_ids: tuple[int, ...]
    score: float
