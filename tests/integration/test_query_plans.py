"""The named queries start from the schema's indexes on Neo4j, never from a scan of a whole label.

A query given an attack, an actor or a claim must find it through the
uniqueness constraint's index on ``id`` (the API resolves names to ids first),
so its cost follows the size of its answer, not of the graph. The table of
which query uses which index in the README is checked against these plans.
"""

from __future__ import annotations

import re

import pytest

from claimgraph.queries.registry import load_queries

# The parameter each query starts from, and the label whose id index it must seek.
START = {"attack": "Attack", "actor": "Actor", "claim": "Claim"}
# What the README's index table says, query by query (global queries scan their label by design).
README_INDEXES = {
    "trace_attack": {"attack_id", "article_id"},
    "claim_timeline": {"attack_id", "article_id"},
    "claimant_alignment": {"attack_id"},
    "accusations_by": {"actor_id", "article_id"},
    "accusations_against": {"actor_id", "article_id"},
    "self_claims": {"actor_id", "article_id"},
    "actor_profile": {"actor_id"},
    "source_reach": {"claim_id"},
    "contested_claims": set(),
    "search_entities": set(),
}
SCANS = ("AllNodesScan", "NodeByLabelScan", "DirectedRelationshipTypeScan", "UndirectedRelationshipTypeScan")


def _operators(plan) -> list[dict]:
    """Every step of a PROFILE plan, depth first: operator, details, rows, db hits."""
    out = [{"op": plan["operatorType"].split("@")[0], "details": str(plan.get("args", {}).get("Details", "")),
            "rows": plan.get("rows", 0), "hits": plan.get("dbHits", 0)}]
    for child in plan.get("children", []):
        out += _operators(child)
    return out


def _profile(store, text: str, params: dict) -> list[dict]:
    with store.driver.session(database=store.database) as session:
        result = session.run(f"PROFILE {text}", params)
        result.consume()
        return _operators(result.consume().profile)


def _index_names(store) -> dict[str, str]:
    """'Attack(id)'-style key -> index name, from SHOW INDEXES."""
    rows = store.run("SHOW INDEXES YIELD name, labelsOrTypes, properties RETURN name, labelsOrTypes, properties")
    return {f"{r['labelsOrTypes'][0]}({','.join(r['properties'])})": r["name"]
            for r in rows if r["labelsOrTypes"] and r["properties"]}


@pytest.fixture(scope="module")
def corpus_graph(neo4j_server, corpus_extractions):
    """The corpus in Neo4j, and the busiest attack, actor and claim to start the queries from."""
    from claimgraph.graph.neo4j_store import Neo4jStore

    with Neo4jStore(neo4j_server.uri, neo4j_server.user, neo4j_server.password) as store:
        store.clear()
        store.load(corpus_extractions)
        starts = {
            "attack": store.run("MATCH (t:Attack) RETURN t.id AS id ORDER BY COUNT { (t)<-[:ABOUT]-() } DESC, id "
                                "LIMIT 1")[0]["id"],
            "actor": store.run("MATCH (a:Actor) RETURN a.id AS id ORDER BY COUNT { (a)<-[:ATTRIBUTED_BY]-() } "
                               "DESC, id LIMIT 1")[0]["id"],
            "claim": store.run("MATCH (c:Claim) RETURN c.id AS id ORDER BY id LIMIT 1")[0]["id"],
        }
        yield store, starts


@pytest.mark.parametrize("name", sorted(README_INDEXES))
def test_each_query_seeks_its_start_node_through_an_index(corpus_graph, name):
    store, starts = corpus_graph
    query = load_queries()[name]
    params = {p: starts.get(p) for p in query.params}  # optional start parameters given too
    plan = _profile(store, query.text, params)
    names = _index_names(store)
    used = {names.get(key, key) for step in plan if "Index" in step["op"]
            for key in re.findall(r"\b\w+:(\w+\(\w+\))", step["details"])}
    for param in [p for p in query.params if p in START]:
        assert f"{START[param].lower()}_id" in used, f"{name} does not seek {START[param]}(id): {plan}"
        # A scan may stand in the plan for the branch without the parameter, but must not run.
        ran = [step for step in plan if step["op"] in SCANS and (step["rows"] or step["hits"])]
        assert not ran, f"{name} scanned {ran}"
    assert used >= README_INDEXES[name], f"{name} uses {sorted(used)}, the README says {sorted(README_INDEXES[name])}"
