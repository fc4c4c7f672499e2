"""py2neo 2021.2.4 (end-of-life) against Neo4j 5.26 on this Python: what works, and exactly what fails.

Works: ``Graph("bolt://...")`` and ``Graph("neo4j://...")``, so ``Py2neoStore``
loads and queries the claim graph through a user's Graph, and holds the same
graph as the embedded store and Neo4jStore.

Fails, each shown below with the call and the reason:
- the Bolt version: py2neo offers only Bolt 4.0-4.3; Neo4j 5.26 answers 4.3
  (a version Neo4j marks "could be removed in the next version"). A server
  without it ends py2neo's handshake: ``ConnectionUnavailable``.
- ``Graph("http://...")``: py2neo's HTTP connector asks ``GET /db/data/``, gone
  since Neo4j 4.0: ``ClientError: [Request.Invalid] Not Found``.
- a wrong password: ``ConnectionUnavailable: Connection has been closed``; the
  server's ``Security.Unauthorized`` survives only as ``__context__``.
- ``Graph.schema``: Cypher that Neo4j 5 removed (``CREATE CONSTRAINT ON ... ASSERT``,
  ``CALL db.indexes``).
"""

from __future__ import annotations

import base64
import socket
import sys
import threading
import urllib.error
import urllib.request

import pytest

from claimgraph.graph import neo4j_server as server
from claimgraph.graph import py2neo_store
from claimgraph.graph.errors import StoreError, StoreUnavailable
from claimgraph.graph.model import Article, Extraction, article_id
from claimgraph.graph.neo4j_store import Neo4jStore
from claimgraph.graph.nx_store import NetworkXStore
from claimgraph.graph.py2neo_store import Py2neoStore
from claimgraph.queries.api import ClaimGraph

from test_copies import WIRE
from test_neo4j_store import _first, _hostile, _second
from test_store_parity import assert_same_graph, cypher_dump, nx_dump

try:
    import py2neo
    from py2neo import Graph
    from py2neo.errors import ClientError, ConnectionUnavailable, Neo4jError
except ImportError:  # the failure-mode tests below need it; only the first test runs without it
    py2neo = None

needs_py2neo = pytest.mark.skipif(
    py2neo is None, reason="py2neo is not installed: pip install 'claimgraph[py2neo]' (CI: add it to the test extra)")

BOLT_SIGNATURE = b"\x60\x60\xb0\x17"


def test_without_py2neo_the_store_says_how_to_install_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "py2neo", None)  # what `import py2neo` meets when it is not installed
    with pytest.raises(StoreError, match=r"pip install 'claimgraph\[py2neo\]'"):
        Py2neoStore(object())


# --- the working path: Bolt --------------------------------------------------------------------


@pytest.fixture
def py2neo_graph(neo4j_server):
    if py2neo is None:
        pytest.skip("py2neo is not installed: pip install 'claimgraph[py2neo]' (CI: add it to the test extra)")
    graph = Graph(neo4j_server.uri, auth=(neo4j_server.user, neo4j_server.password))
    try:
        yield graph
    finally:
        graph.service.connector.close()


@pytest.fixture
def fresh_py2neo_store(py2neo_graph):
    """A Py2neoStore on the session's server through py2neo's Bolt, emptied first."""
    store = Py2neoStore(py2neo_graph)
    store.clear()
    return store


@needs_py2neo
def test_it_is_the_pinned_release():
    assert py2neo.__version__ == "2021.2.4"


@pytest.mark.parametrize("batch_rows", [1, 5000], ids=["one-article-per-tx", "one-tx"])
def test_loads_the_graph_networkx_holds(fresh_py2neo_store, batch_rows):
    nx = NetworkXStore(None)
    for extractions in ([_first(), _second()], [_hostile()], [_second(), _first()]):
        nx.load(extractions)
        assert fresh_py2neo_store.load(extractions, batch_rows=batch_rows) == len(extractions)
        assert_same_graph(nx_dump(nx), cypher_dump(fresh_py2neo_store.run))
    assert fresh_py2neo_store.stats() == nx.stats()


def test_writes_the_graph_neo4jstore_writes(fresh_py2neo_store, neo4j_server):
    fresh_py2neo_store.load([_first(), _second()])
    by_py2neo = cypher_dump(fresh_py2neo_store.run)
    with Neo4jStore(neo4j_server.uri, neo4j_server.user, neo4j_server.password) as official:
        official.clear()
        official.load([_first(), _second()])
        assert_same_graph(cypher_dump(official.run), by_py2neo)


