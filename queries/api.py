"""The Python query API: ``ClaimGraph.open(store)`` and one method per question.

>>> from claimgraph import ClaimGraph
>>> with ClaimGraph.open(None) as cg:
...     isinstance(cg.stats(), dict)
True
"""

from __future__ import annotations

import difflib
from typing import Iterable

from ..graph.errors import UnknownName
from ..graph.model import Extraction
from ..graph.nx_store import NetworkXStore
from ..graph.store import open_store
from .nx_queries import NX_QUERIES
from .registry import get_query

__all__ = ["ClaimGraph"]


class ClaimGraph:
    """A claim graph on either store; the same answers from both."""

    def __init__(self, store):
        self.store = store

    @classmethod
    def open(cls, store: str | None = None, **options) -> ClaimGraph:
        """Open a graph file or a Neo4j URI (default: $NEO4J_URI, else the user's graph file)."""
        return cls(open_store(store, **options))

    def __enter__(self) -> ClaimGraph:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.store.close()

    def load(self, extractions: Iterable[Extraction]) -> int:
        """MERGE extraction records into the store; returns how many were loaded."""
        return self.store.load(extractions)

    def stats(self) -> dict:
        """Counts of nodes by label and relationships by type."""
        return self.store.stats()

    def query(self, name: str, **params) -> list:
        """Run a named query with parameters; rows are NamedTuples of its columns."""
        q = get_query(name)
        missing = [p for p in q.params if p not in params and p not in q.optional]
        if missing:
            raise UnknownName(f"Query {name!r} needs the parameter(s) {', '.join(missing)} "
                              f"(it takes: {', '.join(q.params)}).")
        values = {p: params.get(p) for p in q.params}
        if isinstance(self.store, NetworkXStore):
            rows = NX_QUERIES[name](self.store.graph, **values)
        else:
            rows = self.store.run(q.text, values)
        return [q.row_type(**{c: r.get(c) for c in q.columns}) for r in rows]

    def resolve(self, name: str, label: str) -> str:
        """The id of the Actor or Attack called ``name`` (by name or alias, any case)."""
        wanted = name.strip().lower()
        hits = [r for r in self.query("search_entities", text=name.strip()) if r.label == label]
        exact = [r for r in hits if r.id.lower() == wanted or (r.name or "").lower() == wanted
                 or wanted in (a.lower() for a in r.aliases)]
        if len(exact) >= 1:
            return exact[0].id
        if len(hits) == 1:
            return hits[0].id
        names = [r.name for r in (hits or self.query("search_entities", text="")) if r.label == label]
        close = difflib.get_close_matches(name, names, n=5, cutoff=0.3) or names[:5]
        hint = f" Closest: {', '.join(close)}." if close else f" The graph has no {label} yet: ingest articles first."
        raise UnknownName(f"No {label.lower()} called {name!r}.{hint}")

    def trace(self, attack: str) -> list:
        """For one attack: every accused actor, who asserted and who disputed it, with the quotes."""
        return self.query("trace_attack", attack=self.resolve(attack, "Attack"))
