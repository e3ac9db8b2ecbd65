"""Latency of top-20 recommendations with reasons for one user, 50,000-item catalog.

Compares, in the same process and run:
  * per-item predict loop (what a naive port of the spec would do, a Python call per item)
  * bare numpy factor scoring (user . item factors, argpartition, sort top 20; no filters)
  * our hybrid `recommend_with` (ALS + ItemKNN blend, z-normalised, filters, reasons)

Run:  OPENBLAS_NUM_THREADS=1 .venv/bin/python bench/recommender/serve.py
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the repo root

from synthetic import synthetic_interactions

from recommender.filters import Filters
from recommender.hybrid import HybridRecommender
from recommender.rating import RatingPredictor
from recommender.social import SocialSignal


def timings(fn: Callable[[int], object], users: np.ndarray) -> np.ndarray:
    """Seconds per call, one call per user."""
    out = np.empty(users.size)
    for k, user in enumerate(users.tolist()):
        start = time.perf_counter()
        fn(user)
        out[k] = time.perf_counter() - start
    return out


def summary(name: str, seconds: np.ndarray) -> str:
    """Median and p99 in milliseconds."""
    ms = seconds * 1000
    return f"{name:<34} median {np.median(ms):8.3f} ms   p99 {np.percentile(ms, 99):8.3f} ms"


def main() -> int:
    """Fit on synthetic data, then time the three serving paths."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=50_000)
    parser.add_argument("--users", type=int, default=20_000)
    parser.add_argument("--interactions", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=2_000)
    args = parser.parse_args()
    print(f"python {platform.python_version()}, nproc {os.cpu_count()}, {platform.machine()}")
    data = synthetic_interactions(args.interactions, args.users, args.items)
    start = time.perf_counter()
    model = HybridRecommender(
        {"als": 1.0, "itemknn": 0.35, "popularity": 0.0},
        {"als": {"factors": 64, "num_threads": 2}, "itemknn": {"k": 100, "max_fanout": 200}},
    ).fit(data)
    model.set_catalog(titles=[f"Title {k}" for k in range(args.items)])
    print(f"fit: {time.perf_counter() - start:.1f} s on {len(data):,} interactions")
    als = model.models["als"]
    user_f, item_f = als.user_factors, als.item_factors  # type: ignore[attr-defined]
    rng = np.random.default_rng(1)
    users = rng.integers(0, args.users, args.requests)

    def per_item_loop(user: int) -> list[int]:
        u = user_f[user]
        scores = [float(item_f[i] @ u) for i in range(item_f.shape[0])]
        return sorted(range(len(scores)), key=scores.__getitem__, reverse=True)[:20]

    def bare_numpy(user: int) -> np.ndarray:
        scores = item_f @ user_f[user]
        top = np.argpartition(-scores, 20)[:20]
        return top[np.argsort(-scores[top])]

    def hybrid(user: int) -> object:
        return model.recommend_with(user, 20, Filters())

    start = time.perf_counter()
    predictor = RatingPredictor(components=("baseline",)).fit(data)  # production above 200k
    print(f"rating predictor fit: {time.perf_counter() - start:.1f} s")
    items, strengths = rng.integers(0, args.items, 40), rng.random(40)
    friends = [
        SocialSignal(int(items[k]), f"friend{k % 12}", float(strengths[k])) for k in range(40)
    ]

    def served(user: int) -> object:
        """What the bot serves: friends' signals lifted in, and '~8/10 for you' per pick."""
        found = model.recommend_with(user, 20, Filters(), friends)
        return predictor.predict_items(user, np.array([s.item for s in found], dtype=np.int64))

    for fn in (bare_numpy, hybrid, served):  # warm-up
        timings(fn, users[:50])
    gc.collect()
    gc.disable()
    loop = timings(per_item_loop, users[:20])
    bare = timings(bare_numpy, users)
    ours = timings(hybrid, users)
    full = timings(served, users)
    gc.enable()
    print(summary("per-item predict loop (20 users)", loop))
    print(summary("bare numpy factor scoring", bare))
    print(summary("hybrid top-20 with reasons", ours))
    print(summary("+ 40 friend signals, predicted ratings", full))
    print(f"served p99 / bare p99 = {np.percentile(full, 99) / np.percentile(bare, 99):.2f}")
    ratio = np.percentile(ours, 99) / np.percentile(bare, 99)
    print(
        f"hybrid p99 / bare p99 = {ratio:.2f}; median speed-up vs loop = "
        f"{np.median(loop) / np.median(ours):.0f}x"
    )
    sample = model.recommend_with(int(users[0]), 3, Filters())
    print("sample:", [(s.item, s.reason.text() if s.reason else None) for s in sample])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
