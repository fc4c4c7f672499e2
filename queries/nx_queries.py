"""The named queries on the embedded store, row for row what the Cypher returns.

Each function takes the store's MultiDiGraph and the query's parameters and
returns a list of dicts with the query's columns, in the Cypher ORDER BY
order. They walk adjacency from the node the query starts at instead of
scanning edges, through an index of each node's edges by type and of nodes
by label (:class:`_Index`), built lazily from the graph and cached until its
node or edge count changes.

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
from functools import cached_property
from typing import Callable, Iterable

import networkx as nx

from ..graph.long_lived import long_lived

__all__ = ["NX_QUERIES"]

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
    return "asserts" if edge["type"] == ASSERTS else "disputes"


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
        "outlet": _outlet(g, art), "_who": who, "_start": r.get("start"),
    }


# -- the queries ----------------------------------------------------------------------------

def trace_attack(g: nx.MultiDiGraph, attack: str) -> list[dict]:
    if not _has(g, attack, "Attack"):
        return []
    t = g.nodes[attack]
    rows = []
    for claim, _ in _in(g, attack, "ABOUT", label="Claim"):
        evidence = list(_out(g, claim, *STATEMENTS, label="Actor"))
        stances = {d["type"] for _, d in _out(g, claim, *STATEMENTS)}
        contested = stances == {ASSERTS, DISPUTES}
        for accused, _ in _out(g, claim, "BLAMES", label="Actor"):
            for who, r in evidence:
                art = _article(g, r)
                if art is None:
                    continue
                rows.append({
                    "attack": t.get("name"), "accused": g.nodes[accused].get("name"), "stance": _stance(r),
                    "claimant": g.nodes[who].get("name"), "cue": r.get("cue"), "quote": r.get("quote"),
                    "hedged": r.get("hedged"), "certainty": r.get("certainty"), "confidence": r.get("confidence"), "article": art,
                    "title": g.nodes[art].get("title"), "outlet": _outlet(g, art),
                    "published": g.nodes[art].get("published"), "contested": contested,
                    "_acc": accused, "_who": who,
                })
    return _strip(_order(rows, ("contested", True), "accused", "stance", "claimant", "article", "_acc", "_who"))


def search_entities(g: nx.MultiDiGraph, text: str) -> list[dict]:
    if text is None:
        return []  # CONTAINS null is null in Cypher: no rows
    needle = text.lower()
    rows = []
    for label in ("Actor", "Attack"):
        for node in _labelled(g, label):
            data = g.nodes[node]
            labels = data["labels"]
            if label == "Attack" and "Actor" in labels:
                continue  # already seen as an Actor
            # toLower(null) CONTAINS x is null in Cypher: a node without a name matches by alias only.
            names = [n for n in (data.get("name"), *data.get("aliases", [])) if n is not None]
            if node == text or any(needle in n.lower() for n in names):
                rows.append({"label": "Attack" if "Attack" in labels else "Actor", "id": node,
                             "name": data.get("name"), "kind": data.get("kind"),
                             "aliases": list(data.get("aliases", []))})
    return _order(rows, "label", "name", "id")


def contested_claims(g: nx.MultiDiGraph, since: str | None = None, limit: int | None = None) -> list[dict]:
    def in_window(r: dict) -> bool:
        # `r.published >= $since` is null (so false) when the statement has no date.
        return since is None or (r.get("published") is not None and r["published"] >= since)

    rows = []
    for attack in _labelled(g, "Attack"):
        # Each claim's statements in the window, once per attack: (claim, statements, asserting).
        claims = []
        for claim, _ in _in(g, attack, "ABOUT", label="Claim"):
            stmts = [(w, r) for w, r in _out(g, claim, *STATEMENTS, label="Actor") if in_window(r)]
            claims.append((claim, stmts, {w for w, r in stmts if r["type"] == ASSERTS}))
        rivals_of = _Rivals(g, claims)
        for claim, stmts, asserting in claims:
            if not asserting:
                continue
            disputing = {w for w, r in stmts if r["type"] == DISPUTES}
            gone = rivals_of.gone(claim, asserting)
            n_rivals = len(rivals_of.blaming) - len(gone)
            if not disputing and not n_rivals:
                continue
            dates = [r["published"] for _, r in stmts if r.get("published") is not None]
            for accused, _ in _out(g, claim, "BLAMES", label="Actor"):
                rows.append({
                    "attack": _name(g, attack), "accused": _name(g, accused), "claim": claim,
                    "score": len(asserting) + len(disputing) + n_rivals,
                    "asserters": len(asserting), "disputers": len(disputing), "rivals": n_rivals,
                    "asserted_by": asserting, "disputed_by": disputing,
                    "rival_accused": (rivals_of, gone),
                    "statements": len(stmts),
                    "first_published": min(dates, default=None), "last_published": max(dates, default=None),
                })
    rows = _order(rows, ("score", True), ("disputers", True), "attack", "accused", "claim")
    rows = rows if limit is None else rows[:limit]
    for row in rows:  # names only for the rows kept: an attack can have thousands of rivals
        rivals_of, gone = row["rival_accused"]
        row["rival_accused"] = rivals_of.names(gone)
        row["asserted_by"], row["disputed_by"] = _names(g, row["asserted_by"]), _names(g, row["disputed_by"])
    return rows


class _Rivals:
    """The rival accused of each claim on one attack (`contested_claims`): the actors blamed by
    its other claims that have an asserter outside the claim's own asserters.

    Instead of testing every other claim, :meth:`gone` finds the few that are *not* rivals,
    those whose asserters all assert the claim too, through an index from claimant to
    claims: the cost per claim is the claims its own asserters made, not all the attack's.
    The rivals are then ``blaming.keys() - gone``.
    """

    def __init__(self, g: nx.MultiDiGraph, claims: list[tuple[str, list, set]]):
        self.g = g
        self.asserters = {c: a for c, _, a in claims if a}  # a claim nobody asserts is nobody's rival
        self.blamed = {c: {acc for acc, _ in _out(g, c, "BLAMES", label="Actor")} for c in self.asserters}
        self.blaming: dict[str, int] = defaultdict(int)  # accused -> how many asserted claims blame it
        for accused in self.blamed.values():
            for acc in accused:
                self.blaming[acc] += 1
        self.by_claimant = defaultdict(list)
        for c, asserters in self.asserters.items():
            for w in asserters:
                self.by_claimant[w].append(c)

    def gone(self, claim: str, asserting: set) -> set:
        """The accused that only non-rival claims blame."""
        shared = defaultdict(int)  # other claim -> how many of its asserters also assert `claim`
        for w in asserting:
            for c in self.by_claimant.get(w, ()):
                shared[c] += 1
        not_rival = {c for c, k in shared.items() if k == len(self.asserters[c])} | {claim}
        dropped = defaultdict(int)
        for c in not_rival:
            for acc in self.blamed.get(c, ()):
                dropped[acc] += 1
        return {acc for acc, k in dropped.items() if k == self.blaming[acc]}

    @cached_property
    def _ordered(self) -> list[tuple[str, str]]:
        return sorted((_name(self.g, acc), acc) for acc in self.blaming)

    def names(self, gone: set) -> list[str]:
        """The rivals' names in order (``_names``), from the attack's accused sorted once."""
        return [name for name, acc in self._ordered if acc not in gone]


def accusations_by(g: nx.MultiDiGraph, actor: str) -> list[dict]:
    if not _has(g, actor, "Actor"):
        return []
    rows = []
    for who in _parts(g, actor):
        for claim, r in _in(g, who, ASSERTS, label="Claim"):
            art = _article(g, r)
            if art is None:
                continue
            for attack, _ in _out(g, claim, "ABOUT", label="Attack"):
                for accused, _ in _out(g, claim, "BLAMES", label="Actor"):
                    rows.append({**_statement_row(g, claim, who, r, art), "accused": _name(g, accused),
                                 "attack": _name(g, attack), "published": r.get("published")})
    return _strip(_order(rows, "attack", "accused", "published", "claimant", "article", "claim", "_who"))


def accusations_against(g: nx.MultiDiGraph, actor: str) -> list[dict]:
    if not _has(g, actor, "Actor"):
        return []
    rows = []
    for accused in _parts(g, actor):
        for claim, _ in _in(g, accused, "BLAMES", label="Claim"):
            for attack, _ in _out(g, claim, "ABOUT", label="Attack"):
                for who, r in _out(g, claim, *STATEMENTS, label="Actor"):
                    art = _article(g, r)
                    if art is None:
                        continue
                    rows.append({**_statement_row(g, claim, who, r, art), "accused": _name(g, accused),
                                 "attack": _name(g, attack), "stance": _stance(r), "published": r.get("published")})
    return _strip(_order(rows, "attack", "accused", "stance", "published", "claimant", "article", "claim", "_who"))


def self_claims(g: nx.MultiDiGraph, actor: str | None = None) -> list[dict]:
    if actor is not None:
        claims = [c for c, _ in _in(g, actor, "BLAMES", label="Claim")] if _has(g, actor, "Actor") else []
    else:
        claims = _labelled(g, "Claim")
    rows = []
    for claim in claims:
        for group, _ in _out(g, claim, "BLAMES", label="Actor"):
            if actor is not None and group != actor:
                continue
            asserting = list(_out(g, claim, ASSERTS, label="Actor"))
            own = [(w, r) for w, r in asserting if w == group or _part_of(g, w, group)]
            if not own:
                continue
            accepting = {w for w, _ in asserting if w != group and not _part_of(g, w, group)}
            disputing = {w for w, _ in _out(g, claim, DISPUTES, label="Actor")}
            for who, r in own:
                art = _article(g, r)
                if art is None:
                    continue
                for attack, _ in _out(g, claim, "ABOUT", label="Attack"):
                    row = _statement_row(g, claim, who, r, art)
                    rows.append({
                        "actor": _name(g, group), "claimant": row["claimant"], "attack": _name(g, attack),
                        "claim": claim, "channel": r.get("channel"), "cue": row["cue"], "quote": row["quote"],
                        "certainty": row["certainty"], "confidence": row["confidence"], "article": art, "title": row["title"],
                        "outlet": row["outlet"], "published": r.get("published"),
                        "accepted": len(accepting), "disputed": len(disputing),
                        "accepted_by": _names(g, accepting), "disputed_by": _names(g, disputing), "_who": who,
                    })
    return _strip(_order(rows, "attack", "actor", "published", "claimant", "article", "claim", "_who"))


def claim_timeline(g: nx.MultiDiGraph, attack: str) -> list[dict]:
    if not _has(g, attack, "Attack"):
        return []
    t = g.nodes[attack]
    rows = []
    for claim, _ in _in(g, attack, "ABOUT", label="Claim"):
        stances: dict[str, set] = defaultdict(set)
        for who, r in _out(g, claim, *STATEMENTS):
            stances[who].add(r["type"])
        for accused, _ in _out(g, claim, "BLAMES", label="Actor"):
            for who, r in _out(g, claim, *STATEMENTS, label="Actor"):
                art = _article(g, r)
                if art is None:
                    continue
                row = _statement_row(g, claim, who, r, art)
                rows.append({
                    "published": r.get("published"), "article_published": g.nodes[art].get("published"),
                    "attack_date": t.get("date"), "claimant": row["claimant"], "stance": _stance(r),
                    "accused": _name(g, accused), "claim": claim, "cue": row["cue"], "quote": row["quote"],
                    "certainty": row["certainty"], "confidence": row["confidence"], "channel": r.get("channel"), "article": art,
                    "title": row["title"], "outlet": row["outlet"],
                    "changed_position": stances[who] == {ASSERTS, DISPUTES},
                    "_start": r.get("start"), "_who": who,
                })
    return _strip(_order(rows, "published", "article_published", "article", "_start", "claimant", "accused",
                         "stance", "claim", "_who"))


def claimant_alignment(g: nx.MultiDiGraph, attack: str | None = None) -> list[dict]:
    if attack is not None:
        claims = [c for c, _ in _in(g, attack, "ABOUT", label="Claim")] if _has(g, attack, "Attack") else []
    else:
        claims = _labelled(g, "Claim")
    pairs: dict[tuple[str, str], list[tuple[str, str, bool, bool]]] = defaultdict(list)
    for claim in claims:
        stances: dict[str, set] = defaultdict(set)
        for who, r in _out(g, claim, *STATEMENTS, label="Actor"):
            stances[who].add(r["type"])
        text = g.nodes[claim].get("text")
        text = text if text is not None else claim
        for a in stances:
            for b in stances:
                if a < b:
                    same = {x == y for x in stances[a] for y in stances[b]}
                    pairs[a, b].append((text, claim, True in same, False in same))
    rows = []
    for (a, b), claims_of in pairs.items():
        claims_of.sort(key=lambda c: (c[0], c[1]))
        agree = sum(1 for c in claims_of if c[2])
        oppose = sum(1 for c in claims_of if c[3])
        rows.append({
            "claimant_a": _name(g, a), "claimant_b": _name(g, b), "agree": agree, "oppose": oppose,
            "relation": "mixed" if agree and oppose else "agree" if agree else "oppose",
            "agree_on": [c[0] for c in claims_of if c[2]], "oppose_on": [c[0] for c in claims_of if c[3]],
            "a_id": a, "b_id": b,
        })
    return _order(rows, ("oppose", True), ("agree", True), "claimant_a", "claimant_b", "a_id", "b_id")


def _origins(g: nx.MultiDiGraph, article: str) -> set[str]:
    """The ends of the article's COPY_OF chains (itself when it copies nothing, or sits on a cycle)."""
    roots, seen, todo = set(), {article}, [article]
    while todo:
        node = todo.pop()
        parents = [p for p, _ in _out(g, node, "COPY_OF", label="Article")]
        if not parents:
            roots.add(node)
        for p in parents:
            if p not in seen:
                seen.add(p)
                todo.append(p)
    return roots or {article}


