"""Where review decisions are read and written: one small set of operations per store.

A statement is addressed by :class:`StatementKey` (its relationship type, claim,
claimant and article: one ATTRIBUTED_BY or DISPUTED_BY per claim, claimant and
article). Its state is a *snapshot* ``{"hidden": bool, "props": {...}}``:
a visible statement is the ATTRIBUTED_BY/DISPUTED_BY edge itself; a hidden one
(rejected, or the machine original of a correction) is a ``REJECTED`` edge
between the same nodes, with ``statementType`` naming the type it had. Queries
and dispute summaries match only the visible types, so a hidden statement
drops out of every answer with no filter to forget.

Each decision runs inside ``run_in_tx``:
the embedded store under its load lock (then saved), Neo4j in one managed write
transaction that first locks the claim, so two reviewers take turns per
statement and the last write wins.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import LiteralString, cast

from .disputes import ASSERTS, DISPUTES
from .errors import ParameterError
from .long_lived import long_lived

__all__ = ["HIDDEN", "STATEMENT_TYPES", "StatementKey", "Neo4jOps", "NxOps", "ops_for"]

STATEMENT_TYPES = (ASSERTS, DISPUTES)
HIDDEN = "REJECTED"


@dataclass(frozen=True)
class StatementKey:
    type: str
    claim: str
    claimant: str
    article: str

    @property
    def id(self) -> str:
        return "|".join((self.type, self.claim, self.claimant, self.article))

    @classmethod
    def parse(cls, text: str) -> StatementKey:
        parts = str(text).split("|")
        if len(parts) != 4 or parts[0] not in STATEMENT_TYPES or not all(parts):
            raise ParameterError(f"{text!r} is not a statement id. Give one as listed by the review page or "
                                 "ClaimReview.statements(): TYPE|claim id|claimant id|article id.")
        return cls(*parts)


def _q(text: str) -> LiteralString:
    # Safe: the texts are this module's constants, with relationship types from STATEMENT_TYPES.
    return cast(LiteralString, text)


class NxOps:
    """Review operations on a :class:`~claimgraph.graph.nx_store.NetworkXStore`."""

    def __init__(self, store):
        self.store = store
        self.g = store.graph
        self._touched: dict[str, str] = {}

    def run_in_tx(self, body, lock_claims: list[str]):
        """``body(self)`` under the store's load lock, then the dispute summaries, then one save."""
        with self.store._loading:
            self._touched = {}
            with long_lived():
                result = body(self)
                self.store._refresh_disputes(self._touched)
            self.g.graph["loads"] = self.g.graph.get("loads", 0) + 1  # the query index is stale now
            self.store.save()
        return result

    @staticmethod
    def _edge_keys(key: StatementKey) -> tuple[str, str]:
        return f"{key.type}|{key.article}", f"{HIDDEN}|{key.type}|{key.article}"

    def get(self, key: StatementKey) -> dict | None:
        live, hidden = self._edge_keys(key)
        if not self.g.has_node(key.claim):
            return None
        for edge, is_hidden in ((live, False), (hidden, True)):
            if self.g.has_edge(key.claim, key.claimant, edge):
                data = dict(self.g.edges[key.claim, key.claimant, edge])
                data.pop("type", None)
                return {"hidden": is_hidden, "props": data}
        return None

    def put(self, key: StatementKey, snapshot: dict | None) -> None:
        for edge in self._edge_keys(key):
            if self.g.has_edge(key.claim, key.claimant, edge):
                self.g.remove_edge(key.claim, key.claimant, edge)
        if snapshot is not None:
            live, hidden = self._edge_keys(key)
            props = {k: v for k, v in snapshot["props"].items() if k != "statementType"}
            if snapshot["hidden"]:
                self.g.add_edge(key.claim, key.claimant, hidden, type=HIDDEN, **props, statementType=key.type)
            else:
                self.g.add_edge(key.claim, key.claimant, live, type=key.type, **props)
        attack = next((t for _, t, d in self.g.out_edges(key.claim, data="type") if d == "ABOUT"), None)
        if attack:
            self._touched[key.claim] = attack

    def ensure_claim(self, claim: str, attack: str, accused: str, article: str, text: str) -> None:
        merge = self.store._merge_node
        merge(claim, ("Claim",), {} if claim in self.g else {"text": text})
        for rel, end in (("ABOUT", attack), ("BLAMES", accused), ("REPORTED_IN", article)):
            if not self.g.has_edge(claim, end, rel):
                self.g.add_edge(claim, end, rel, type=rel)
        self._touched[claim] = attack

    def record(self, review: dict) -> None:
        self.g.add_node(review["id"], labels=("Review",), **review)
        if review["article"] in self.g:
            self.g.add_edge(review["id"], review["article"], "REVIEWS", type="REVIEWS")

    def reviews(self, statement: str | None = None) -> list[dict]:
        with self.store._loading:  # decisions of other threads add nodes meanwhile
            out = [{k: v for k, v in d.items() if k != "labels"} for _, d in self.g.nodes(data=True)
                   if "Review" in d.get("labels", ())]
        return [r for r in out if statement is None or r["statement"] == statement or
                statement in (r.get("touches") or ())]

    def node(self, node_id: str) -> dict | None:
        data = self.g.nodes.get(node_id)
        return dict(data) if data is not None else None


