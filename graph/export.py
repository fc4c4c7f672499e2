"""Exports of a claim graph: GraphML, node-link JSON, an offline HTML viewer and STIX 2.1.

Every exporter takes the embedded form of the graph, a ``networkx.MultiDiGraph``
whose nodes carry ``labels`` (a tuple) plus the schema's properties and whose
edges carry ``type`` plus theirs; :func:`to_networkx` gives that form for
either store.

>>> from claimgraph.queries.api import ClaimGraph
>>> g = attack_subgraph(to_networkx(ClaimGraph.example().store), "crocus attack")
>>> sorted(label for n in g for label in g.nodes[n]["labels"] if label in ("Attack", "Claim"))
['Attack', 'Claim', 'Claim', 'Claim']
"""

from __future__ import annotations

import difflib
import json
import uuid
from datetime import datetime, timezone
from html import escape
from importlib.resources import files
from pathlib import Path

import networkx as nx

from .errors import ParameterError, UnknownName

__all__ = [
    "EDGE_STYLE", "FORMATS", "NODE_STYLE", "attack_subgraph", "caption", "export", "grass", "guide_html",
    "primary_label", "to_graphml", "to_html", "to_node_link", "to_networkx", "to_stix",
]

FORMATS = ("graphml", "json", "html", "stix")
DATA = files("claimgraph.graph") / "data"

# One palette for the HTML viewer and the Browser stylesheet (data/claimgraph.grass;
# a unit test checks that they agree).
NODE_STYLE = {
    "Attack": {"color": "#F79767", "border": "#F36924", "caption": "name"},
    "Claim": {"color": "#FFC454", "border": "#D7A013", "caption": "text"},
    "Actor": {"color": "#4C8EDA", "border": "#2870C2", "caption": "name"},
    "Source": {"color": "#C990C0", "border": "#B261A5", "caption": "name"},
    "Article": {"color": "#A5ABB6", "border": "#808591", "caption": "title"},
}
EDGE_STYLE = {
    "ATTRIBUTED_BY": {"color": "#2E9E44", "width": 3},
    "DISPUTED_BY": {"color": "#D62728", "width": 3},
    "BLAMES": {"color": "#7F7F7F", "width": 1},
    "ABOUT": {"color": "#7F7F7F", "width": 1},
}
OTHER_EDGE = {"color": "#C8CCD4", "width": 1}
# Which label styles a node with several (an outlet is Actor and Source).
_PRIORITY = ("Claim", "Attack", "Article", "Source", "Actor")
_STATEMENT_TYPES = ("ATTRIBUTED_BY", "DISPUTED_BY")
# Statements the model is less sure of than this are drawn faint (thin, see-through).
LOW_CONFIDENCE = 0.5
FAINT_OPACITY = 0.3


def is_faint(data: dict) -> bool:
    """A statement edge whose confidence is below LOW_CONFIDENCE."""
    conf = data.get("confidence")
    return data.get("type") in _STATEMENT_TYPES and conf is not None and conf < LOW_CONFIDENCE


# --- the embedded form -----------------------------------------------------------------------


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
        key = f"{row['type']}|{props['article']}" if row["type"] in _STATEMENT_TYPES and "article" in props \
            else row["type"]
        g.add_edge(row["start"], row["end"], key, type=row["type"], **props)
    return g


def primary_label(labels) -> str:
    """The label whose style a node takes: Claim, Attack, Article, Source, then Actor."""
    for label in _PRIORITY:
        if label in labels:
            return label
    return next(iter(labels), "")


def caption(data: dict) -> str:
    """What a node is called on screen: its name, title or text, else its id."""
    key = NODE_STYLE.get(primary_label(data.get("labels", ())), {}).get("caption", "name")
    return str(data.get(key) or data.get("name") or data.get("id") or "")


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
            if d.get("type") in ("BLAMES", *_STATEMENT_TYPES):
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


# --- GraphML and JSON ------------------------------------------------------------------------


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


# --- HTML ------------------------------------------------------------------------------------


def _node_tooltip(data: dict) -> str:
    labels = ":".join(data.get("labels", ()))
    lines = [f"{caption(data)}  (:{labels})"]
    for key in ("kind", "date", "place", "published", "url", "domain"):
        if data.get(key):
            lines.append(f"{key}: {data[key]}")
    if data.get("aliases"):
        lines.append("aliases: " + ", ".join(map(str, data["aliases"])))
    lines.append(f"id: {data.get('id')}")
    return "\n".join(lines)


