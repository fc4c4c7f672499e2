"""The embedded store: a networkx MultiDiGraph persisted to one file.

Nodes are keyed by id and carry ``labels`` (a sorted tuple) plus the schema's
properties; edges are keyed by ``TYPE`` or ``TYPE|discriminator`` so that
writing the same record twice changes nothing (MERGE semantics). The file is a
pickle with a format version: claimgraph only ever reads files it wrote.
"""

from __future__ import annotations

import os
import pickle
import tempfile
import threading
from collections import Counter
from pathlib import Path
from typing import Iterable

import networkx as nx

from .dedup import copy_and_original, is_copy
from .disputes import ASSERTS, DISPUTES, SUMMARY_PROPS, refresh
from .errors import StoreError
from .long_lived import long_lived
from .model import Extraction
from .reingest import STATEMENT_TYPES, is_reviewed
from .schema import LIST_PROPS, graph_records

__all__ = ["FORMAT_VERSION", "NetworkXStore"]

FORMAT_VERSION = 3  # 2: MinHash band keys (Article.lsh) of 20 bands of 6 rows; 3: dispute summaries on claims
_UPGRADABLE = (2,)  # read, and given their dispute summaries
_MAGIC = "claimgraph-networkx"


class NetworkXStore:
    """A claim graph in memory, saved to ``path`` after every load.

    >>> store = NetworkXStore(None)
    >>> store.stats()
    {'nodes': {}, 'relationships': {}}
    """

    def __init__(self, path: str | os.PathLike | None):
        self.path = Path(path) if path is not None else None
        self.graph = nx.MultiDiGraph()
        self._lsh: dict[str, set[str]] | None = None  # near-duplicate index: band key -> article ids
        self._loading = threading.Lock()  # loads from several threads take turns
        if self.path is not None and self.path.exists() and self.path.stat().st_size:
            with long_lived():
                self.graph, version = _read(self.path)
                if version != FORMAT_VERSION:  # a file from before the dispute summaries: all of them now
                    self._refresh_disputes({c: t for c, t, kind in self.graph.edges(data="type") if kind == "ABOUT"})

    def __repr__(self) -> str:
        return f"NetworkXStore({str(self.path)!r})"

    def load(self, extractions: Iterable[Extraction]) -> int:
        """MERGE extractions into the graph, refresh the dispute summaries of the claims written
        (:mod:`claimgraph.graph.disputes`) and save; returns how many were loaded."""
        with self._loading:
            touched: dict[str, str] = {}  # claim -> attack, for every claim written
            with long_lived():
                n = self._merge(extractions, touched)
                self._refresh_disputes(touched)
            self.graph.graph["loads"] = self.graph.graph.get("loads", 0) + 1  # query indexes are stale now
            self.save()
        return n

    def _merge(self, extractions: Iterable[Extraction], touched: dict[str, str]) -> int:
        n = 0
        for ex in extractions:
            nodes, rels = graph_records(ex)
            touched.update((r.start, r.end) for r in rels if r.type == "ABOUT")
            for node in nodes:
                self._merge_node(node.id, node.labels, node.props)
            self._link_copies(ex.article.id)
            written = set()
            for rel in rels:
                key = f"{rel.type}|{rel.key}" if rel.key else rel.type
                if rel.type in STATEMENT_TYPES:
                    written.add((rel.start, rel.end, key))
                    # An analyst's decision wins over re-extraction (graph/reingest.py).
                    if self.graph.has_edge(rel.start, rel.end, f"REJECTED|{key}"):
                        continue
                    if self.graph.has_edge(rel.start, rel.end, key) and \
                            is_reviewed(self.graph.edges[rel.start, rel.end, key]):
                        continue
                if self.graph.has_edge(rel.start, rel.end, key):
                    self.graph.edges[rel.start, rel.end, key].update(rel.props)
                else:
                    for label, end in ((rel.start_label, rel.start), (rel.end_label, rel.end)):
                        if end not in self.graph:  # e.g. a PART_OF parent not mentioned yet
                            self._merge_node(end, (label,), {})
                    self.graph.add_edge(rel.start, rel.end, key, type=rel.type, **rel.props)
            self._drop_stale(ex.article.id, written, touched)
            n += 1
        return n

    def _drop_stale(self, article: str, written: set, touched: dict[str, str]) -> None:
        """Remove the article's machine statements this extraction did not write again (graph/reingest.py)."""
        g = self.graph
        stale = [(c, w, k) for c, _, d in g.in_edges(article, data="type") if d == "REPORTED_IN"
                 for _, w, k, e in g.out_edges(c, keys=True, data=True)
                 if e["type"] in STATEMENT_TYPES and e.get("article") == article and not is_reviewed(e)
                 and (c, w, k) not in written]
        for c, w, k in stale:
            g.remove_edge(c, w, k)
            touched[c] = next(t for _, t, d in g.out_edges(c, data="type") if d == "ABOUT")

    def _refresh_disputes(self, touched: dict[str, str]) -> None:
        """Recompute the summaries of the touched claims, and their attacks' rivals, from the graph."""
        g = self.graph

        def summary(claim: str) -> dict:
            return {k: v for k, v in g.nodes[claim].items() if k in SUMMARY_PROPS}

        def statements_of(claims: list[str]) -> dict:
            return {c: (summary(c), [(w, d["type"], d.get("published")) for _, w, d in g.out_edges(c, data=True)
                                     if d["type"] in (ASSERTS, DISPUTES) and "Actor" in g.nodes[w]["labels"]])
                    for c in claims if c in g}

        def claims_of(attacks: list[str]) -> dict:
            return {t: {c: (summary(c), [a for _, a, d in g.out_edges(c, data=True)
                                         if d["type"] == "BLAMES" and "Actor" in g.nodes[a]["labels"]])
                        for c, _, d in g.in_edges(t, data=True)
                        if d["type"] == "ABOUT" and "Claim" in g.nodes[c]["labels"]}
                    for t in attacks}

        for claim, values in refresh(touched, statements_of, claims_of).items():
            data = g.nodes[claim]
            for k, v in values.items():
                if v is None:
                    data.pop(k, None)
                else:
                    data[k] = v

    def _link_copies(self, article: str) -> None:
        """COPY_OF edges between this article and the near-duplicates already in the graph."""
        if self._lsh is None:  # built on first use from the articles in the graph
            self._lsh = {}
            for node, keys in self.graph.nodes(data="lsh"):
                for k in keys or ():
                    self._lsh.setdefault(k, set()).add(node)
        data = self.graph.nodes[article]
        keys = data.get("lsh", [])
        for other in sorted({o for k in keys for o in self._lsh.get(k, ()) if o != article}):
            found = is_copy(data["text"], self.graph.nodes[other]["text"])
            if found:
                copy, original = copy_and_original((article, data.get("published")),
                                                   (other, self.graph.nodes[other].get("published")))
                self.graph.add_edge(copy, original, "COPY_OF", type="COPY_OF", similarity=found)
        for k in keys:
            self._lsh.setdefault(k, set()).add(article)

    def _merge_node(self, node_id: str, labels: tuple[str, ...], props: dict) -> None:
        g = self.graph
        if node_id not in g:
            g.add_node(node_id, id=node_id, labels=tuple(sorted(labels)), **props)
            return
        data = g.nodes[node_id]
        data["labels"] = tuple(sorted({*data["labels"], *labels}))
        for k, v in props.items():
            if k in LIST_PROPS and k in data:
                data[k] = data[k] + [x for x in v if x not in data[k]]
            else:
                data[k] = v

    def stats(self) -> dict:
        """Counts by label and by relationship type."""
        labels: Counter = Counter()
        for _, labs in self.graph.nodes(data="labels"):
            labels.update(labs)
        types = Counter(t for _, _, t in self.graph.edges(data="type"))
        return {"nodes": dict(sorted(labels.items())), "relationships": dict(sorted(types.items()))}

    def save(self) -> None:
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # Write beside the target and rename: a crash never leaves half a file.
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=self.path.name, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump({"format": _MAGIC, "version": FORMAT_VERSION, "graph": self.graph}, fh,
                        protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, self.path)

    def close(self) -> None:
        """Nothing to release; here so both stores share one interface."""


def _read(path: Path) -> tuple[nx.MultiDiGraph, int]:
    try:
        with path.open("rb") as fh:
            blob = pickle.load(fh)
    except (pickle.UnpicklingError, EOFError, AttributeError, ValueError, ImportError) as exc:
        raise StoreError(
            f"{path} is not a claimgraph graph file ({exc.__class__.__name__}). "
            "Give another --store path, or move this file away."
        ) from exc
    if not isinstance(blob, dict) or blob.get("format") != _MAGIC:
        raise StoreError(f"{path} is not a claimgraph graph file. Give another --store path.")
    if blob.get("version") != FORMAT_VERSION and blob.get("version") not in _UPGRADABLE:
        raise StoreError(
            f"{path} was written by another claimgraph version (format {blob.get('version')}, "
            f"this one reads {FORMAT_VERSION}). Re-ingest the articles into a new --store file."
        )
    return blob["graph"], blob["version"]
