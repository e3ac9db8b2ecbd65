"""Offline evaluation entry point and `fit_and_rank`.

Usage::

    python -m recommender.evaluate --data ../shared/datasets/ml-100k --protocol A
    python -m recommender.evaluate --protocol A --seed 1           # another random split
    python -m recommender.evaluate --protocol all --ratings        # + 5-fold RMSE/MAE
    python -m recommender.evaluate --ratings-only                  # rating prediction only
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from recommender.content import ItemMeta
from recommender.data import IdIndex, Interactions
from recommender.filters import Filters
from recommender.movielens import load
from recommender.offline import Result, run_protocol
from recommender.presets import production_hybrid
from recommender.rating_eval import RatingResult, run_rating_cv

DEFAULT_DATA = Path("..") / "shared" / "datasets" / "ml-100k"


def fit_and_rank(
    train: Sequence[tuple[str, str, float, int]],
    items: Sequence[tuple[str, str, int | None, Sequence[str]]],
    users: Sequence[str],
    n: int,
    *,
    validation: str = "random",
) -> dict[str, list[str]]:
    """Top-`n` raw item ids per user from the production hybrid (no social/trending).

    `train` rows are `(user, item, rating, timestamp)` on a 1-5 or 1-10 scale; `items`
    rows are `(item, title, year, genres)`. Each user's training items are excluded;
    users absent from `train` get the most popular items.
    """
    item_index = IdIndex(str(row[0]) for row in items)
    meta = [ItemMeta(title=t, year=y, genres=tuple(g)) for _, t, y, g in items]
    top = max((float(r[2]) for r in train), default=5.0)
    scale = (1.0, 10.0 if top > 5.0 else 5.0)
    interactions = Interactions.from_ratings(train, scale, items=item_index)
    meta += [ItemMeta()] * (interactions.n_items - len(meta))
    model = production_hybrid(meta, validation)
    model.fit(interactions)
    out: dict[str, list[str]] = {}
    for user in users:
        inner = interactions.users.get(user)
        recs = model.popular(n) if inner is None else model.recommend_with(inner, n, Filters())
        out[user] = [item_index.raw(s.item) for s in recs]
    return out


def format_results(protocol: str, results: Sequence[Result], seed: int = 0) -> str:
    """A plain-text table of ranking results (a non-default split seed is named)."""
    split = f", split seed = {seed}" if seed and protocol == "A" else ""
    lines = [
        f"Protocol {protocol} (top-10, relevant = rating >= 4, users = {results[0].metrics.users}"
        f"{split})",
        f"{'model':<28}{'P@10':>8}{'R@10':>8}{'NDCG@10':>9}{'HR@10':>8}{'Cov@10':>8}{'sec':>7}  "
        "params (validation-chosen)",
    ]
    for r in results:
        m = r.metrics
        lines.append(
            f"{r.name:<28}{m.precision:>8.4f}{m.recall:>8.4f}{m.ndcg:>9.4f}{m.hit_rate:>8.4f}"
            f"{m.coverage:>8.4f}{r.seconds:>7.1f}  {_short(dict(r.params))}"
        )
    return "\n".join(lines)


def _short(params: dict[str, object]) -> str:
    weights = params.get("weights")
    if isinstance(weights, dict):
        params["weights"] = {k: v for k, v in weights.items() if v}
    return ", ".join(f"{k}={v}" for k, v in params.items())


def format_ratings(results: Sequence[RatingResult]) -> str:
    """A plain-text table of rating-prediction results."""
    lines = [
        "Rating prediction (Surprise KFold n_splits=5, random_state=0)",
        f"{'model':<40}{'RMSE':>8}{'(std)':>8}{'MAE':>8}{'sec':>8}",
    ]
    for r in results:
        lines.append(f"{r.name:<40}{r.rmse:>8.4f}{r.rmse_std:>8.4f}{r.mae:>8.4f}{r.seconds:>8.1f}")
    return "\n".join(lines)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(prog="python -m recommender.evaluate", description=__doc__)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="RecBole dataset dir")
    parser.add_argument("--protocol", choices=("A", "B", "all"), default="all")
    parser.add_argument(
        "--diversity",
        type=float,
        action="append",
        help="hybrid MMR diversity setting(s) to report (default: 0 and 0.2)",
    )
    parser.add_argument("--ratings", action="store_true", help="also run 5-fold RMSE/MAE")
    parser.add_argument("--ratings-only", action="store_true", help="only run RMSE/MAE (slow)")
    parser.add_argument(
        "--seed",
        type=int,
        default=0,
        help="seed of protocol A's per-user random split (default 0 = the protocol as defined; "
        "validation carvings and protocol B are unaffected)",
    )
    parser.add_argument("--threads", type=int, default=min(2, os.cpu_count() or 1))
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the requested evaluations and print one table per protocol."""
    args = parse_args(argv)
    if not args.data.exists():
        print(f"dataset not found: {args.data}", file=sys.stderr)
        return 2
    np.seterr(all="ignore")
    data = load(args.data)
    if not args.ratings_only:
        protocols = ("A", "B") if args.protocol == "all" else (args.protocol,)
        for protocol in protocols:
            results = run_protocol(
                data, protocol, args.diversity or (0.0, 0.2), args.threads, args.seed
            )
            print(format_results(protocol, results, args.seed), "\n", flush=True)
    if args.ratings or args.ratings_only:
        top = max(r[2] for r in data.ratings)
        print(format_ratings(run_rating_cv(data.ratings, (1.0, max(5.0, top)))), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