def test_claimgraph_traces_crocus_through_py2neo(fresh_py2neo_store, crocus_extractions):
    nx = NetworkXStore(None)
    nx.load(crocus_extractions)
    fresh_py2neo_store.load(crocus_extractions)
    stats = fresh_py2neo_store.stats()
    fresh_py2neo_store.load(crocus_extractions)
    assert fresh_py2neo_store.stats() == stats  # loading twice changes nothing
    rows = ClaimGraph(fresh_py2neo_store).trace("Crocus City Hall attack")
    assert rows == ClaimGraph(nx).trace("Crocus City Hall attack")
    assert {(r.accused, r.stance) for r in rows} >= {("Ukraine", "asserts"), ("Ukraine", "disputes")}


def test_the_corpus_through_py2neo_equals_networkx(fresh_py2neo_store, corpus_extractions):
    nx = NetworkXStore(None)
    nx.load(corpus_extractions)
    fresh_py2neo_store.load(corpus_extractions)
    assert_same_graph(nx_dump(nx), cypher_dump(fresh_py2neo_store.run))


def test_near_duplicates_are_linked_as_on_the_other_stores(fresh_py2neo_store):
    texts = [(WIRE, "2024-03-23"), ("UPDATE: " + WIRE, "2024-03-24"), ("MOSCOW - " + WIRE, None)]
    records = [Extraction(Article(article_id(t), t, published=p)) for t, p in texts]
    fresh_py2neo_store.load(records[2:])
    fresh_py2neo_store.load(records[:2])  # copies found across loads too
    nx = NetworkXStore(None)
    nx.load(records)
    assert_same_graph(nx_dump(nx), cypher_dump(fresh_py2neo_store.run))
    assert fresh_py2neo_store.stats()["relationships"] == {"COPY_OF": 3}


def test_the_routing_scheme_works_too(neo4j_server):
    if py2neo is None:
        pytest.skip("py2neo is not installed")
    graph = Graph(neo4j_server.uri.replace("bolt://", "neo4j://"), auth=(neo4j_server.user, neo4j_server.password))
    try:
        assert Py2neoStore(graph).run("RETURN 1 AS one") == [{"one": 1}]
    finally:
        graph.service.connector.close()


def test_reads_are_read_only(fresh_py2neo_store):
    with pytest.raises(StoreError, match="refused the query") as info:
        fresh_py2neo_store.run("CREATE (:Actor {id: 'actor/nobody'})")
    assert info.value.__cause__.code == "Neo.ClientError.Statement.AccessMode"
    with pytest.raises(StoreError, match="cypher\\(\\) is read-only"):
        ClaimGraph(fresh_py2neo_store).cypher("CREATE (:Actor {id: 'actor/nobody'})")
    assert fresh_py2neo_store.run("CREATE (n:Actor {id: 'actor/somebody'}) RETURN n.id AS id", write=True) == \
        [{"id": "actor/somebody"}]


def test_a_transient_error_is_retried_by_py2neo(fresh_py2neo_store, monkeypatch):
    """Graph.update reruns the batch after a deadlock, as the official driver's execute_write does."""
    calls = []
    real = py2neo_store._run_all

    def deadlock_once(tx, statements):
        real(tx, statements)
        calls.append(1)
        if len(calls) == 1:
            raise Neo4jError("a deadlock, for the test", "Neo.TransientError.Transaction.DeadlockDetected")

    monkeypatch.setattr(py2neo_store, "_run_all", deadlock_once)
    nx = NetworkXStore(None)
    nx.load([_first(), _second()])
    fresh_py2neo_store.load([_first(), _second()])
    assert len(calls) == 2
    assert_same_graph(nx_dump(nx), cypher_dump(fresh_py2neo_store.run))


def test_a_missing_database_is_a_store_error(neo4j_server):
    if py2neo is None:
        pytest.skip("py2neo is not installed")
    graph = Graph(neo4j_server.uri, auth=(neo4j_server.user, neo4j_server.password), name="nosuchdb")
    try:
        with pytest.raises(StoreError, match="has no database"):
            Py2neoStore(graph)
    finally:
        graph.service.connector.close()


# --- the failure modes, each at the call that fails ------------------------------------------------


class _Handshake:
    """A TCP listener that records a Bolt client's version offer and answers "none of these"."""

    def __init__(self):
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.offer = b""
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        conn, _ = self.listener.accept()
        with conn:
            while len(self.offer) < 20:
                chunk = conn.recv(20 - len(self.offer))
                if not chunk:
                    return
                self.offer += chunk
            conn.sendall(b"\x00\x00\x00\x00")  # no common version

    def versions(self) -> list[tuple[int, int]]:
        """Every (major, minor) offered: each 4-byte slot is [0, range, minor, major]."""
        assert self.offer[:4] == BOLT_SIGNATURE
        out = []
        for i in range(4, 20, 4):
            _, span, minor, major = self.offer[i:i + 4]
            out += [(major, m) for m in range(minor, minor - span - 1, -1)] if major else []
        return out


