"""The Neo4j store: the official driver, managed transactions, UNWIND batches, MERGE on ids.

Connection settings use the ecosystem's names (``NEO4J_URI``,
``NEO4J_USERNAME``, ``NEO4J_PASSWORD``, ``NEO4J_DATABASE``); arguments
override them, and for the local server that ``claimgraph neo4j start`` runs
the password comes from its password file. Labels and relationship types in
the Cypher below come only from the schema's fixed lists; every value travels
as a parameter.

The write path (:func:`write_plan`) is plain data, a list of ``(cypher,
rows)`` per transaction and the claims it writes (whose dispute summaries
:func:`refresh_disputes` recomputes in the same transaction), so that :class:`~claimgraph.graph.py2neo_store.Py2neoStore`
sends exactly the same statements through a user's py2neo ``Graph``.

MERGE semantics are those of :class:`~claimgraph.graph.nx_store.NetworkXStore`,
so the two stores hold the same graph after the same loads:

- a node's labels are the union of the labels it was written with; scalar
  properties are overwritten (the last write wins); list properties
  (``schema.LIST_PROPS``) grow as an ordered union;
- one relationship per (type, start, end) and, for keyed types, per key
  (one ATTRIBUTED_BY per claim, actor and article), its properties updated;
- a node met only as a relationship's end has its ``id`` and that end's label.

Records of one transaction are folded in Python first, in load order, so each
node and relationship is one row: later writes win across articles of a batch
exactly as they do one article at a time in the embedded store.
"""

from __future__ import annotations

import logging
import os
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator, LiteralString, cast

from neo4j import GraphDatabase, RoutingControl
from neo4j.exceptions import (
    AuthError,
    DriverError,
    Forbidden,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
)

from .dedup import copy_and_original, is_copy
from .disputes import SUMMARY_PROPS, refresh
from .errors import StoreError, StoreUnavailable
from .model import Extraction
from .reingest import STATEMENT_TYPES, drop_stale
from .schema import LABELS, LIST_PROPS, REL_TYPES, Node, Rel, graph_records

__all__ = ["BATCH_ROWS", "SCHEMA_STATEMENTS", "Fold", "Neo4jStore", "copy_links", "refresh_disputes", "valid_unicode",
           "write_batch", "write_plan"]

# Records per write transaction. Each article gives some 20-40 rows; Neo4j's
# guidance keeps one transaction at 10k rows or fewer.
BATCH_ROWS = 5000
START_HINT = "Start one with 'claimgraph neo4j start' or set NEO4J_URI."

# The driver logs connection failures as warnings; with logging unconfigured Python's
# last-resort handler would print them beside claimgraph's own one-line error. A
# NullHandler stops only that fallback: configured logging still receives them.
logging.getLogger("neo4j").addHandler(logging.NullHandler())
# Uniqueness on every label's id (each also backs the id lookups of MERGE and of
# the queries), the name lookups, and a full-text index over names and aliases.
SCHEMA_STATEMENTS: tuple[str, ...] = (
    *(f"CREATE CONSTRAINT {label.lower()}_id IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE"
      for label in LABELS),
    "CREATE INDEX actor_name IF NOT EXISTS FOR (n:Actor) ON (n.name)",
    "CREATE INDEX attack_name IF NOT EXISTS FOR (n:Attack) ON (n.name)",
    "CREATE FULLTEXT INDEX entity_names IF NOT EXISTS FOR (n:Actor|Attack) ON EACH [n.name, n.aliases]",
    # contested_claims reads the contested claims in score order (graph/disputes.py).
    "CREATE INDEX claim_score IF NOT EXISTS FOR (n:Claim) ON (n.score)",
    # Near-duplicate candidates: articles sharing a MinHash band key (graph/dedup.py).
    "CREATE FULLTEXT INDEX article_lsh IF NOT EXISTS FOR (n:Article) ON EACH [n.lsh]",
)

STATS_LABELS = "MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS n ORDER BY label"
STATS_TYPES = "MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n ORDER BY type"
CLEAR = "MATCH (n) DETACH DELETE n"


def _q(text: str) -> LiteralString:
    # Safe: every query text is a constant of this module or a packaged .cypher file,
    # with labels and types from the schema's whitelist; values are parameters.
    return cast(LiteralString, text)