def source_reach(g: nx.MultiDiGraph, claim: str | None = None) -> list[dict]:
    if claim is not None:
        claims = [claim] if _has(g, claim, "Claim") else []
    else:
        claims = _labelled(g, "Claim")
    rows = []
    for c in claims:
        reporting = {a for a, _ in _out(g, c, "REPORTED_IN", label="Article")}
        if not reporting:
            continue
        originals = set().union(*(_origins(g, a) for a in reporting))
        outlets = sorted({_name(g, s) for a in reporting for s, _ in _out(g, a, "PUBLISHED_BY", label="Source")})
        cited = sorted({_name(g, s) for a in reporting for s, _ in _out(g, a, "CITES", label="Source")})
        for attack, _ in _out(g, c, "ABOUT", label="Attack"):
            for accused, _ in _out(g, c, "BLAMES", label="Actor"):
                rows.append({"claim": c, "attack": _name(g, attack), "accused": _name(g, accused),
                             "articles": len(reporting), "origins": len(originals),
                             "outlets": outlets, "cited": cited})
    return _order(rows, ("origins", True), ("articles", True), "attack", "accused", "claim")


def actor_profile(g: nx.MultiDiGraph, actor: str) -> list[dict]:
    if not _has(g, actor, "Actor"):
        return []
    data = g.nodes[actor]
    made = [r["type"] for _, r in _in(g, actor, *STATEMENTS, label="Claim")]
    received: list[str] = []
    self_claims = 0
    attacks = set()
    for claim, _ in _in(g, actor, "BLAMES", label="Claim"):
        for who, r in _out(g, claim, *STATEMENTS, label="Actor"):
            received.append(r["type"])
            self_claims += r["type"] == ASSERTS and who == actor
        attacks.update(t for t, _ in _out(g, claim, "ABOUT", label="Attack"))
    return [{
        "id": actor, "name": _name(g, actor), "kind": data.get("kind"), "source": "Source" in data["labels"],
        "aliases": list(data.get("aliases", [])),
        "part_of": sorted({_name(g, p) for p, _ in _out(g, actor, "PART_OF", label="Actor")}),
        "parts": sorted({_name(g, p) for p, _ in _in(g, actor, "PART_OF", label="Actor")}),
        "asserts_made": made.count(ASSERTS), "disputes_made": made.count(DISPUTES),
        "asserts_received": received.count(ASSERTS), "disputes_received": received.count(DISPUTES),
        "self_claims": self_claims, "attacks_accused": len(attacks),
        "mentioned_in": sum(1 for _ in _in(g, actor, "MENTIONS", label="Article")),
    }]


NX_QUERIES: dict[str, Callable[..., list[dict]]] = {
    f.__name__: f for f in (
        accusations_against, accusations_by, actor_profile, claim_timeline, claimant_alignment,
        contested_claims, search_entities, self_claims, source_reach, trace_attack,
    )
}
