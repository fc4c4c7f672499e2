"""``python -m bench [extract|parallel|load|memory|store|growth|queries|all|learning|probe] [--quick] [--no-neo4j]``.

``learning`` (the learned attribution step under grouped cross-validation, its
calibration and learning curve: about 20 minutes) and ``probe`` (extraction on
passages written blind, bench/data/blind_probe.jsonl: a minute) run only when named.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import datetime, timezone

from .common import RESULTS, in_fresh_process, log, machine

NAMES = ("extract", "parallel", "memory", "load", "store", "growth", "queries")
ON_REQUEST = ("learning", "probe")

# (benchmark, path in its result, target, "min" = at least / "max" = at most, what)
TARGETS = (
    ("extract", "ratio_extract_vs_bare", 0.75, "min", "extract() tokens per CPU-s / bare nlp.pipe tokens per CPU-s"),
    ("learning", "strict_f1", 0.70, "min", "grouped 5-fold strict F1 on the shared annotated corpus"),
    ("learning", "accuracy_at_confidence_0_8", 0.8, "min", "share correct of out-of-fold statements at confidence >= 0.8"),
    ("parallel", "speedup_2_vs_1", 1.7, "min", "workers=2 / workers=1 speed-up"),
    ("memory", "peak_worker_rss_mb", 400, "max", "peak RSS per extraction worker (MB)"),
    ("memory", "peak_worker_rss_10k_extrapolated_mb", 400, "max", "peak RSS per worker at 10k articles (MB)"),
    ("load", "speedup", 20, "max_is_min", "UNWIND loader / one MERGE per record, same data (x)"),
    ("growth", "networkx_per_article_ratio_largest_vs_smallest", 1.3, "max", "NetworkXStore CPU ms/article, 100k / 1k"),
    ("growth", "neo4j_per_article_ratio", 1.3, "max", "Neo4j ms/article, 1k / 300 articles"),
    ("queries", "trace_attack_neo4j_p95_ms", 50, "max", "trace_attack p95 on Neo4j, 100k articles (ms)"),
)


def _run(name: str, quick: bool, neo4j: bool) -> dict:
    from . import extraction, learning, probe, stores

    if name == "learning":
        return learning.run_learning(quick)
    if name == "probe":
        return probe.run_probe(quick)
    if name == "extract":
        return extraction.run_extract(quick)
    if name == "parallel":
        return extraction.run_parallel(quick)
    if name == "memory":
        return in_fresh_process(extraction.run_memory, quick)
    if name == "load":
        return stores.run_load(quick) if neo4j else {"skipped": "--no-neo4j"}
    if name == "store":
        return stores.run_store(quick)
    if name == "growth":
        return stores.run_growth(quick, neo4j)
    if name == "queries":
        return stores.run_queries(quick, neo4j)
    raise ValueError(name)


def check_targets(results: dict) -> list[dict]:
    out = []
    for bench, key, target, kind, what in TARGETS:
        value = results.get(bench, {}).get(key)
        if value is None:
            continue
        met = value >= target if kind in ("min", "max_is_min") else value <= target
        out.append({"benchmark": bench, "what": what, "value": value, "target": target,
                    "direction": ">=" if kind in ("min", "max_is_min") else "<=", "met": met})
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    ap.add_argument("which", nargs="*", default=["all"], choices=(*NAMES, *ON_REQUEST, "all"),
                    metavar="BENCH", help=f"one or more of {', '.join(NAMES + ON_REQUEST)}, or all (default; "
                    "without learning)")
    ap.add_argument("--quick", action="store_true", help="small sizes: a smoke run of a few minutes")
    ap.add_argument("--no-neo4j", action="store_true", help="skip everything that needs a Neo4j server")
    ap.add_argument("--output", default=str(RESULTS / "latest.json"), help="results file (merged per benchmark)")
    args = ap.parse_args(argv)
    names = NAMES if "all" in args.which else tuple(n for n in NAMES + ON_REQUEST if n in args.which)

    RESULTS.mkdir(parents=True, exist_ok=True)
    try:
        with open(args.output, encoding="utf-8") as fh:
            doc = json.load(fh)
    except (OSError, ValueError):
        doc = {}
    doc.setdefault("benchmarks", {})
    run = {"command": "python -m bench " + " ".join(argv if argv is not None else sys.argv[1:]),
           "started": datetime.now(timezone.utc).isoformat(timespec="seconds"), "machine": machine(),
           "quick": args.quick, "seconds": {}}
    t0 = time.perf_counter()
    for name in names:
        log(f"== {name}")
        t = time.perf_counter()
        result = _run(name, args.quick, not args.no_neo4j)
        run["seconds"][name] = round(time.perf_counter() - t, 1)
        doc["benchmarks"][name] = {**result, "run": {"command": run["command"], "started": run["started"],
                                                     "quick": args.quick, "seconds": run["seconds"][name]}}
        print(json.dumps({name: result}, indent=1, default=str), flush=True)
    run["seconds"]["total"] = round(time.perf_counter() - t0, 1)
    doc["last_run"] = run
    doc["targets"] = check_targets(doc["benchmarks"])
    with open(args.output, "w", encoding="utf-8") as fh:
        json.dump(doc, fh, indent=1, default=str)
        fh.write("\n")
    print("\ntargets:")
    for t in doc["targets"]:
        print(f"  [{'met' if t['met'] else 'MISSED'}] {t['what']}: {t['value']} (target {t['direction']} {t['target']})")
    print(f"\n{run['seconds']['total']} s; results in {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
