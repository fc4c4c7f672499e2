"""The Neo4j server integration tests run against.

With ``NEO4J_URI`` set (plus ``NEO4J_USERNAME`` / ``NEO4J_PASSWORD``) the
tests use that server. Otherwise one local server is started for the session
through ``claimgraph.graph.neo4j_server``, in a data directory under pytest's tmp
dir and on free ports, so it never meets a user's own server; its jars come
from the shared cache in claimgraph's data directory, so nothing is
downloaded twice.
"""

from __future__ import annotations

import importlib.util
import os
import socket
from dataclasses import dataclass
from pathlib import Path

import pytest

from claimgraph.graph import neo4j_server as server
from claimgraph.graph import paths
from claimgraph.graph.errors import ServerError

# Test modules write `from conftest import SEED, needs_shared`. Under pytest's default
# import mode the module named `conftest` is the last conftest.py imported, which is this
# file once tests/integration has been collected (tests/unit has none of its own). So this
# file re-exports the root conftest's constants and markers, loaded from its path (one
# definition); its fixtures stay where they are, or pytest would see them twice.
_spec = importlib.util.spec_from_file_location("_claimgraph_tests_root", Path(__file__).parents[1] / "conftest.py")
_root = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_root)
globals().update({name: value for name, value in vars(_root).items()
                  if name.isupper() or isinstance(value, pytest.MarkDecorator)})
SEED, SHARED, CORPUS, needs_shared = _root.SEED, _root.SHARED, _root.CORPUS, _root.needs_shared  # used below


# tests/conftest.py gives every test its own CLAIMGRAPH_DATA_DIR; the jar cache stays the
# shared one, resolved here once, so that no test downloads the jars again.
SHARED_JARS = os.environ.get("CLAIMGRAPH_NEO4J_JARS") or str(paths.data_dir() / "neo4j-jars")


@pytest.fixture(autouse=True)
def _shared_jar_cache(monkeypatch):
    monkeypatch.setenv("CLAIMGRAPH_NEO4J_JARS", SHARED_JARS)


@dataclass(frozen=True)
class ExternalServer:
    """A server the user pointed the tests at."""

    uri: str
    user: str
    password: str


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))  # the OS picks a port nobody listens on
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def free_port():
    """A function returning a free port on 127.0.0.1 each time it is called."""
    return _free_port


@pytest.fixture(scope="session")
def neo4j_server(tmp_path_factory):
    """An object with ``.uri``, ``.user`` and ``.password`` of a running Neo4j."""
    if os.environ.get("NEO4J_URI"):
        yield ExternalServer(
            os.environ["NEO4J_URI"], os.environ.get("NEO4J_USERNAME", "neo4j"), os.environ.get("NEO4J_PASSWORD", "")
        )
        return
    try:
        server.find_java()
    except ServerError as error:
        pytest.skip(f"no NEO4J_URI and no local Neo4j possible: {error}")
    data_dir = tmp_path_factory.mktemp("neo4j-server")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CLAIMGRAPH_NEO4J_JARS", SHARED_JARS)
        info = server.start(data_dir, bolt_port=_free_port(), http_port=_free_port())
    try:
        yield info
    finally:
        server.stop(data_dir)


@pytest.fixture
def fresh_neo4j_store(neo4j_server):
    """A Neo4jStore on the session's server, emptied first (the schema stays): each test its own graph."""
    from claimgraph.graph.neo4j_store import Neo4jStore

    store = Neo4jStore(neo4j_server.uri, neo4j_server.user, neo4j_server.password)
    store.clear()
    try:
        yield store
    finally:
        store.close()


@dataclass
class Corpus:
    """Extractions of the seed and the corpus texts, and the texts whose extraction raised."""

    extractions: list
    failures: dict[str, str]


@pytest.fixture(scope="session")
def corpus(nlp):
    """The seed article and every shared corpus text, extracted once per session (about a minute).

    A text whose extraction raises is left out and named in ``failures`` (the
    store tests go on with the others; test_store_parity reports the failure).
    """
    if not (CORPUS / "texts").is_dir() or not SEED.is_file():
        pytest.skip(f"the shared corpus is not at {SHARED} (set CLAIMGRAPH_SHARED)")
    from claimgraph.graph.errors import InputError
    from claimgraph.loaders.extract import extract
    from claimgraph.loaders.read import read_inputs

    articles = [a for a in read_inputs([str(SEED), str(CORPUS / "texts")]) if not isinstance(a, InputError)]
    try:
        return Corpus(list(extract(articles, nlp)), {})
    except Exception:  # one article at a time, to name the ones that fail
        extractions, failures = [], {}
        for article in articles:
            try:
                extractions += extract([article], nlp)
            except Exception as exc:
                failures[article.path] = f"{exc.__class__.__name__}: {exc}"
        return Corpus(extractions, failures)


@pytest.fixture(scope="session")
def corpus_extractions(corpus):
    """The extraction records of ``corpus``, in load order."""
    return corpus.extractions
