"""Neo4jStore against a real Neo4j server: connection, schema, MERGE semantics, errors, the CLI."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from neo4j.exceptions import Neo4jError

from claimgraph.graph import neo4j_server as server
from claimgraph.graph import neo4j_store
from claimgraph.graph.errors import StoreError, StoreUnavailable
from claimgraph.graph.model import (
    Actor,
    Article,
    Attack,
    Extraction,
    Mention,
    Source,
    Statement,
    actor_id,
    article_id,
    attack_id,
)
from claimgraph.graph.neo4j_store import SCHEMA_STATEMENTS, Neo4jStore
from claimgraph.graph.nx_store import NetworkXStore
from claimgraph.graph.schema import LABELS
from claimgraph.queries.api import ClaimGraph

from conftest import CLAIMGRAPH, SAMPLES
from test_store_parity import assert_same_graph, cypher_dump, nx_dump

START_HINT = "Start one with 'claimgraph neo4j start' or set NEO4J_URI"

PUTIN, UKRAINE, ISIS_K, IS = (actor_id(n) for n in ("Vladimir Putin", "Ukraine", "ISIS-K", "Islamic State"))
US, TASS = actor_id("US officials"), actor_id("TASS")
CROCUS = attack_id("Crocus City Hall attack")


def _article(text: str, **extra) -> Article:
    return Article(article_id(text), text, **extra)


def _first() -> Extraction:
    """Putin blames Ukraine, and ISIS-K (part of Islamic State, never mentioned) claims it itself."""
    text = "Putin blamed Ukraine for the Crocus attack. ISIS-K claimed responsibility on Telegram."
    art = _article(text, path="one.txt", title="One", published="2024-03-23")
    return Extraction(
        art,
        actors=[Actor(PUTIN, "Vladimir Putin", "person", ["Putin"], mentions=[Mention("Putin", 0, 5)]),
                Actor(UKRAINE, "Ukraine", "state"),
                Actor(ISIS_K, "ISIS-K", "armed_group", ["IS-K"], part_of=[IS]),
                Actor(TASS, "TASS", "organisation")],
        attacks=[Attack(CROCUS, "Crocus City Hall attack", date="2024-03-22", aliases=["Crocus attack"])],
        statements=[Statement(PUTIN, UKRAINE, CROCUS, "asserts", "blamed", text[:43], 0, 43, art.id),
                    Statement(ISIS_K, ISIS_K, CROCUS, "asserts", "claimed responsibility", text[44:], 44, len(text),
                              art.id, channel="Telegram")],
    )


def _second() -> Extraction:
    """Another article: Putin again (a second piece of evidence), US officials deny, TASS is now the outlet."""
    text = "Putin repeated that Kyiv was behind the massacre. US officials said Ukraine had no role. (TASS)"
    art = _article(text, path="two.txt", published="2024-03-25")
    return Extraction(
        art,
        actors=[Actor(PUTIN, "Vladimir Putin", "person", ["President Putin"], mentions=[Mention("Putin", 0, 5)]),
                Actor(UKRAINE, "Ukraine", "state", ["Kyiv"]),
                Actor(US, "US officials", "collective", part_of=[actor_id("United States")])],
        attacks=[Attack(CROCUS, "Crocus City Hall attack", place="Krasnogorsk",
                        mentions=[Mention("the massacre", 39, 51)])],
        statements=[Statement(PUTIN, UKRAINE, CROCUS, "asserts", "repeated", text[:50], 0, 50, art.id, hedged=True,
                              certainty="probable"),
                    Statement(US, UKRAINE, CROCUS, "denies", "said", text[51:88], 51, 88, art.id),
                    # the same claimant, claim and article twice: one edge, the later properties
                    Statement(US, UKRAINE, CROCUS, "denies", "said no role", text[51:88], 51, 88, art.id)],
        sources=[Source(TASS, "TASS", "published_by", domain="tass.com")],
    )


def _hostile() -> Extraction:
    """Values that would be Cypher if anything were spliced into query text."""
    name = "x'}) DETACH DELETE n WITH 1 AS x MATCH (m) DETACH DELETE m //"
    text = f"{name} was blamed by Putin for the Crocus attack."
    art = _article(text, title="`) MATCH (n) DETACH DELETE n //")
    villain = actor_id("villain")
    return Extraction(art, actors=[Actor(villain, name, "person", ["$rows", "{id: 1}"]),
                                   Actor(PUTIN, "Vladimir Putin", "person")],
                      attacks=[Attack(CROCUS, "Crocus City Hall attack")],
                      statements=[Statement(PUTIN, villain, CROCUS, "asserts", "blamed", text, 0, len(text), art.id)])


def _same_as_networkx(store: Neo4jStore, *loads: list[Extraction], batch_rows: int = neo4j_store.BATCH_ROWS):
    nx = NetworkXStore(None)
    for extractions in loads:
        nx.load(extractions)
        store.load(extractions, batch_rows=batch_rows)
    assert_same_graph(nx_dump(nx), cypher_dump(store.run))
    return nx


# --- MERGE semantics: the same graph as the embedded store ---------------------------------------


@pytest.mark.parametrize("batch_rows", [1, neo4j_store.BATCH_ROWS], ids=["one-article-per-tx", "one-tx"])
def test_two_articles_give_the_networkx_graph(fresh_neo4j_store, batch_rows):
    nx = _same_as_networkx(fresh_neo4j_store, [_first(), _second()], batch_rows=batch_rows)
    # what the comparison covered, spelled out
    assert nx.graph.nodes[PUTIN]["aliases"] == ["Putin", "President Putin"]
    assert nx.graph.nodes[TASS]["labels"] == ("Actor", "Source") and nx.graph.nodes[TASS]["kind"] == "media_outlet"
    assert nx.graph.nodes[IS] == {"id": IS, "labels": ("Actor",)}  # only a PART_OF end
    assert fresh_neo4j_store.stats()["relationships"]["ATTRIBUTED_BY"] == 3  # Putin twice, ISIS-K once


def test_loads_in_any_grouping_give_the_networkx_graph(fresh_neo4j_store):
    """Article by article, then both again, then the reverse: every state equals the embedded store's."""
    nx = NetworkXStore(None)
    for extractions in ([_first()], [_second()], [_first(), _second()], [_second(), _first()]):
        nx.load(extractions)
        fresh_neo4j_store.load(extractions)
        assert_same_graph(nx_dump(nx), cypher_dump(fresh_neo4j_store.run))