class Neo4jStore:
    """A claim graph in Neo4j.

    ``uri``, ``user``, ``password`` and ``database`` default to ``NEO4J_URI``,
    ``NEO4J_USERNAME`` (else ``neo4j``), ``NEO4J_PASSWORD`` and
    ``NEO4J_DATABASE`` (else the server's default database). Without a
    password, a URI that points at the local server of ``claimgraph neo4j
    start`` uses that server's password file.

    Raises StoreUnavailable when no server answers, StoreError when it
    refuses the credentials or the database.
    """

    def __init__(self, uri: str | None = None, user: str | None = None, password: str | None = None,
                 database: str | None = None):
        uri = uri or os.environ.get("NEO4J_URI")
        if not uri:
            raise StoreUnavailable(f"No Neo4j URI given and NEO4J_URI is not set. {START_HINT}")
        self.uri = uri
        self.database = database or os.environ.get("NEO4J_DATABASE") or None
        if password is None:
            password = os.environ.get("NEO4J_PASSWORD")
        if password is None:
            from .neo4j_server import local_credentials

            creds = local_credentials(uri)
            if creds:
                user, password = user or creds[0], creds[1]
        self.user = user or os.environ.get("NEO4J_USERNAME") or "neo4j"
        try:
            # Notifications off: "unknown label" warnings on an empty graph are noise to users.
            self.driver = GraphDatabase.driver(uri, auth=(self.user, password or ""),
                                               notifications_min_severity="OFF")
        except (DriverError, ValueError) as exc:
            raise StoreError(f"{uri} is not a usable Neo4j URI ({exc}). Give one such as "
                             "bolt://127.0.0.1:7687 or neo4j://host:7687.") from exc
        try:
            with self._errors():
                try:
                    self.driver.verify_connectivity()
                except ValueError as exc:  # e.g. a port that is not a number
                    raise StoreError(f"{uri} is not a usable Neo4j URI ({exc}). Give one such as "
                                     "bolt://127.0.0.1:7687 or neo4j://host:7687.") from exc
            self.ensure_schema()
        except BaseException:
            self.driver.close()
            raise

    def __repr__(self) -> str:
        return f"Neo4jStore({self.uri!r})"

    def __enter__(self) -> Neo4jStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def ensure_schema(self) -> None:
        """Uniqueness constraints on every label's id and the indexes the queries use (idempotent).

        A user without schema rights (a read-only analyst account) gets no
        error here: reading needs no schema, and a write would be refused anyway.
        """
        with self._errors():
            for text in SCHEMA_STATEMENTS:
                try:
                    self.driver.execute_query(_q(text), database_=self.database)
                except Forbidden:
                    return

    def load(self, extractions: Iterable[Extraction], batch_rows: int = BATCH_ROWS) -> int:
        """MERGE extractions into the graph, one managed write transaction per batch; returns how many.

        After each batch, its articles are linked to their near-duplicates
        (COPY_OF, see :mod:`claimgraph.graph.dedup`), in the same session, so
        the candidates' read sees the batch just written even on a cluster.
        """
        n = 0
        with self._errors(), self.driver.session(database=self.database) as session:
            for article_ids, statements, claims in write_plan(extractions, batch_rows):
                # A managed transaction: retried on transient errors (deadlocks, leader
                # changes, lost connections), which is safe because every write is a MERGE
                # and the dispute summaries are recomputed from what is stored.
                session.execute_write(write_batch, statements, claims)
                links = copy_links(lambda text, params: session.execute_read(_read, text, params), article_ids)
                if links:
                    session.execute_write(_run_all, links)
                n += len(article_ids)
        return n

    def run(self, text: str, params: dict | None = None, write: bool = False) -> list[dict]:
        """Run Cypher and return rows as dicts; read-only unless ``write``."""
        with self._errors():
            records, _, _ = self.driver.execute_query(
                _q(text), params or {}, database_=self.database,
                routing_=RoutingControl.WRITE if write else RoutingControl.READ,
            )
        return [r.data() for r in records]

    def stats(self) -> dict:
        """Counts by label and by relationship type."""
        return stats_from_rows(self.run(STATS_LABELS), self.run(STATS_TYPES))

    def clear(self) -> None:
        """Delete every node and relationship (tests and re-imports); the schema stays."""
        self.run(CLEAR, write=True)

    def close(self) -> None:
        self.driver.close()

    def _errors(self) -> _Translate:
        return _Translate(self.uri, self.user, self.database)


def _run_all(tx, statements: list[tuple[str, list[dict]]]) -> None:
    for text, rows in statements:
        tx.run(_q(text), rows=rows).consume()


def write_batch(tx, statements: list[tuple[str, list[dict]]], claims: dict[str, str]) -> None:
    """One batch's MERGE statements, the stale machine statements of its articles dropped
    (graph/reingest.py), then the dispute summaries of its claims, in one transaction."""
    _run_all(tx, statements)
    claims = dict(claims)
    drop_stale(lambda text, params: tx.run(_q(text), params).data(), statements, ARTICLE_QUERY,
               STATEMENT_QUERIES, claims)
    refresh_disputes(lambda text, params: tx.run(_q(text), params).data(), claims)


