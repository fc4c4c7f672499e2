"""Graph access for the named queries on the embedded store: each node's edges by type,
names, and Cypher's ordering, so that the networkx queries return row for row what the Cypher does.

The queries walk adjacency from the node they start at instead of scanning
edges, through an index of each node's edges by type and of nodes by label
(:class:`_Index`), built lazily from the graph and cached until its node or
edge count changes.

How Cypher's semantics are mirrored, once, in the helpers below:

- ``ORDER BY``: :func:`_order` sorts on several keys, nulls last in ascending
  order and first in descending order; every query orders on enough keys
  (ids last) to make the order total, so both stores agree row for row.
  Strings compare by code point in both Neo4j 5 and Python.
- ``coalesce(n.name, n.id)``: :func:`_name`.
- ``head(COLLECT { ... ORDER BY n })`` for an article's outlet: :func:`_outlet`.
- ``collect``/``min``/``max`` skip nulls; ``COLLECT { }`` subqueries keep them,
  so the Cypher coalesces names before collecting.
"""

from __future__ import annotations

import weakref
from collections import defaultdict
from typing import Callable, Iterable

import networkx as nx

from ..graph.long_lived import long_lived

ASSERTS, DISPUTES = "ATTRIBUTED_BY", "DISPUTED_BY"
STATEMENTS = (ASSERTS, DISPUTES)


# -- graph access -------------------------------------------------------------------------

def _has(g: nx.MultiDiGraph, node: str, label: str) -> bool:
    return node in g and label in g.nodes[node].get("labels", ())


def _out(g: nx.MultiDiGraph, node: str, *types: str, label: str | None = None):
    """(end, edge data) for the node's outgoing edges of these types, to nodes with ``label``."""
    index = _index(g).out
    for rel in types:
        for end, data in index.get((node, rel), ()):
            if label is None or _has(g, end, label):
                yield end, data


def _in(g: nx.MultiDiGraph, node: str, *types: str, label: str | None = None):
    """(start, edge data) for the node's incoming edges of these types, from nodes with ``label``."""
    index = _index(g).in_
    for rel in types:
        for start, data in index.get((node, rel), ()):
            if label is None or _has(g, start, label):
                yield start, data


def _first(g: nx.MultiDiGraph, node: str, rel: str, label: str) -> str | None:
    return next((end for end, _ in _out(g, node, rel, label=label)), None)


def _name(g: nx.MultiDiGraph, node: str) -> str:
    """``coalesce(n.name, n.id)``."""
    name = g.nodes[node].get("name")
    return name if name is not None else node


def _names(g: nx.MultiDiGraph, nodes: Iterable[str]) -> list[str]:
    """``COLLECT { UNWIND nodes AS x RETURN coalesce(x.name, x.id) AS n ORDER BY n }``."""
    return sorted(_name(g, n) for n in nodes)


def _outlet(g: nx.MultiDiGraph, article: str) -> str | None:
    """The article's publisher: the first name in order when it has several, as the Cypher takes."""
    names = sorted(_name(g, s) for s, _ in _out(g, article, "PUBLISHED_BY", label="Source"))
    return names[0] if names else None


def _article(g: nx.MultiDiGraph, edge: dict) -> str | None:
    """``MATCH (art:Article {id: r.article})``: the statement's article, None when it is missing."""
    art = edge.get("article")
    return art if art is not None and _has(g, art, "Article") else None


def _stance(edge: dict) -> str:
    return "asserts" if edge.get("statementType", edge["type"]) == ASSERTS else "disputes"


def _review(edge: dict) -> str:
    """``coalesce(r.review, 'machine')``."""
    return edge.get("review") or "machine"


def _rejected(g: nx.MultiDiGraph, node: str, *types: str, incoming: bool = False):
    """The statements of these types an analyst rejected (``REJECTED`` edges, review 'rejected'):
    ``$include_rejected AND r.review = 'rejected'``."""
    for other, data in (_in if incoming else _out)(g, node, "REJECTED"):
        if data.get("review") == "rejected" and data.get("statementType") in types:
            yield other, data


