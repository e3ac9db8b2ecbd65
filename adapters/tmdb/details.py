"""Parsers for movie, TV show, season and episode details."""

from __future__ import annotations

from typing import Any

from adapters.tmdb.fields import (
    JsonObject,
    PayloadError,
    as_object,
    flag,
    ints,
    objects,
    opt_date,
    opt_float,
    opt_int,
    opt_str,
    strings,
    sub_object,
    text,
)
from adapters.tmdb.models import TmdbEpisode, TmdbMovie, TmdbSeason, TmdbShow
from adapters.tmdb.parse_parts import (
    certification_for,
    parse_content_ratings,
    parse_credits,
    parse_external_ids,
    parse_release_dates,
    parse_trailers,
    parse_watch_providers,
)
from adapters.tmdb.parsing import parse_genres, required_id


def parse_movie(payload: Any) -> TmdbMovie:
    """``/movie/{id}`` with ``credits,release_dates,videos,watch/providers,external_ids``."""
    data = as_object(payload, "movie")
    releases = parse_release_dates(sub_object(data, "release_dates"))
    return TmdbMovie(
        tmdb_id=required_id(data, "movie"),
        title=text(data, "title"),
        original_title=opt_str(data, "original_title"),
        original_language=opt_str(data, "original_language"),
        overview=text(data, "overview"),
        tagline=opt_str(data, "tagline"),
        release_date=opt_date(data, "release_date"),
        runtime_minutes=opt_int(data, "runtime") or None,
        status=opt_str(data, "status"),
        genres=parse_genres(data.get("genres")),
        poster_path=opt_str(data, "poster_path"),
        backdrop_path=opt_str(data, "backdrop_path"),
        popularity=opt_float(data, "popularity"),
        vote_average=opt_float(data, "vote_average"),
        vote_count=opt_int(data, "vote_count"),
        homepage=opt_str(data, "homepage"),
        budget=opt_int(data, "budget") or None,
        revenue=opt_int(data, "revenue") or None,
        collection_name=opt_str(sub_object(data, "belongs_to_collection"), "name"),
        credits=parse_credits(sub_object(data, "credits")),
        release_dates=releases,
        certification_us=certification_for(releases, "US"),
        trailers=parse_trailers(sub_object(data, "videos")),
        watch_providers=parse_watch_providers(sub_object(data, "watch/providers")),
        external_ids=parse_external_ids(
            sub_object(data, "external_ids"), fallback_imdb=opt_str(data, "imdb_id")
        ),
    )


def parse_episode(data: JsonObject, season_number: int | None = None) -> TmdbEpisode | None:
    """One episode; ``None`` without id or episode number."""
    tmdb_id = opt_int(data, "id")
    number = opt_int(data, "episode_number")
    season = opt_int(data, "season_number")
    season = season if season is not None else season_number
    if tmdb_id is None or number is None or season is None:
        return None
    return TmdbEpisode(
        tmdb_id=tmdb_id,
        season_number=season,
        episode_number=number,
        name=text(data, "name"),
        overview=text(data, "overview"),
        air_date=opt_date(data, "air_date"),
        runtime_minutes=opt_int(data, "runtime"),
        still_path=opt_str(data, "still_path"),
        vote_average=opt_float(data, "vote_average"),
        episode_type=opt_str(data, "episode_type"),
    )


def _season(data: JsonObject) -> TmdbSeason | None:
    tmdb_id = opt_int(data, "id")
    number = opt_int(data, "season_number")
    if tmdb_id is None or number is None:
        return None
    episodes = tuple(
        sorted(
            (e for item in objects(data.get("episodes")) if (e := parse_episode(item, number))),
            key=lambda e: e.episode_number,
        )
    )
    return TmdbSeason(
        tmdb_id=tmdb_id,
        season_number=number,
        name=text(data, "name"),
        overview=text(data, "overview"),
        air_date=opt_date(data, "air_date"),
        episode_count=opt_int(data, "episode_count") or len(episodes),
        poster_path=opt_str(data, "poster_path"),
        episodes=episodes,
    )


def parse_season(payload: Any) -> TmdbSeason:
    """``/tv/{id}/season/{n}`` with its episodes."""
    data = as_object(payload, "season")
    required_id(data, "season")
    season = _season(data)
    if season is None:
        raise PayloadError("season: missing season_number")
    return season


def parse_show(payload: Any) -> TmdbShow:
    """``/tv/{id}`` with ``credits,content_ratings,videos,watch/providers,external_ids``."""
    data = as_object(payload, "tv show")
    ratings = parse_content_ratings(sub_object(data, "content_ratings"))
    last_ep = sub_object(data, "last_episode_to_air")
    next_ep = sub_object(data, "next_episode_to_air")
    return TmdbShow(
        tmdb_id=required_id(data, "tv show"),
        name=text(data, "name"),
        original_name=opt_str(data, "original_name"),
        original_language=opt_str(data, "original_language"),
        overview=text(data, "overview"),
        tagline=opt_str(data, "tagline"),
        first_air_date=opt_date(data, "first_air_date"),
        last_air_date=opt_date(data, "last_air_date"),
        status=opt_str(data, "status"),
        in_production=flag(data, "in_production"),
        number_of_seasons=opt_int(data, "number_of_seasons"),
        number_of_episodes=opt_int(data, "number_of_episodes"),
        episode_run_time=ints(data.get("episode_run_time")),
        genres=parse_genres(data.get("genres")),
        networks=strings(data.get("networks"), "name"),
        created_by=strings(data.get("created_by"), "name"),
        origin_country=strings(data.get("origin_country")),
        poster_path=opt_str(data, "poster_path"),
        backdrop_path=opt_str(data, "backdrop_path"),
        popularity=opt_float(data, "popularity"),
        vote_average=opt_float(data, "vote_average"),
        vote_count=opt_int(data, "vote_count"),
        homepage=opt_str(data, "homepage"),
        seasons=tuple(
            sorted(
                (s for item in objects(data.get("seasons")) if (s := _season(item))),
                key=lambda s: s.season_number,
            )
        ),
        last_episode_to_air=parse_episode(last_ep) if last_ep else None,
        next_episode_to_air=parse_episode(next_ep) if next_ep else None,
        credits=parse_credits(sub_object(data, "credits")),
        content_ratings=ratings,
        content_rating_us=next((r.rating for r in ratings if r.region == "US"), None),
        trailers=parse_trailers(sub_object(data, "videos")),
        watch_providers=parse_watch_providers(sub_object(data, "watch/providers")),
        external_ids=parse_external_ids(sub_object(data, "external_ids")),
    )
