"""Embedded store (NetworkXStore) and Neo4j: loading, growth with scale, persistence, query latency."""

from __future__ import annotations

import gc
import json
import os
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from claimgraph.graph.long_lived import long_lived
from claimgraph.graph.nx_store import NetworkXStore
from claimgraph.graph.schema import graph_records
from claimgraph.queries.nx_contested import RIVAL_NAMES

from .common import Timer, free_port, log, percentiles, ratio, rss_mb
from .contested_before import contested_before
from .synthetic import extractions


class _Timed:
    """Wraps a generator and counts the seconds spent inside it (to subtract generation from load time)."""

    def __init__(self, it):
        self.it, self.seconds, self.cpu_seconds, self.n = iter(it), 0.0, 0.0, 0

    def __iter__(self):
        return self

    def __next__(self):
        t, c = time.perf_counter(), time.process_time()
        try:
            item = next(self.it)
        finally:
            self.seconds += time.perf_counter() - t
            self.cpu_seconds += time.process_time() - c
        self.n += 1
        return item


def load_nx(n: int, seed: int = 0, records: list | None = None) -> tuple[NetworkXStore, dict]:
    """A fresh in-memory NetworkXStore with ``n`` synthetic articles (generated while loading, or
    ``records`` made before), and what loading cost."""
    gc.collect()
    before = rss_mb()
    store = NetworkXStore(None)
    gen = _Timed(records if records is not None else extractions(n, seed))
    cpu = time.process_time()
    with Timer() as t:
        store.load(gen)
    cpu_s = time.process_time() - cpu - gen.cpu_seconds
    gc.collect()
    load_s = t.seconds - gen.seconds
    return store, {"articles": n, "load_s": round(load_s, 2), "generate_s": round(gen.seconds, 2),
                   "ms_per_article": round(1000 * load_s / n, 3), "cpu_ms_per_article": round(1000 * cpu_s / n, 3),
                   "nodes": store.graph.number_of_nodes(), "edges": store.graph.number_of_edges(),
                   "rss_growth_mb": round(rss_mb() - before, 1),
                   "mb_per_1k_articles": round((rss_mb() - before) / n * 1000, 2)}


def in_child(fn, *args):
    """``fn(*args)`` in a forked process: its RSS growth is not hidden by memory this process freed."""
    import multiprocessing

    with multiprocessing.get_context("fork").Pool(1) as pool:
        return pool.apply(fn, args)


def _store_figures(n: int) -> dict:
    store, figures = load_nx(n)
    figures["file"] = persistence(store)
    figures["file_kb_per_1k_articles"] = round(figures["file"]["pickle_bytes"] / 1024 / n * 1000, 1)
    figures["query_p50_ms"] = {k: v["workload"]["p50_ms"] for k, v in query_latency(store, quick=True).items()}
    return figures


def _growth_figures(n: int) -> dict:
    return load_nx(n)[1]


def persistence(store: NetworkXStore) -> dict:
    """File size and save/load seconds: the store's pickle (save() and NetworkXStore(path)) vs node-link JSON."""
    import networkx as nx
    from networkx.readwrite import json_graph

    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.graph"
        store.path = path
        with Timer() as t:
            store.save()
        store.path = None
        out["pickle_save_s"] = round(t.seconds, 2)
        out["pickle_bytes"] = path.stat().st_size
        with Timer() as t:
            again = NetworkXStore(path)
        out["pickle_load_s"] = round(t.seconds, 2)
        assert again.graph.number_of_edges() == store.graph.number_of_edges()
        del again
        jpath = Path(tmp) / "bench.json"
        with Timer() as t:
            with jpath.open("w", encoding="utf-8") as fh:
                json.dump(json_graph.node_link_data(store.graph, edges="edges"), fh, ensure_ascii=False)
        out["json_save_s"] = round(t.seconds, 2)
        out["json_bytes"] = jpath.stat().st_size
        with Timer() as t:
            with jpath.open(encoding="utf-8") as fh:
                g = json_graph.node_link_graph(json.load(fh), edges="edges", multigraph=True, directed=True)
        out["json_load_s"] = round(t.seconds, 2)
        assert isinstance(g, nx.MultiDiGraph) and g.number_of_edges() == store.graph.number_of_edges()
        del g
    out["json_vs_pickle_save"] = ratio(out["json_save_s"], out["pickle_save_s"])
    out["json_vs_pickle_load"] = ratio(out["json_load_s"], out["pickle_load_s"])
    out["note"] = "node-link JSON turns the labels tuples into lists: not a lossless round trip as is"
    return out


