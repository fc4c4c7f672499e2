"""Review decisions as data (claimgraph.review) on both stores: the same statuses, history and hiding,
kept through re-ingest and re-extraction; bad requests change nothing."""

from __future__ import annotations

import threading
from dataclasses import replace

import pytest

from claimgraph.graph.errors import ParameterError, UnknownName
from claimgraph.graph.export import to_networkx
from claimgraph.graph.nx_store import NetworkXStore
from claimgraph.queries.api import ClaimGraph
from claimgraph.review import ClaimReview


@pytest.fixture(params=["embedded", "neo4j"])
def graph(request, tmp_path):
    """A ClaimGraph on each store, empty."""
    if request.param == "embedded":
        cg = ClaimGraph(NetworkXStore(tmp_path / "review.graph"))
    else:
        cg = ClaimGraph(request.getfixturevalue("fresh_neo4j_store"))
    yield cg


def _by_claimant(review: ClaimReview, name: str) -> dict:
    return next(s for s in review.statements() if s["claimant_name"] == name)


def _state(review: ClaimReview) -> list[tuple]:
    return sorted((s["id"], s["review"], s["reviewed_by"], s["hidden"]) for s in review.statements())


def _claim_props(cg: ClaimGraph) -> dict:
    g = cg.store.graph if isinstance(cg.store, NetworkXStore) else to_networkx(cg.store)
    return {n: d for n, d in g.nodes(data=True) if "Claim" in d["labels"]}


def test_decisions_are_stored_hidden_and_kept_through_reingest(graph, crocus_extractions):
    graph.load(crocus_extractions)
    review = ClaimReview(graph, reviewer="ana")
    assert {s["review"] for s in review.statements()} == {"machine"}
    kirby = _by_claimant(review, "John Kirby")
    macron = _by_claimant(review, "Emmanuel Macron")
    ukraine = next(s for s in review.statements() if s["claimant_name"] == "Ukraine")

    assert review.accept(kirby["id"])["review"] == "accepted"
    rejected = review.reject(macron["id"])
    assert (rejected["review"], rejected["hidden"], rejected["reviewed_by"]) == ("rejected", True, "ana")
    corrected = review.correct(ukraine["id"], accused="Russia", by="bo")
    assert (corrected["accused_name"], corrected["review"], corrected["reviewed_by"]) == ("Russia", "corrected", "bo")
    article = kirby["article"]
    text = review.ops.node(article)["text"]
    start = text.index("Kirby")
    added = review.add(article, claimant="John Kirby", accused="Russia", attack="Crocus City Hall attack",
                       polarity="denies", start=start, end=start + 20)
    assert (added["review"], added["quote"]) == ("added", text[start:start + 20])

    # hidden from the queries, the dispute summaries and the trace; shown on request
    trace = graph.trace("Crocus City Hall attack")
    assert "Emmanuel Macron" not in {r.claimant for r in trace}
    assert ("Russia", "Ukraine") in {(r.accused, r.claimant) for r in trace}
    assert {r.review for r in trace if r.claimant == "John Kirby"} == {"accepted", "added"}
    shown = graph.trace("Crocus City Hall attack", include_rejected=True)
    assert {r.review for r in shown if r.claimant == "Emmanuel Macron"} == {"rejected"}
    claims = _claim_props(graph)
    assert all("actor/emmanuel-macron" not in (d.get("assertedBy") or ()) for d in claims.values())
    assert "actor/john-kirby" in claims["claim/crocus-city-hall-attack/russia"]["disputedBy"]

    decided = _state(review)
    history = review.history()
    assert [h["action"] for h in history] == ["accept", "reject", "correct", "add"]
    assert [h["by"] for h in history] == ["ana", "ana", "bo", "ana"]

    # the same articles again, then a "new model" that finds one statement less and one more
    graph.load(crocus_extractions)
    assert _state(review) == decided
    machine = [s for s in review.statements() if s["review"] == "machine"]
    dropped = machine[0]
    new_records = []
    for ex in crocus_extractions:
        kept = [s for s in ex.statements if not (s.quote == dropped["quote"] and s.claimant == dropped["claimant"]
                                                 and s.article == dropped["article"])]
        kept = [replace(s, confidence=0.99) for s in kept]  # the new model is surer of everything
        new_records.append(replace(ex, statements=kept))
    graph.load(new_records)
    after = _state(review)
    assert dropped["id"] not in {s[0] for s in after}
    assert [s for s in after if s[1] != "machine"] == [s for s in decided if s[1] != "machine"]
    assert all(s["confidence"] == 0.99 for s in review.statements() if s["review"] == "machine")
    assert "Emmanuel Macron" not in {r.claimant for r in graph.trace("Crocus City Hall attack")}

    # undo: the reviewer's latest decision (the added statement) goes, then the correction
    review.undo()
    assert "added" not in {s["review"] for s in review.statements()}
    review.undo(corrected["id"], by="bo")
    back = next(s for s in review.statements() if s["id"] == ukraine["id"])
    assert (back["review"], back["accused_name"]) == ("machine", "Ukraine")
    assert corrected["id"] not in {s["id"] for s in review.statements()}
    assert [h["action"] for h in review.history()][-2:] == ["undo", "undo"]


