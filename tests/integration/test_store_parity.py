"""The two stores agree: the same extractions give the same graph in networkx and in Neo4j.

Both stores are dumped to plain Python structures and compared whole: every
node (id, label set, properties) and every relationship (type, start, end,
properties), parallel edges counted.
"""

from __future__ import annotations

import threading
import time
from collections import Counter

import pytest

from claimgraph.graph.neo4j_store import Neo4jStore
from claimgraph.graph.nx_store import NetworkXStore
from conftest import CORPUS

NODES = "MATCH (n) RETURN n.id AS id, labels(n) AS labels, properties(n) AS props"
RELS = "MATCH (a)-[r]->(b) RETURN a.id AS start, type(r) AS type, b.id AS end, properties(r) AS props"


def _freeze(props: dict) -> tuple:
    return tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in props.items()))


def nx_dump(store: NetworkXStore) -> tuple[dict, Counter]:
    """``({id: (labels, props)}, Counter((start, type, end, props)))`` of the embedded store."""
    nodes = {node: (frozenset(data["labels"]), {k: v for k, v in data.items() if k != "labels"})
             for node, data in store.graph.nodes(data=True)}
    rels = Counter((start, data["type"], end, _freeze({k: v for k, v in data.items() if k != "type"}))
                   for start, end, data in store.graph.edges(data=True))
    return nodes, rels


def cypher_dump(run) -> tuple[dict, Counter]:
    """The same structure from any store with ``run(text)`` (Neo4jStore, Py2neoStore)."""
    rows = run(NODES)
    nodes = {r["id"]: (frozenset(r["labels"]), r["props"]) for r in rows}
    assert len(nodes) == len(rows), "two nodes share an id"
    rels = Counter((r["start"], r["type"], r["end"], _freeze(r["props"])) for r in run(RELS))
    return nodes, rels


def assert_same_graph(expected: tuple[dict, Counter], actual: tuple[dict, Counter]) -> None:
    """Equal dumps, or a message naming the first differences (not a diff of thousands of lines)."""
    (want_nodes, want_rels), (got_nodes, got_rels) = expected, actual
    problems = []
    for node in sorted(want_nodes.keys() ^ got_nodes.keys())[:5]:
        problems.append(f"node {node} only in {'expected' if node in want_nodes else 'actual'}")
    for node in sorted(want_nodes.keys() & got_nodes.keys()):
        if want_nodes[node] != got_nodes[node] and len(problems) < 10:
            problems.append(f"node {node}: expected {want_nodes[node]}, got {got_nodes[node]}")
    for rel, n in list(((want_rels - got_rels) + (got_rels - want_rels)).items())[:5]:
        problems.append(f"relationship {rel[:3]} x{n}: expected {want_rels[rel]}, got {got_rels[rel]}")
    assert not problems, "\n".join(problems)
    assert (want_nodes, want_rels) == (got_nodes, got_rels)


# --- the seed and the whole shared corpus --------------------------------------------------------


@pytest.fixture(scope="module")
def corpus_nx(corpus_extractions):
    store = NetworkXStore(None)
    started = time.perf_counter()
    store.load(corpus_extractions)
    seconds = time.perf_counter() - started
    return store, seconds


@pytest.fixture(scope="module")
def corpus_neo4j(neo4j_server, corpus_extractions):
    """The corpus loaded once into an emptied Neo4j, with its dump taken right after the load."""
    store = Neo4jStore(neo4j_server.uri, neo4j_server.user, neo4j_server.password)
    store.clear()
    started = time.perf_counter()
    loaded = store.load(corpus_extractions)
    seconds = time.perf_counter() - started
    try:
        yield store, loaded, seconds, cypher_dump(store.run)
    finally:
        store.clear()
        store.close()


def test_every_corpus_text_is_extracted(corpus):
    assert not corpus.failures, "extraction raised on: " + "; ".join(f"{k}: {v}" for k, v in corpus.failures.items())
    assert len(corpus.extractions) == 1 + len(list((CORPUS / "texts").glob("*.txt")))  # the seed and every text


def test_the_corpus_is_big_enough_to_mean_something(corpus_nx):
    stats = corpus_nx[0].stats()
    assert stats["nodes"]["Claim"] >= 20 and stats["relationships"]["ATTRIBUTED_BY"] >= 20
    assert stats["nodes"]["Source"] >= 1 and stats["relationships"]["PART_OF"] >= 1


def test_neo4j_holds_the_same_nodes_and_relationships_as_networkx(corpus_nx, corpus_neo4j, corpus_extractions,
                                                                  record_property):
    nx_store, nx_seconds = corpus_nx
    neo, loaded, neo_seconds, dump = corpus_neo4j
    assert loaded == len(corpus_extractions)
    record_property("corpus_load_seconds", {"networkx": round(nx_seconds, 3), "neo4j": round(neo_seconds, 3)})
    assert_same_graph(nx_dump(nx_store), dump)
    assert neo.stats() == nx_store.stats()


def test_loading_the_corpus_again_changes_nothing_in_neo4j(corpus_extractions, corpus_neo4j):
    neo, _, _, first = corpus_neo4j
    stats = neo.stats()
    assert neo.load(corpus_extractions) == len(corpus_extractions)
    assert neo.stats() == stats
    assert_same_graph(first, cypher_dump(neo.run))


def test_transaction_size_does_not_change_the_graph(corpus_nx, corpus_extractions, fresh_neo4j_store):
    """Every article in its own transaction gives the graph that one big transaction gives."""
    fresh_neo4j_store.load(corpus_extractions, batch_rows=1)
    assert_same_graph(nx_dump(corpus_nx[0]), cypher_dump(fresh_neo4j_store.run))


def test_concurrent_loaders_of_overlapping_data_make_no_duplicates(corpus_nx, corpus_extractions, neo4j_server,
                                                                  fresh_neo4j_store):
    """Two loaders MERGE the same corpus at once, one forwards and one backwards, in small transactions.

    Uniqueness constraints keep node ids unique; relationship MERGEs lock both ends, and
    deadlocks between the two are retried by the managed transactions. The result has
    the nodes, labels and relationships of one load. (Scalar properties that two
    articles give differently, say an attack's date, end as whichever commit came
    last, and aliases gather in another order, so those are compared as key sets.)
    """
    load_at_once(neo4j_server, [corpus_extractions, corpus_extractions[::-1]], batch_rows=200)
    want_nodes, want_rels = nx_dump(corpus_nx[0])
    got_nodes, got_rels = cypher_dump(fresh_neo4j_store.run)
    assert {k: _shape(v) for k, v in got_nodes.items()} == {k: _shape(v) for k, v in want_nodes.items()}
    assert got_rels == want_rels


def load_at_once(server, parts: list, batch_rows: int) -> None:
    """Each part loaded by its own Neo4jStore in its own thread, all at once; any error is raised here."""
    errors: list[BaseException] = []

    def load(extractions):
        try:
            with Neo4jStore(server.uri, server.user, server.password) as store:
                store.load(extractions, batch_rows=batch_rows)
        except BaseException as exc:  # reported below, in the test's thread
            errors.append(exc)

    threads = [threading.Thread(target=load, args=(part,)) for part in parts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors


def _shape(node: tuple[frozenset, dict]) -> tuple:
    labels, props = node
    return labels, frozenset(props), frozenset(props.get("aliases", ()))

