"""Shared helpers: timing, RSS from /proc (no psutil), corpus texts, machine description."""

from __future__ import annotations

import gc
import os
import platform
import random
import resource
import socket
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "bench" / "results"
SHARED = Path(os.environ.get("CLAIMGRAPH_SHARED", REPO.parent / "shared"))
CORPUS_TEXTS = SHARED / "corpus" / "texts"


def log(*args) -> None:
    print(*args, file=sys.stderr, flush=True)


def corpus_texts() -> list[str]:
    """The shared corpus texts, sorted by file name (raises when the corpus is missing)."""
    paths = sorted(CORPUS_TEXTS.glob("*.txt"))
    if not paths:
        raise SystemExit(f"no corpus texts in {CORPUS_TEXTS} (set CLAIMGRAPH_SHARED)")
    return [p.read_text(encoding="utf-8") for p in paths]


def repeated(texts: list[str], times: int, seed: int = 0) -> list[str]:
    """The texts ``times`` over, each round shuffled: a larger set with the same statistics."""
    rng = random.Random(seed)
    out = []
    for _ in range(times):
        round_ = list(texts)
        rng.shuffle(round_)
        out += round_
    return out


def _status(pid: int | str = "self") -> dict[str, int]:
    """VmRSS/VmHWM (kB) of a process from /proc; {} where /proc is missing or the process is gone."""
    out = {}
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith(("VmRSS:", "VmHWM:")):
                    out[line.split(":")[0]] = int(line.split()[1])
    except OSError:
        pass
    return out


def rss_mb(pid: int | str = "self") -> float:
    """Resident set size now, in MB (falls back to the peak from getrusage without /proc)."""
    st = _status(pid)
    if "VmRSS" in st:
        return st["VmRSS"] / 1024
    return peak_rss_mb()


def hwm_mb(pid: int | str = "self") -> float:
    """Peak resident set size of a process, in MB."""
    st = _status(pid)
    return st.get("VmHWM", 0) / 1024 if st else 0.0


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    """ru_maxrss (kB on Linux) in MB: RUSAGE_CHILDREN gives the largest waited-for child."""
    return resource.getrusage(who).ru_maxrss / 1024


def settle() -> None:
    gc.collect()


class Timer:
    """Wall seconds (``seconds``) and this process's CPU seconds (``cpu``) of a block."""

    def __enter__(self):
        self.start, self.start_cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc):
        self.seconds = time.perf_counter() - self.start
        self.cpu = time.process_time() - self.start_cpu


def percentiles(samples: list[float]) -> dict[str, float]:
    """p50/p95/max in milliseconds."""
    ms = sorted(s * 1000 for s in samples)
    p95 = ms[min(len(ms) - 1, max(0, round(0.95 * len(ms)) - 1))]
    return {"n": len(ms), "p50_ms": round(statistics.median(ms), 3), "p95_ms": round(p95, 3),
            "max_ms": round(ms[-1], 3)}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def machine() -> dict:
    cpu = platform.processor() or ""
    try:
        with open("/proc/cpuinfo") as fh:
            cpu = next((line.split(":", 1)[1].strip() for line in fh if line.startswith("model name")), cpu)
    except OSError:
        pass
    mem = 0
    try:
        with open("/proc/meminfo") as fh:
            mem = int(next(line for line in fh if line.startswith("MemTotal")).split()[1]) // 1024
    except (OSError, StopIteration):
        pass
    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    import networkx
    import spacy

    return {"cpu": cpu, "cores": os.cpu_count(), "mem_mb": mem, "python": platform.python_version(),
            "spacy": spacy.__version__, "networkx": networkx.__version__, "platform": platform.platform(),
            "loadavg_at_start": [round(x, 2) for x in load] if load else None}


def in_fresh_process(fn, *args):
    """``fn(*args)`` in a new interpreter (spawn): a process holding only what ``fn`` loads, as
    a user's ``claimgraph extract`` does, not the models earlier benchmarks left in this one
    (forked workers would count those pages in their resident memory)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # Not multiprocessing.Pool: its daemonic workers may not start extraction workers of their own.
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        return pool.submit(fn, *args).result()


def ratio(a: float, b: float) -> float | None:
    return round(a / b, 3) if b else None
