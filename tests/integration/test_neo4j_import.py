"""`claimgraph neo4j import`: the offline neo4j-admin import gives the graph the online loader gives.

Each imported database is checked on a started server against the embedded
store loaded with the same records, node by node and edge by edge (the
helpers of test_store_parity). Two server starts in all: the corpus import,
and a database that held data, replaced.
"""

from __future__ import annotations

import subprocess
from collections import Counter
from pathlib import Path

import pytest

from claimgraph.graph import neo4j_server as server
from claimgraph.graph.errors import ServerError
from claimgraph.graph.model import Actor, Article, Attack, Extraction, Mention, Statement, actor_id, article_id
from claimgraph.graph.neo4j_import import bulk_import
from claimgraph.graph.neo4j_store import Neo4jStore, valid_unicode
from claimgraph.graph.nx_store import NetworkXStore
from claimgraph.graph.schema import LABELS

from conftest import CLAIMGRAPH, SHARED_JARS
from test_copies import WIRE
from test_neo4j_store import CROCUS, PUTIN, _first, _hostile, _second
from test_store_parity import assert_same_graph, cypher_dump, nx_dump


@pytest.fixture(scope="module", autouse=True)
def _java():
    try:
        server.find_java()
    except ServerError as error:
        pytest.skip(f"no local Neo4j possible: {error}")


def _copies() -> list[Extraction]:
    """A wire story and two republications (COPY_OF), dated, undated and later."""
    texts = [(WIRE, "2024-03-23"), ("UPDATE: " + WIRE, "2024-03-24"), ("MOSCOW - " + WIRE, None)]
    return [Extraction(Article(article_id(t), t, published=p)) for t, p in texts]


def _awkward() -> Extraction:
    """What CSV makes hard: quotes, commas, line breaks, NUL, non-ASCII, a lone surrogate, empty strings."""
    text = 'He said: "Putin, again,\r\nblamed Kyiv";\n\tthen\x00 nothing — 😀 中文 "" \\" end '
    art = Article(article_id(text), text, title="bad \ud800 title", published="", url="", outlet="x")
    villain = actor_id("Villain")
    return Extraction(
        art,
        actors=[Actor(villain, "Villain", "person", ["a;b", "c,d", 'say "hi"', "line\nbreak", "lone \udfff"],
                      mentions=[Mention('"Villain"', 0, 9)]),
                Actor(PUTIN, "Vladimir Putin", "person", ["Putin"])],
        attacks=[Attack(CROCUS, "Crocus City Hall attack", place="")],
        statements=[Statement(PUTIN, villain, CROCUS, "asserts", "blamed", text[:40], 0, 40, art.id, hedged=True,
                              certainty="probable", channel="")],
    )


def _expected(extractions: list[Extraction]) -> tuple[dict, Counter]:
    """The embedded store's dump, with lone surrogates as U+FFFD (Neo4j strings are UTF-8, as for the loader)."""
    nx = NetworkXStore(None)
    nx.load(extractions)
    nodes, rels = nx_dump(nx)
    return {k: (labels, valid_unicode(props)) for k, (labels, props) in nodes.items()}, rels


def _start(data_dir: Path, free_port) -> server.ServerInfo:
    return server.start(data_dir, bolt_port=free_port(), http_port=free_port())


def _jsonl(path: Path, extractions: list[Extraction], bad_lines: dict[int, bytes] | None = None) -> Path:
    """JSON Lines of the records, with raw bad lines put in at the given 1-based line numbers."""
    import json

    lines = [json.dumps(ex.to_json(), ensure_ascii=True).encode() for ex in extractions]
    for number, raw in sorted((bad_lines or {}).items()):
        lines.insert(number - 1, raw)
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([CLAIMGRAPH, "neo4j", "import", *args], capture_output=True, text=True, timeout=600)


# --- the seed and the whole shared corpus, imported and started -----------------------------------


@pytest.fixture(scope="module")
def imported(tmp_path_factory, corpus_extractions, free_port):
    """The corpus plus copies and awkward records, imported into a new data directory, then started."""
    records = [*corpus_extractions, _first(), _second(), _hostile(), *_copies(), _awkward()]
    data_dir = tmp_path_factory.mktemp("neo4j-import")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CLAIMGRAPH_NEO4J_JARS", SHARED_JARS)
        result = bulk_import(records, data_dir)
        info = _start(data_dir, free_port)
    try:
        store = Neo4jStore(info.uri, info.user, info.password)  # creates the constraints and indexes
        yield data_dir, records, result, store
        store.close()
    finally:
        server.stop(data_dir)