def _edge_tooltip(g: nx.MultiDiGraph, start: str, end: str, data: dict) -> str:
    kind = data.get("type", "")
    if kind not in _STATEMENT_TYPES:
        return f"{caption(g.nodes[start])} -[{kind}]-> {caption(g.nodes[end])}"
    stance = "asserts" if kind == "ATTRIBUTED_BY" else "disputes"
    lines = [f"{caption(g.nodes[end])} {stance}: {caption(g.nodes[start])}"]
    if data.get("quote"):
        lines.append(f"“{data['quote']}”")
    details = [f"cue: {data['cue']}" if data.get("cue") else "",
               f"certainty: {data['certainty']}" if data.get("certainty") else "",
               f"confidence: {data['confidence']:.2f}" if data.get("confidence") is not None else "",
               f"channel: {data['channel']}" if data.get("channel") else ""]
    if any(details):
        lines.append(", ".join(d for d in details if d))
    art = g.nodes.get(data.get("article"), {}) if data.get("article") in g else {}
    where = art.get("title") or data.get("article") or ""
    if where:
        lines.append(f"article: {where}" + (f" ({data.get('published') or art.get('published')})"
                                             if data.get("published") or art.get("published") else ""))
    if art.get("url"):
        lines.append(art["url"])
    return "\n".join(lines)


def _short(text: str, n: int = 48) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def html_data(g: nx.MultiDiGraph) -> dict:
    """The data the HTML page draws: vis-network nodes and edges, and each attack's node ids."""
    nodes, edges = [], []
    for node, data in g.nodes(data=True):
        label = primary_label(data.get("labels", ()))
        style = NODE_STYLE.get(label, {"color": "#DDDDDD", "border": "#999999"})
        nodes.append({
            "id": node, "label": _short(caption(data)), "group": label, "title": _node_tooltip(data),
            "color": {"background": style["color"], "border": style["border"],
                      "highlight": {"background": style["color"], "border": "#000000"}},
            "shape": "box" if label == "Claim" else ("diamond" if label == "Attack" else "dot"),
            "size": 22 if label in ("Attack", "Claim") else 14,
        })
    for i, (start, end, key, data) in enumerate(g.edges(keys=True, data=True)):
        kind = data.get("type", "")
        style = EDGE_STYLE.get(kind, OTHER_EDGE)
        faint = is_faint(data)
        edges.append({
            "id": f"e{i}", "from": start, "to": end, "type": kind,
            "label": data.get("cue") if kind in _STATEMENT_TYPES else None,
            "title": _edge_tooltip(g, start, end, data),
            "color": {"color": style["color"], "opacity": FAINT_OPACITY if faint else 1.0},
            "width": 1 if faint else style["width"], "dashes": kind not in EDGE_STYLE, "arrows": "to",
        })
    attacks = []
    for node, data in sorted(g.nodes(data=True), key=lambda nd: caption(nd[1]).casefold()):
        if "Attack" in data.get("labels", ()):
            attacks.append({"id": node, "name": caption(data), "nodes": sorted(attack_subgraph(g, node))})
    return {"nodes": nodes, "edges": edges, "attacks": attacks,
            "legend": {"nodes": {k: v["color"] for k, v in NODE_STYLE.items()},
                       "edges": {**{k: v["color"] for k, v in EDGE_STYLE.items()}, "other": OTHER_EDGE["color"]}}}


