"""Exports of a claim graph: GraphML, node-link JSON, an offline HTML viewer and STIX 2.1.

Every exporter takes the embedded form of the graph, a ``networkx.MultiDiGraph``
whose nodes carry ``labels`` (a tuple) plus the schema's properties and whose
edges carry ``type`` plus theirs; :func:`to_networkx` gives that form for
either store.

| module | what it holds |
| --- | --- |
| ``embedded`` | the embedded form of either store, and the part about one attack |
| ``style`` | the palette shared with Neo4j Browser, captions, the Browser stylesheet and guide |
| ``graphml`` | GraphML and node-link JSON |
| ``html_page`` | the offline interactive HTML page |
| ``stix`` | the STIX 2.1 bundle |

>>> from claimgraph.queries.api import ClaimGraph
>>> g = attack_subgraph(to_networkx(ClaimGraph.example().store), "crocus attack")
>>> sorted(label for n in g for label in g.nodes[n]["labels"] if label in ("Attack", "Claim"))
['Attack', 'Claim', 'Claim', 'Claim']
"""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx

from ..errors import ParameterError
from .embedded import attack_subgraph, resolve_attack, to_networkx
from .graphml import read_graphml, to_graphml, to_node_link
from .html_page import to_html
from .stix import to_stix
from .style import EDGE_STYLE, NODE_STYLE, caption, grass, guide_html, primary_label

__all__ = [
    "EDGE_STYLE", "FORMATS", "NODE_STYLE", "attack_subgraph", "caption", "export", "grass", "guide_html",
    "primary_label", "read_graphml", "resolve_attack", "to_graphml", "to_html", "to_networkx", "to_node_link",
    "to_stix",
]

FORMATS = ("graphml", "json", "html", "stix")


def export(g: nx.MultiDiGraph, fmt: str, path, attack: str | None = None, title: str | None = None) -> Path:
    """Write ``g`` (or the part about ``attack``) to ``path`` in ``fmt``: graphml, json, html or stix."""
    if fmt not in FORMATS:
        raise ParameterError(f"Unknown export format {fmt!r}; use one of {', '.join(FORMATS)}.")
    if attack:
        g = attack_subgraph(g, attack)
    path = Path(path)
    if fmt == "graphml":
        to_graphml(g, path)
    elif fmt == "json":
        path.write_text(json.dumps(to_node_link(g), ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    elif fmt == "html":
        if title is None:
            names = [caption(d) for _, d in g.nodes(data=True) if "Attack" in d.get("labels", ())]
            title = f"claimgraph: {names[0]}" if attack and names else "claimgraph"
        path.write_text(to_html(g, title), encoding="utf-8")
    else:
        path.write_text(to_stix(g).serialize(pretty=True), encoding="utf-8")
    return path