# --- dispute summaries (graph/disputes.py), refreshed in the write transaction ------------------

_SUMMARY = "{" + ", ".join(f".{k}" for k in SUMMARY_PROPS) + "}"
# A write lock on each attack whose claims are summarised, taken before anything is read (the
# Cypher manual's idiom: set a property and remove it). Concurrent loaders touching one attack
# take turns, so each reads the others' committed statements and no summary is lost.
LOCK_ATTACKS = "UNWIND $ids AS id MATCH (t:Attack {id: id}) SET t._LOCK_ = true REMOVE t._LOCK_"
CLAIM_STATEMENTS = (
    "UNWIND $ids AS id MATCH (c:Claim {id: id})"
    f" RETURN c.id AS claim, c {_SUMMARY} AS summary,"
    " COLLECT { MATCH (c)-[r:ATTRIBUTED_BY|DISPUTED_BY]->(w:Actor) RETURN [w.id, type(r), r.published] } AS statements"
)
ATTACK_CLAIMS = (
    "UNWIND $ids AS id MATCH (t:Attack {id: id})<-[:ABOUT]-(c:Claim)"
    f" RETURN t.id AS attack, c.id AS claim, c {_SUMMARY} AS summary,"
    " COLLECT { MATCH (c)-[:BLAMES]->(a:Actor) RETURN a.id } AS accused"
)
WRITE_SUMMARIES = ("UNWIND $rows AS row MATCH (c:Claim {id: row.id}) SET "
                   + ", ".join(f"c.{k} = row.{k}" for k in SUMMARY_PROPS))  # null removes the property


def refresh_disputes(read, claims: dict[str, str]) -> None:
    """Recompute the dispute summaries of ``claims`` (claim -> attack) and their attacks' rivals.

    ``read(text, params)`` runs Cypher in the caller's write transaction and
    returns rows as dicts (Neo4jStore and Py2neoStore give theirs).
    """
    if not claims:
        return
    read(LOCK_ATTACKS, {"ids": sorted(set(claims.values()))})

    def statements_of(ids: list[str]) -> dict:
        return {r["claim"]: (r["summary"], [tuple(x) for x in r["statements"]])
                for r in read(CLAIM_STATEMENTS, {"ids": ids})}

    def claims_of(attacks: list[str]) -> dict:
        out: dict[str, dict] = defaultdict(dict)
        for r in read(ATTACK_CLAIMS, {"ids": attacks}) if attacks else ():
            out[r["attack"]][r["claim"]] = (r["summary"], r["accused"])
        return out

    found = refresh(claims, statements_of, claims_of)
    if found:
        read(WRITE_SUMMARIES, {"rows": [{"id": c, **summary} for c, summary in sorted(found.items())]})


class _Translate:
    """Driver errors become claimgraph errors that name the server and say the fix."""

    def __init__(self, uri: str, user: str, database: str | None):
        self.uri, self.user, self.database = uri, user, database

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind, exc, tb) -> bool:
        if exc is None or isinstance(exc, StoreError):
            return False
        if isinstance(exc, (ServiceUnavailable, SessionExpired)):
            raise StoreUnavailable(f"No Neo4j server answers at {self.uri} ({_reason(exc)}). {START_HINT}") from exc
        if isinstance(exc, AuthError):
            raise StoreError(
                f"Neo4j at {self.uri} refused the credentials of user {self.user!r}. Set NEO4J_USERNAME and "
                "NEO4J_PASSWORD (for the local server: eval \"$(claimgraph neo4j env)\")."
            ) from exc
        if isinstance(exc, Neo4jError):
            code = exc.code or ""
            if code.endswith("DatabaseNotFound"):
                raise StoreError(f"Neo4j at {self.uri} has no database {self.database!r}. Set NEO4J_DATABASE "
                                 "to an existing one, or unset it for the server's default.") from exc
            if code.startswith("Neo.ClientError.Security."):
                raise StoreError(f"Neo4j at {self.uri} does not allow user {self.user!r} to do this "
                                 f"({_first_line(exc)}). Ask for write rights, or use another account.") from exc
            raise StoreError(f"Neo4j at {self.uri} refused the query: {_first_line(exc)}") from exc
        if isinstance(exc, DriverError):
            raise StoreError(f"Neo4j driver error with {self.uri}: {_first_line(exc)}") from exc
        return False


