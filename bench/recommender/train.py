"""Training time of the hybrid on 1,000,000 synthetic interactions.

Run:  .venv/bin/python bench/recommender/train.py [--items 10000] [--tune]
Reports each component's fit time, the whole hybrid fit (production components,
blend weights fixed; `--tune` adds the validation tuning of the blend) and the rating
predictor `watchbot train` fits next to it.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the repo root

from synthetic import synthetic_interactions

from adapters.recommend.training import rating_predictor
from recommender.presets import HYBRID_COMPONENTS, HYBRID_WEIGHTS, production_hybrid
from recommender.registry import make_component


def main() -> int:
    """Time component fits and the hybrid fit."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--interactions", type=int, default=1_000_000)
    parser.add_argument("--users", type=int, default=50_000)
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--tune", action="store_true")
    args = parser.parse_args()
    print(f"python {platform.python_version()}, nproc {os.cpu_count()}")
    start = time.perf_counter()
    data = synthetic_interactions(args.interactions, args.users, args.items)
    print(
        f"data: {len(data):,} interactions, {args.users:,} users, {args.items:,} items "
        f"({time.perf_counter() - start:.1f} s to generate)"
    )
    for name in HYBRID_WEIGHTS:
        if name == "content":
            continue
        params = dict(HYBRID_COMPONENTS.get(name, {}))
        if name == "als":
            params["num_threads"] = args.threads
        start = time.perf_counter()
        make_component(name, params).fit(data)
        print(f"  {name:<12} {time.perf_counter() - start:6.1f} s")
    model = production_hybrid(tune=args.tune, num_threads=args.threads)
    start = time.perf_counter()
    model.fit(data)
    label = "tuned" if args.tune else "fixed weights"
    hybrid = time.perf_counter() - start
    print(f"hybrid fit ({label}): {hybrid:.1f} s")
    start = time.perf_counter()
    predictor = rating_predictor(data)  # what `watchbot train` adds ("~8/10 for you")
    rating = time.perf_counter() - start
    parts = predictor.components if predictor else []
    print(f"rating predictor ({'+'.join(parts)}): {rating:.1f} s")
    print(f"watchbot train's fits together: {hybrid + rating:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