def test_later_articles_win_within_one_transaction(fresh_neo4j_store):
    """TASS is a Source (kind media_outlet) in one article and a plain Actor in a later one of the same batch.

    The embedded store keeps the later article's kind; so must Neo4j, even though
    the two records carry different label sets.
    """
    _same_as_networkx(fresh_neo4j_store, [_second(), _first()])
    rows = fresh_neo4j_store.run("MATCH (n {id: $id}) RETURN labels(n) AS labels, n.kind AS kind", {"id": TASS})
    assert sorted(rows[0]["labels"]) == ["Actor", "Source"] and rows[0]["kind"] == "organisation"


def test_one_attributed_by_per_claim_actor_and_article(fresh_neo4j_store):
    first, second = _first(), _second()
    fresh_neo4j_store.load([first, second, first])
    rows = fresh_neo4j_store.run(
        "MATCH (:Claim {id: 'claim/crocus-city-hall-attack/ukraine'})-[r]->(who:Actor) "
        "WHERE type(r) IN ['ATTRIBUTED_BY', 'DISPUTED_BY'] "
        "RETURN type(r) AS type, who.id AS who, r.article AS article, r.cue AS cue")
    assert sorted((r["type"], r["who"], r["article"], r["cue"]) for r in rows) == sorted([
        ("ATTRIBUTED_BY", PUTIN, first.article.id, "blamed"),
        ("ATTRIBUTED_BY", PUTIN, second.article.id, "repeated"),
        ("DISPUTED_BY", US, second.article.id, "said no role"),
    ])