def _first_line(exc: BaseException) -> str:
    text = getattr(exc, "message", None) or str(exc) or exc.__class__.__name__
    return text.strip().splitlines()[0].rstrip(":")


def _reason(exc: BaseException) -> str:
    """The socket's own words when the driver quotes them ("[Errno 111] Connection refused")."""
    found = re.findall(r"\(reason (.+?)\)\s*$", str(exc), flags=re.MULTILINE)
    return found[-1] if found else _first_line(exc)


def stats_from_rows(labels: list[dict], types: list[dict]) -> dict:
    return {"nodes": {r["label"]: r["n"] for r in labels},
            "relationships": {r["type"]: r["n"] for r in types}}


# --- the write plan, shared with the py2neo store ------------------------------------------------


@dataclass
class Fold:
    """Records folded per node id and per relationship key in load order (the MERGE semantics of this module).

    :func:`write_plan` folds one transaction's records; the offline import
    (:mod:`claimgraph.graph.neo4j_import`) folds a whole import the same way.
    ``nodes``: id -> (labels, scalar properties, list properties);
    ``rels``: (type, start, end, key) -> (start label, end label, properties).
    """

    nodes: dict[str, tuple[set[str], dict[str, Any], dict[str, list]]] = field(default_factory=dict)
    rels: dict[tuple[str, str, str, str], tuple[str, str, dict[str, Any]]] = field(default_factory=dict)
    records: int = 0
    article_ids: list[str] = field(default_factory=list)
    claims: dict[str, str] = field(default_factory=dict)  # claim -> attack, from the ABOUT relationships

    def add(self, nodes: list[Node], rels: list[Rel]) -> None:
        self.records += len(nodes) + len(rels)
        for node in nodes:
            labels, scalars, lists = self.nodes.setdefault(node.id, (set(), {}, {}))
            labels.update(node.labels)
            for k, v in node.props.items():
                if k in LIST_PROPS:
                    have = lists.get(k)
                    # NetworkXStore._merge_node: the old list, then what it lacks of the new one.
                    lists[k] = list(v) if have is None else have + [x for x in v if x not in have]
                else:
                    scalars[k] = v
        for rel in rels:
            if rel.type == "ABOUT":
                self.claims[rel.start] = rel.end
            key = (rel.type, rel.start, rel.end, rel.key)
            if key in self.rels:
                self.rels[key][2].update(rel.props)
            else:
                self.rels[key] = (rel.start_label, rel.end_label, dict(rel.props))

    def statements(self) -> list[tuple[str, list[dict]]]:
        node_rows: dict[tuple[str, ...], list[dict]] = defaultdict(list)
        for node_id, (labels, scalars, lists) in self.nodes.items():
            node_rows[tuple(sorted(labels))].append(
                {"id": node_id, "props": valid_unicode(scalars),
                 **{k: valid_unicode(lists.get(k, [])) for k in LIST_PROPS}})
        rel_rows: dict[tuple[str, str, str, bool], list[dict]] = defaultdict(list)
        for (rel_type, start, end, key), (start_label, end_label, props) in self.rels.items():
            rel_rows[(rel_type, start_label, end_label, bool(key))].append(
                {"start": start, "end": end, "key": key, "props": valid_unicode(props)})
        # Nodes first, so that relationships find them; groups in a fixed order, so that
        # concurrent loaders take their locks alike.
        return ([(_node_query(labels), node_rows[labels]) for labels in sorted(node_rows)]
                + [(_rel_query(*group), rel_rows[group]) for group in sorted(rel_rows)])


# Articles sharing a MinHash band key with each given article: near-duplicate candidates, found
# through the full-text index without a scan. The Lucene query is made of the stored band keys
# (hex tokens that graph.dedup writes), never of user text.
COPY_CANDIDATES = (
    "UNWIND $ids AS id MATCH (a:Article {id: id}) WHERE size(coalesce(a.lsh, [])) > 0"
    " CALL db.index.fulltext.queryNodes('article_lsh', reduce(q = head(a.lsh), k IN tail(a.lsh) | q + ' OR ' + k))"
    " YIELD node WHERE node.id <> id"
    " RETURN id AS article, a.text AS text, a.published AS published,"
    " node.id AS other, node.text AS other_text, node.published AS other_published"
)
LINK_COPIES = ("UNWIND $rows AS row MATCH (c:Article {id: row.copy}) MATCH (o:Article {id: row.original})"
               " MERGE (c)-[r:COPY_OF]->(o) SET r.similarity = row.similarity")


