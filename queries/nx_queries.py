"""The named queries on the embedded store, row for row what the Cypher returns.

Each function takes the store's MultiDiGraph and the query's parameters and
returns a list of dicts with the query's columns, in the Cypher ORDER BY
order. The graph access they share, and how it mirrors Cypher's semantics,
is in :mod:`.nx_access`; ``contested_claims`` is in :mod:`.nx_contested`.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Callable

import networkx as nx

from .nx_access import (ASSERTS, DISPUTES, STATEMENTS, _article, _has, _in, _labelled, _name, _names, _order,
                        _out, _outlet, _part_of, _parts, _rejected, _review, _stance, _statement_row, _strip)
from .nx_contested import contested_claims

__all__ = ["NX_QUERIES"]


# -- the queries ----------------------------------------------------------------------------

def trace_attack(g: nx.MultiDiGraph, attack: str, include_rejected: bool | None = None) -> list[dict]:
    if not _has(g, attack, "Attack"):
        return []
    t = g.nodes[attack]
    rows = []
    for claim, _ in _in(g, attack, "ABOUT", label="Claim"):
        evidence = list(_out(g, claim, *STATEMENTS, label="Actor"))
        if include_rejected:
            evidence += [(w, d) for w, d in _rejected(g, claim, *STATEMENTS) if _has(g, w, "Actor")]
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
                    "published": g.nodes[art].get("published"), "contested": contested, "review": _review(r),
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


def accusations_by(g: nx.MultiDiGraph, actor: str, include_rejected: bool | None = None) -> list[dict]:
    if not _has(g, actor, "Actor"):
        return []
    rows = []
    for who in _parts(g, actor):
        said = list(_in(g, who, ASSERTS, label="Claim"))
        if include_rejected:
            said += [(c, d) for c, d in _rejected(g, who, ASSERTS, incoming=True) if _has(g, c, "Claim")]
        for claim, r in said:
            art = _article(g, r)
            if art is None:
                continue
            for attack, _ in _out(g, claim, "ABOUT", label="Attack"):
                for accused, _ in _out(g, claim, "BLAMES", label="Actor"):
                    rows.append({**_statement_row(g, claim, who, r, art), "accused": _name(g, accused),
                                 "attack": _name(g, attack), "published": r.get("published")})
    return _strip(_order(rows, "attack", "accused", "published", "claimant", "article", "claim", "_who"))


def accusations_against(g: nx.MultiDiGraph, actor: str, include_rejected: bool | None = None) -> list[dict]:
    if not _has(g, actor, "Actor"):
        return []
    rows = []
    for accused in _parts(g, actor):
        for claim, _ in _in(g, accused, "BLAMES", label="Claim"):
            for attack, _ in _out(g, claim, "ABOUT", label="Attack"):
                said = list(_out(g, claim, *STATEMENTS, label="Actor"))
                if include_rejected:
                    said += [(w, d) for w, d in _rejected(g, claim, *STATEMENTS) if _has(g, w, "Actor")]
                for who, r in said:
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


def claim_timeline(g: nx.MultiDiGraph, attack: str, include_rejected: bool | None = None) -> list[dict]:
    if not _has(g, attack, "Attack"):
        return []
    t = g.nodes[attack]
    rows = []
    for claim, _ in _in(g, attack, "ABOUT", label="Claim"):
        stances: dict[str, set] = defaultdict(set)
        for who, r in _out(g, claim, *STATEMENTS):
            stances[who].add(r["type"])
        said = list(_out(g, claim, *STATEMENTS, label="Actor"))
        if include_rejected:
            said += [(w, d) for w, d in _rejected(g, claim, *STATEMENTS) if _has(g, w, "Actor")]
        for accused, _ in _out(g, claim, "BLAMES", label="Actor"):
            for who, r in said:
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
                    "changed_position": stances[who] == {ASSERTS, DISPUTES}, "review": row["review"],
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