def _script_json(value) -> str:
    """JSON safe inside <script>: no '<', '>' or '&' (so no '</script>' or '<!--'), no U+2028/9."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"),
                    ("\u2029", "\\u2029")):
        text = text.replace(ch, esc)
    return text


_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<title>__TITLE__</title>
<style>
  html, body { margin: 0; height: 100%; font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #222; }
  body { display: flex; flex-direction: column; }
  header { display: flex; gap: 1.5em; align-items: center; flex-wrap: wrap; padding: 8px 14px; border-bottom: 1px solid #ddd; background: #fafafa; }
  header h1 { font-size: 16px; margin: 0; }
  #legend { display: flex; gap: 12px; flex-wrap: wrap; align-items: center; }
  .item { display: inline-flex; align-items: center; gap: 4px; white-space: nowrap; }
  .swatch { width: 14px; height: 14px; border-radius: 50%; display: inline-block; border: 1px solid #0003; }
  .line { width: 22px; height: 4px; display: inline-block; border-radius: 2px; }
  main { flex: 1; display: flex; min-height: 0; }
  #graph { flex: 1; min-width: 0; }
  #details { width: 320px; overflow: auto; padding: 10px 14px; border-left: 1px solid #ddd; white-space: pre-wrap; font-size: 13px; background: #fcfcfc; }
  div.vis-tooltip { white-space: pre-wrap !important; max-width: 420px; font: 13px/1.35 system-ui, sans-serif !important; background: #fffff0 !important; padding: 6px 8px !important; }
</style>
</head>
<body>
<header>
  <h1>__TITLE__</h1>
  <label>Attack <select id="attack"><option value="">all attacks</option></select></label>
  <div id="legend" aria-label="legend"></div>
</header>
<main>
  <div id="graph"></div>
  <div id="details">Hover over a node or an edge to see it; click one to keep it here.
Green edges: who asserts a claim; red edges: who disputes it.</div>
</main>
<script type="application/json" id="claimgraph-data">__DATA__</script>
<script>
__VIS__
</script>
<script>
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("claimgraph-data").textContent);
  var legend = document.getElementById("legend");
  function add(kind, name, color) {
    var item = document.createElement("span"), mark = document.createElement("span");
    item.className = "item " + kind;
    mark.className = kind === "node" ? "swatch" : "line";
    mark.style.background = color;
    item.appendChild(mark);
    item.appendChild(document.createTextNode(name));
    legend.appendChild(item);
  }
  Object.keys(data.legend.nodes).forEach(function (k) { add("node", k, data.legend.nodes[k]); });
  Object.keys(data.legend.edges).forEach(function (k) { add("edge", k, data.legend.edges[k]); });

  var select = document.getElementById("attack");
  var members = {};
  data.attacks.forEach(function (a) {
    var option = document.createElement("option");
    option.value = a.id;
    option.textContent = a.name;   // text, never HTML
    select.appendChild(option);
    members[a.id] = {};
    a.nodes.forEach(function (n) { members[a.id][n] = true; });
  });

  var nodes = new vis.DataSet(data.nodes), edges = new vis.DataSet(data.edges);
  var chosen = "";
  var nodeView = new vis.DataView(nodes, { filter: function (n) { return !chosen || members[chosen][n.id]; } });
  var edgeView = new vis.DataView(edges, { filter: function (e) {
    return !chosen || (members[chosen][e.from] && members[chosen][e.to]); } });
  var network = new vis.Network(document.getElementById("graph"), { nodes: nodeView, edges: edgeView }, {
    nodes: { font: { size: 13, face: "system-ui, sans-serif" }, borderWidth: 2,
             widthConstraint: { maximum: 170 }, margin: 8 },
    edges: { font: { size: 11, align: "middle", strokeWidth: 3 }, smooth: { type: "dynamic" },
             arrows: { to: { scaleFactor: 0.6 } } },
    physics: { solver: "forceAtlas2Based", forceAtlas2Based: { gravitationalConstant: -90, springLength: 140 },
               stabilization: { iterations: 400 } },
    interaction: { hover: true, tooltipDelay: 120 }
  });
  network.once("stabilizationIterationsDone", function () {
    network.setOptions({ physics: false });
    network.fit();
    document.body.setAttribute("data-ready", "1");
  });
  var details = document.getElementById("details");
  function show(item) { if (item && item.title) { details.textContent = item.title; } }
  network.on("hoverNode", function (p) { show(nodes.get(p.node)); });
  network.on("hoverEdge", function (p) { show(edges.get(p.edge)); });
  network.on("click", function (p) {
    if (p.nodes.length) { show(nodes.get(p.nodes[0])); } else if (p.edges.length) { show(edges.get(p.edges[0])); }
  });
  select.addEventListener("change", function () {
    chosen = select.value;
    nodeView.refresh();
    edgeView.refresh();
    network.fit();
  });
  window.claimgraph = { network: network, nodes: nodes, edges: edges, nodeView: nodeView, select: select };
})();
</script>
</body>
</html>
"""


def vis_network_js() -> str:
    """vis-network 9.1.9 (standalone UMD build, Apache-2.0 OR MIT, its licence header kept)."""
    return (DATA / "vis-network.min.js").read_text(encoding="utf-8")