def copy_links(read, article_ids: list[str]) -> list[tuple[str, list[dict]]]:
    """The write statements linking these (committed) articles to their near-duplicates in the graph.

    ``read(text, params)`` returns rows as dicts; the pairs are those of
    ``NetworkXStore._link_copies`` (the same test, the same copy/original order).
    """
    edges: dict[tuple[str, str], float] = {}
    for r in read(COPY_CANDIDATES, {"ids": list(dict.fromkeys(article_ids))}):
        found = is_copy(r["text"], r["other_text"])
        if found:
            copy, original = copy_and_original((r["article"], r["published"]), (r["other"], r["other_published"]))
            edges[(copy, original)] = found
    rows = [{"copy": c, "original": o, "similarity": sim} for (c, o), sim in edges.items()]
    return [(LINK_COPIES, rows)] if rows else []


def _read(tx, text: str, params: dict) -> list[dict]:
    return tx.run(_q(text), params).data()


def write_plan(extractions: Iterable[Extraction], batch_rows: int = BATCH_ROWS,
               ) -> Iterator[tuple[list[str], list[tuple[str, list[dict]]], dict[str, str]]]:
    """``(article ids, [(cypher, rows), ...], {claim: attack})`` per write transaction: run each
    ``tx.run(cypher, rows=rows)``, then :func:`refresh_disputes` for the claims (:func:`write_batch`)."""
    batch = Fold()
    for ex in extractions:
        batch.add(*graph_records(ex))
        batch.article_ids.append(ex.article.id)
        if batch.records >= batch_rows:
            yield batch.article_ids, batch.statements(), batch.claims
            batch = Fold()
    if batch.article_ids:
        yield batch.article_ids, batch.statements(), batch.claims


def _node_query(labels: tuple[str, ...]) -> str:
    if not labels or not set(labels) <= set(LABELS):
        raise ValueError(f"labels outside the schema: {labels}")
    primary = "Actor" if "Actor" in labels else labels[0]
    extra = "".join(f" SET n:{label}" for label in labels if label != primary)
    # The embedded store's list union: the old list, then the new items it lacks; an
    # empty update leaves the property as it was (absent stays absent, as in networkx).
    lists = "".join(
        f" SET n.{p} = CASE WHEN size(row.{p}) = 0 THEN n.{p}"
        f" ELSE coalesce(n.{p}, []) + [x IN row.{p} WHERE NOT x IN coalesce(n.{p}, [])] END"
        for p in LIST_PROPS)
    return f"UNWIND $rows AS row MERGE (n:{primary} {{id: row.id}}) SET n += row.props{extra}{lists}"


def _rel_query(rel_type: str, start_label: str, end_label: str, keyed: bool) -> str:
    if rel_type not in REL_TYPES or not {start_label, end_label} <= set(LABELS):
        raise ValueError(f"relationship outside the schema: {start_label}-{rel_type}->{end_label}")
    # Keyed types carry their key as the `article` property (one edge per claim, actor, article).
    key = " {article: row.key}" if keyed else ""
    if rel_type in STATEMENT_TYPES and keyed:
        # An analyst's decision wins over re-extraction (graph/reingest.py): a rejected statement
        # (a REJECTED edge) is not written again, a reviewed one keeps its properties.
        return (f"UNWIND $rows AS row MERGE (a:{start_label} {{id: row.start}}) MERGE (b:{end_label} {{id: row.end}})"
                f" WITH a, b, row WHERE NOT EXISTS {{ MATCH (a)-[x:REJECTED]->(b)"
                f" WHERE x.article = row.key AND x.statementType = '{rel_type}' }}"
                f" MERGE (a)-[r:{rel_type}{key}]->(b)"
                " SET r += CASE WHEN coalesce(r.review, 'machine') = 'machine' THEN row.props ELSE {} END")
    return (f"UNWIND $rows AS row MERGE (a:{start_label} {{id: row.start}}) MERGE (b:{end_label} {{id: row.end}})"
            f" MERGE (a)-[r:{rel_type}{key}]->(b) SET r += row.props")


ARTICLE_QUERY = _node_query(("Article",))
STATEMENT_QUERIES = {_rel_query(t, "Claim", "Actor", True): t for t in STATEMENT_TYPES}

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def valid_unicode(value):
    """Neo4j strings are UTF-8: a lone surrogate (possible in JSON input) becomes U+FFFD.

    One code point replaces one, so character offsets into the text stay right.
    """
    if isinstance(value, str):
        try:
            value.encode("utf-8")
            return value
        except UnicodeEncodeError:
            return _LONE_SURROGATE.sub("\ufffd", value)
    if isinstance(value, list):
        return [valid_unicode(v) for v in value]
    if isinstance(value, dict):
        return {k: valid_unicode(v) for k, v in value.items()}
    return value
