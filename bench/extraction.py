"""Extraction benchmarks: full extract() vs bare spaCy, per-component cost, workers, memory per worker."""

from __future__ import annotations

import multiprocessing
import time

from claimgraph.graph.model import Article, article_id
from claimgraph.loaders.extract import BATCH_SIZE, extract, to_extraction
from claimgraph.loaders.nlp import build_pipeline, load_model, truecaser
from claimgraph.loaders.normalize import clean
from claimgraph.loaders.truecase import recase

from .common import RESULTS, Timer, corpus_texts, hwm_mb, log, peak_rss_mb, ratio, repeated, rss_mb
from .synthetic import mixed_texts


def _articles(texts: list[str]) -> list[Article]:
    return [Article(article_id(t), t) for t in texts]


def _bare(nlp, texts, batch_size) -> tuple[Timer, int]:
    tokens = 0
    with Timer() as t, nlp.memory_zone():
        for doc in nlp.pipe(texts, batch_size=batch_size):
            tokens += len(doc)
    return t, tokens


def _full(nlp, texts, batch_size) -> Timer:
    arts = _articles(texts)
    with Timer() as t:
        for _ in extract(arts, nlp, batch_size):
            pass
    return t


def run_extract(quick: bool = False, batch_size: int = BATCH_SIZE) -> dict:
    """tokens/s of extract() vs bare nlp.pipe of the same model, same texts, same batch size.

    The ratio is of CPU seconds (this process's): on a shared machine, wall time also
    counts the time other work takes the cores, which moved the ratio between 0.67 and
    1.02 from one run to the next. Runs alternate (bare, full, bare, full, ...); the best
    time of each is kept; wall figures are reported beside. Tokens are counted by the
    bare model, so both rates share one numerator.
    """
    texts = corpus_texts()
    bare_nlp, nlp = load_model(), build_pipeline()
    truecaser(nlp)
    _bare(bare_nlp, texts[:8], batch_size), _full(nlp, texts[:8], batch_size)  # warm up
    sets = {"corpus": texts} if quick else {"corpus": texts, "corpus_x2_shuffled": repeated(texts, 2, seed=1)}
    rounds = 1 if quick else 2
    out: dict = {"batch_size": batch_size, "sets": {}}
    for name, ts in sets.items():
        bare, full, tokens = [], [], 0
        for r in range(rounds if name == "corpus" else 1):
            b, tokens = _bare(bare_nlp, ts, batch_size)
            f = _full(nlp, ts, batch_size)
            bare.append(b)
            full.append(f)
            log(f"  extract {name} round {r}: bare {tokens / b.cpu:,.0f} tok/CPU-s, extract {tokens / f.cpu:,.0f} "
                f"tok/CPU-s (wall: {tokens / b.seconds:,.0f}, {tokens / f.seconds:,.0f} tok/s)")
        b, f = min(t.cpu for t in bare), min(t.cpu for t in full)
        bw, fw = min(t.seconds for t in bare), min(t.seconds for t in full)
        out["sets"][name] = {
            "articles": len(ts), "chars": sum(map(len, ts)), "tokens": tokens,
            "bare_tokens_per_cpu_s": round(tokens / b), "extract_tokens_per_cpu_s": round(tokens / f),
            "extract_articles_per_s": round(len(ts) / fw, 2), "ratio_extract_vs_bare": ratio(b, f),
            "wall_ratio_extract_vs_bare": ratio(bw, fw),
            "bare_cpu_s": [round(t.cpu, 2) for t in bare], "extract_cpu_s": [round(t.cpu, 2) for t in full],
            "bare_s": [round(t.seconds, 2) for t in bare], "extract_s": [round(t.seconds, 2) for t in full],
        }
    out["ratio_extract_vs_bare"] = min(s["ratio_extract_vs_bare"] for s in out["sets"].values())
    out["wall_ratio_extract_vs_bare"] = min(s["wall_ratio_extract_vs_bare"] for s in out["sets"].values())
    out["components"] = component_times(nlp, texts, batch_size)
    if not quick:
        out["profile"] = profile(nlp, texts, batch_size)
    return out


def component_times(nlp, texts: list[str], batch_size: int) -> dict:
    """Seconds per stage of extract() on the texts: clean+recase, tokenizer, each pipe, to_extraction.

    Each component runs over the whole set with its own ``pipe`` (as nlp.pipe does),
    so the shares add up to about one extract() run.
    """
    truecase = truecaser(nlp)
    arts = _articles(texts)
    times: dict[str, float] = {}
    with Timer() as t:
        prepared = [(a, clean(a.text)) for a in arts]
        recased = [recase(c.text, truecase) for _, c in prepared]
    times["clean+recase"] = t.seconds
    with nlp.memory_zone():
        with Timer() as t:
            docs = [nlp.make_doc(x) for x in recased]
        times["tokenizer"] = t.seconds
        for name, proc in nlp.pipeline:
            with Timer() as t:
                if hasattr(proc, "pipe"):
                    docs = list(proc.pipe(docs, batch_size=batch_size))
                else:
                    docs = [proc(d) for d in docs]
            times[name] = t.seconds
        with Timer() as t:
            for doc, (art, c) in zip(docs, prepared):
                to_extraction(doc, art, c)
        times["to_extraction"] = t.seconds
    total = sum(times.values())
    ours = {k: v for k, v in times.items() if k.startswith("claimgraph") or k in ("clean+recase", "to_extraction")}
    return {"seconds": {k: round(v, 3) for k, v in times.items()},
            "share": {k: round(v / total, 3) for k, v in times.items()},
            "claimgraph_share": round(sum(ours.values()) / total, 3),
            "costliest_claimgraph_stage": max(ours, key=ours.get)}