def test_bad_requests_change_nothing(graph, crocus_extractions):
    graph.load(crocus_extractions)
    review = ClaimReview(graph, reviewer="ana")
    some = review.statements()[0]
    before, stats = _state(review), graph.stats()
    with pytest.raises(UnknownName, match="No statement"):
        review.accept("ATTRIBUTED_BY|claim/x/y|actor/z|article/0")
    with pytest.raises(ParameterError, match="not a statement id"):
        review.reject("nonsense")
    with pytest.raises(UnknownName, match="No actor called 'Nobody Whatsoever'"):
        review.correct(some["id"], accused="Nobody Whatsoever")
    with pytest.raises(UnknownName, match="No attack called"):
        review.add(some["article"], claimant="Putin", accused="Ukraine", attack="Zzyzx raid", start=0, end=5)
    with pytest.raises(ParameterError, match="polarity"):
        review.correct(some["id"], polarity="maybe")
    with pytest.raises(UnknownName, match="Nothing to undo"):
        review.undo()
    assert _state(review) == before and graph.stats() == stats


def test_last_write_wins_and_both_are_recorded(graph, crocus_extractions):
    graph.load(crocus_extractions)
    ana, bo = ClaimReview(graph, reviewer="ana"), ClaimReview(graph, reviewer="bo")
    s = ana.statements()[0]
    ana.accept(s["id"])
    bo.reject(s["id"])
    final = ana.statement(s["id"])
    assert (final["review"], final["reviewed_by"]) == ("rejected", "bo")
    assert [(h["action"], h["by"]) for h in ana.history(s["id"])] == [("accept", "ana"), ("reject", "bo")]
    progress = ana.progress()
    assert progress["total"]["rejected"] == 1
    assert sum(progress["total"].values()) == len(ana.statements())


def test_the_same_decision_twice_is_kept_once_and_recorded_twice(graph, crocus_extractions):
    graph.load(crocus_extractions)
    review = ClaimReview(graph, reviewer="ana")
    sid = review.statements()[0]["id"]
    for action, status, hidden in (("reject", "rejected", True), ("accept", "accepted", False)):
        for _ in range(2):
            s = getattr(review, action)(sid)
            assert (s["review"], s["hidden"]) == (status, hidden)
    assert [h["action"] for h in review.history(sid)] == ["reject", "reject", "accept", "accept"]
    assert sum(1 for s in review.statements() if s["id"] == sid) == 1


def test_reads_during_many_decisions_at_once_never_fail(graph, crocus_extractions):
    """Reviewers flipping statements between accepted and rejected (on Neo4j: an edge deleted and
    recreated) while others list them: every read is whole, every decision lands and is recorded."""
    graph.load(crocus_extractions)
    ids = [s["id"] for s in ClaimReview(graph).statements()][:6]
    failures, done = [], threading.Event()

    def decide(k):
        review = ClaimReview(graph, reviewer=f"r{k}")
        try:
            for i in range(150):
                sid = ids[(i + k) % len(ids)]
                review.accept(sid) if (i + k) % 2 else review.reject(sid)
        except Exception as exc:  # noqa: BLE001 - the test reports whatever went wrong
            failures.append(repr(exc))

    def read():
        review = ClaimReview(graph)
        while not done.is_set():
            try:
                assert len(review.statements()) >= len(ids)
            except Exception as exc:  # noqa: BLE001
                failures.append(repr(exc))

    deciders = [threading.Thread(target=decide, args=(k,)) for k in range(3)]
    readers = [threading.Thread(target=read) for _ in range(2)]
    for t in deciders + readers:
        t.start()
    for t in deciders:
        t.join()
    done.set()
    for t in readers:
        t.join()
    assert failures == []
    assert len(ClaimReview(graph).history()) == 3 * 150


def test_both_stores_hold_the_same_decisions_and_answer_alike(tmp_path, crocus_extractions, fresh_neo4j_store):
    """The same decisions on both stores give the same statements, history and query rows,
    with and without the rejected ones."""
    from claimgraph.queries.nx_queries import NX_QUERIES
    from claimgraph.queries.registry import load_queries

    stores = [ClaimGraph(NetworkXStore(tmp_path / "same.graph")), ClaimGraph(fresh_neo4j_store)]
    for cg in stores:
        cg.load(crocus_extractions)
    ids = sorted(s["id"] for s in ClaimReview(stores[0]).statements())
    assert ids == sorted(s["id"] for s in ClaimReview(stores[1]).statements())
    for cg in stores:
        review = ClaimReview(cg, reviewer="ana")
        review.accept(ids[0])
        review.reject(ids[1])
        review.correct(ids[2], accused="Russia", polarity="denies")
        review.reject(ids[3])
        review.undo(ids[3])
        review.reject(ids[4])

    def statements(cg):
        return sorted({k: v for k, v in s.items() if k != "reviewed_at"}.items() for s in ClaimReview(cg).statements())

    def history(cg):
        return [(h["action"], h["statement"], h["touches"], h["by"]) for h in ClaimReview(cg).history()]

    assert statements(stores[0]) == statements(stores[1])
    assert history(stores[0]) == history(stores[1])
    g = stores[0].store.graph
    attack, actors = "attack/crocus-city-hall-attack", ["actor/ukraine", "actor/russia", "actor/vladimir-putin"]
    for name in ("trace_attack", "claim_timeline", "accusations_against", "accusations_by"):
        q = load_queries()[name]
        for include in (None, False, True):
            for value in ([attack] if "attack" in q.params else actors):
                params = {("attack" if "attack" in q.params else "actor"): value, "include_rejected": include}
                expected = NX_QUERIES[name](g, **params)
                assert stores[1].store.run(q.text, params) == expected, (name, params)
                if include and name == "trace_attack":
                    assert any(r["review"] == "rejected" for r in expected)
    assert _claim_props(stores[0]) == _claim_props(stores[1])  # the dispute summaries too