def test_values_are_parameters_never_query_text(fresh_neo4j_store):
    _same_as_networkx(fresh_neo4j_store, [_first()], [_hostile()])
    stats = fresh_neo4j_store.stats()
    assert stats["nodes"]["Article"] == 2 and stats["nodes"]["Actor"] >= 6
    row = fresh_neo4j_store.run("MATCH (n:Actor {id: 'actor/villain'}) RETURN n.name AS name, n.aliases AS aliases")
    assert row == [{"name": _hostile().actors[0].name, "aliases": ["$rows", "{id: 1}"]}]


def test_labels_and_types_come_only_from_the_schema():
    with pytest.raises(ValueError, match="outside the schema"):
        neo4j_store._node_query(("Actor", "Person) DETACH DELETE n //"))
    with pytest.raises(ValueError, match="outside the schema"):
        neo4j_store._rel_query("BLAMES]->() DELETE r //", "Claim", "Actor", False)


def test_a_lone_surrogate_is_stored_as_a_replacement_character(fresh_neo4j_store):
    """JSON input may hold an unpaired \\ud800; Neo4j strings are UTF-8, so it becomes U+FFFD in place."""
    ex = _first()
    ex.article.title = "bad \ud800 title"
    fresh_neo4j_store.load([ex])
    rows = fresh_neo4j_store.run("MATCH (a:Article) RETURN a.title AS title")
    assert rows == [{"title": "bad \ufffd title"}]


def test_retried_after_a_transient_error_without_duplicates(fresh_neo4j_store, monkeypatch):
    """A deadlock reported after the batch ran: the transaction is rolled back and run again."""
    calls = []
    real = neo4j_store._run_all

    def deadlock_once(tx, statements):
        real(tx, statements)
        calls.append(1)
        if len(calls) == 1:
            raise Neo4jError._hydrate_neo4j(code="Neo.TransientError.Transaction.DeadlockDetected",
                                            message="a deadlock, for the test")

    monkeypatch.setattr(neo4j_store, "_run_all", deadlock_once)
    _same_as_networkx(fresh_neo4j_store, [_first(), _second()])
    assert len(calls) == 2


# --- the sample articles: load twice, and the trace the analysts read ---------------------------


def test_loading_the_samples_twice_changes_nothing(fresh_neo4j_store, crocus_extractions):
    fresh_neo4j_store.load(crocus_extractions)
    first = fresh_neo4j_store.stats()
    dump = cypher_dump(fresh_neo4j_store.run)
    fresh_neo4j_store.load(crocus_extractions)
    assert fresh_neo4j_store.stats() == first
    assert cypher_dump(fresh_neo4j_store.run) == dump
    assert first["nodes"]["Claim"] >= 2 and first["relationships"]["DISPUTED_BY"] >= 1


def test_crocus_trace_is_the_same_on_both_stores(fresh_neo4j_store, crocus_extractions):
    nx = NetworkXStore(None)
    nx.load(crocus_extractions)
    fresh_neo4j_store.load(crocus_extractions)
    on_nx = ClaimGraph(nx).trace("Crocus City Hall attack")
    on_neo4j = ClaimGraph(fresh_neo4j_store).trace("Crocus City Hall attack")
    assert on_neo4j == on_nx
    assert {(r.accused, r.stance) for r in on_nx} >= {("Ukraine", "asserts"), ("Ukraine", "disputes")}
    # and the name lookup underneath it, by alias and any case
    assert ClaimGraph(fresh_neo4j_store).query("search_entities", text="crocus") == \
        ClaimGraph(nx).query("search_entities", text="crocus")


# --- schema --------------------------------------------------------------------------------------