class Neo4jOps:
    """Review operations on a :class:`~claimgraph.graph.neo4j_store.Neo4jStore`, in one write transaction."""

    LOCK_CLAIM = "MATCH (c:Claim {id: $claim}) SET c._LOCK_ = true REMOVE c._LOCK_"
    GET = ("MATCH (c:Claim {id: $claim})-[r]->(w:Actor {id: $claimant})"
           " WHERE r.article = $article AND (type(r) = $type OR (type(r) = 'REJECTED' AND r.statementType = $type))"
           " RETURN type(r) = 'REJECTED' AS hidden, properties(r) AS props")
    DELETE = ("MATCH (c:Claim {id: $claim})-[r]->(w:Actor {id: $claimant})"
              " WHERE r.article = $article AND (type(r) = $type OR (type(r) = 'REJECTED' AND r.statementType = $type))"
              " DELETE r")
    CREATE_HIDDEN = ("MATCH (c:Claim {id: $claim}) MATCH (w:Actor {id: $claimant})"
                     " CREATE (c)-[r:REJECTED]->(w) SET r = $props, r.statementType = $type")
    CREATE = {t: f"MATCH (c:Claim {{id: $claim}}) MATCH (w:Actor {{id: $claimant}}) CREATE (c)-[r:{t}]->(w) SET r = $props"
              for t in STATEMENT_TYPES}
    ENSURE_CLAIM = ("MERGE (c:Claim {id: $claim}) ON CREATE SET c.text = $text"
                    " WITH c MATCH (t:Attack {id: $attack}) MATCH (a:Actor {id: $accused})"
                    " MATCH (art:Article {id: $article})"
                    " MERGE (c)-[:ABOUT]->(t) MERGE (c)-[:BLAMES]->(a) MERGE (c)-[:REPORTED_IN]->(art)")
    ATTACK_OF = "MATCH (c:Claim {id: $claim})-[:ABOUT]->(t:Attack) RETURN t.id AS attack"
    RECORD = ("CREATE (v:Review) SET v = $review WITH v MATCH (a:Article {id: $review.article})"
              " MERGE (v)-[:REVIEWS]->(a)")
    REVIEWS = "MATCH (v:Review) RETURN properties(v) AS r"
    NODE = "MATCH (n {id: $id}) RETURN properties(n) AS p, labels(n) AS labels"

    def __init__(self, store):
        self.store = store
        self.tx = None
        self._touched: dict[str, str] = {}

    def _run(self, cypher: str, **params) -> list[dict]:
        if self.tx is not None:
            return self.tx.run(_q(cypher), params).data()
        return self.store.run(cypher, params)

    def run_in_tx(self, body, lock_claims: list[str]):
        """``body(self)`` in one managed write transaction (re-run whole on a transient error) that
        locks the claims first, then refreshes the dispute summaries it touched."""
        from .neo4j_store import refresh_disputes

        def work(tx):
            # Operations bound to this transaction, never shared: other threads (the review page
            # serves requests at once) keep reading through the driver, outside it.
            bound = Neo4jOps(self.store)
            bound.tx = tx
            for claim in sorted(set(lock_claims)):
                bound._run(self.LOCK_CLAIM, claim=claim)
            result = body(bound)
            refresh_disputes(lambda text, params: tx.run(_q(text), params).data(), bound._touched)
            return result

        with self.store._errors(), self.store.driver.session(database=self.store.database) as session:
            return session.execute_write(work)

    def get(self, key: StatementKey) -> dict | None:
        rows = self._run(self.GET, claim=key.claim, claimant=key.claimant, article=key.article, type=key.type)
        if not rows:
            return None
        props = dict(rows[0]["props"])
        props.pop("statementType", None)
        return {"hidden": rows[0]["hidden"], "props": props}

    def put(self, key: StatementKey, snapshot: dict | None) -> None:
        params = {"claim": key.claim, "claimant": key.claimant, "article": key.article, "type": key.type}
        self._run(self.DELETE, **params)
        if snapshot is not None:
            props = {k: v for k, v in snapshot["props"].items() if v is not None and k != "statementType"}
            text = self.CREATE_HIDDEN if snapshot["hidden"] else self.CREATE[key.type]
            self._run(text, **params, props=props)
        rows = self._run(self.ATTACK_OF, claim=key.claim)
        if rows:
            self._touched[key.claim] = rows[0]["attack"]

    def ensure_claim(self, claim: str, attack: str, accused: str, article: str, text: str) -> None:
        self._run(self.ENSURE_CLAIM, claim=claim, attack=attack, accused=accused, article=article, text=text)
        self._touched[claim] = attack

    def record(self, review: dict) -> None:
        self._run(self.RECORD, review={k: v for k, v in review.items() if v is not None})

    def reviews(self, statement: str | None = None) -> list[dict]:
        out = [r["r"] for r in self._run(self.REVIEWS)]
        return [r for r in out if statement is None or r["statement"] == statement or
                statement in (r.get("touches") or ())]

    def node(self, node_id: str) -> dict | None:
        rows = self._run(self.NODE, id=node_id)
        return {**rows[0]["p"], "labels": tuple(rows[0]["labels"])} if rows else None


def ops_for(store):
    """The review operations for a store (embedded or Neo4j)."""
    from .nx_store import NetworkXStore

    if isinstance(store, NetworkXStore):
        return NxOps(store)
    if hasattr(store, "driver"):
        return Neo4jOps(store)
    raise ParameterError(f"{store!r}: reviews are kept in the embedded store or in Neo4j (the neo4j driver). "
                         "Open the store by its file path or bolt:// URI.")


def dumps(value) -> str:
    """Snapshots travel in Review nodes as JSON text: Neo4j stores no nested maps."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False)