def test_the_imported_graph_is_the_networkx_graph(imported):
    _, records, result, store = imported
    expected = _expected(records)
    assert_same_graph(expected, cypher_dump(store.run))
    assert result["nodes"] == len(expected[0]) and result["relationships"] == sum(expected[1].values())
    assert result["articles"] == len(records) and result["copies"] == 3
    # what the comparison covered, spelled out
    copies = store.run("MATCH (c:Article)-[r:COPY_OF]->(o:Article) RETURN c.id AS c, o.id AS o, r.similarity AS s")
    assert len(copies) == 3 and all(isinstance(r["s"], float) for r in copies)
    awkward = _awkward()
    row = store.run("MATCH (a:Article {id: $id}) RETURN a.text AS text, a.title AS title, a.url AS url, "
                    "a.published AS published", {"id": awkward.article.id})
    assert row == [{"text": awkward.article.text, "title": "bad \ufffd title", "url": "", "published": ""}]
    row = store.run("MATCH (:Claim)-[r:ATTRIBUTED_BY {article: $id}]->() RETURN r.hedged AS hedged, r.start AS start, "
                    "r.channel AS channel", {"id": awkward.article.id})
    assert row == [{"hedged": True, "start": 0, "channel": ""}]
    tass = store.run("MATCH (n:Source) RETURN labels(n) AS labels LIMIT 1")
    assert sorted(tass[0]["labels"]) == ["Actor", "Source"]


def test_the_first_connection_makes_the_schema_and_loads_go_on(imported):
    """Constraints and indexes come with the first Neo4jStore; an online load then finds imported copies."""
    _, _, _, store = imported
    names = {r["name"] for r in store.run("SHOW CONSTRAINTS YIELD name RETURN name")}
    assert {f"{label.lower()}_id" for label in LABELS} <= names
    store.run("CALL db.awaitIndexes(300)")
    assert store.run("SHOW INDEXES YIELD name, state WHERE name IN ['entity_names', 'article_lsh'] "
                     "RETURN collect(state) AS states") == [{"states": ["ONLINE", "ONLINE"]}]
    late = Extraction(Article(article_id("LATE: " + WIRE), "LATE: " + WIRE, published="2024-04-01"))
    try:
        store.load([late])  # through the full-text index on the imported articles' band keys
        rows = store.run("MATCH (:Article {id: $id})-[:COPY_OF]-(o) RETURN count(o) AS n", {"id": late.article.id})
        assert rows == [{"n": 3}]
    finally:
        store.run("MATCH (a:Article {id: $id}) DETACH DELETE a", {"id": late.article.id}, write=True)


def test_import_refuses_while_the_server_runs(imported, tmp_path):
    data_dir = imported[0]
    with pytest.raises(ServerError, match=r"is running .*claimgraph neo4j stop --data-dir"):
        bulk_import([_first()], data_dir)
    run = _cli(str(_jsonl(tmp_path / "one.jsonl", [_first()])), "--data-dir", str(data_dir))
    assert run.returncode == 1
    assert "claimgraph neo4j stop" in run.stderr and "Traceback" not in run.stderr


# --- a database that holds data; bad input lines -----------------------------------------------------


def test_a_database_with_data_is_replaced_only_with_overwrite(tmp_path, free_port):
    """A database that holds data: refused without --overwrite; with it, bad lines are skipped and
    reported, and the started server holds exactly the good records (the old data is gone)."""
    data_dir = tmp_path / "replaced"
    bulk_import([_hostile()], data_dir)

    good = [_first(), _second(), *_copies()]
    first = _jsonl(tmp_path / "first.jsonl", good[:2], bad_lines={
        2: b'{"article": {"id": "a", "text": ',  # cut short
        4: b'["not", "a", "record"]',
        5: b'{"article": {"id": "x", "text": "caf\xe9"}}',  # Latin-1, not UTF-8
    })
    second = _jsonl(tmp_path / "second.jsonl", good[2:])
    with pytest.raises(ServerError, match="already holds data.*--overwrite"):
        bulk_import(good, data_dir)
    refused = _cli(str(first), str(second), "--data-dir", str(data_dir))
    assert refused.returncode == 1 and "--overwrite" in refused.stderr

    run = _cli(str(first), str(tmp_path / "missing.jsonl"), str(second), "--data-dir", str(data_dir), "--overwrite")
    assert run.returncode == 2, run.stderr
    for where in (f"{first}:2:", f"{first}:4:", f"{first}:5:", f"{tmp_path / 'missing.jsonl'}: cannot be opened"):
        assert where in run.stderr
    assert "read 5, skipped 4 (3 malformed record, 1 unreadable)" in run.stderr
    assert "Imported 5 articles" in run.stdout and "Traceback" not in run.stderr

    info = _start(data_dir, free_port)
    try:
        with Neo4jStore(info.uri, info.user, info.password) as store:
            assert_same_graph(_expected(good), cypher_dump(store.run))
    finally:
        server.stop(data_dir)
