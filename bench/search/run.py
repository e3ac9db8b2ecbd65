"""Search benchmark: quality, latency, build cost and memory of the in-process engine.

    .venv/bin/python bench/search/run.py --sizes 10000 100000 1000000 --queries 2000

Builds catalogs from the MovieLens titles (read in place) plus deterministic synthetic ones,
runs every query type against ``SearchEngine`` and a naive full-scan rapidfuzz baseline on a
sample, and prints one Markdown section per size (plus ``--json`` for the raw figures).
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import json
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from catalog import DEFAULT_DATA, load_movielens, make_catalog
from rapidfuzz import fuzz, process
from workload import MIX, Case, Truth, make_cases

from adapters.search.engine import SearchEngine
from adapters.search.normalize import normalize
from core.search.query import parse_query
from core.search.types import SearchDocument


def rss_mb() -> float:
    """Resident set size of this process in MiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def judge(case: Case, ids: list[int]) -> tuple[float, float, float]:
    """(correct at 1, recall at 10, answered) for one query."""
    top = ids[:10]
    if case.kind in ("prefix", "filter_only"):
        expected = case.expected
        if not expected:
            return 1.0, 1.0, 1.0
        at1 = float(bool(top) and top[0] == expected[0])
        recall = len(set(top) & set(expected)) / len(expected)
        return at1, recall, float(set(top[: len(expected)]) == set(expected))
    at1 = float(bool(top) and top[0] in case.relevant)
    hit = float(any(i in case.relevant for i in top))
    return at1, hit, at1 if case.kind == "exact" else hit


def run_engine(
    engine: SearchEngine, cases: list[Case]
) -> list[tuple[Case, float, float, list[int]]]:
    """Time every query (parse included): (case, wall ms, CPU ms of this thread, media ids)."""
    results = []
    for case in cases:
        start, cpu = time.perf_counter(), time.thread_time()
        if case.kind == "prefix":
            ids = [h.media_id for h in engine.autocomplete(case.text, limit=10)]
        else:
            ids = [h.media_id for h in engine.search(parse_query(case.text), limit=10).hits]
        wall, cpu = time.perf_counter() - start, time.thread_time() - cpu
        results.append((case, wall * 1000, cpu * 1000, ids))
    return results


def run_baseline(
    docs: list[SearchDocument], cases: list[Case], count: int, seed: int
) -> dict[str, float]:
    """Full scan: rapidfuzz WRatio of the query against every normalised title."""
    choices = [normalize(d.title) for d in docs]
    text_cases = [c for c in cases if c.kind != "filter_only"]
    sample = random.Random(seed).sample(text_cases, min(count, len(text_cases)))
    times, at1, at10 = [], [], []
    for case in sample:
        text = normalize(parse_query(case.text).text) if case.kind == "filtered" else case.text
        query = normalize(text)
        start = time.perf_counter()
        found = process.extract(query, choices, scorer=fuzz.WRatio, processor=None, limit=10)
        times.append((time.perf_counter() - start) * 1000)
        ids = [docs[index].media_id for _, _, index in found]
        one, ten, _ = judge(case, ids)
        at1.append(one)
        at10.append(ten)
    return {
        "queries": len(sample),
        "p50_ms": percentile(times, 0.5),
        "p99_ms": percentile(times, 0.99),
        "recall_at_1": statistics.fmean(at1),
        "recall_at_10": statistics.fmean(at10),
    }


def incremental(engine: SearchEngine, docs: list[SearchDocument], seed: int) -> dict[str, float]:
    """Upsert new titles, update and remove existing ones; check search sees them at once."""
    rng = random.Random(seed)
    top_id = max(d.media_id for d in docs)
    fresh = [
        dataclasses.replace(d, media_id=top_id + 1 + i, title=f"{d.title} Zyxquor {i}")
        for i, d in enumerate(rng.sample(docs, 1000))
    ]
    updated = [
        dataclasses.replace(d, popularity=d.popularity * 1.5) for d in rng.sample(docs, 1000)
    ]
    gone = [d.media_id for d in rng.sample(docs, 1000)]
    timings: dict[str, float] = {}
    actions: tuple[tuple[str, Callable[[], None]], ...] = (
        ("insert_us", lambda: engine.upsert(fresh)),
        ("update_us", lambda: engine.upsert(updated)),
        ("remove_us", lambda: engine.remove(gone)),
    )
    for name, action in actions:
        start = time.perf_counter()
        action()
        timings[name] = (time.perf_counter() - start) * 1e6 / 1000
    probe = fresh[0]
    found = engine.search(parse_query(normalize(probe.title)), limit=1).hits
    timings["insert_found"] = float(bool(found) and found[0].media_id == probe.media_id)
    removed = set(gone)
    timings["removed_absent"] = float(
        not any(
            h.media_id in removed
            for d in docs[:50]
            for h in engine.search(parse_query(normalize(d.title)), limit=10).hits
        )
    )
    return timings


