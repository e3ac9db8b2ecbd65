"""Validation of the shipped demo catalog (bot/demo/movies.json and bot/demo/shows.json).

The catalog is pure data, so these tests pin down its schema and the coverage the rest of the
bot relies on (search ranking, filters, kid profiles, recommendations, upcoming releases).
Only the standard library and pytest are used; the whole module runs well under a second.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

DEMO_DIR = Path(__file__).parents[2] / "bot" / "demo"
MOVIES_PATH = DEMO_DIR / "movies.json"
SHOWS_PATH = DEMO_DIR / "shows.json"

# "Today" for the catalog as shipped, and the cut-off after which a date counts as upcoming.
TODAY = dt.date(2026, 11, 24)
FUTURE_CUTOFF = dt.date(2026, 12, 1)

GENRES = frozenset(
    {
        "Action", "Adventure", "Animation", "Comedy", "Crime", "Documentary", "Drama", "Family",
        "Fantasy", "History", "Horror", "Music", "Mystery", "Romance", "Science Fiction",
        "Thriller", "War", "Western",
    }
)  # fmt: skip
MOVIE_CERTIFICATIONS = frozenset({"G", "PG", "PG-13", "R", "NC-17", "NR"})
TV_CERTIFICATIONS = frozenset({"TV-Y", "TV-Y7", "TV-G", "TV-PG", "TV-14", "TV-MA"})
SHOW_STATUSES = frozenset({"ended", "returning"})

MOVIE_KEYS = frozenset(
    {
        "title", "original_title", "original_language", "alt_titles", "kind", "year",
        "release_date", "genres", "runtime", "directors", "writers", "cast", "certification",
        "overview", "imdb_id", "vote_average", "popularity",
    }
)  # fmt: skip
SHOW_KEYS = MOVIE_KEYS | {"status", "seasons"}
SEASON_KEYS = frozenset({"number", "name", "air_date"})
EPISODE_KEYS = frozenset({"number", "title", "air_date", "runtime"})

ISO_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
IMDB_RE = re.compile(r"^tt\d{7,8}$")
LANG_RE = re.compile(r"^[a-z]{2}$")
# Abbreviations and initials that end in a period without ending a sentence.
_ABBREV_RE = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|vs|Lt|Sgt|Capt|Col|Gen|No)\.|\b[A-Z]\.")
_SENTENCE_END_RE = re.compile(r"[.!?](?:['\"”’)]*)(?=\s|$)")

MIN_MOVIES = 320
MIN_SHOWS = 22
MIN_FULL_SHOWS = 12
MIN_FUTURE_MOVIES = 16
MIN_FUTURE_SHOW_ITEMS = 6
MIN_FUTURE_TITLES = 22
MIN_NON_ENGLISH = 30
MIN_KID_FRIENDLY = 25

MAX_ERRORS_SHOWN = 40


# --------------------------------------------------------------------------- helpers


def _load(path: Path) -> list[dict[str, Any]]:
    assert path.is_file(), f"missing demo catalog file: {path}"
    text = path.read_text(encoding="utf-8")
    data = json.loads(text)
    assert isinstance(data, list), f"{path.name} must contain a JSON array"
    return data


@pytest.fixture(scope="module")
def movies() -> list[dict[str, Any]]:
    return _load(MOVIES_PATH)


@pytest.fixture(scope="module")
def shows() -> list[dict[str, Any]]:
    return _load(SHOWS_PATH)


def _label(item: dict[str, Any]) -> str:
    return f"{item.get('title')!r} ({item.get('year')})"


def _parse_date(value: Any) -> dt.date | None:
    if not isinstance(value, str) or not ISO_DATE_RE.match(value):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _non_empty_str(value: Any) -> bool:
    return isinstance(value, str) and value.strip() == value and bool(value)


def _sentence_count(text: str) -> int:
    masked = _ABBREV_RE.sub(lambda match: match.group(0).replace(".", "_"), text)
    return max(1, len(_SENTENCE_END_RE.findall(masked)))


def _report(errors: list[str], what: str) -> str:
    shown = "\n  ".join(errors[:MAX_ERRORS_SHOWN])
    more = (
        f"\n  ... and {len(errors) - MAX_ERRORS_SHOWN} more"
        if len(errors) > MAX_ERRORS_SHOWN
        else ""
    )
    return f"{len(errors)} problem(s) in {what}:\n  {shown}{more}"


def _is_future_movie(movie: dict[str, Any]) -> bool:
    released = _parse_date(movie.get("release_date"))
    return released is not None and released > FUTURE_CUTOFF


def _show_dates(show: dict[str, Any]) -> list[dt.date]:
    """Every date attached to a show: first air date, season and episode air dates."""
    dates = [_parse_date(show.get("release_date"))]
    for season in show.get("seasons") or []:
        dates.append(_parse_date(season.get("air_date")))
        dates.extend(_parse_date(ep.get("air_date")) for ep in season.get("episodes") or [])
    return [d for d in dates if d is not None]


def _is_future_show(show: dict[str, Any]) -> bool:
    return any(d > FUTURE_CUTOFF for d in _show_dates(show))


def _is_full_show(show: dict[str, Any]) -> bool:
    """Every season lists all its episodes and the show has fully aired."""
    seasons = show.get("seasons") or []
    return (
        bool(seasons)
        and all("episodes" in season for season in seasons)
        and all(d <= TODAY for d in _show_dates(show))
    )


def _check_common(item: dict[str, Any], kind: str, errors: list[str]) -> None:
    """Checks shared by movies and shows; appends human-readable problems to `errors`."""
    label = _label(item)
    expected_keys = MOVIE_KEYS if kind == "movie" else SHOW_KEYS
    keys = set(item)
    if keys != expected_keys:
        missing = sorted(expected_keys - keys)
        extra = sorted(keys - expected_keys)
        errors.append(f"{label}: keys mismatch (missing={missing}, unexpected={extra})")
        return

    if item["kind"] != kind:
        errors.append(f"{label}: kind must be {kind!r}, got {item['kind']!r}")
    for key in ("title", "original_title"):
        if not _non_empty_str(item[key]):
            errors.append(f"{label}: {key} must be a non-empty, stripped string")
    if not isinstance(item["original_language"], str) or not LANG_RE.match(
        item["original_language"]
    ):
        errors.append(
            f"{label}: original_language must be an ISO 639-1 code, "
            f"got {item['original_language']!r}"
        )
    alt = item["alt_titles"]
    if not isinstance(alt, list) or not all(_non_empty_str(a) for a in alt):
        errors.append(f"{label}: alt_titles must be a list of non-empty strings")
    elif len(set(alt)) != len(alt) or item["title"] in alt:
        errors.append(f"{label}: alt_titles must be unique and must not repeat the title")

    released = _parse_date(item["release_date"])
    if released is None:
        errors.append(
            f"{label}: release_date must be a valid ISO date, got {item['release_date']!r}"
        )
    if not _is_int(item["year"]):
        errors.append(f"{label}: year must be an int, got {item['year']!r}")
    elif released is not None and released.year != item["year"]:
        errors.append(
            f"{label}: year {item['year']} does not match release_date {item['release_date']}"
        )
    is_future = released is not None and released > TODAY

    genres = item["genres"]
    if not isinstance(genres, list) or not 1 <= len(genres) <= 4:
        errors.append(f"{label}: genres must be a list of 1-4 names, got {genres!r}")
    else:
        unknown = [g for g in genres if g not in GENRES]
        if unknown:
            errors.append(f"{label}: genres outside the vocabulary: {unknown}")
        if len(set(genres)) != len(genres):
            errors.append(f"{label}: duplicate genres {genres}")

    runtime = item["runtime"]
    if runtime is None:
        if not is_future:
            errors.append(f"{label}: runtime may only be null for upcoming titles")
    elif not _is_int(runtime) or runtime <= 0:
        errors.append(f"{label}: runtime must be a positive int (minutes), got {runtime!r}")

    directors = item["directors"]
    if (
        not isinstance(directors, list)
        or not directors
        or not all(_non_empty_str(d) for d in directors)
    ):
        errors.append(f"{label}: directors must be a non-empty list of names")
    writers = item["writers"]
    if not isinstance(writers, list) or not all(_non_empty_str(w) for w in writers):
        errors.append(f"{label}: writers must be a list of names")

    cast = item["cast"]
    if not isinstance(cast, list) or not 3 <= len(cast) <= 6:
        size = len(cast) if isinstance(cast, list) else cast
        errors.append(f"{label}: cast must list 3-6 actors, got {size}")
    else:
        for member in cast:
            if (
                not isinstance(member, dict)
                or set(member) != {"name", "character"}
                or not _non_empty_str(member["name"])
                or not _non_empty_str(member["character"])
            ):
                errors.append(f"{label}: bad cast entry {member!r}")
        names = [m.get("name") for m in cast if isinstance(m, dict)]
        if len(set(names)) != len(names):
            errors.append(f"{label}: duplicate actor in cast")

    cert = item["certification"]
    allowed = MOVIE_CERTIFICATIONS if kind == "movie" else TV_CERTIFICATIONS
    if cert not in allowed and not (cert == "NR" and is_future):
        errors.append(f"{label}: certification {cert!r} not allowed for kind {kind!r}")

    overview = item["overview"]
    if not _non_empty_str(overview):
        errors.append(f"{label}: overview must be a non-empty, stripped string")
    else:
        if not 40 <= len(overview) <= 300:
            errors.append(f"{label}: overview must be 40-300 characters, got {len(overview)}")
        if _sentence_count(overview) > 2:
            errors.append(f"{label}: overview must be 1-2 sentences: {overview!r}")

    imdb_id = item["imdb_id"]
    if imdb_id is not None and (not isinstance(imdb_id, str) or not IMDB_RE.match(imdb_id)):
        errors.append(f"{label}: imdb_id must be null or look like 'tt1234567', got {imdb_id!r}")

    vote = item["vote_average"]
    if is_future:
        if vote is not None:
            errors.append(f"{label}: upcoming titles must have vote_average null, got {vote!r}")
    elif not _is_number(vote) or not 0 <= vote <= 10 or round(vote, 1) != vote:
        errors.append(f"{label}: vote_average must be a 0-10 number with one decimal, got {vote!r}")

    popularity = item["popularity"]
    if not _is_int(popularity) or popularity <= 0:
        errors.append(f"{label}: popularity must be a positive int, got {popularity!r}")


def _check_show_seasons(show: dict[str, Any], errors: list[str]) -> None:
    label = _label(show)
    if show.get("status") not in SHOW_STATUSES:
        errors.append(
            f"{label}: status must be one of {sorted(SHOW_STATUSES)}, got {show.get('status')!r}"
        )
    seasons = show.get("seasons")
    if not isinstance(seasons, list) or not seasons:
        errors.append(f"{label}: seasons must be a non-empty list")
        return

    numbers = [s.get("number") if isinstance(s, dict) else None for s in seasons]
    if numbers != list(range(1, len(seasons) + 1)):
        errors.append(f"{label}: season numbers must be 1..{len(seasons)} in order, got {numbers}")

    previous_season_date: dt.date | None = None
    for season in seasons:
        if not isinstance(season, dict):
            errors.append(f"{label}: season entries must be objects")
            continue
        slabel = f"{label} season {season.get('number')}"
        has_eps, has_count = "episodes" in season, "episode_count" in season
        if has_eps == has_count:
            errors.append(f"{slabel}: exactly one of 'episodes' or 'episode_count' is required")
            continue
        expected = SEASON_KEYS | ({"episodes"} if has_eps else {"episode_count"})
        if set(season) != expected:
            errors.append(f"{slabel}: keys mismatch, got {sorted(season)}")
        if not _non_empty_str(season.get("name")):
            errors.append(f"{slabel}: name must be a non-empty string")
        season_date = _parse_date(season.get("air_date"))
        if season_date is None:
            errors.append(
                f"{slabel}: air_date must be a valid ISO date, got {season.get('air_date')!r}"
            )
            continue
        if previous_season_date is not None and season_date < previous_season_date:
            errors.append(f"{slabel}: air_date {season_date} is before the previous season")
        previous_season_date = season_date

        if has_count:
            count = season["episode_count"]
            if not _is_int(count) or count <= 0:
                errors.append(f"{slabel}: episode_count must be a positive int, got {count!r}")
            continue

        episodes = season["episodes"]
        if not isinstance(episodes, list) or not episodes:
            errors.append(f"{slabel}: episodes must be a non-empty list")
            continue
        ep_numbers = [e.get("number") if isinstance(e, dict) else None for e in episodes]
        if ep_numbers != list(range(1, len(episodes) + 1)):
            errors.append(
                f"{slabel}: episodes must be numbered 1..{len(episodes)} without gaps, "
                f"got {ep_numbers}"
            )
        previous_ep_date: dt.date | None = None
        for episode in episodes:
            if not isinstance(episode, dict):
                errors.append(f"{slabel}: episode entries must be objects")
                continue
            elabel = f"{slabel} episode {episode.get('number')}"
            if set(episode) != EPISODE_KEYS:
                errors.append(
                    f"{elabel}: keys must be {sorted(EPISODE_KEYS)}, got {sorted(episode)}"
                )
                continue
            if not _non_empty_str(episode["title"]):
                errors.append(f"{elabel}: title must be a non-empty string")
            ep_date = _parse_date(episode["air_date"])
            if ep_date is None:
                errors.append(
                    f"{elabel}: air_date must be a valid ISO date, got {episode['air_date']!r}"
                )
                continue
            if previous_ep_date is not None and ep_date < previous_ep_date:
                errors.append(f"{elabel}: air dates must not decrease within a season")
            previous_ep_date = ep_date
            runtime = episode["runtime"]
            if runtime is None:
                if ep_date <= TODAY:
                    errors.append(f"{elabel}: runtime may only be null for unaired episodes")
            elif not _is_int(runtime) or runtime <= 0:
                errors.append(f"{elabel}: runtime must be a positive int, got {runtime!r}")
        first = _parse_date(episodes[0].get("air_date")) if isinstance(episodes[0], dict) else None
        if first is not None and first != season_date:
            errors.append(
                f"{slabel}: air_date {season_date} differs from episode 1 air date {first}"
            )

    first_season_date = (
        _parse_date(seasons[0].get("air_date")) if isinstance(seasons[0], dict) else None
    )
    released = _parse_date(show.get("release_date"))
    if first_season_date is not None and released is not None and first_season_date != released:
        errors.append(
            f"{label}: release_date {released} must equal season 1 air_date {first_season_date}"
        )
    if show.get("status") == "ended" and any(d > TODAY for d in _show_dates(show)):
        errors.append(f"{label}: an ended show cannot have unaired seasons or episodes")


# --------------------------------------------------------------------------- file format


@pytest.mark.parametrize("path", [MOVIES_PATH, SHOWS_PATH], ids=["movies", "shows"])
def test_files_are_pretty_printed_utf8_json(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    data = json.loads(text)
    expected = json.dumps(data, ensure_ascii=False, indent=2)
    assert text.rstrip("\n") == expected, (
        f"{path.name} must be pretty-printed with 2-space indentation and ensure_ascii=False"
    )


# --------------------------------------------------------------------------- movies


def test_movie_count(movies: list[dict[str, Any]]) -> None:
    assert len(movies) >= MIN_MOVIES, f"expected at least {MIN_MOVIES} movies, got {len(movies)}"


def test_movie_schema(movies: list[dict[str, Any]]) -> None:
    errors: list[str] = []
    for movie in movies:
        if not isinstance(movie, dict):
            errors.append(f"non-object entry: {movie!r}")
            continue
        _check_common(movie, "movie", errors)
    assert not errors, _report(errors, "movies.json")


def test_movie_title_year_unique(movies: list[dict[str, Any]]) -> None:
    counts = Counter((m["title"], m["year"]) for m in movies)
    dupes = sorted(f"{t!r} ({y})" for (t, y), n in counts.items() if n > 1)
    assert not dupes, f"duplicate (title, year) pairs in movies.json: {dupes}"


def test_future_movies(movies: list[dict[str, Any]]) -> None:
    future = [m for m in movies if _is_future_movie(m)]
    assert len(future) >= MIN_FUTURE_MOVIES, (
        f"expected at least {MIN_FUTURE_MOVIES} movies released after {FUTURE_CUTOFF}, got "
        f"{len(future)}: {[_label(m) for m in future]}"
    )


def test_non_english_movies(movies: list[dict[str, Any]]) -> None:
    foreign = [m for m in movies if m["original_language"] != "en"]
    assert len(foreign) >= MIN_NON_ENGLISH, (
        f"expected {MIN_NON_ENGLISH}+ non-English films, got {len(foreign)}"
    )
    for title in (
        "Amélie",
        "Spirited Away",
        "Parasite",
        "Seven Samurai",
        "City of God",
        "Pan's Labyrinth",
    ):
        matches = [m for m in foreign if m["title"] == title]
        assert matches, f"non-English film {title!r} is missing"
        assert matches[0]["original_title"] != title, (
            f"{title!r} must carry its real original_title"
        )


def test_kid_friendly_movies(movies: list[dict[str, Any]]) -> None:
    kids = [m for m in movies if m["certification"] in {"G", "PG"}]
    assert len(kids) >= MIN_KID_FRIENDLY, (
        f"expected {MIN_KID_FRIENDLY}+ G/PG movies, got {len(kids)}"
    )


def test_movies_cover_every_decade(movies: list[dict[str, Any]]) -> None:
    decades = {m["year"] // 10 * 10 for m in movies}
    missing = [d for d in range(1920, 2030, 10) if d not in decades]
    assert not missing, f"no movies from the decade(s) {missing}"


def test_alien_search_fixtures(movies: list[dict[str, Any]]) -> None:
    present = {(m["title"], m["year"]) for m in movies}
    franchise = [
        ("Alien", 1979), ("Aliens", 1986), ("Alien 3", 1992), ("Alien: Resurrection", 1997),
        ("Alien: Covenant", 2017), ("Alien: Romulus", 2024),
    ]  # fmt: skip
    missing = [f"{t} ({y})" for t, y in franchise if (t, y) not in present]
    assert not missing, f"Alien franchise entries missing: {missing}"
    others = [
        m["title"]
        for m in movies
        if "alien" in m["title"].lower() and (m["title"], m["year"]) not in franchise
    ]
    assert len(others) >= 2, f"need other titles containing 'alien' for ranking tests, got {others}"
    popularity = {
        m["title"]: m["popularity"] for m in movies if (m["title"], m["year"]) in set(franchise)
    }
    assert popularity["Alien"] > popularity["Alien: Resurrection"], (
        "popularity must rank 'Alien' above its sequels"
    )


def test_franchises_present(movies: list[dict[str, Any]]) -> None:
    present = {(m["title"], m["year"]) for m in movies}
    required = [
        ("The Lord of the Rings: The Fellowship of the Ring", 2001),
        ("The Lord of the Rings: The Two Towers", 2002),
        ("The Lord of the Rings: The Return of the King", 2003),
        ("The Godfather", 1972), ("The Godfather Part II", 1974), ("The Godfather Part III", 1990),
        ("Dune", 1984), ("Dune", 2021), ("Dune: Part Two", 2024),
        ("Star Wars", 1977), ("The Empire Strikes Back", 1980), ("Return of the Jedi", 1983),
        ("Toy Story", 1995), ("Toy Story 2", 1999), ("Toy Story 3", 2010),
        ("Harry Potter and the Philosopher's Stone", 2001),
        ("Harry Potter and the Deathly Hallows: Part 2", 2011),
    ]  # fmt: skip
    missing = [f"{t} ({y})" for t, y in required if (t, y) not in present]
    assert not missing, f"franchise entries missing: {missing}"


def test_same_director_coverage(movies: list[dict[str, Any]]) -> None:
    per_director = Counter(d for m in movies for d in m["directors"])
    wanted = [
        "Christopher Nolan", "Steven Spielberg", "Martin Scorsese", "Stanley Kubrick",
        "Hayao Miyazaki", "Denis Villeneuve", "Quentin Tarantino", "David Fincher",
        "Alfred Hitchcock", "Akira Kurosawa", "Bong Joon-ho",
    ]  # fmt: skip
    thin = {d: per_director[d] for d in wanted if per_director[d] < 3}
    assert not thin, f"directors need at least 3 films each for 'same director' reasons: {thin}"


def test_shared_actor_coverage(movies: list[dict[str, Any]]) -> None:
    per_actor = Counter(c["name"] for m in movies for c in m["cast"])
    prolific = [name for name, n in per_actor.items() if n >= 3]
    assert len(prolific) >= 30, f"expected 30+ actors appearing in 3+ movies, got {len(prolific)}"


# --------------------------------------------------------------------------- shows


def test_show_count(shows: list[dict[str, Any]]) -> None:
    assert len(shows) >= MIN_SHOWS, f"expected at least {MIN_SHOWS} shows, got {len(shows)}"


def test_show_schema(shows: list[dict[str, Any]]) -> None:
    errors: list[str] = []
    for show in shows:
        if not isinstance(show, dict):
            errors.append(f"non-object entry: {show!r}")
            continue
        _check_common(show, "tv", errors)
        if set(show) == SHOW_KEYS:
            _check_show_seasons(show, errors)
    assert not errors, _report(errors, "shows.json")


def test_show_title_year_unique(shows: list[dict[str, Any]]) -> None:
    counts = Counter((s["title"], s["year"]) for s in shows)
    dupes = sorted(f"{t!r} ({y})" for (t, y), n in counts.items() if n > 1)
    assert not dupes, f"duplicate (title, year) pairs in shows.json: {dupes}"


def test_full_episode_shows(shows: list[dict[str, Any]]) -> None:
    full = [s["title"] for s in shows if _is_full_show(s)]
    assert len(full) >= MIN_FULL_SHOWS, (
        f"expected {MIN_FULL_SHOWS}+ shows listing every episode of every season, "
        f"got {len(full)}: {full}"
    )


def test_future_show_items(shows: list[dict[str, Any]]) -> None:
    future = [s["title"] for s in shows if _is_future_show(s)]
    assert len(future) >= MIN_FUTURE_SHOW_ITEMS, (
        f"expected {MIN_FUTURE_SHOW_ITEMS}+ shows with air dates after {FUTURE_CUTOFF}, "
        f"got {future}"
    )


# --------------------------------------------------------------------------- both files


def test_imdb_ids_unique_across_files(
    movies: list[dict[str, Any]], shows: list[dict[str, Any]]
) -> None:
    counts = Counter(item["imdb_id"] for item in [*movies, *shows] if item["imdb_id"] is not None)
    dupes = sorted(i for i, n in counts.items() if n > 1)
    assert not dupes, f"imdb_id values used more than once: {dupes}"


def test_future_titles_total(movies: list[dict[str, Any]], shows: list[dict[str, Any]]) -> None:
    future_movies = [m for m in movies if _is_future_movie(m)]
    future_shows = [s for s in shows if _is_future_show(s)]
    total = len(future_movies) + len(future_shows)
    assert total >= MIN_FUTURE_TITLES, (
        f"expected {MIN_FUTURE_TITLES}+ titles dated after {FUTURE_CUTOFF}, got {total} "
        f"({len(future_movies)} movies, {len(future_shows)} shows)"
    )
