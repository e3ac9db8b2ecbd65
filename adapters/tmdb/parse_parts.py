"""Parsers for the appended parts of details: credits, releases, ratings, videos, providers."""

from __future__ import annotations

from datetime import datetime

from adapters.tmdb.fields import (
    JsonObject,
    flag,
    objects,
    opt_datetime,
    opt_int,
    opt_str,
    sub_object,
    text,
)
from adapters.tmdb.parts import (
    ContentRating,
    CreditRole,
    ExternalIds,
    RegionProviders,
    ReleaseDate,
    TmdbCredit,
    Trailer,
    WatchProviders,
)

# Preferred US release kinds for the certification: theatrical, limited, premiere, digital…
_CERT_TYPE_ORDER = (3, 2, 1, 4, 5, 6)


def parse_credits(data: JsonObject) -> tuple[TmdbCredit, ...]:
    """Actors (by billing order), then directors, then writers (deduplicated)."""
    cast = [
        TmdbCredit(
            person_id=pid,
            name=text(item, "name"),
            role="actor",
            character=opt_str(item, "character"),
            order=opt_int(item, "order"),
            profile_path=opt_str(item, "profile_path"),
        )
        for item in objects(data.get("cast"))
        if (pid := opt_int(item, "id")) is not None
    ]
    cast.sort(key=lambda c: c.order if c.order is not None else 1_000_000)
    crew: dict[tuple[int, str], TmdbCredit] = {}
    for item in objects(data.get("crew")):
        pid = opt_int(item, "id")
        job = opt_str(item, "job")
        if pid is None:
            continue
        role: CreditRole
        if job == "Director":
            role = "director"
        elif opt_str(item, "department") == "Writing":
            role = "writer"
        else:
            continue
        crew.setdefault(
            (pid, role),
            TmdbCredit(
                person_id=pid,
                name=text(item, "name"),
                role=role,
                job=job,
                profile_path=opt_str(item, "profile_path"),
            ),
        )
    ordered = sorted(crew.values(), key=lambda c: c.role != "director")
    return (*cast, *ordered)


def parse_release_dates(data: JsonObject) -> tuple[ReleaseDate, ...]:
    """``{"results": [{"iso_3166_1", "release_dates": [...]}]}`` flattened."""
    releases: list[ReleaseDate] = []
    for country in objects(data.get("results")):
        region = opt_str(country, "iso_3166_1")
        if region is None:
            continue
        releases.extend(
            ReleaseDate(
                region=region,
                release_date=opt_datetime(item, "release_date"),
                certification=opt_str(item, "certification"),
                type=opt_int(item, "type"),
                note=opt_str(item, "note"),
            )
            for item in objects(country.get("release_dates"))
        )
    return tuple(releases)


def certification_for(releases: tuple[ReleaseDate, ...], region: str = "US") -> str | None:
    """The certification of ``region``, preferring the theatrical release."""
    rated = [r for r in releases if r.region == region and r.certification]
    if not rated:
        return None

    def rank(r: ReleaseDate) -> int:
        return _CERT_TYPE_ORDER.index(r.type) if r.type in _CERT_TYPE_ORDER else 99

    return min(rated, key=rank).certification


def parse_content_ratings(data: JsonObject) -> tuple[ContentRating, ...]:
    """``{"results": [{"iso_3166_1", "rating"}]}``."""
    return tuple(
        ContentRating(region=region, rating=rating)
        for item in objects(data.get("results"))
        if (region := opt_str(item, "iso_3166_1")) and (rating := opt_str(item, "rating"))
    )


def parse_trailers(data: JsonObject) -> tuple[Trailer, ...]:
    """YouTube trailers and teasers: trailers first, official first, newest first."""
    trailers = [
        Trailer(
            key=key,
            name=text(item, "name"),
            site="YouTube",
            type=kind,
            official=flag(item, "official"),
            language=opt_str(item, "iso_639_1"),
            published_at=opt_datetime(item, "published_at"),
        )
        for item in objects(data.get("results"))
        if opt_str(item, "site") == "YouTube"
        and (kind := opt_str(item, "type")) in ("Trailer", "Teaser")
        and (key := opt_str(item, "key"))
    ]

    def rank(t: Trailer) -> tuple[bool, bool, float]:
        stamp = t.published_at.timestamp() if isinstance(t.published_at, datetime) else 0.0
        return (t.type != "Trailer", not t.official, -stamp)

    return tuple(sorted(trailers, key=rank))


def _provider_names(entry: JsonObject, kind: str) -> tuple[str, ...]:
    items = sorted(objects(entry.get(kind)), key=lambda i: opt_int(i, "display_priority") or 0)
    return tuple(name for item in items if (name := opt_str(item, "provider_name")))


def parse_watch_providers(data: JsonObject) -> WatchProviders:
    """``{"results": {"US": {"link", "flatrate": [...], ...}}}`` by display priority."""
    results = sub_object(data, "results")
    regions = []
    for region in sorted(results):
        entry = sub_object(results, region)
        regions.append(
            RegionProviders(
                region=region.upper(),
                link=opt_str(entry, "link"),
                flatrate=_provider_names(entry, "flatrate"),
                rent=_provider_names(entry, "rent"),
                buy=_provider_names(entry, "buy"),
                free=_provider_names(entry, "free"),
                ads=_provider_names(entry, "ads"),
            )
        )
    return WatchProviders(regions=tuple(regions))


def parse_external_ids(data: JsonObject, fallback_imdb: str | None = None) -> ExternalIds:
    """``external_ids`` (IMDb, TVDB, Wikidata)."""
    return ExternalIds(
        imdb_id=opt_str(data, "imdb_id") or fallback_imdb,
        tvdb_id=opt_int(data, "tvdb_id"),
        wikidata_id=opt_str(data, "wikidata_id"),
    )
