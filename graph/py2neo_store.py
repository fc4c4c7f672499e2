"""claimgraph on a py2neo ``Graph`` the user already holds (the optional extra ``claimgraph[py2neo]``).

py2neo is end-of-life upstream (its last release, 2021.2.4, predates Neo4j 5).
:class:`~claimgraph.graph.neo4j_store.Neo4jStore`, on the official driver, is
claimgraph's own path; this adapter is for code that already has a py2neo
``Graph`` and wants the claim graph in it:

>>> from py2neo import Graph                                    # doctest: +SKIP
>>> from claimgraph import ClaimGraph                           # doctest: +SKIP
>>> cg = ClaimGraph(Py2neoStore(Graph("bolt://127.0.0.1:7687", auth=("neo4j", "..."))))  # doctest: +SKIP
>>> cg.trace("Crocus City Hall attack")                          # doctest: +SKIP

It writes exactly what Neo4jStore writes (the same ``write_plan``: UNWIND
batches, MERGE on ids, values as parameters, labels from the schema's
whitelist) inside py2neo's retrying write transactions (``Graph.update``), and
reads through ``Graph.query`` (read-only, retried).

What works and what does not, against Neo4j 5.26 on Python 3.11
(tests/integration/test_py2neo.py shows each):

- ``bolt://`` and ``neo4j://``: work. py2neo offers Bolt 4.0-4.3 only, and
  Neo4j 5.26 still accepts 4.3 (marked "could be removed in the next version"
  in Neo4j's Bolt compatibility table); a server without Bolt 4.3 ends
  py2neo's handshake with ``ConnectionUnavailable``.
- ``http://``: fails when the ``Graph`` is made: py2neo asks ``GET /db/data/``,
  an endpoint Neo4j 4.0 removed, and raises ``ClientError: [Request.Invalid] Not Found``.
- A wrong password: py2neo raises ``ConnectionUnavailable: Connection has been
  closed``; the server's ``Security.Unauthorized`` is only its ``__context__``.
- ``Graph.schema`` (``create_index``, ``create_uniqueness_constraint``,
  ``get_indexes``...) uses Cypher that Neo4j 5 removed; this store creates its
  constraints and indexes with the same Cypher as Neo4jStore instead.
"""

from __future__ import annotations

from typing import Iterable

from .errors import StoreError, StoreUnavailable
from .model import Extraction
from .neo4j_store import (
    ARTICLE_QUERY,
    BATCH_ROWS,
    CLEAR,
    SCHEMA_STATEMENTS,
    START_HINT,
    STATS_LABELS,
    STATS_TYPES,
    STATEMENT_QUERIES,
    copy_links,
    refresh_disputes,
    stats_from_rows,
    write_plan,
)
from .reingest import drop_stale

__all__ = ["Py2neoStore"]


def _py2neo_errors():
    try:
        from py2neo import errors
    except ImportError as exc:
        raise StoreError("py2neo is not installed. Install the extra: pip install 'claimgraph[py2neo]' "
                         "(or use the official driver: ClaimGraph.open('bolt://...')).") from exc
    return errors


class Py2neoStore:
    """A claim graph in the database behind a user's ``py2neo.Graph``; the interface of Neo4jStore.

    The Graph stays the caller's: :meth:`close` leaves it open.
    """

    def __init__(self, graph, ensure_schema: bool = True):
        self._errors_module = _py2neo_errors()
        self.graph = graph
        self.uri = _uri_of(graph)
        with self._errors():
            graph.query("RETURN 1").evaluate()
        if ensure_schema:
            self.ensure_schema()

    def __repr__(self) -> str:
        return f"Py2neoStore({self.graph!r})"

    def __enter__(self) -> Py2neoStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def ensure_schema(self) -> None:
        """The constraints and indexes of Neo4jStore, in Cypher (py2neo's schema API predates Neo4j 5)."""
        with self._errors():
            for text in SCHEMA_STATEMENTS:
                try:
                    self.graph.update(text)
                except self._errors_module.ClientError as exc:
                    if exc.category == "Security":  # a read-only account: reading needs no schema
                        return
                    raise

    def load(self, extractions: Iterable[Extraction], batch_rows: int = BATCH_ROWS) -> int:
        """MERGE extractions into the graph, one retried write transaction per batch; returns how many."""
        n = 0
        with self._errors():
            for article_ids, statements, claims in write_plan(extractions, batch_rows):
                self.graph.update(_write_batch, [statements, claims])
                links = copy_links(lambda text, params: self.graph.query(text, params).data(), article_ids)
                if links:  # near-duplicate articles: COPY_OF, as Neo4jStore and NetworkXStore link them
                    self.graph.update(_run_all, [links])
                n += len(article_ids)
        return n

    def run(self, text: str, params: dict | None = None, write: bool = False) -> list[dict]:
        """Run Cypher and return rows as dicts; read-only unless ``write``."""
        with self._errors():
            if not write:
                return self.graph.query(text, params or {}).data()
            rows: list[dict] = []

            def work(tx):
                rows[:] = tx.run(text, params or {}).data()  # a retry starts the rows afresh

            self.graph.update(work)
            return rows

    def stats(self) -> dict:
        """Counts by label and by relationship type."""
        return stats_from_rows(self.run(STATS_LABELS), self.run(STATS_TYPES))

    def clear(self) -> None:
        """Delete every node and relationship; the schema stays."""
        self.run(CLEAR, write=True)

    def close(self) -> None:
        """Nothing to release: the py2neo Graph belongs to the caller."""

    def _errors(self) -> _Translate:
        return _Translate(self.uri, self._errors_module)


def _run_all(tx, statements: list[tuple[str, list[dict]]]) -> None:
    for text, rows in statements:
        tx.run(text, {"rows": rows})


def _write_batch(tx, statements: list[tuple[str, list[dict]]], claims: dict[str, str]) -> None:
    """Neo4jStore's write transaction: the batch, its stale machine statements dropped, then the
    dispute summaries of its claims."""
    _run_all(tx, statements)
    claims = dict(claims)
    drop_stale(lambda text, params: tx.run(text, params).data(), statements, ARTICLE_QUERY, STATEMENT_QUERIES, claims)
    refresh_disputes(lambda text, params: tx.run(text, params).data(), claims)


def _uri_of(graph) -> str:
    try:
        return graph.service.uri
    except AttributeError:
        return repr(graph)


class _Translate:
    """py2neo's errors become claimgraph's, named for the server and with the fix."""

    def __init__(self, uri: str, errors):
        self.uri, self.errors = uri, errors

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind, exc, tb) -> bool:
        e = self.errors
        if exc is None or isinstance(exc, StoreError):
            return False
        if isinstance(exc, (e.ConnectionUnavailable, e.ConnectionBroken, e.ConnectionLimit, e.ServiceUnavailable)):
            raise StoreUnavailable(f"No Neo4j server answers py2neo at {self.uri} ({exc}). {START_HINT}") from exc
        if isinstance(exc, e.Neo4jError):
            if exc.title == "DatabaseNotFound":
                raise StoreError(f"Neo4j at {self.uri} has no database named like the py2neo Graph's "
                                 f"({exc.message}). Give Graph(..., name=...) an existing one.") from exc
            if exc.category == "Security":
                raise StoreError(f"Neo4j at {self.uri} refused this to the py2neo Graph's user "
                                 f"({exc.message}).") from exc
            raise StoreError(f"Neo4j at {self.uri} refused the query: {exc.message}") from exc
        return False
