"""Shared fixtures: a small checkerboard world with a known best answer."""

from __future__ import annotations

import pytest

from recommender.content import ItemMeta
from recommender.data import Interactions

# Even users like even items, odd users like odd items; each group dislikes the
# other group's first item. User "u0" has not seen item "i6" yet: every model must put
# it first (it is also the most popular item u0 has not seen, thanks to two fans).
EVEN_USERS = ("u0", "u2", "u4")
ODD_USERS = ("u1", "u3", "u5")
FANS = ("f0", "f1")
ITEMS = tuple(f"i{k}" for k in range(8))


def checkerboard_rows() -> list[tuple[str, str, float, int]]:
    """(user, item, rating, timestamp) rows on a 1-5 scale."""
    rows: list[tuple[str, str, float, int]] = []
    for users, own, other in ((EVEN_USERS, (0, 2, 4, 6), 1), (ODD_USERS, (1, 3, 5, 7), 0)):
        for u in users:
            for k in own:
                if (u, k) not in {("u0", 6), ("u1", 7)}:
                    rows.append((u, f"i{k}", 5.0, 1000 + k))
            rows.append((u, f"i{other}", 1.0, 1100))
    for fan in FANS:
        rows += [(fan, "i6", 5.0, 1200), (fan, "i0", 4.0, 1201), (fan, "i2", 4.0, 1202)]
    return rows


def checkerboard_meta() -> list[ItemMeta]:
    """Even items are horror films by one director, odd items are comedies."""
    return [
        ItemMeta(
            title=f"Film {name}",
            genres=("Horror",) if k % 2 == 0 else ("Comedy",),
            directors=("Carpenter",) if k % 2 == 0 else ("Reitman",),
            cast=("Actor A", "Actor B") if k % 2 == 0 else ("Actor C",),
        )
        for k, name in enumerate(("zero", "one", "two", "three", "four", "five", "six", "seven"))
    ]


@pytest.fixture
def checkerboard() -> Interactions:
    """The checkerboard interactions, items indexed i0..i7 in order."""
    from recommender.data import IdIndex

    return Interactions.from_ratings(checkerboard_rows(), scale=(1.0, 5.0), items=IdIndex(ITEMS))