def test_schema_is_created_once_and_kept(fresh_neo4j_store):
    def schema():
        constraints = fresh_neo4j_store.run(
            "SHOW CONSTRAINTS YIELD name, type, labelsOrTypes, properties RETURN * ORDER BY name")
        indexes = fresh_neo4j_store.run("SHOW INDEXES YIELD name, type RETURN * ORDER BY name")
        return constraints, indexes

    before = schema()
    fresh_neo4j_store.ensure_schema()
    assert schema() == before
    constraints, indexes = before
    unique_ids = {(c["labelsOrTypes"][0], tuple(c["properties"])) for c in constraints if c["type"] == "UNIQUENESS"}
    assert unique_ids >= {(label, ("id",)) for label in LABELS}
    assert {"actor_name", "attack_name", "entity_names"} <= {i["name"] for i in indexes}
    assert len(constraints) + len(indexes) >= len(SCHEMA_STATEMENTS)  # each statement made one


def test_uniqueness_is_enforced_by_the_server(fresh_neo4j_store):
    fresh_neo4j_store.load([_first()])
    with pytest.raises(StoreError, match="already exists"):
        fresh_neo4j_store.run("CREATE (:Actor {id: $id})", {"id": PUTIN}, write=True)


def test_full_text_index_finds_names_and_aliases(fresh_neo4j_store):
    fresh_neo4j_store.load([_first(), _second()])
    fresh_neo4j_store.run("CALL db.awaitIndexes(60)", write=True)
    rows = fresh_neo4j_store.run(
        "CALL db.index.fulltext.queryNodes('entity_names', $q) YIELD node RETURN node.id AS id ORDER BY id",
        {"q": "Kyiv OR massacre"})
    assert [r["id"] for r in rows] == [UKRAINE, CROCUS]  # an actor's alias, an attack's mention


def test_read_is_read_only(fresh_neo4j_store):
    with pytest.raises(StoreError, match="refused the query"):
        fresh_neo4j_store.run("CREATE (:Actor {id: 'actor/nobody'})")
    assert fresh_neo4j_store.stats()["nodes"] == {}


# --- connection settings and errors --------------------------------------------------------------


def test_settings_come_from_the_environment(neo4j_server, monkeypatch):
    monkeypatch.setenv("NEO4J_URI", neo4j_server.uri)
    monkeypatch.setenv("NEO4J_USERNAME", neo4j_server.user)
    monkeypatch.setenv("NEO4J_PASSWORD", neo4j_server.password)
    monkeypatch.delenv("NEO4J_DATABASE", raising=False)
    with Neo4jStore() as store:
        assert store.uri == neo4j_server.uri and store.run("RETURN 1 AS one") == [{"one": 1}]


def test_arguments_override_the_environment(neo4j_server, monkeypatch):
    monkeypatch.setenv("NEO4J_URI", "bolt://127.0.0.1:1")
    monkeypatch.setenv("NEO4J_PASSWORD", "not-the-password")
    monkeypatch.setenv("NEO4J_DATABASE", "nosuchdb")
    with Neo4jStore(neo4j_server.uri, neo4j_server.user, neo4j_server.password, database="neo4j") as store:
        assert store.run("RETURN 1 AS one") == [{"one": 1}]


def test_the_local_server_needs_no_password(neo4j_server, monkeypatch):
    if not isinstance(neo4j_server, server.ServerInfo):
        pytest.skip("NEO4J_URI is set, so there is no local server's password file")
    monkeypatch.setenv("CLAIMGRAPH_DATA_DIR", str(neo4j_server.home.parent))
    for name in ("NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE"):
        monkeypatch.delenv(name, raising=False)
    with Neo4jStore(neo4j_server.uri) as store:
        assert store.user == "neo4j" and store.run("RETURN 1 AS one") == [{"one": 1}]


def test_a_wrong_password_is_a_store_error(neo4j_server, monkeypatch):
    monkeypatch.delenv("NEO4J_DATABASE", raising=False)
    with pytest.raises(StoreError, match="refused the credentials of user 'neo4j'.*NEO4J_PASSWORD") as info:
        Neo4jStore(neo4j_server.uri, "neo4j", "not-the-password")
    assert not isinstance(info.value, StoreUnavailable)


