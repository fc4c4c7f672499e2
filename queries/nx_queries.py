"""The named queries on the embedded store, row for row what the Cypher returns.

Each function takes the store's MultiDiGraph and the query's parameters and
returns a list of dicts with the query's columns, in the Cypher ORDER BY
order. They walk adjacency from the node the query starts at instead of
scanning edges.
"""

from __future__ import annotations

import networkx as nx

__all__ = ["NX_QUERIES"]


def _out(g: nx.MultiDiGraph, node: str, *types: str):
    for _, end, data in g.out_edges(node, data=True):
        if data["type"] in types:
            yield end, data


def _in(g: nx.MultiDiGraph, node: str, *types: str):
    for start, _, data in g.in_edges(node, data=True):
        if data["type"] in types:
            yield start, data


def _sort_key(*values):
    # Cypher sorts nulls last in ascending order.
    return tuple((v is None, v if v is not None else "") for v in values)


def trace_attack(g: nx.MultiDiGraph, attack: str) -> list[dict]:
    if attack not in g or "Attack" not in g.nodes[attack]["labels"]:
        return []
    t = g.nodes[attack]
    rows = []
    for claim, _ in _in(g, attack, "ABOUT"):
        evidence = list(_out(g, claim, "ATTRIBUTED_BY", "DISPUTED_BY"))
        stances = {d["type"] for _, d in evidence}
        contested = stances == {"ATTRIBUTED_BY", "DISPUTED_BY"}
        for accused, _ in _out(g, claim, "BLAMES"):
            for who, r in evidence:
                art = g.nodes[r["article"]]
                outlet = next((g.nodes[s]["name"] for s, _ in _out(g, r["article"], "PUBLISHED_BY")), None)
                rows.append({
                    "attack": t.get("name"), "accused": g.nodes[accused].get("name"),
                    "stance": "asserts" if r["type"] == "ATTRIBUTED_BY" else "disputes",
                    "claimant": g.nodes[who].get("name"), "cue": r.get("cue"), "quote": r.get("quote"),
                    "hedged": r.get("hedged"), "certainty": r.get("certainty"), "article": r["article"],
                    "title": art.get("title"), "outlet": outlet, "published": art.get("published"),
                    "contested": contested,
                })
    rows.sort(key=lambda r: _sort_key(r["accused"], r["stance"], r["claimant"], r["article"]))
    rows.sort(key=lambda r: not r["contested"])
    return rows


def search_entities(g: nx.MultiDiGraph, text: str) -> list[dict]:
    needle = text.lower()
    rows = []
    for node, data in g.nodes(data=True):
        labels = data["labels"]
        if "Actor" not in labels and "Attack" not in labels:
            continue
        names = [data.get("name") or "", *data.get("aliases", [])]
        if any(needle in n.lower() for n in names):
            rows.append({"label": "Attack" if "Attack" in labels else "Actor", "id": node,
                         "name": data.get("name"), "kind": data.get("kind"), "aliases": list(data.get("aliases", []))})
    rows.sort(key=lambda r: _sort_key(r["label"], r["name"]))
    return rows


NX_QUERIES = {"trace_attack": trace_attack, "search_entities": search_entities}