def profile(nlp, texts: list[str], batch_size: int) -> dict | None:
    """A pyinstrument profile of extract() (text report in bench/results/extract_profile.txt), when installed."""
    try:
        from pyinstrument import Profiler
    except ImportError:
        log("  pyinstrument not installed: no profile (pip install pyinstrument)")
        return None
    prof = Profiler(interval=0.005)
    arts = _articles(texts)
    prof.start()
    for _ in extract(arts, nlp, batch_size):
        pass
    prof.stop()
    path = RESULTS / "extract_profile.txt"
    path.write_text(prof.output_text(unicode=False, color=False, show_all=False))
    return {"report": str(path.relative_to(RESULTS.parent.parent))}


def run_parallel(quick: bool = False, batch_size: int = BATCH_SIZE) -> dict:
    """extract(workers=2) vs extract(workers=1) on the same articles (corpus x2, or x1 with --quick)."""
    texts = corpus_texts()
    texts = texts if quick else repeated(texts, 2, seed=2)
    arts = _articles(texts)
    nlp = build_pipeline()
    truecaser(nlp)
    for _ in extract(arts[:8], nlp, batch_size):  # warm up
        pass
    times = {}
    for workers in (1, 2):
        with Timer() as t:
            n = sum(1 for _ in extract(arts, nlp, batch_size, workers=workers))
        assert n == len(arts)
        times[workers] = t.seconds
        log(f"  parallel workers={workers}: {len(arts) / t.seconds:.2f} articles/s")
    return {"articles": len(arts), "batch_size": batch_size, "cores": multiprocessing.cpu_count(),
            "workers1_s": round(times[1], 2), "workers2_s": round(times[2], 2),
            "workers1_articles_per_s": round(len(arts) / times[1], 2),
            "workers2_articles_per_s": round(len(arts) / times[2], 2),
            "speedup_2_vs_1": ratio(times[1], times[2])}


def run_memory(quick: bool = False, batch_size: int = BATCH_SIZE) -> dict:
    """Peak RSS of each extraction worker (workers=2) over a long run of distinct articles.

    The articles are new texts made of corpus paragraphs (bench.synthetic.mixed_texts).
    RSS of each worker is read from /proc at ten checkpoints, so one run gives the curve.
    A worker's RSS rises and falls by tens of MB between checkpoints (batches of different
    lengths), so the growth is a least-squares slope per worker over the checkpoints after
    warm-up, not the difference of two readings; each worker's line is extrapolated to 10k.
    """
    n = 200 if quick else 3000
    checkpoints = [n * k // 10 for k in range(1, 11)]
    texts = mixed_texts(corpus_texts(), n, seed=3)
    arts = _articles(texts)
    nlp = build_pipeline()
    truecaser(nlp)
    parent_before = rss_mb()
    curve = []
    start = time.perf_counter()
    workers_hwm: dict[int, float] = {}
    for i, _ in enumerate(extract(arts, nlp, batch_size, workers=2), 1):
        if i in checkpoints:
            kids = multiprocessing.active_children()
            rss = {p.pid: round(rss_mb(p.pid), 1) for p in kids}
            for p in kids:
                workers_hwm[p.pid] = max(workers_hwm.get(p.pid, 0), hwm_mb(p.pid))
            curve.append({"articles": i, "worker_rss_mb": rss, "parent_rss_mb": round(rss_mb(), 1),
                          "elapsed_s": round(time.perf_counter() - start, 1)})
            log(f"  memory {i} articles: worker RSS {list(rss.values())} MB")
    warm = [c for c in curve if c["articles"] >= n // 5]
    series = [[(c["articles"], c["worker_rss_mb"][pid]) for c in warm if pid in c["worker_rss_mb"]]
              for pid in workers_hwm]
    fits = [_line(points) for points in series if points]
    slope, at_10k = max(((s * 1000, b + s * 10_000) for s, b in fits), key=lambda f: f[1])
    peak = max(max(workers_hwm.values(), default=0), peak_rss_mb(__import__("resource").RUSAGE_CHILDREN))
    for c in curve:
        c["worker_rss_mb"] = list(c["worker_rss_mb"].values())
    return {"articles": n, "workers": 2, "batch_size": batch_size, "chars": sum(map(len, texts)),
            "parent_rss_before_mb": round(parent_before, 1), "curve": curve,
            "peak_worker_rss_mb": round(peak, 1),
            "worker_growth_mb_per_1k_articles": round(slope, 1),
            "peak_worker_rss_10k_extrapolated_mb": round(max(peak, at_10k), 1),
            "note": f"measured to {n} articles; the 10k figure extrapolates each worker's least-squares "
                    f"line over the {len(warm)} checkpoints from {warm[0]['articles']} articles"}


def _line(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Least-squares slope and intercept of (x, y) points; a flat line through one point."""
    xs, ys = [x for x, _ in points], [y for _, y in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    sxx = sum((x - mx) ** 2 for x in xs)
    slope = sum((x - mx) * (y - my) for x, y in points) / sxx if sxx else 0.0
    return slope, my - slope * mx