def to_html(g: nx.MultiDiGraph, title: str = "claimgraph") -> str:
    """A self-contained page (vis-network inline, works offline): the graph in the stylesheet's
    colours, a legend, hover text with the quote and the article, a select box per attack.

    Article strings reach the page only as escaped JSON read with JSON.parse and shown as
    text (vis-network 9 renders string titles as text), never as markup.
    """
    js = vis_network_js()
    if "</script" in js.lower():  # pragma: no cover - checked for the shipped file
        raise ValueError("vis-network.min.js contains </script")
    return (_PAGE.replace("__TITLE__", escape(title))
            .replace("__DATA__", _script_json(html_data(g)))
            .replace("__VIS__", js))


# --- STIX 2.1 --------------------------------------------------------------------------------

_NS = uuid.UUID("6f1d8d1e-54a6-4f39-9a0e-7b1d2c3e4f50")
CONFIDENCE = {"certain": 85, "probable": 60, "possible": 30}
_IDENTITY_CLASS = {"person": "individual", "collective": "group", "state": "organization",
                   "government_body": "organization", "organisation": "organization", "media_outlet": "organization"}
_SECTORS = {"state": ["government-national"], "government_body": ["government-national"],
            "media_outlet": ["communications"]}


def _sid(kind: str, *parts: str) -> str:
    # Name-based, so re-exports give the same ids, but in UUIDv4 form, which STIX asks of SDOs/SROs.
    return f"{kind}--{uuid.UUID(bytes=uuid.uuid5(_NS, '|'.join(parts)).bytes, version=4)}"


def _timestamp(day: str | None):
    if day:
        try:
            return datetime.fromisoformat(str(day)[:10]).replace(tzinfo=timezone.utc)
        except ValueError:
            pass
    return None


def _is_armed(g, node) -> bool:
    return g.nodes[node].get("kind") == "armed_group"