def run_size(real: list[Any], size: int, queries: int, baseline: int, seed: int) -> dict[str, Any]:
    """Everything measured for one catalog size."""
    started = time.perf_counter()
    docs = make_catalog(real, size, seed)
    truth = Truth(docs)
    cases = make_cases(truth, queries, seed + 1)
    warmup = make_cases(truth, 60, seed + 2)
    prepared = time.perf_counter() - started
    gc.collect()
    before = rss_mb()
    engine = SearchEngine()
    start, cpu = time.perf_counter(), time.process_time()
    engine.build(docs)
    build_s, build_cpu = time.perf_counter() - start, time.process_time() - cpu
    gc.collect()
    memory = rss_mb() - before
    # The harness holds millions of objects (catalog, expected answers); freezing them keeps
    # the cyclic GC from walking them during queries. A bot process does the same after
    # start-up (gc.freeze()); the engine itself holds few GC-tracked objects.
    gc.freeze()
    load_before = os.getloadavg()[0]
    run_engine(engine, warmup)
    results = run_engine(engine, cases)
    report: dict[str, Any] = {
        "size": size,
        "names": sum(len(d.names) for d in docs),
        "build_s": build_s,
    }
    report |= {"build_cpu_s": build_cpu, "rss_delta_mb": memory, "prepare_s": prepared}
    report |= {"load_avg": (load_before, os.getloadavg()[0]), "types": {}}
    for kind in [*MIX, "all"]:
        rows = [r for r in results if kind in ("all", r[0].kind)]
        scores = [judge(case, ids) for case, _, _, ids in rows]
        times = [ms for _, ms, _, _ in rows]
        cpu_times = [ms for _, _, ms, _ in rows]
        report["types"][kind] = {
            "queries": len(rows),
            "recall_at_1": statistics.fmean(s[0] for s in scores),
            "recall_at_10": statistics.fmean(s[1] for s in scores),
            "answered": statistics.fmean(s[2] for s in scores),
            "p50_ms": percentile(times, 0.5),
            "p95_ms": percentile(times, 0.95),
            "p99_ms": percentile(times, 0.99),
            "max_ms": max(times),
            "cpu_p50_ms": percentile(cpu_times, 0.5),
            "cpu_p99_ms": percentile(cpu_times, 0.99),
        }
    report["incremental"] = incremental(engine, docs, seed + 3)
    report["baseline"] = run_baseline(docs, cases, baseline, seed + 4)
    report["speedup_p99"] = report["baseline"]["p99_ms"] / report["types"]["all"]["p99_ms"]
    gc.unfreeze()
    return report


def machine() -> str:
    """nproc, CPU model, RAM, date and command line, for the results file."""
    model = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    ram = 0
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            ram = int(line.split()[1]) // (1024 * 1024)
    when = time.strftime("%Y-%m-%d %H:%M %Z")
    command = " ".join([".venv/bin/python", *sys.argv])
    return f"Machine: {os.cpu_count()} CPUs ({model}), {ram} GiB RAM; {when}; `{command}`\n"


def markdown(report: dict[str, Any]) -> str:
    """One size as Markdown."""
    lines = [
        f"### {report['size']:,} titles ({report['names']:,} names)",
        "",
        f"Build {report['build_s']:.1f} s ({report['build_cpu_s']:.1f} s CPU), "
        f"RSS +{report['rss_delta_mb']:.0f} MiB; load average during the queries "
        f"{report['load_avg'][0]:.1f} -> {report['load_avg'][1]:.1f}. "
        f"Full-scan baseline (rapidfuzz WRatio, {report['baseline']['queries']} queries): "
        f"p50 {report['baseline']['p50_ms']:.1f} ms, p99 {report['baseline']['p99_ms']:.1f} ms, "
        f"recall@1 {report['baseline']['recall_at_1']:.2f}, "
        f"recall@10 {report['baseline']['recall_at_10']:.2f}; "
        f"our p99 is **{report['speedup_p99']:.0f}x** faster.",
        "",
        "| type | n | recall@1 | recall@10 | answered | p50 ms | p95 ms | p99 ms | max ms"
        " | CPU p50 | CPU p99 |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for kind, row in report["types"].items():
        lines.append(
            f"| {kind} | {row['queries']} | {row['recall_at_1']:.3f} | {row['recall_at_10']:.3f}"
            f" | {row['answered']:.3f} | {row['p50_ms']:.2f} | {row['p95_ms']:.2f}"
            f" | {row['p99_ms']:.2f} | {row['max_ms']:.1f} | {row['cpu_p50_ms']:.2f}"
            f" | {row['cpu_p99_ms']:.2f} |"
        )
    inc = report["incremental"]
    lines += [
        "",
        f"Incremental: insert {inc['insert_us']:.0f} µs, update {inc['update_us']:.0f} µs, "
        f"remove {inc['remove_us']:.0f} µs per title; inserted title found at 1: "
        f"{inc['insert_found']:.0f}, removed titles absent: {inc['removed_absent']:.0f}.",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--queries", type=int, default=2000)
    parser.add_argument("--baseline-queries", type=int, default=50)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--json", type=Path, help="also write the raw figures here")
    args = parser.parse_args(argv)
    print(machine(), flush=True)
    real = load_movielens(args.data)
    reports = []
    for size in args.sizes:
        report = run_size(real, size, args.queries, args.baseline_queries, args.seed)
        reports.append(report)
        print(markdown(report), flush=True)
    if args.json:
        args.json.write_text(json.dumps(reports, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
