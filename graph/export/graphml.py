"""GraphML (for Gephi, Cytoscape and yEd) and node-link JSON."""

from __future__ import annotations

import json

import networkx as nx

from .style import caption


def _graphml_value(value):
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(value, ensure_ascii=False)
    return value


def to_graphml(g: nx.MultiDiGraph, path) -> None:
    """GraphML for Gephi, Cytoscape and yEd.

    Scalars keep their types (string, long, boolean); lists (``aliases``) are
    JSON text, named in the graph attribute ``claimgraph_json_attributes``; ``labels`` is written the APOC way (``:Actor:Source``); each
    node also gets ``label`` (its caption), the attribute those tools display;
    each edge's key is its GraphML id.
    """
    out = nx.MultiDiGraph()
    json_keys = set()
    for node, data in g.nodes(data=True):
        attrs = {k: _graphml_value(v) for k, v in data.items() if v is not None and k != "labels"}
        json_keys.update(k for k, v in data.items() if isinstance(v, (list, tuple, dict)) and k != "labels")
        attrs["labels"] = "".join(f":{label}" for label in data.get("labels", ()))
        attrs["label"] = caption(data)
        out.add_node(node, **attrs)
    for start, end, key, data in g.edges(keys=True, data=True):
        json_keys.update(k for k, v in data.items() if isinstance(v, (list, tuple, dict)))
        out.add_edge(start, end, key, **{k: _graphml_value(v) for k, v in data.items() if v is not None})
    # Which attributes hold JSON text, so that read_graphml can decode exactly those.
    out.graph["claimgraph_json_attributes"] = json.dumps(sorted(json_keys))
    nx.write_graphml(out, str(path), encoding="utf-8", named_key_ids=True)


def read_graphml(path) -> nx.MultiDiGraph:
    """Read what :func:`to_graphml` wrote back into the embedded form (labels a tuple, lists decoded)."""
    g = nx.read_graphml(str(path), force_multigraph=True)
    json_keys = set(json.loads(g.graph.pop("claimgraph_json_attributes", '["aliases"]')))
    for _, data in g.nodes(data=True):
        data["labels"] = tuple(x for x in str(data.get("labels", "")).split(":") if x)
        data.pop("label", None)
    for data in [d for _, d in g.nodes(data=True)] + [d for _, _, d in g.edges(data=True)]:
        for k in json_keys & set(data):
            if isinstance(data[k], str):
                data[k] = json.loads(data[k])
    return g


def to_node_link(g: nx.MultiDiGraph) -> dict:
    """The d3 node-link form (``nodes`` and ``links``, each link with its ``key``)."""
    data = nx.node_link_data(g, edges="links")
    for node in data["nodes"]:
        node["labels"] = list(node.get("labels", ()))
    return data