def _parts(g: nx.MultiDiGraph, actor: str) -> list[str]:
    """``MATCH (p:Actor)-[:PART_OF*0..]->(actor)``: the actor and every actor part of it, at any depth."""
    seen = {actor}
    todo = [actor]
    while todo:
        for part, _ in _in(g, todo.pop(), "PART_OF"):
            if part not in seen:
                seen.add(part)
                todo.append(part)
    return [p for p in seen if _has(g, p, "Actor")]


def _part_of(g: nx.MultiDiGraph, node: str, whole: str) -> bool:
    """``EXISTS { (node)-[:PART_OF*1..]->(whole) }``."""
    seen = {node}
    todo = [node]
    while todo:
        for parent, _ in _out(g, todo.pop(), "PART_OF"):
            if parent == whole:
                return True
            if parent not in seen:
                seen.add(parent)
                todo.append(parent)
    return False


class _Index:
    """Nodes by label, and each node's edges by (node, type) in both directions.

    An attack mentioned by 30,000 articles has 30,000 MENTIONS edges beside a
    few hundred ABOUT edges; walking only the type a query asks for keeps each
    query proportional to its answer, not to the node's degree.
    """

    def __init__(self, g: nx.MultiDiGraph):
        self.size = _size(g)
        labels: dict[str, list[str]] = defaultdict(list)
        for node, labs in g.nodes(data="labels"):
            for lab in labs or ():
                labels[lab].append(node)
        out: dict[tuple[str, str], list] = defaultdict(list)
        in_: dict[tuple[str, str], list] = defaultdict(list)
        for start, end, data in g.edges(data=True):  # the edge dicts themselves: nothing copied
            out[start, data["type"]].append((end, data))
            in_[end, data["type"]].append((start, data))
        self.labels, self.out, self.in_ = dict(labels), dict(out), dict(in_)


# One index per graph, rebuilt when the graph has changed: NetworkXStore counts its loads in
# g.graph["loads"], and the node count catches other changes. Both are O(1), unlike
# number_of_edges(), which sums every node's degree: this check runs on every edge walk.
def _size(g: nx.MultiDiGraph) -> tuple[int, int]:
    return len(g), g.graph.get("loads", 0)


_INDEXES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _index(g: nx.MultiDiGraph) -> _Index:
    cached = _INDEXES.get(g)
    if cached is None or cached.size != _size(g):
        with long_lived():  # as long-lived as the graph (see graph/long_lived.py)
            cached = _INDEXES[g] = _Index(g)
    return cached


def _labelled(g: nx.MultiDiGraph, label: str) -> list[str]:
    """Every node with ``label``."""
    return _index(g).labels.get(label, [])


# -- ordering -------------------------------------------------------------------------------

def _null_last(value):
    # (0, v) sorts before (1,): nulls last ascending; with reverse=True nulls come first,
    # exactly Cypher's DESC.
    return (0, value) if value is not None else (1,)


def _order(rows: list[dict], *keys: str | tuple[str | Callable, bool]) -> list[dict]:
    """Sort like ``ORDER BY k1, k2 DESC, ...``: each key is a column or (column or function, descending)."""
    for key in reversed(keys):
        column, desc = key if isinstance(key, tuple) else (key, False)
        get = column if callable(column) else (lambda r, c=column: r[c])
        rows.sort(key=lambda r: _null_last(get(r)), reverse=desc)  # stable, also reversed
    return rows


def _strip(rows: list[dict]) -> list[dict]:
    """Drop the hidden sort keys (names starting with '_')."""
    return [{k: v for k, v in r.items() if not k.startswith("_")} for r in rows]


def _statement_row(g: nx.MultiDiGraph, claim: str, who: str, r: dict, art: str) -> dict:
    data = g.nodes[art]
    return {
        "claim": claim, "claimant": _name(g, who), "cue": r.get("cue"), "quote": r.get("quote"),
        "hedged": r.get("hedged"), "certainty": r.get("certainty"), "confidence": r.get("confidence"), "article": art, "title": data.get("title"),
        "outlet": _outlet(g, art), "review": _review(r), "_who": who, "_start": r.get("start"),
    }