def to_stix(g: nx.MultiDiGraph):
    """A STIX 2.1 bundle of who attributed which attack to whom, and who disputed it.

    Actors become identities (person: individual, collective: group, others:
    organization); armed groups become threat-actors, or intrusion-sets when
    they are PART_OF another armed group (with an ``attributed-to``
    relationship to it). Every claimant also gets an identity, since only an
    identity can author STIX objects. Attacks become incidents, articles
    reports. Each ATTRIBUTED_BY statement is an ``attributed-to``
    relationship (incident -> accused) authored by the claimant, with
    ``confidence`` from the certainty and the article and quote as external
    references; each DISPUTED_BY statement is an ``opinion``
    (``strongly-disagree``) of the disputer on the relationships asserting
    that claim. A claim that is disputed but asserted by nobody in the graph
    still gets its relationship, without author or confidence.
    Ids are UUIDv5 of claimgraph's ids, so re-exports give the same ids.
    """
    import stix2

    created = datetime.now(timezone.utc).replace(microsecond=0)
    objects: dict[str, object] = {}
    node = g.nodes

    def identity(actor: str):
        sid = _sid("identity", actor)
        if sid not in objects:
            d = node[actor]
            kind = d.get("kind")
            extra = {"sectors": _SECTORS[kind]} if kind in _SECTORS else {}
            objects[sid] = stix2.Identity(
                id=sid, created=created, modified=created, name=caption(d),
                identity_class=_IDENTITY_CLASS.get(kind, "unknown"), **extra,
                description=f"claimgraph {actor} (kind: {kind or 'unknown'})")
        return sid

    def accused(actor: str):
        if not _is_armed(g, actor):
            return identity(actor)
        d = node[actor]
        parents = [e for _, e, t in g.out_edges(actor, data="type") if t == "PART_OF" and _is_armed(g, e)]
        cls = stix2.IntrusionSet if parents else stix2.ThreatActor
        sid = _sid("intrusion-set" if parents else "threat-actor", actor)
        if sid not in objects:
            aliases = {"aliases": list(d["aliases"])} if d.get("aliases") else {}
            objects[sid] = cls(id=sid, created=created, modified=created, name=caption(d), **aliases,
                               description=f"claimgraph {actor} (kind: armed_group)")
            for parent in parents:
                rid = _sid("relationship", "part_of", actor, parent)
                objects[rid] = stix2.Relationship(
                    id=rid, created=created, modified=created, relationship_type="attributed-to",
                    source_ref=sid, target_ref=accused(parent), description="PART_OF (claimgraph gazetteer)")
        return sid

    def incident(attack: str):
        sid = _sid("incident", attack)
        if sid not in objects:
            d = node[attack]
            what = ", ".join(f"{k}: {d[k]}" for k in ("kind", "date", "place") if d.get(k))
            objects[sid] = stix2.Incident(id=sid, created=created, modified=created, name=caption(d),
                                          description=f"claimgraph {attack}" + (f" ({what})" if what else ""))
        return sid

    def references(data: dict) -> list[dict]:
        art = data.get("article")
        a = node[art] if art in g else {}
        ref = {"source_name": "claimgraph-article", "external_id": art or "unknown"}
        if a.get("url"):
            ref["url"] = a["url"]
        if data.get("quote"):
            ref["description"] = data["quote"]
        return [ref]

    by_article: dict[str, set[str]] = {}
    claims = [n for n, d in g.nodes(data=True) if "Claim" in d.get("labels", ())]
    for claim in sorted(claims):
        out = [(e, k, d) for _, e, k, d in g.out_edges(claim, keys=True, data=True)]
        attacks = [e for e, _, d in out if d.get("type") == "ABOUT"]
        blamed = [e for e, _, d in out if d.get("type") == "BLAMES"]
        if not attacks or not blamed:
            continue
        inc, target = incident(attacks[0]), accused(blamed[0])
        text = node[claim].get("text") or claim
        asserted = []
        for end, key, d in sorted((x for x in out if x[2].get("type") == "ATTRIBUTED_BY"), key=lambda x: x[1]):
            rid = _sid("relationship", claim, end, key)
            extra = {"confidence": CONFIDENCE[d["certainty"]]} if d.get("certainty") in CONFIDENCE else {}
            objects[rid] = stix2.Relationship(
                id=rid, created=created, modified=created, relationship_type="attributed-to",
                source_ref=inc, target_ref=target, created_by_ref=identity(end), **extra,
                description=f"{caption(node[end])} {d.get('cue') or 'asserts'}: {text}. “{d.get('quote', '')}”",
                external_references=references(d))
            asserted.append(rid)
            by_article.setdefault(d.get("article"), set()).update({rid, inc, target, identity(end)})
        disputes = sorted((x for x in out if x[2].get("type") == "DISPUTED_BY"), key=lambda x: x[1])
        if disputes and not asserted:
            rid = _sid("relationship", claim)
            objects[rid] = stix2.Relationship(
                id=rid, created=created, modified=created, relationship_type="attributed-to",
                source_ref=inc, target_ref=target,
                description=f"{text} (disputed; no asserting statement in this graph)")
            asserted.append(rid)
        for end, key, d in disputes:
            oid = _sid("opinion", claim, end, key)
            objects[oid] = stix2.Opinion(
                id=oid, created=created, modified=created, opinion="strongly-disagree",
                object_refs=asserted, created_by_ref=identity(end), authors=[caption(node[end])],
                explanation=f"{caption(node[end])} {d.get('cue') or 'disputes'}: “{d.get('quote', '')}”",
                external_references=references(d))
            by_article.setdefault(d.get("article"), set()).update({oid, *asserted, inc, target, identity(end)})
    for art, refs in sorted(by_article.items(), key=lambda x: str(x[0])):
        a = node[art] if art in g else {}
        published = _timestamp(a.get("published")) or created
        outlets = [e for _, e, t in g.out_edges(art, data="type") if t == "PUBLISHED_BY"] if art in g else []
        extra = {"created_by_ref": identity(outlets[0])} if outlets else {}
        ref = {"source_name": "claimgraph-article", "external_id": art or "unknown"}
        if a.get("url"):
            ref["url"] = a["url"]
        rid = _sid("report", str(art))
        objects[rid] = stix2.Report(
            id=rid, created=created, modified=created, name=a.get("title") or str(art), published=published,
            report_types=["threat-report"], object_refs=sorted(refs), external_references=[ref], **extra)
    return stix2.Bundle(objects=list(objects.values()), id=_sid("bundle", *sorted(objects)))


# --- files ----------------------------------------------------------------------------------


def grass() -> str:
    """The Neo4j Browser stylesheet (GraSS), to paste after ``:style``."""
    return (DATA / "claimgraph.grass").read_text(encoding="utf-8")


def guide_html() -> str:
    """The Neo4j Browser guide (``:play`` it from a URL)."""
    return (DATA / "claimgraph-guide.html").read_text(encoding="utf-8")


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
