"""The async port implementation, used as the core sees it."""

from __future__ import annotations

from adapters.search.inprocess import InProcessSearchIndex
from core.search.port import SearchIndex
from core.search.query import parse_query
from tests.unit.search.catalog import CATALOG, NOLAN


async def test_the_in_process_index_serves_the_port() -> None:
    index: SearchIndex = InProcessSearchIndex()
    await index.upsert(CATALOG)

    page = await index.search(parse_query("godfahter"), limit=2)
    assert [hit.matched_title for hit in page.hits] == ["The Godfather", "The Godfather Part II"]
    assert page.next_offset == 2

    completions = await index.autocomplete("inter", limit=1)
    assert [hit.media_id for hit in completions] == [157336]

    people = await index.search_people("nolan", limit=1)
    assert [person.name for person in people] == [NOLAN]

    await index.remove([238])
    page = await index.search(parse_query("the godfather"))
    assert 238 not in {hit.media_id for hit in page.hits}
