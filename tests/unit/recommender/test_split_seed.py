"""Protocol A's random split follows `--seed`: deterministic per seed, seed 0 by default."""

from __future__ import annotations

from recommender.evaluate import parse_args
from recommender.movielens import Dataset, ItemRow, RatingRow
from recommender.offline import make_setup


def _dataset() -> Dataset:
    """20 users x 30 items, every rating present (rating varies so some are relevant)."""
    ratings: list[RatingRow] = [
        (str(u), str(i), float(1 + (u + i) % 5), 1000 * u + i) for u in range(20) for i in range(30)
    ]
    items: list[ItemRow] = [(str(i), f"Film {i}", 1990, ("Drama",)) for i in range(30)]
    return Dataset(ratings, items)


def _test_rows(data: Dataset, seed: int | None) -> set[tuple[str, str]]:
    setup = make_setup(data, "A") if seed is None else make_setup(data, "A", seed)
    train = {(r[0], r[1]) for r in setup.train}
    return {(r[0], r[1]) for r in data.ratings} - train


def test_split_is_deterministic_per_seed_and_changes_with_it() -> None:
    data = _dataset()
    seed0, seed1, seed2 = (_test_rows(data, s) for s in (0, 1, 2))
    assert _test_rows(data, 1) == seed1
    assert _test_rows(data, None) == seed0  # the protocol as defined
    assert len({frozenset(seed0), frozenset(seed1), frozenset(seed2)}) == 3
    for rows in (seed0, seed1, seed2):  # still 20 % of every user's ratings
        assert all(sum(1 for u, _ in rows if u == str(user)) == 6 for user in range(20))


def test_seed_option_defaults_to_zero() -> None:
    assert parse_args([]).seed == 0
    assert parse_args(["--protocol", "A", "--seed", "2"]).seed == 2