def run_store(quick: bool = False) -> dict:
    """The embedded store at 1k and 10k articles: load, memory per 1k articles, file size, pickle vs JSON."""
    out = {}
    for n in ((300, 1000) if quick else (1000, 10_000)):
        figures = in_child(_store_figures, n)
        _LOADED[n] = {k: v for k, v in figures.items() if k not in ("file", "file_kb_per_1k_articles", "query_p50_ms")}
        out[str(n)] = figures
        log(f"  store {n}: load {figures['load_s']} s, {figures['mb_per_1k_articles']} MB/1k articles, "
            f"pickle {figures['file']['pickle_bytes'] / 1e6:.1f} MB")
    return out


# --- named queries -----------------------------------------------------------------------------

SAMPLE = 30  # parameter values per query in the workload


def query_workload(cg, sample: int = SAMPLE, seed: int = 7) -> dict[str, tuple[dict, list[dict]]]:
    """For each named query: (the heaviest parameters, a seeded sample of typical parameters).

    The heaviest is the most reported attack, the actor in the most statements, the claim
    with the most statements: the worst case. The sample draws attacks, actors and claims uniformly
    among those with statements: what an analyst asks about one after another.
    """
    import random

    rng = random.Random(seed)
    if _is_nx(cg):
        from claimgraph.queries.nx_access import _in, _labelled, _out

        g = cg.store.graph
        about = {t: sum(1 for _ in _in(g, t, "ABOUT")) for t in _labelled(g, "Attack")}
        said = {a: sum(1 for _ in _in(g, a, "ATTRIBUTED_BY", "DISPUTED_BY")) for a in _labelled(g, "Actor")}
        claims = sorted(_labelled(g, "Claim"))
        attacks = sorted(t for t, n in about.items() if n)
        actors = sorted(a for a, n in said.items() if n)
        heaviest_attack = max(sorted(about), key=about.get)
        heaviest_actor = max(sorted(said), key=said.get)
        heaviest_claim = max(claims, key=lambda c: sum(1 for _ in _out(g, c, "ATTRIBUTED_BY", "DISPUTED_BY")))
    else:
        run = cg.store.run
        attacks = [r["id"] for r in run("MATCH (t:Attack) WHERE EXISTS { (t)<-[:ABOUT]-() } RETURN t.id AS id ORDER BY id")]
        actors = [r["id"] for r in run("MATCH (a:Actor) WHERE EXISTS { (a)<-[:ATTRIBUTED_BY|DISPUTED_BY]-() } "
                                       "RETURN a.id AS id ORDER BY id")]
        claims = [r["id"] for r in run("MATCH (c:Claim) RETURN c.id AS id ORDER BY id")]
        heaviest_attack = run("MATCH (t:Attack) RETURN t.id AS id, COUNT { (t)<-[:ABOUT]-() } AS n "
                              "ORDER BY n DESC, id LIMIT 1")[0]["id"]
        heaviest_actor = run("MATCH (a:Actor) RETURN a.id AS id, COUNT { (a)<-[:ATTRIBUTED_BY|DISPUTED_BY]-() } AS n "
                             "ORDER BY n DESC, id LIMIT 1")[0]["id"]
        heaviest_claim = run("MATCH (c:Claim) RETURN c.id AS id, COUNT { (c)-[:ATTRIBUTED_BY|DISPUTED_BY]->() } AS n "
                             "ORDER BY n DESC, id LIMIT 1")[0]["id"]

    def draw(items: list[str]) -> list[str]:
        return rng.sample(items, min(sample, len(items)))

    some_attacks, some_actors, some_claims = draw(attacks), draw(actors), draw(claims)
    by_attack = ({"attack": heaviest_attack}, [{"attack": t} for t in some_attacks])
    by_actor = ({"actor": heaviest_actor}, [{"actor": a} for a in some_actors])
    words = ["islamic", "state", "army", "front", "moscow", "bombing", "police", "ukraine", "al", "brigade"]
    return {
        "trace_attack": by_attack,
        "claim_timeline": by_attack,
        "claimant_alignment": by_attack,
        "accusations_by": by_actor,
        "accusations_against": by_actor,
        "self_claims": by_actor,
        "actor_profile": by_actor,
        "source_reach": ({"claim": heaviest_claim}, [{"claim": c} for c in some_claims]),
        # The whole ranking (40k rows at 100k articles, each with up to 700 rival names) is a
        # dump, not a question: the heaviest case is a long report of 1,000 rows.
        "contested_claims": ({"limit": 1000}, [{"limit": 20}] * 10),  # the top 20, ten times for a p95
        "search_entities": ({"text": "islamic"}, [{"text": w} for w in words]),
    }