@needs_py2neo
def test_py2neo_offers_bolt_up_to_4_3_only_and_fails_on_a_server_without_it():
    fake = _Handshake()
    with pytest.raises(ConnectionUnavailable) as info:
        Graph(f"bolt://127.0.0.1:{fake.port}", auth=("neo4j", "whatever-password"))
    assert max(fake.versions()) == (4, 3)
    assert (4, 4) not in fake.versions() and not any(major >= 5 for major, _ in fake.versions())
    assert "Unable to negotiate compatible protocol version" in str(info.value.__cause__)


@needs_py2neo
def test_neo4j_5_26_answers_py2neos_offer_with_bolt_4_3(neo4j_server):
    """Why the Bolt path works today: the server still takes 4.3, py2neo's newest."""
    fake = _Handshake()
    with pytest.raises(ConnectionUnavailable):
        Graph(f"bolt://127.0.0.1:{fake.port}", auth=("neo4j", "whatever-password"))
    host, port = neo4j_server.uri.split("://", 1)[1].rsplit(":", 1)
    with socket.create_connection((host, int(port)), timeout=10) as probe:
        probe.sendall(fake.offer)  # py2neo's own bytes
        answer = probe.recv(4)
    assert (answer[3], answer[2]) == (4, 3)


@needs_py2neo
def test_http_fails_because_py2neo_asks_for_db_data(neo4j_server):
    if not isinstance(neo4j_server, server.ServerInfo):
        pytest.skip("NEO4J_URI is set: the HTTP port of that server is unknown")
    with pytest.raises(ClientError) as info:
        Graph(neo4j_server.http_url, auth=(neo4j_server.user, neo4j_server.password))
    assert info.value.code == "Neo.ClientError.Request.Invalid" and info.value.message == "Not Found"
    # The cause: the legacy REST root py2neo requests no longer exists; the discovery document does.
    credentials = base64.b64encode(f"{neo4j_server.user}:{neo4j_server.password}".encode()).decode()
    request = urllib.request.Request(neo4j_server.http_url + "/db/data/",
                                     headers={"Authorization": f"Basic {credentials}"})
    with pytest.raises(urllib.error.HTTPError) as gone:
        urllib.request.urlopen(request, timeout=30)
    assert gone.value.code == 404
    with urllib.request.urlopen(neo4j_server.http_url + "/", timeout=30) as root:
        assert b'"neo4j_version"' in root.read()


@needs_py2neo
def test_a_wrong_password_surfaces_as_a_closed_connection(neo4j_server):
    with pytest.raises(ConnectionUnavailable, match="Connection has been closed") as info:
        Graph(neo4j_server.uri, auth=(neo4j_server.user, "not-the-password"))
    refused = info.value.__context__
    assert isinstance(refused, ClientError) and refused.code == "Neo.ClientError.Security.Unauthorized"


@needs_py2neo
def test_py2neos_schema_api_uses_cypher_neo4j_5_removed(py2neo_graph):
    with pytest.raises(ClientError) as create:
        py2neo_graph.schema.create_uniqueness_constraint("Py2neoProbe", "id")
    assert create.value.code == "Neo.ClientError.Statement.SyntaxError" and "ASSERT" in create.value.message
    with pytest.raises(ClientError) as listing:
        py2neo_graph.schema.get_indexes("Py2neoProbe")
    assert create.value is not listing.value
    assert listing.value.code == "Neo.ClientError.Procedure.ProcedureNotFound"
    assert "db.indexes" in listing.value.message


def test_a_server_that_is_down(neo4j_server, free_port):
    """py2neo fails in Graph() itself when nothing listens; a Graph that lost its server is StoreUnavailable."""
    if py2neo is None:
        pytest.skip("py2neo is not installed")
    with pytest.raises(ConnectionUnavailable, match="Cannot open connection"):
        Graph(f"bolt://127.0.0.1:{free_port()}", auth=("neo4j", "whatever-password"))
    graph = Graph(neo4j_server.uri, auth=(neo4j_server.user, neo4j_server.password))
    store = Py2neoStore(graph)
    graph.service.connector.close()  # its connections gone, as after the server stopped
    with pytest.raises(StoreUnavailable, match="Start one with 'claimgraph neo4j start' or set NEO4J_URI"):
        store.stats()
