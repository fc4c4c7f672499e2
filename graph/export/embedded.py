"""The embedded form every exporter takes, for either store, and the part of it about one attack."""

from __future__ import annotations

import difflib

import networkx as nx

from ..errors import UnknownName
from .style import STATEMENT_TYPES


def to_networkx(store) -> nx.MultiDiGraph:
    """The store's graph as a MultiDiGraph (a copy): nodes keyed by id, edges keyed as NetworkXStore keys them.

    Works for NetworkXStore (its ``graph``) and for any store with ``run(cypher)``
    (Neo4jStore, Py2neoStore), which is read whole: every node and relationship.
    """
    graph = getattr(store, "graph", None)
    if isinstance(graph, nx.MultiDiGraph):
        return graph.copy()
    if not hasattr(store, "run"):
        raise TypeError(f"{store!r} is neither a networkx store nor a store that runs Cypher")
    g = nx.MultiDiGraph()
    for row in store.run("MATCH (n) RETURN n.id AS id, labels(n) AS labels, properties(n) AS props ORDER BY id"):
        props = {k: v for k, v in row["props"].items() if v is not None}
        g.add_node(row["id"], **{**props, "id": row["id"], "labels": tuple(sorted(row["labels"]))})
    for row in store.run("MATCH (a)-[r]->(b) RETURN a.id AS start, b.id AS end, type(r) AS type, "
                         "properties(r) AS props ORDER BY start, end, type, r.article"):
        props = {k: v for k, v in row["props"].items() if v is not None}
        key = f"{row['type']}|{props['article']}" if row["type"] in STATEMENT_TYPES and "article" in props \
            else row["type"]
        g.add_edge(row["start"], row["end"], key, type=row["type"], **props)
    return g


def resolve_attack(g: nx.MultiDiGraph, name: str) -> str:
    """The id of the attack called ``name`` (id, name or alias, any case)."""
    wanted = name.strip().casefold()
    attacks = {n: d for n, d in g.nodes(data=True) if "Attack" in d.get("labels", ())}
    for node, d in attacks.items():
        names = [node, d.get("name") or "", *(d.get("aliases") or [])]
        if wanted in (x.casefold() for x in names):
            return node
    known = [d.get("name") or n for n, d in attacks.items()]
    close = difflib.get_close_matches(name, known, n=3, cutoff=0.4)
    hint = f" Closest: {', '.join(close)}." if close else (
        f" The graph has: {', '.join(sorted(known)[:10])}." if known else " The graph has no attacks.")
    raise UnknownName(f"No attack called {name!r}.{hint}")


def attack_subgraph(g: nx.MultiDiGraph, attack: str) -> nx.MultiDiGraph:
    """The part of ``g`` about one attack (id, name or alias): the attack, the claims about it,
    the actors they blame, the claimants, the articles that report them and those articles' sources."""
    attack_id = resolve_attack(g, attack)
    keep = {attack_id}
    articles = set()
    for claim, _, data in g.in_edges(attack_id, data=True):
        if data.get("type") != "ABOUT":
            continue
        keep.add(claim)
        for _, end, d in g.out_edges(claim, data=True):
            if d.get("type") in ("BLAMES", *STATEMENT_TYPES):
                keep.add(end)
            if d.get("type") == "REPORTED_IN":
                articles.add(end)
            if d.get("article") in g:
                articles.add(d["article"])
    keep |= articles
    for art in articles:
        for _, end, d in g.out_edges(art, data=True):
            if d.get("type") in ("PUBLISHED_BY", "CITES"):
                keep.add(end)
    return g.subgraph(keep).copy()
