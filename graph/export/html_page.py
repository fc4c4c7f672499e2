"""An offline interactive HTML page of the graph (vis-network inline)."""

from __future__ import annotations

import json
from html import escape

import networkx as nx

from .embedded import attack_subgraph
from .style import (DATA, EDGE_STYLE, FAINT_OPACITY, NODE_STYLE, OTHER_EDGE, STATEMENT_TYPES, caption, is_faint,
                    is_verified, primary_label)


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
    if kind not in STATEMENT_TYPES:
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
    review = data.get("review") or "machine"
    lines.append(f"review: {review}" + (f" by {data['reviewed_by']} ({data.get('reviewed_at')})"
                                        if data.get("reviewed_by") else " (not verified)"))
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
        if "Review" in data.get("labels", ()):
            continue  # decisions are history, not part of the picture
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
        if kind in ("REJECTED", "REVIEWS"):
            continue  # rejected statements are hidden here as in the queries
        style = EDGE_STYLE.get(kind, OTHER_EDGE)
        faint, verified = is_faint(data), is_verified(data)
        label = data.get("cue") if kind in STATEMENT_TYPES else None
        edges.append({
            "id": f"e{i}", "from": start, "to": end, "type": kind, "review": data.get("review") or "machine",
            "label": f"\u2713 {label or ''}".strip() if verified else label,
            "title": _edge_tooltip(g, start, end, data),
            "color": {"color": style["color"], "opacity": FAINT_OPACITY if faint else 1.0},
            # verified statements: thicker, with a shadow, apart from the machine's own
            "width": 1 if faint else style["width"] + (2 if verified else 0), "shadow": verified,
            "dashes": kind not in EDGE_STYLE, "arrows": "to",
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
Green edges: who asserts a claim; red edges: who disputes it. Thick edges with a shadow and a check mark: statements an analyst verified.</div>
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
