"""The same answers from both stores: every named query, on the seed, the shared corpus, the demo
samples and the edge-case graph, row for row on a real Neo4j and on the embedded networkx store.

Also: cypher() is truly read-only on the real server unless write=True, and hostile names change
nothing there.
"""

from __future__ import annotations

import importlib.util
import json
from importlib.resources import files
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from claimgraph import ClaimGraph
from claimgraph.graph.errors import InputError, StoreError, UnknownName
from claimgraph.graph.neo4j_store import Neo4jStore
from claimgraph.graph.nx_store import NetworkXStore
from claimgraph.graph.errors import ParameterError
from claimgraph.queries.nx_queries import NX_QUERIES
from claimgraph.queries.registry import load_queries


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# By path, not `from conftest import`: which module is called `conftest` depends on collection order.
_root = _load("_query_parity_root_conftest", Path(__file__).parents[1] / "conftest.py")
CORPUS, SEED, needs_shared = _root.CORPUS, _root.SEED, _root.needs_shared
# The hand-written edge-case graph lives with the unit tests.
_unit = _load("_query_unit_tests", Path(__file__).parents[1] / "unit" / "test_queries.py")

pytestmark = needs_shared


@pytest.fixture(scope="module")
def extractions(request):
    """Seed + corpus (shared with other tests when conftest offers them) + the demo samples."""
    from claimgraph.loaders.extract import extract
    from claimgraph.loaders.read import read_inputs

    try:
        records = list(request.getfixturevalue("corpus_extractions"))
    except pytest.FixtureLookupError:
        articles = read_inputs([str(SEED), str(CORPUS / "texts")])
        records = list(extract(a for a in articles if not isinstance(a, InputError)))
    samples = files("claimgraph.loaders") / "data" / "samples"
    records += extract(a for a in read_inputs([str(samples)]) if not isinstance(a, InputError))
    return records


@pytest.fixture(scope="module")
def stores(neo4j_server, extractions):
    """(embedded, Neo4j) ClaimGraphs holding the same graph."""
    neo = Neo4jStore(neo4j_server.uri, neo4j_server.user, neo4j_server.password)
    neo.clear()
    both = ClaimGraph(NetworkXStore(None)), ClaimGraph(neo)
    for cg in both:
        cg.load(extractions)
        _unit.load_edge_cases(cg)
    yield both
    neo.clear()
    neo.close()


def _entities(g, label):
    return sorted(n for n, labels in g.nodes(data="labels") if label in labels)


def _sample(g):
    """Every attack and claim; every actor that takes part in a claim, a PART_OF link or a source
    relation, plus every fifth other actor; and names that are in no graph."""
    busy = set()
    for a, b, t in g.edges(data="type"):
        if t in ("BLAMES", "ATTRIBUTED_BY", "DISPUTED_BY", "PART_OF", "PUBLISHED_BY", "CITES"):
            busy.update((a, b))
    actors = _entities(g, "Actor")
    picked = [a for a in actors if a in busy] + [a for a in actors if a not in busy][::5]
    return {"attack": _entities(g, "Attack") + ["attack/none"], "actor": picked + ["actor/none"],
            "claim": _entities(g, "Claim") + ["claim/none/none"],
            "text": ["", "is", "UKR", "state-k", "zzz"], "since": ["1989", "2020-01-15", "2024-03-23"],
            "limit": [0, 3], "include_rejected": [True]}


def _calls(q, values):
    combos = [{}]
    for p in q.params:
        options = values[p] + ([None] if p in q.optional else [])
        combos = [{**c, p: v} for c in combos for v in options]
    return combos


@pytest.mark.parametrize("name", sorted(load_queries()))
def test_both_stores_give_the_same_rows(stores, name):
    embedded, neo = stores
    q = load_queries()[name]
    g = embedded.store.graph
    rows = 0
    for params in _calls(q, _sample(g)):
        expected = NX_QUERIES[name](g, **params)
        got = neo.store.run(q.text, params)
        assert got == expected, f"{name}({params}): Neo4j and networkx differ"
        rows += len(got)
    assert rows, f"{name} gave no rows at all"


def test_the_graphs_hold_the_same_counts(stores):
    embedded, neo = stores
    assert embedded.stats() == neo.stats()


