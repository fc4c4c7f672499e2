"""Dispute summaries (graph/disputes.py) on the embedded store: after any sequence of loads they equal
a recomputation from scratch, and ``contested_claims`` from them equals the computation from the
statements, row for row. tests/integration/test_neo4j_disputes.py checks the same on Neo4j."""

from __future__ import annotations

import pickle
import random
import re
import threading

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimgraph.graph.disputes import ASSERTS, DISPUTES, SUMMARY_PROPS, claim_summary, rival_counts
from claimgraph.graph.model import Actor, Article, Attack, Extraction, Statement, actor_id, article_id
from claimgraph.graph.nx_store import NetworkXStore
from claimgraph.queries.nx_contested import RIVAL_NAMES, contested_claims, contested_from_statements

ACTORS = [Actor(actor_id(f"Actor {c}"), f"Actor {c}", "organisation") for c in "ABCDEFGH"]
ATTACKS = [Attack(f"attack/attack-{i}", f"Attack {i}", "bombing") for i in range(3)]
DATES = [None, "2024-01-01", "2024-01-05", "2024-02-10", "2024-03-01"]


def random_records(seed: int, n: int = 12) -> list[Extraction]:
    """``n`` small articles: random claimants blaming random actors for three attacks, asserting or
    denying, some undated; one in four a near-duplicate of an earlier one (the same statements,
    a text that differs by a word, so another article id)."""
    rng = random.Random(seed)
    records: list[Extraction] = []
    for i in range(n):
        if records and rng.random() < 0.25:
            original = rng.choice(records)
            text = original.article.text + " (wire)"
            art = Article(article_id(text), text, title="copy", published=rng.choice(DATES))
            statements = [Statement(s.claimant, s.accused, s.attack, s.polarity, s.cue, s.quote, s.start, s.end,
                                    art.id) for s in original.statements]
            records.append(Extraction(art, original.actors, original.attacks, statements, []))
            continue
        text = f"Article {seed}-{i}: " + " ".join(rng.choice("abcdefgh") for _ in range(30))
        art = Article(article_id(text), text, title=f"Article {i}", published=rng.choice(DATES))
        statements = []
        for _ in range(rng.randint(1, 5)):
            claimant, accused = rng.choice(ACTORS), rng.choice(ACTORS)
            attack = rng.choice(ATTACKS)
            statements.append(Statement(claimant.id, accused.id, attack.id, rng.choice(["asserts"] * 3 + ["denies"]),
                                        "said", text[:20], 0, 20, art.id))
        records.append(Extraction(art, ACTORS, ATTACKS, statements, []))
    return records


def from_scratch(store) -> dict[str, dict]:
    """Every claim's summary recomputed from all the statement edges of the graph."""
    g = store.graph
    claims = [n for n, labels in g.nodes(data="labels") if "Claim" in labels]
    own = {c: claim_summary((w, d["type"], d.get("published")) for _, w, d in g.out_edges(c, data=True)
                            if d["type"] in (ASSERTS, DISPUTES)) for c in claims}
    out = {c: {k: v for k, v in s.items() if v is not None} for c, s in own.items()}
    for t in [n for n, labels in g.nodes(data="labels") if "Attack" in labels]:
        on = {c: (own[c]["assertedBy"] or (), [a for _, a, k in g.out_edges(c, data="type") if k == "BLAMES"])
              for c, _, k in g.in_edges(t, data="type") if k == "ABOUT"}
        for c, n in rival_counts(on).items():
            out[c]["rivals"] = n
    for summary in out.values():
        asserters, disputers = len(summary.get("assertedBy", ())), len(summary.get("disputedBy", ()))
        rivals = summary.get("rivals", 0)
        if asserters and (disputers or rivals):
            summary["score"] = asserters + disputers + rivals
    return out


def stored(store) -> dict[str, dict]:
    return {n: {k: v for k, v in d.items() if k in SUMMARY_PROPS}
            for n, d in store.graph.nodes(data=True) if "Claim" in d["labels"]}


def assert_right(store) -> None:
    assert stored(store) == from_scratch(store)
    assert contested_claims(store.graph) == contested_from_statements(store.graph)
    assert contested_claims(store.graph, limit=3) == contested_from_statements(store.graph, limit=3)


def test_a_small_example():
    store = NetworkXStore(None)
    store.load(random_records(1))
    assert_right(store)
    assert any(d.get("rivals") for d in stored(store).values()) and any("disputedBy" in d for d in stored(store).values())


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 10**6), st.lists(st.integers(0, 11), max_size=8), st.integers(1, 5))
def test_summaries_equal_a_recomputation_after_any_loads(seed, again, batch):
    """Batches of any size, then re-ingests of some articles (alone and in batches)."""
    records = random_records(seed)
    store = NetworkXStore(None)
    for i in range(0, len(records), batch):
        store.load(records[i:i + batch])
        assert_right(store)
    store.load([records[i] for i in again])
    assert_right(store)
    for i in again:
        store.load([records[i]])
    assert_right(store)