def test_nothing_listening_is_store_unavailable(free_port):
    uri = f"bolt://127.0.0.1:{free_port()}"
    with pytest.raises(StoreUnavailable, match=f"No Neo4j server answers at {uri}.*{START_HINT}"):
        Neo4jStore(uri, "neo4j", "whatever-password")


def test_a_missing_database_is_named(neo4j_server):
    with pytest.raises(StoreError, match="has no database 'nosuchdb'.*NEO4J_DATABASE"):
        Neo4jStore(neo4j_server.uri, neo4j_server.user, neo4j_server.password, database="nosuchdb")


@pytest.mark.parametrize("uri", ["bolt://127.0.0.1:notaport", "bolt+xyz://127.0.0.1:7687"])
def test_a_malformed_uri_is_a_store_error(uri):
    with pytest.raises(StoreError, match="not a usable Neo4j URI"):
        Neo4jStore(uri, "neo4j", "whatever-password")


def test_no_uri_at_all_says_how_to_get_one(monkeypatch):
    monkeypatch.delenv("NEO4J_URI", raising=False)
    with pytest.raises(StoreUnavailable, match=START_HINT):
        Neo4jStore()


# --- the command line ---------------------------------------------------------------------------


def _claimgraph(*args: str, env: dict, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([CLAIMGRAPH, *args], capture_output=True, text=True, env=env, cwd=cwd, timeout=300)


def _env(tmp_path: Path, **extra: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    env.update(CLAIMGRAPH_DATA_DIR=str(tmp_path / "data"), COLUMNS="200", **extra)
    return env


def test_cli_ingest_and_trace_print_the_same_on_both_stores(neo4j_server, fresh_neo4j_store, tmp_path):
    env = _env(tmp_path, NEO4J_USERNAME=neo4j_server.user, NEO4J_PASSWORD=neo4j_server.password)
    outputs = {}
    for store in (str(tmp_path / "crocus.graph"), neo4j_server.uri):
        ingest = _claimgraph("ingest", str(SAMPLES), "--store", store, "-q", env=env, cwd=tmp_path)
        assert ingest.returncode == 0, ingest.stderr
        for format in ("table", "json"):
            trace = _claimgraph("trace", "Crocus City Hall attack", "--store", store, "--format", format,
                                env=env, cwd=tmp_path)
            assert trace.returncode == 0, trace.stderr
            outputs[store, format] = trace.stdout
    for format in ("table", "json"):
        assert outputs[neo4j_server.uri, format] == outputs[str(tmp_path / "crocus.graph"), format]
    assert "Ukraine" in outputs[neo4j_server.uri, "table"]


def test_cli_uses_the_local_servers_password_file(neo4j_server, fresh_neo4j_store, tmp_path):
    if not isinstance(neo4j_server, server.ServerInfo):
        pytest.skip("NEO4J_URI is set, so there is no local server's password file")
    env = _env(tmp_path)
    env["CLAIMGRAPH_DATA_DIR"] = str(neo4j_server.home.parent)
    run = _claimgraph("stats", "--store", neo4j_server.uri, env=env, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert f"store: {neo4j_server.uri}" in run.stdout


@pytest.mark.parametrize("scheme", ["bolt", "neo4j"])
def test_cli_without_a_server_says_how_to_start_one(free_port, tmp_path, scheme):
    uri = f"{scheme}://127.0.0.1:{free_port()}"
    run = _claimgraph("stats", "--store", uri, env=_env(tmp_path), cwd=tmp_path)
    assert run.returncode == 1
    message = " ".join(run.stderr.split())
    assert message.startswith(f"error: No Neo4j server answers at {uri}")  # one message, no driver log lines
    assert message.endswith(START_HINT + ".") and "Traceback" not in message


def test_cli_with_a_wrong_password_names_the_fix(neo4j_server, tmp_path):
    run = _claimgraph("stats", "--store", neo4j_server.uri,
                      env=_env(tmp_path, NEO4J_PASSWORD="not-the-password"), cwd=tmp_path)
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    assert "refused the credentials" in " ".join(run.stderr.split())