def test_names_resolve_alike_and_the_api_answers_alike(stores):
    embedded, neo = stores
    for cg in stores:
        assert cg.resolve("crocus city hall attack", "Attack") == "attack/crocus-city-hall-attack"
        assert cg.resolve("ISIS-K", "Actor") == "actor/islamic-state-khorasan-province"
    for method, arg in (("trace", "Crocus City Hall attack"), ("accusations_against", "Ukraine"),
                        ("accusations_by", "Putin"), ("self_claims", None), ("claim_timeline", "the blast"),
                        ("actor_profile", "Group A"), ("source_reach", "Group A responsible for Test attack")):
        args = () if arg is None else (arg,)
        assert getattr(embedded, method)(*args) == getattr(neo, method)(*args), method
    with pytest.raises(UnknownName) as on_nx:
        embedded.resolve("Crocus Hall atack", "Attack")
    with pytest.raises(UnknownName) as on_neo:
        neo.resolve("Crocus Hall atack", "Attack")
    assert str(on_nx.value) == str(on_neo.value)


def test_facts_hold_on_neo4j(stores):
    _, neo = stores
    assert ("Islamic State", "Telegram") in {(r.actor, r.channel) for r in neo.self_claims()}
    assert "Vladimir Putin" in {r.claimant for r in neo.accusations_against("Ukraine") if r.stance == "asserts"}
    assert any(r.contested for r in neo.trace("Crocus City Hall attack") if r.accused == "Ukraine")


def test_analytics_are_the_same_on_both_stores(stores):
    embedded, neo = stores
    assert embedded.camps() == neo.camps()
    assert embedded.centrality() == neo.centrality()
    assert embedded.camps("Crocus City Hall attack") == neo.camps("Crocus City Hall attack")


@pytest.mark.parametrize("text", ["CREATE (n:X)", "MERGE (n:X {id: 'x'}) RETURN n",
                                  "MATCH (n:Claim) SET n.touched = true",
                                  "MATCH (n:Claim) WITH n LIMIT 1 DETACH DELETE n",
                                  "CREATE INDEX x_index IF NOT EXISTS FOR (n:X) ON (n.id)"])
def test_cypher_is_read_only_without_write(stores, text):
    embedded, neo = stores
    before = neo.stats()
    with pytest.raises(StoreError, match="read-only|refused"):
        neo.cypher(text)
    assert neo.stats() == before == embedded.stats()
    assert neo.cypher("MATCH (n) WHERE n:X OR n.touched RETURN count(n) AS n") == [{"n": 0}]


def test_cypher_reads_with_parameters_and_writes_only_when_asked(stores):
    embedded, neo = stores
    rows = neo.cypher("MATCH (c:Claim)-[:BLAMES]->(:Actor {id: $id}) RETURN c.id AS claim ORDER BY claim",
                      id="actor/group-a")
    assert rows == [{"claim": "claim/test-attack/group-a"}]
    assert neo.cypher("RETURN $x AS x", {"x": [1, 2]}) == [{"x": [1, 2]}]
    assert neo.cypher("CREATE (n:ScratchWrite {id: 'w'}) RETURN n.id AS id", write=True) == [{"id": "w"}]
    neo.cypher("MATCH (n:ScratchWrite) DELETE n", write=True)
    assert neo.stats() == embedded.stats()


@pytest.mark.parametrize("name", sorted(load_queries()))
def test_hostile_names_change_nothing_on_neo4j(stores, name):
    _, neo = stores
    q = load_queries()[name]
    before = neo.stats()
    for evil in _unit.EVIL:
        for param in q.params:
            try:
                rows = neo.query(name, **{param: evil})
            except (UnknownName, ParameterError):
                continue
            assert rows == [], (name, param, evil)
    assert neo.stats() == before


def test_cli_on_neo4j(stores, neo4j_server, monkeypatch):
    from claimgraph import query_cli

    monkeypatch.setenv("NEO4J_USERNAME", neo4j_server.user)
    monkeypatch.setenv("NEO4J_PASSWORD", neo4j_server.password)
    app = typer.Typer()
    query_cli.register(app)
    runner = CliRunner()
    uri = neo4j_server.uri
    run = runner.invoke(app, ["query", "self_claims", "-p", "actor=Group A", "-s", uri, "-f", "json"])
    assert run.exit_code == 0, run.output
    assert [r["claimant"] for r in json.loads(run.stdout)] == ["Cell A"]
    run = runner.invoke(app, ["cypher", "CREATE (n:X)", "-s", uri])
    assert run.exit_code == 1 and "read-only" in run.output and "Traceback" not in run.output
    run = runner.invoke(app, ["cypher", "MATCH (a:Actor {id: $id}) RETURN a.name AS name", "-p", "id=actor/group-a",
                              "-s", uri, "-f", "csv"])
    assert run.exit_code == 0 and run.stdout.splitlines() == ["name", "Group A"]