def test_a_near_duplicate_counts_as_more_statements_not_more_claimants():
    one = random_records(7, n=1)[0]
    store = NetworkXStore(None)
    store.load([one])
    before = stored(store)
    text = one.article.text + " (AFP)"
    art = Article(article_id(text), text, published="2030-01-01")
    copy = Extraction(art, one.actors, one.attacks,
                      [Statement(s.claimant, s.accused, s.attack, s.polarity, s.cue, s.quote, s.start, s.end, art.id)
                       for s in one.statements], [])
    store.load([copy])
    assert_right(store)
    after = stored(store)
    assert any(t == "COPY_OF" for _, _, t in store.graph.edges(data="type"))
    for claim, summary in before.items():
        assert after[claim]["assertedBy" if "assertedBy" in summary else "disputedBy"] == \
            summary["assertedBy" if "assertedBy" in summary else "disputedBy"]
        assert after[claim]["statements"] == 2 * summary["statements"] and after[claim]["lastPublished"] == "2030-01-01"


def test_loads_from_two_threads_at_once():
    records = random_records(3, n=40)
    store = NetworkXStore(None)
    threads = [threading.Thread(target=lambda part=part: [store.load([r]) for r in part])
               for part in (records[::2], records[1::2])]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert_right(store)
    whole = NetworkXStore(None)
    whole.load(records)
    assert stored(store) == stored(whole)


def test_a_graph_file_from_before_the_summaries_gets_them_when_read(tmp_path):
    path = tmp_path / "old.graph"
    store = NetworkXStore(path)
    store.load(random_records(5))
    want = stored(store)
    for _, data in store.graph.nodes(data=True):
        for key in SUMMARY_PROPS:
            data.pop(key, None)
    path.write_bytes(pickle.dumps({"format": "claimgraph-networkx", "version": 2, "graph": store.graph}))
    assert stored(NetworkXStore(path)) == want


@pytest.mark.parametrize("since", ["2024-01-05", "2099-01-01"])
def test_since_recomputes_from_the_statements_in_the_window(since):
    store = NetworkXStore(None)
    store.load(random_records(11))
    assert contested_claims(store.graph, since=since) == contested_from_statements(store.graph, since=since)


def many_rivals_records() -> list[Extraction]:
    """One attack blamed on 40 actors, more than ``RIVAL_NAMES`` rivals per claim. Names sort
    otherwise than ids (capitals first: "Zeta 03" before "alpha 00"); one claimant asserts the
    first five accused, so their claims are no rivals of each other, and each of the other 35 has
    a claimant of its own; one actor disputes one claim. Two articles: one dated, one not."""
    accused = [Actor(actor_id(f"{'Zeta' if i % 3 else 'alpha'} {i:02d}"), f"{'Zeta' if i % 3 else 'alpha'} {i:02d}",
                     "organisation") for i in range(40)]
    claimants = [Actor(actor_id(f"Claimant {i:02d}"), f"Claimant {i:02d}", "state") for i in range(40)]
    attack = Attack("attack/the-big-one", "The big one", "bombing")
    records = []
    for n, (published, part) in enumerate((("2024-01-01", range(0, 30)), (None, range(30, 40)))):
        text = f"Article {n} on the big one."
        art = Article(article_id(text), text, title=f"Article {n}", published=published)
        statements = [Statement(claimants[0 if i < 5 else i].id, accused[i].id, attack.id, "asserts", "said",
                                text[:10], 0, 10, art.id) for i in part]
        if n == 0:
            statements.append(Statement(claimants[39].id, accused[7].id, attack.id, "denies", "denied",
                                        text[:10], 0, 10, art.id))
        records.append(Extraction(art, accused + claimants, [attack], statements, []))
    return records


@pytest.mark.parametrize("since", [None, "2024-01-01"])
def test_rival_accused_names_the_first_rivals_in_name_order(since):
    """``rival_accused`` is the full list of rival names, in name order, cut to ``RIVAL_NAMES``;
    ``rivals`` still counts them all (the Cypher's twin is in test_neo4j_disputes.py)."""
    store = NetworkXStore(None)
    store.load(many_rivals_records())
    full = contested_from_statements(store.graph, since=since, rival_names=None)
    rows = contested_claims(store.graph, since=since)
    assert rows == contested_from_statements(store.graph, since=since)
    assert [r["claim"] for r in rows] == [r["claim"] for r in full]  # the same rows, in the same order
    assert rows == [{**r, "rival_accused": r["rival_accused"][:RIVAL_NAMES]} for r in full]
    assert max(r["rivals"] for r in rows) > RIVAL_NAMES
    for row, whole in zip(rows, full):
        assert whole["rival_accused"] == sorted(whole["rival_accused"]) and len(whole["rival_accused"]) == row["rivals"]
        assert len(row["rival_accused"]) == min(row["rivals"], RIVAL_NAMES)
    first = next(r for r in rows if r["accused"] == "alpha 00")  # no rival in the claims of its own claimant
    assert not {"Zeta 01", "Zeta 02", "alpha 03", "Zeta 04"} & set(first["rival_accused"])
    assert first["rival_accused"][:2] == ["Zeta 05", "Zeta 07"]
    assert contested_claims(store.graph, since=since, limit=3) == rows[:3]


def test_the_cypher_names_as_many_rivals_as_the_embedded_store():
    """The number of names is written in both branches of the Cypher; it is RIVAL_NAMES."""
    from claimgraph.queries.registry import load_queries

    text = load_queries()["contested_claims"].text
    assert re.findall(r"size\(names\) >= (\d+)|ORDER BY n LIMIT (\d+) \} AS rival_accused", text) == [
        (str(RIVAL_NAMES), ""), ("", str(RIVAL_NAMES))]
