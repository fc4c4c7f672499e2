"""Dispute summaries on Neo4j (graph/disputes.py): refreshed in each write transaction, they equal a
recomputation from scratch after batches, re-ingest, near-duplicates and two loaders at once, and
``contested_claims`` reads them to the rows the computation from the statements gives (the embedded
store's parity is tests/integration/test_query_parity.py)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from claimgraph.graph.disputes import SUMMARY_PROPS
from claimgraph.graph.export import to_networkx
from claimgraph.graph.neo4j_store import Neo4jStore
from claimgraph.graph.nx_store import NetworkXStore
from claimgraph.queries.nx_contested import RIVAL_NAMES, contested_from_statements
from claimgraph.queries.registry import load_queries

from test_store_parity import load_at_once


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_unit = _load("_disputes_unit_tests", Path(__file__).parents[1] / "unit" / "test_disputes.py")
random_records, from_scratch, many_rivals_records = _unit.random_records, _unit.from_scratch, _unit.many_rivals_records

SUMMARIES = "MATCH (c:Claim) RETURN c.id AS id, properties(c) AS props"


def _stored(store: Neo4jStore) -> dict[str, dict]:
    return {r["id"]: {k: v for k, v in r["props"].items() if k in SUMMARY_PROPS} for r in store.run(SUMMARIES)}


def _assert_right(store: Neo4jStore) -> None:
    """The summaries a recomputation from scratch gives on the graph as stored (an article loaded twice
    with other metadata keeps what came last, so the order of loads matters), and the rankings that
    the computation from the statements gives on it."""
    here = NetworkXStore(None)
    here.graph = to_networkx(store)
    assert _stored(store) == from_scratch(here)
    query = load_queries()["contested_claims"]
    for params in ({"since": None, "limit": None}, {"since": None, "limit": 3}, {"since": "2024-01-05", "limit": None}):
        assert store.run(query.text, params) == contested_from_statements(here.graph, **params), params


def test_batches_reingest_and_near_duplicates(fresh_neo4j_store):
    records = random_records(21, n=30)
    for i in range(0, len(records), 7):
        fresh_neo4j_store.load(records[i:i + 7], batch_rows=40)
    _assert_right(fresh_neo4j_store)
    fresh_neo4j_store.load(records[::3] + records[:4])  # re-ingest, in one transaction and across batches
    fresh_neo4j_store.load(records[5:9], batch_rows=10)
    _assert_right(fresh_neo4j_store)
    assert fresh_neo4j_store.run("MATCH ()-[r:COPY_OF]->() RETURN count(r) AS n")[0]["n"] > 0


def test_two_loaders_at_once(fresh_neo4j_store, neo4j_server):
    """Two loaders write claims of the same attacks at once, in small transactions: each takes the
    attacks' lock before it reads the summaries, so neither overwrites the other's."""
    records = random_records(22, n=60)
    load_at_once(neo4j_server, [records[::2], records[1::2][::-1]], batch_rows=30)
    _assert_right(fresh_neo4j_store)


def test_rival_accused_names_the_first_rivals_in_name_order(fresh_neo4j_store):
    """More rivals per claim than ``RIVAL_NAMES``: both branches of the Cypher name the first ones in
    name order, as the embedded store does (tests/unit/test_disputes.py), and count them all."""
    fresh_neo4j_store.load(many_rivals_records())
    _assert_right(fresh_neo4j_store)
    query = load_queries()["contested_claims"]
    for since in (None, "2024-01-01"):
        rows = fresh_neo4j_store.run(query.text, {"since": since, "limit": None})
        assert max(r["rivals"] for r in rows) > RIVAL_NAMES
        assert all(len(r["rival_accused"]) == min(r["rivals"], RIVAL_NAMES) for r in rows)
        assert all(r["rival_accused"] == sorted(r["rival_accused"]) for r in rows)
