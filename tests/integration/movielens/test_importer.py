"""The MovieLens importer, on a tiny dataset in RecBole's format, on both backends."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from adapters.movielens.importer import import_movielens
from adapters.movielens.reader import read_items, reading_order
from core.app import App
from core.domain.media import CreditRole
from tests.support import catalog


@pytest.mark.parametrize(
    ("raw", "title", "aliases"),
    [
        ("Usual Suspects, The", "The Usual Suspects", ()),
        ("Toy Story", "Toy Story", ()),
        (
            "City of Lost Children, The (Cité des enfants perdus, La)",
            "The City of Lost Children",
            ("La Cité des enfants perdus",),
        ),
        (
            "Shanghai Triad (Yao a yao yao dao waipo qiao)",
            "Shanghai Triad",
            ("Yao a yao yao dao waipo qiao",),
        ),
    ],
)
def test_titles_are_put_back_in_reading_order(
    raw: str, title: str, aliases: tuple[str, ...]
) -> None:
    assert reading_order(raw) == (title, aliases)


def _dataset(folder: Path) -> Path:
    (folder / "ml-100k.item").write_text(
        "item_id:token\tmovie_title:token_seq\trelease_year:token\tclass:token_seq\n"
        "1\tHeat\t1995\tAction Crime Thriller\n"
        "2\tUsual Suspects, The\t1995\tCrime Thriller\n"
        "3\tUsual Suspects, The\t1995\tCrime\n"
        "4\tLion King, The\t1994\tAnimation Children's Musical\n",
        encoding="utf-8",
    )
    (folder / "ml-100k.inter").write_text(
        "user_id:token\titem_id:token\trating:float\ttimestamp:float\n"
        "10\t1\t5\t881250949\n10\t2\t3\t881250950\n10\t3\t4\t881250999\n"
        "20\t4\t2\t891717742\n20\t1\t4\t891717743\n",
        encoding="utf-8",
    )
    (folder / "ml-100k.user").write_text(
        "user_id:token\tage:token\tgender:token\toccupation:token\tzip_code:token\n"
        "10\t24\tM\ttechnician\t85711\n20\t53\tF\tother\t94043\n",
        encoding="utf-8",
    )
    return folder


async def test_import_merges_titles_and_loads_ratings_once(
    app: App, sessions: async_sessionmaker[AsyncSession], tmp_path: Path
) -> None:
    ids = await catalog.load(app)
    folder = _dataset(tmp_path)
    assert [i.genres for i in read_items(folder)][3] == ("Animation", "Family", "Music")

    report = await import_movielens(app, sessions, folder, ratings=True)
    assert (report.titles, report.users, report.ratings) == (3, 2, 4)
    heat = await app.catalog.get(ids["Heat (1995)"])
    assert heat.people(CreditRole.DIRECTOR) == ("Michael Mann",)  # merged, not erased
    assert heat.genres == ("Action", "Crime", "Thriller")
    suspects = (await app.catalog.resolve("The Usual Suspects")).media
    assert suspects is not None and suspects.year == 1995

    again = await import_movielens(app, sessions, folder, ratings=True)
    assert again.skipped_ratings and again.titles == 3
    assert await app.catalog.count() == len(ids) + 2
