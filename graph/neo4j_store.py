"""The Neo4j store: the official driver, managed transactions, UNWIND batches, MERGE on ids.

Connection settings use the ecosystem's names (``NEO4J_URI``,
``NEO4J_USERNAME``, ``NEO4J_PASSWORD``, ``NEO4J_DATABASE``); for the local
server that ``claimgraph neo4j start`` runs, the password comes from its
password file. Labels and relationship types in the Cypher below come only
from the schema's fixed lists; every value travels as a parameter.
"""

from __future__ import annotations

import os
from collections import defaultdict
from typing import Iterable, LiteralString, cast

from neo4j import GraphDatabase, RoutingControl
from neo4j.exceptions import AuthError, ClientError, ServiceUnavailable

from .errors import StoreError, StoreUnavailable
from .model import Extraction
from .schema import LABELS, LIST_PROPS, REL_TYPES, Node, Rel, graph_records

__all__ = ["Neo4jStore"]

BATCH_ARTICLES = 200  # articles per write transaction: a few thousand rows


def _q(text: str) -> LiteralString:
    # Safe: every query text is a constant of this module or a packaged .cypher file,
    # with labels and types from the schema's whitelist; values are parameters.
    return cast(LiteralString, text)


class Neo4jStore:
    """A claim graph in Neo4j.

    Raises StoreUnavailable when no server answers at ``uri``.
    """

    def __init__(self, uri: str, user: str | None = None, password: str | None = None,
                 database: str | None = None):
        self.uri = uri
        self.database = database or os.environ.get("NEO4J_DATABASE") or None
        user = user or os.environ.get("NEO4J_USERNAME") or "neo4j"
        if password is None:
            password = os.environ.get("NEO4J_PASSWORD")
        if password is None:
            from .server import local_credentials

            creds = local_credentials(uri)
            if creds:
                user, password = creds
        # Notifications off: "unknown label" warnings on an empty graph are noise to users.
        self.driver = GraphDatabase.driver(uri, auth=(user, password or ""), notifications_min_severity="OFF")
        try:
            self.driver.verify_connectivity()
        except ServiceUnavailable as exc:
            self.driver.close()
            raise StoreUnavailable(
                f"No Neo4j server at {uri}. Start one with 'claimgraph neo4j start' or set NEO4J_URI."
            ) from exc
        except AuthError as exc:
            self.driver.close()
            raise StoreError(
                f"Neo4j at {uri} refused the credentials of user {user!r}. Set NEO4J_USERNAME and "
                "NEO4J_PASSWORD (for the local server: eval \"$(claimgraph neo4j env)\")."
            ) from exc
        self.ensure_schema()

    def __repr__(self) -> str:
        return f"Neo4jStore({self.uri!r})"

    def ensure_schema(self) -> None:
        """Uniqueness constraints on every label's id and the indexes the queries use (idempotent)."""
        statements = [f"CREATE CONSTRAINT {label.lower()}_id IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE"
                      for label in LABELS]
        statements += [
            "CREATE INDEX actor_name IF NOT EXISTS FOR (n:Actor) ON (n.name)",
            "CREATE INDEX attack_name IF NOT EXISTS FOR (n:Attack) ON (n.name)",
            "CREATE FULLTEXT INDEX entity_names IF NOT EXISTS FOR (n:Actor|Attack) ON EACH [n.name, n.aliases]",
        ]
        for text in statements:
            self.driver.execute_query(_q(text), database_=self.database)

    def load(self, extractions: Iterable[Extraction], batch_articles: int = BATCH_ARTICLES) -> int:
        """MERGE extractions into the graph, one write transaction per batch of articles."""
        n = 0
        nodes: list[Node] = []
        rels: list[Rel] = []
        for ex in extractions:
            more_nodes, more_rels = graph_records(ex)
            nodes += more_nodes
            rels += more_rels
            n += 1
            if n % batch_articles == 0:
                self._write(nodes, rels)
                nodes, rels = [], []
        if nodes or rels:
            self._write(nodes, rels)
        return n

    def _write(self, nodes: list[Node], rels: list[Rel]) -> None:
        node_groups: dict[tuple[str, ...], list[dict]] = defaultdict(list)
        for node in nodes:
            scalar = {k: v for k, v in node.props.items() if k not in LIST_PROPS}
            lists = {k: node.props.get(k, []) for k in LIST_PROPS}
            node_groups[node.labels].append({"id": node.id, "props": scalar, **lists})
        rel_groups: dict[tuple[str, str, str, bool], list[dict]] = defaultdict(list)
        for rel in rels:
            rel_groups[(rel.type, rel.start_label, rel.end_label, bool(rel.key))].append(
                {"start": rel.start, "end": rel.end, "key": rel.key, "props": rel.props})

        def work(tx):
            # Node groups in a fixed order, so concurrent loaders take locks alike.
            for labels in sorted(node_groups):
                tx.run(_node_query(labels), rows=node_groups[labels]).consume()
            for key in sorted(rel_groups):
                tx.run(_rel_query(*key), rows=rel_groups[key]).consume()

        with self.driver.session(database=self.database) as session:
            session.execute_write(work)

    def run(self, text: str, params: dict | None = None, write: bool = False) -> list[dict]:
        """Run Cypher and return rows as dicts; read-only unless ``write``."""
        try:
            records, _, _ = self.driver.execute_query(
                _q(text), params or {}, database_=self.database,
                routing_=RoutingControl.WRITE if write else RoutingControl.READ,
            )
        except ClientError as exc:
            raise StoreError(f"Neo4j refused the query: {exc.message}") from exc
        return [r.data() for r in records]

    def stats(self) -> dict:
        labels = self.run("MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS n ORDER BY label")
        types = self.run("MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n ORDER BY type")
        return {"nodes": {r["label"]: r["n"] for r in labels},
                "relationships": {r["type"]: r["n"] for r in types}}

    def clear(self) -> None:
        """Delete every node and relationship (tests and re-imports)."""
        self.driver.execute_query(_q("MATCH (n) DETACH DELETE n"), database_=self.database)

    def close(self) -> None:
        self.driver.close()


def _node_query(labels: tuple[str, ...]) -> str:
    assert set(labels) <= set(LABELS), labels
    primary = "Actor" if "Actor" in labels else labels[0]
    extra = "".join(f" SET n:{label}" for label in labels if label != primary)
    # List properties are merged as a union in first-seen order, as the embedded store does.
    lists = "".join(
        f" SET n.{p} = CASE WHEN size(coalesce(n.{p}, []) + row.{p}) = 0 THEN null ELSE"
        f" reduce(acc = [], x IN coalesce(n.{p}, []) + row.{p} | CASE WHEN x IN acc THEN acc ELSE acc + x END) END"
        for p in LIST_PROPS)
    return f"UNWIND $rows AS row MERGE (n:{primary} {{id: row.id}}) SET n += row.props{extra}{lists}"


def _rel_query(rel_type: str, start_label: str, end_label: str, keyed: bool) -> str:
    assert rel_type in REL_TYPES and {start_label, end_label} <= set(LABELS)
    key = " {article: row.key}" if keyed else ""
    return (f"UNWIND $rows AS row MERGE (a:{start_label} {{id: row.start}}) MERGE (b:{end_label} {{id: row.end}})"
            f" MERGE (a)-[r:{rel_type}{key}]->(b) SET r += row.props")