def _is_nx(cg) -> bool:
    return isinstance(cg.store, NetworkXStore)


def query_latency(store, quick: bool = False, budget_s: float = 8.0) -> dict:
    """Latency of every named query through ClaimGraph.query (name resolution included), warm.

    ``workload``: each sampled parameter set run once after a warm-up of the query, p50/p95
    over them. ``heaviest``: the worst-case parameters, repeated. Each part stops early
    after ``budget_s`` seconds (with at least 3 timings, or 1 for a query that alone takes
    twice the budget: the global queries on 100k articles).
    """
    from claimgraph.queries.api import ClaimGraph

    cg = ClaimGraph(store)
    workload = query_workload(cg, sample=5 if quick else SAMPLE)

    def enough(timings: list[float], spent: float) -> bool:
        # At least 3 timings for a percentile, unless the query alone outlasts twice the budget.
        return spent > budget_s and (len(timings) >= 3 or spent > 2 * budget_s)

    def measure(run, heavy: dict, sample: list[dict]) -> dict:
        sample = sample or [heavy]  # a graph too small to sample from
        run(**sample[0])  # warm-up: the plan compiled, on a typical parameter
        timings, sizes, spent = [], [], 0.0
        for params in (sample * 3)[:max(3, len(sample))]:
            with Timer() as t:
                sizes.append(len(run(**params)))
            timings.append(t.seconds)
            spent += t.seconds
            if enough(timings, spent):
                break
        repeats, spent, rows = [], 0.0, 0
        while len(repeats) < (3 if quick else 10) and not enough(repeats, spent):
            with Timer() as t:
                rows = len(run(**heavy))
            repeats.append(t.seconds)
            spent += t.seconds
        return {"workload": {**percentiles(timings), "median_rows": sorted(sizes)[len(sizes) // 2]},
                "heaviest": {**percentiles(repeats), "rows": rows, "params": heavy}}

    out = {}
    for name in sorted(workload):
        out[name] = measure(lambda name=name, **params: cg.query(name, **params), *workload[name])
        if name == "contested_claims":
            # The same workload, computed from the statements as before the dispute summaries:
            # the baseline of the same run, checked to give the same rows (its full lists of rival
            # names cut to the first RIVAL_NAMES, as the query now gives them).
            before = contested_before(cg)
            heavy = workload[name][0]
            cut = [{**r, "rival_accused": r["rival_accused"][:RIVAL_NAMES]} for r in before(**heavy)]
            assert cut == [r._asdict() for r in cg.query(name, **heavy)], "the rankings differ"
            out[f"{name} (before)"] = measure(before, *workload[name])
    return out


def _show_latency(where: str, figures: dict) -> None:
    log(f"  queries {where}: p50/p95 ms over the workload (heaviest p50 ms, rows)")
    for name, f in figures.items():
        w, h = f["workload"], f["heaviest"]
        log(f"    {name:29s} {w['p50_ms']:9.1f} {w['p95_ms']:9.1f}   ({h['p50_ms']:.1f}, {h['rows']})")


_GRAPHS: dict[int, NetworkXStore] = {}
_LOADED: dict[int, dict] = {}  # load figures `store` measured in this run, at sizes `growth` reuses
_RECORDS: dict[int, list] = {}  # the largest growth set, imported into Neo4j by the query benchmark
NEO4J_GROWTH = {False: (300, 1000), True: (100, 300)}


def run_growth(quick: bool = False, neo4j: bool = True) -> dict:
    """End-to-end load time and memory at 1k, 10k, 100k synthetic articles (NetworkXStore); Neo4j at 1k/10k."""
    sizes = (500, 2000, 5000) if quick else (1000, 10_000, 100_000)
    out: dict = {"networkx": {}}
    _GRAPHS.clear()
    _RECORDS.clear()
    for n in sizes:
        # Smaller sizes in forked children; the largest here, kept (graph and records) for the
        # query benchmark. Its records are made before the load; their memory is not counted.
        if n == sizes[-1]:
            with Timer() as t, long_lived():  # kept until the Neo4j import: out of the collector's way
                _RECORDS[n] = list(extractions(n))
            _GRAPHS[n], figures = load_nx(n, records=_RECORDS[n])
            figures["generate_s"] = round(t.seconds, 2)
        else:  # the same synthetic articles `store` loaded in this run, if it did
            figures = _LOADED.get(n) or in_child(_growth_figures, n)
        out["networkx"][str(n)] = figures
        log(f"  growth nx {n}: {figures['ms_per_article']} ms/article ({figures['cpu_ms_per_article']} CPU), "
            f"{figures['mb_per_1k_articles']} MB/1k")
    small, big = out["networkx"][str(sizes[0])], out["networkx"][str(sizes[-1])]
    # CPU time is the cost of an article; wall time adds whatever else the machine runs.
    out["networkx_per_article_ratio_largest_vs_smallest"] = ratio(big["cpu_ms_per_article"], small["cpu_ms_per_article"])
    out["networkx_wall_ratio_largest_vs_smallest"] = ratio(big["ms_per_article"], small["ms_per_article"])
    if neo4j:
        with neo4j_server() as uri:
            out["neo4j"] = {}
            # Far smaller than the networkx sizes: on the 2-core reference machine the server
            # loads under 1k rows/s, so 10k articles (about 700k rows) would not fit the run.
            store = _neo4j_store(uri)
            store.clear()
            store.load(extractions(20, seed=9))  # plans compiled, JIT warm: the first size pays no start-up
            store.close()
            for n in NEO4J_GROWTH[quick]:
                store = _neo4j_store(uri)
                store.clear()
                gen = _Timed(extractions(n))
                with Timer() as t:
                    store.load(gen)
                secs = t.seconds - gen.seconds
                out["neo4j"][str(n)] = {"articles": n, "load_s": round(secs, 2),
                                        "ms_per_article": round(1000 * secs / n, 3),
                                        "server_rss_mb": round(rss_mb(_server_pid()), 1)}
                log(f"  growth neo4j {n}: {out['neo4j'][str(n)]['ms_per_article']} ms/article")
                store.close()
            a, b = (out["neo4j"][str(k)] for k in NEO4J_GROWTH[quick])
            out["neo4j_per_article_ratio"] = ratio(b["ms_per_article"], a["ms_per_article"])
    return out


def run_queries(quick: bool = False, neo4j: bool = True) -> dict:
    """Latency of each named query on the NetworkXStore (largest growth graph) and on Neo4j, the same
    synthetic articles in both: Neo4j gets them through `claimgraph neo4j import` (neo4j-admin)."""
    # The shared server of `load` and `growth` is done with: idle, it still took a quarter of a
    # core (checkpoints, JVM), which the timings below would share.
    _stop_server()
    n = max(_GRAPHS) if _GRAPHS else (2000 if quick else 100_000)
    store = _GRAPHS.get(n) or load_nx(n)[0]
    from claimgraph.queries.nx_access import _index

    with Timer() as t:
        _index(store.graph)  # built by the first query after a load: reported apart
    out: dict = {"articles": n, "networkx": {"index_build_s": round(t.seconds, 1),
                                             "queries": query_latency(store, quick)}}
    _show_latency(f"networkx {n}", out["networkx"]["queries"])
    _GRAPHS.clear()
    del store
    gc.collect()
    if neo4j:
        with imported_neo4j(n, _RECORDS.pop(n, None)) as (uri, password, figures):
            from claimgraph.graph.neo4j_store import Neo4jStore

            with Neo4jStore(uri, "neo4j", password) as store:
                with Timer() as t:
                    store.run("CALL db.awaitIndexes(1800)")  # the schema's indexes, populated
                figures["indexes_s"] = round(t.seconds, 1)
                out["neo4j"] = {**figures, "queries": query_latency(store, quick)}
        _show_latency(f"neo4j {n}", out["neo4j"]["queries"])
        out["trace_attack_neo4j_p95_ms"] = out["neo4j"]["queries"]["trace_attack"]["workload"]["p95_ms"]
    return out


@contextmanager
def imported_neo4j(n: int, records: list | None = None):
    """A server of its own holding ``n`` synthetic articles (``records`` when given), bulk-imported
    before its first start."""
    import shutil

    from claimgraph.graph import neo4j_server as server
    from claimgraph.graph.neo4j_import import bulk_import

    tmp = tempfile.mkdtemp(prefix="claimgraph-bench-import-")
    try:
        with Timer() as t:
            done = bulk_import(records if records is not None else extractions(n), tmp)
        del records
        log(f"  imported {n} articles into Neo4j in {t.seconds:.0f} s")
        with Timer() as up:
            info = server.start(tmp, bolt_port=free_port(), http_port=free_port())
        try:
            yield info.uri, info.password, {"import_s": round(t.seconds, 1), "import": done,
                                            "start_s": round(up.seconds, 1)}
        finally:
            server.stop(tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


# --- Neo4j --------------------------------------------------------------------------------------

_SERVER: dict = {}


@contextmanager
def neo4j_server():
    """A local Neo4j (graph/neo4j_server/) in a temporary data directory on free ports, shared by the
    benchmarks of one run and stopped at exit. ``BENCH_NEO4J_URI`` (with NEO4J_PASSWORD) uses yours."""
    if os.environ.get("BENCH_NEO4J_URI"):
        yield os.environ["BENCH_NEO4J_URI"]
        return
    if not _SERVER:
        import atexit

        from claimgraph.graph import neo4j_server as server

        tmp = tempfile.mkdtemp(prefix="claimgraph-bench-")
        log(f"  starting Neo4j in {tmp} ...")
        with Timer() as t:
            info = server.start(tmp, bolt_port=free_port(), http_port=free_port())
        log(f"  Neo4j {info.version} up in {t.seconds:.0f} s at {info.uri}")
        _SERVER.update(dir=tmp, uri=info.uri, password=info.password, pid=info.pid, version=info.version)
        atexit.register(_stop_server)
    yield _SERVER["uri"]


def _stop_server() -> None:
    import shutil

    from claimgraph.graph import neo4j_server as server

    if _SERVER:
        server.stop(_SERVER["dir"])
        shutil.rmtree(_SERVER["dir"], ignore_errors=True)
        _SERVER.clear()


def _server_pid() -> int | str:
    return _SERVER.get("pid", "self")


def _neo4j_store(uri: str):
    from claimgraph.graph.neo4j_store import Neo4jStore

    return Neo4jStore(uri, "neo4j", _SERVER.get("password") or os.environ.get("NEO4J_PASSWORD"))


def _naive_cypher(kind: str, *parts: str, keyed: bool = False) -> str:
    from claimgraph.graph.schema import LABELS, REL_TYPES

    assert all(p in LABELS or p in REL_TYPES for p in parts)  # whitelisted names only
    if kind == "node":
        return f"MERGE (n:{parts[0]} {{id: $id}}) SET n += $props"
    start, rel, end = parts
    key = " {article: $key}" if keyed else ""
    return (f"MERGE (a:{start} {{id: $start}}) MERGE (b:{end} {{id: $end}}) "
            f"MERGE (a)-[r:{rel}{key}]->(b) SET r += $props")


def naive_load(store, exs) -> int:
    """The baseline: one auto-commit MERGE per node and per relationship, over the same driver."""
    rows = 0
    driver, db = store.driver, store.database
    for ex in exs:
        nodes, rels = graph_records(ex)
        for node in nodes:
            driver.execute_query(_naive_cypher("node", node.labels[0]), id=node.id, props=node.props, database_=db)
            rows += 1
        for rel in rels:
            driver.execute_query(_naive_cypher("rel", rel.start_label, rel.type, rel.end_label, keyed=bool(rel.key)),
                                 start=rel.start, end=rel.end, key=rel.key, props=rel.props, database_=db)
            rows += 1
    return rows


def _rows(exs) -> int:
    return sum(len(n) + len(r) for n, r in map(graph_records, exs))


def run_load(quick: bool = False) -> dict:
    """Neo4jStore.load (UNWIND batches) vs one MERGE per record: same articles, same server, empty graph each time."""
    from claimgraph.graph.neo4j_store import BATCH_ROWS

    n_naive = 30 if quick else 60
    n_big = 300 if quick else 1000
    with neo4j_server() as uri:
        store = _neo4j_store(uri)
        out: dict = {"server": _SERVER.get("version"), "default_batch_rows": BATCH_ROWS}
        small = list(extractions(n_naive, seed=5))
        # Both loaders warm: plans compiled and the JIT warm for every statement shape they will
        # send (the batched loader sends one statement per shape, so its first run is mostly
        # planning), the graph emptied after each.
        naive_load(store, list(extractions(5, seed=4)))
        store.clear()
        store.load(small)
        rows = _rows(small)
        store.clear()
        with Timer() as naive:
            assert naive_load(store, small) == rows
        store.clear()
        with Timer() as batched:
            store.load(small)
        out["same_data"] = {"articles": n_naive, "rows": rows,
                            "naive_rows_per_s": round(rows / naive.seconds), "naive_s": round(naive.seconds, 2),
                            "batched_rows_per_s": round(rows / batched.seconds),
                            "batched_s": round(batched.seconds, 2),
                            "speedup": ratio(naive.seconds, batched.seconds)}
        log(f"  load {n_naive} articles ({rows} rows): naive {rows / naive.seconds:,.0f} rows/s, "
            f"batched {rows / batched.seconds:,.0f} rows/s")
        big = list(extractions(n_big, seed=6))
        rows = _rows(big)
        sweep = {}
        for batch in ((BATCH_ROWS,) if quick else (BATCH_ROWS, 10_000)):
            store.clear()
            with Timer() as t:
                store.load(big, batch_rows=batch)
            sweep[str(batch)] = {"rows_per_s": round(rows / t.seconds), "s": round(t.seconds, 2)}
            log(f"  load {n_big} articles, batch_rows={batch}: {rows / t.seconds:,.0f} rows/s")
        out["batch_sweep"] = {"articles": n_big, "rows": rows, "by_batch_rows": sweep}
        best = max(sweep.values(), key=lambda v: v["rows_per_s"])["rows_per_s"]
        out["speedup_steady_state"] = ratio(best, out["same_data"]["naive_rows_per_s"])
        out["speedup"] = out["same_data"]["speedup"]
        store.clear()
        store.close()
    return out
