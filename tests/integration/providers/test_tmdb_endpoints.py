"""Happy paths of every TMDb endpoint against the fake server, parsed into DTOs."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from adapters.http import NotFoundAtProvider, ProviderError
from adapters.tmdb import TmdbClient, TmdbMovie, image_url
from tests.integration.providers.fake_server import TMDB_KEY, FakeProviderServer


async def test_search_multi_mixes_movies_shows_and_people(
    tmdb: TmdbClient, fake_server: FakeProviderServer
) -> None:
    page = await tmdb.search_multi("alien")
    assert (page.page, page.total_pages, page.total_results) == (1, 38, 745)
    kinds = [(r.media_type, r.tmdb_id, r.title) for r in page.results]
    assert kinds[:4] == [
        ("movie", 348, "Alien"),
        ("movie", 679, "Aliens"),
        ("tv", 93393, "Alien Nation"),
        ("person", 1245203, "Alien Ant Farm"),
    ]
    alien = page.results[0]
    assert alien.release_date == date(1979, 5, 25)
    assert alien.year == 1979
    assert alien.genre_ids == (27, 878)
    assert alien.vote_average == pytest.approx(8.158)
    assert alien.poster_path == "/vfrQk5IPloGg1v9Rzbh2Eg3VGyM.jpg"
    assert page.results[2].release_date == date(1989, 9, 18)  # first_air_date for TV
    unreleased = page.results[4]
    assert (unreleased.release_date, unreleased.poster_path, unreleased.year) == (None, None, None)
    (request,) = fake_server.requests_to("/search/multi")
    assert request.query == {
        "api_key": TMDB_KEY,
        "query": "alien",
        "page": "1",
        "include_adult": "false",
        "language": "en-US",
    }


async def test_search_movies_passes_year(tmdb: TmdbClient, fake_server: FakeProviderServer) -> None:
    page = await tmdb.search_movies("alien", year=1979, language="fr-FR")
    assert [r.title for r in page.results] == ["Alien", "Aliens", "Alien³"]
    assert all(r.media_type == "movie" for r in page.results)
    (request,) = fake_server.requests_to("/search/movie")
    assert request.query["year"] == "1979"
    assert request.query["language"] == "fr-FR"


async def test_search_tv(tmdb: TmdbClient) -> None:
    page = await tmdb.search_tv("breaking bad")
    show = page.results[0]
    assert (show.media_type, show.tmdb_id, show.title) == ("tv", 1396, "Breaking Bad")
    assert show.release_date == date(2008, 1, 20)
    assert show.original_title == "Breaking Bad"


async def test_search_people_with_known_for(tmdb: TmdbClient) -> None:
    page = await tmdb.search_people("sigourney weaver")
    (person,) = page.results
    assert (person.tmdb_id, person.name, person.known_for_department) == (
        10205,
        "Sigourney Weaver",
        "Acting",
    )
    assert [t.title for t in person.known_for] == ["Alien", "Avatar", "Aliens"]
    assert person.known_for[0].media_type == "movie"


async def test_movie_details_with_appended_parts(
    tmdb: TmdbClient, fake_server: FakeProviderServer
) -> None:
    movie = await tmdb.get_movie(348)
    assert isinstance(movie, TmdbMovie)
    assert (movie.tmdb_id, movie.title, movie.year, movie.runtime_minutes) == (
        348,
        "Alien",
        1979,
        117,
    )
    assert movie.imdb_id == "tt0078748"
    assert movie.tagline == "In space, no one can hear you scream."
    assert [g.name for g in movie.genres] == ["Horror", "Science Fiction"]
    assert movie.collection_name == "Alien Collection"
    assert movie.certification_us == "R"
    assert [(c.name, c.character, c.order) for c in movie.cast[:2]] == [
        ("Tom Skerritt", "Dallas", 0),
        ("Sigourney Weaver", "Ripley", 1),
    ]
    assert [d.name for d in movie.directors] == ["Ridley Scott"]
    assert [(w.name, w.job) for w in movie.writers] == [
        ("Dan O'Bannon", "Screenplay"),
        ("Ronald Shusett", "Story"),
    ]
    assert {c.role for c in movie.credits} == {"actor", "director", "writer"}
    assert [t.key for t in movie.trailers] == ["LjLamj-b0I8", "svnAD0TApb8", "jQ5lPt9edzQ"]
    assert movie.trailers[0].url == "https://www.youtube.com/watch?v=LjLamj-b0I8"
    us = movie.watch_providers.get("us")
    assert us is not None
    assert us.flatrate == ("Disney Plus", "Hulu")
    assert us.rent == ("Apple TV", "Amazon Video")
    assert set(movie.watch_providers.as_dict()) == {"GB", "US"}
    assert movie.external_ids.wikidata_id == "Q103569"
    (request,) = fake_server.requests_to("/movie/348")
    assert request.query["append_to_response"] == (
        "credits,release_dates,videos,watch/providers,external_ids"
    )


async def test_show_details_with_appended_parts(
    tmdb: TmdbClient, fake_server: FakeProviderServer
) -> None:
    show = await tmdb.get_show(1396)
    assert (show.tmdb_id, show.name, show.status, show.in_production) == (
        1396,
        "Breaking Bad",
        "Ended",
        False,
    )
    assert (show.number_of_seasons, show.number_of_episodes) == (5, 62)
    assert show.first_air_date == date(2008, 1, 20)
    assert show.networks == ("AMC",)
    assert show.created_by == ("Vince Gilligan",)
    assert show.content_rating_us == "TV-MA"
    assert [s.season_number for s in show.seasons] == [0, 1, 2, 3, 4, 5]
    assert show.seasons[1].episode_count == 7
    assert show.last_episode_to_air is not None
    assert show.last_episode_to_air.name == "Felina"
    assert show.next_episode_to_air is None
    assert [c.name for c in show.cast] == ["Bryan Cranston", "Aaron Paul", "Anna Gunn"]
    assert show.directors == ()
    assert show.imdb_id == "tt0903747"
    assert show.external_ids.tvdb_id == 81189
    assert show.trailers[0].key == "HhesaQXLuRY"
    us = show.watch_providers.get("US")
    assert us is not None and us.flatrate == ("Netflix", "Max")
    (request,) = fake_server.requests_to("/tv/1396")
    assert request.query["append_to_response"] == (
        "credits,content_ratings,videos,watch/providers,external_ids"
    )


async def test_season_with_episodes_in_order(tmdb: TmdbClient) -> None:
    season = await tmdb.get_season(1396, 1)
    assert (season.tmdb_id, season.season_number, season.name) == (3572, 1, "Season 1")
    assert season.episode_count == 7
    assert [e.episode_number for e in season.episodes] == [1, 2, 3, 4, 5, 6, 7]
    pilot = season.episodes[0]
    assert (pilot.name, pilot.air_date, pilot.runtime_minutes) == (
        "Pilot",
        date(2008, 1, 20),
        59,
    )
    assert season.episodes[-1].episode_type == "finale"


async def test_release_dates_and_certification(tmdb: TmdbClient) -> None:
    releases = await tmdb.get_release_dates(348)
    us_theatrical = [r for r in releases if r.region == "US" and r.type == 3]
    assert us_theatrical[0].release_date == datetime(1979, 6, 22, tzinfo=UTC)
    assert await tmdb.get_certification(348) == "R"
    assert await tmdb.get_certification(348, "gb") == "18"
    assert await tmdb.get_certification(348, "FR") is None


async def test_trailers_keep_only_youtube_trailers_and_teasers(tmdb: TmdbClient) -> None:
    trailers = await tmdb.get_trailers("movie", 348)
    assert {t.site for t in trailers} == {"YouTube"}
    assert {t.type for t in trailers} == {"Trailer", "Teaser"}
    assert trailers[0].official


async def test_watch_providers_per_region(tmdb: TmdbClient) -> None:
    providers = await tmdb.get_watch_providers("tv", 1396)
    us = providers.get("US")
    assert us is not None
    assert us.link == "https://www.themoviedb.org/tv/1396-breaking-bad/watch?locale=US"
    assert us.buy == ("Apple TV",)
    assert providers.get("FR") is None


async def test_upcoming_and_now_playing_use_region(
    tmdb: TmdbClient, fake_server: FakeProviderServer
) -> None:
    upcoming = await tmdb.upcoming()
    playing = await tmdb.now_playing(region="GB")
    assert upcoming.results[0].title == "Alien: Romulus"
    assert upcoming.results[0].media_type == "movie"
    assert [r.tmdb_id for r in playing.results] == [533535, 1022789]
    assert fake_server.requests_to("/movie/upcoming")[0].query["region"] == "US"
    assert fake_server.requests_to("/movie/now_playing")[0].query["region"] == "GB"


async def test_on_the_air(tmdb: TmdbClient) -> None:
    page = await tmdb.on_the_air()
    assert [(r.media_type, r.title) for r in page.results] == [
        ("tv", "House of the Dragon"),
        ("tv", "Unnamed Quiz Show"),
    ]
    assert page.results[1].release_date is None


@pytest.mark.parametrize(
    ("media", "window", "expected"),
    [("all", "week", ["movie", "tv"]), ("movie", "day", ["movie"]), ("tv", "week", ["tv"])],
)
async def test_trending(
    tmdb: TmdbClient,
    fake_server: FakeProviderServer,
    media: str,
    window: str,
    expected: list[str],
) -> None:
    page = await tmdb.trending(media, window)  # type: ignore[arg-type]
    assert [r.media_type for r in page.results] == expected
    assert fake_server.requests[-1].path == f"/trending/{media}/{window}"


async def test_find_by_imdb_id(tmdb: TmdbClient, fake_server: FakeProviderServer) -> None:
    found = await tmdb.find_by_imdb_id("tt0078748")
    assert [(m.tmdb_id, m.title) for m in found.movies] == [(348, "Alien")]
    assert found.shows == () and found.people == ()
    assert fake_server.requests_to("/find/tt0078748")[0].query["external_source"] == "imdb_id"
    nothing = await tmdb.find_by_imdb_id("tt9999999")
    assert nothing.movies == nothing.shows == nothing.people == ()


async def test_find_rejects_non_imdb_ids_without_a_request(
    tmdb: TmdbClient, fake_server: FakeProviderServer
) -> None:
    with pytest.raises(ValueError, match="IMDb"):
        await tmdb.find_by_imdb_id("../movie/348")
    assert fake_server.requests == []


async def test_genre_lists(tmdb: TmdbClient) -> None:
    movie_genres = await tmdb.genres("movie")
    tv_genres = await tmdb.genres("tv")
    assert len(movie_genres) == 19
    assert (878, "Science Fiction") in [(g.id, g.name) for g in movie_genres]
    assert (10765, "Sci-Fi & Fantasy") in [(g.id, g.name) for g in tv_genres]


async def test_unknown_movie_is_not_found(tmdb: TmdbClient) -> None:
    with pytest.raises(NotFoundAtProvider) as caught:
        await tmdb.get_movie(999999999)
    assert caught.value.status == 404


async def test_null_and_missing_fields_are_tolerated(
    tmdb: TmdbClient, fake_server: FakeProviderServer
) -> None:
    fake_server.respond_next(
        {
            "id": 1,
            "title": None,
            "release_date": "not-a-date",
            "runtime": None,
            "genres": None,
            "credits": {"cast": [{"id": 2, "name": "X", "order": None}, {"name": "no id"}]},
            "release_dates": {"results": [{"iso_3166_1": "US", "release_dates": None}]},
            "videos": None,
            "watch/providers": {"results": {"US": {"flatrate": [{"provider_name": None}]}}},
            "vote_count": "12",
            "budget": 0,
        }
    )
    movie = await tmdb.get_movie(1)
    assert (movie.title, movie.release_date, movie.runtime_minutes, movie.genres) == (
        "",
        None,
        None,
        (),
    )
    assert [c.name for c in movie.cast] == ["X"]
    assert movie.certification_us is None
    assert movie.trailers == ()
    assert movie.vote_count == 12
    assert movie.budget is None
    us = movie.watch_providers.get("US")
    assert us is not None and us.flatrate == ()


@pytest.mark.parametrize("payload", [[1, 2, 3], {"title": "no id"}, "text"])
async def test_unusable_payload_is_a_provider_error(
    tmdb: TmdbClient, fake_server: FakeProviderServer, payload: object
) -> None:
    fake_server.respond_next(payload)
    with pytest.raises(ProviderError):
        await tmdb.get_movie(348)


def test_image_url() -> None:
    assert image_url("/a.jpg") == "https://image.tmdb.org/t/p/w500/a.jpg"
    assert image_url(None) is None
