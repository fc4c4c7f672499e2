"""Faults during a load: the loader killed mid-run, Neo4j stopped mid-run. Re-running the same
command completes the graph, equal to an uninterrupted load (MERGE on ids, one transaction per batch)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from claimgraph.graph import neo4j_server as server
from claimgraph.graph.model import write_jsonl
from claimgraph.graph.neo4j_store import Neo4jStore
from claimgraph.graph.nx_store import NetworkXStore

from conftest import CLAIMGRAPH
from test_store_parity import assert_same_graph, cypher_dump, nx_dump

# The loader as a process of its own, in small batches so that a load takes many transactions.
LOADER = """
import sys
from claimgraph.graph.model import read_jsonl
from claimgraph.graph.neo4j_store import Neo4jStore
store = Neo4jStore(sys.argv[1], sys.argv[2], sys.argv[3])
with open(sys.argv[4], encoding="utf-8") as fh:
    store.load(read_jsonl(fh), batch_rows=50)
"""


@pytest.fixture
def records_file(corpus_extractions, tmp_path):
    path = tmp_path / "corpus.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        write_jsonl(corpus_extractions, fh)
    return path


def _loader(uri, user, password, path, cwd):
    # cwd away from the checkout: the installed package, not the source tree, is imported.
    return subprocess.Popen([sys.executable, "-c", LOADER, uri, user, password, str(path)], cwd=cwd,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _wait_for_nodes(store, minimum=1, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if store.run("MATCH (n) RETURN count(n) AS n")[0]["n"] >= minimum:
            return
        time.sleep(0.05)
    raise AssertionError("the loader wrote nothing")


def _expected(corpus_extractions):
    nx = NetworkXStore(None)
    nx.load(corpus_extractions)
    return nx_dump(nx)


def test_a_killed_loader_is_completed_by_running_it_again(corpus_extractions, records_file, fresh_neo4j_store,
                                                          neo4j_server, tmp_path):
    loader = _loader(neo4j_server.uri, neo4j_server.user, neo4j_server.password, records_file, tmp_path)
    _wait_for_nodes(fresh_neo4j_store)
    loader.send_signal(signal.SIGKILL)
    loader.wait()
    partial = fresh_neo4j_store.run("MATCH (n) RETURN count(n) AS n")[0]["n"]
    again = _loader(neo4j_server.uri, neo4j_server.user, neo4j_server.password, records_file, tmp_path)
    assert again.wait(timeout=600) == 0, again.stderr.read()
    assert partial > 0
    assert_same_graph(_expected(corpus_extractions), cypher_dump(fresh_neo4j_store.run))


def test_neo4j_stopped_mid_load_then_restarted_and_the_load_run_again(corpus_extractions, records_file,
                                                                      free_port, tmp_path):
    home = tmp_path / "own-server"
    bolt, http = free_port(), free_port()
    info = server.start(home, bolt_port=bolt, http_port=http)
    try:
        store = Neo4jStore(info.uri, info.user, info.password)
        loader = _loader(info.uri, info.user, info.password, records_file, tmp_path)
        _wait_for_nodes(store)
        store.close()
        server.stop(home)
        assert loader.wait(timeout=300) != 0  # the loader fails, it does not hang
        # With the server down the CLI says what to do, without a traceback.
        run = subprocess.run([CLAIMGRAPH, "load", str(records_file), "--store", info.uri], cwd=tmp_path,
                             capture_output=True, text=True, env={**os.environ, "NEO4J_PASSWORD": info.password})
        assert run.returncode == 1 and "claimgraph neo4j start" in run.stderr and "Traceback" not in run.stderr
        info = server.start(home, bolt_port=bolt, http_port=http)
        again = _loader(info.uri, info.user, info.password, records_file, tmp_path)
        assert again.wait(timeout=600) == 0, again.stderr.read()
        store = Neo4jStore(info.uri, info.user, info.password)
        assert_same_graph(_expected(corpus_extractions), cypher_dump(store.run))
        store.close()
    finally:
        server.stop(home)
