"""``contested_claims`` on the embedded store: the claims asserted and disputed, or with rivals.

Without ``since``, the ranking reads the dispute summaries each claim carries
(:mod:`claimgraph.graph.disputes`, kept at load time); with ``since`` it is
recomputed from the statements published in the window
(:func:`contested_from_statements`, also the benchmark's baseline).

``rival_accused`` names at most :data:`RIVAL_NAMES` rival accused, the first in
name order; ``rivals`` counts them all (README, "Design notes").
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from functools import cached_property

import networkx as nx

from .nx_access import ASSERTS, DISPUTES, STATEMENTS, _in, _index, _labelled, _name, _names, _order, _out

# How many rival accused `rival_accused` names, the first in name order (`rivals` counts them all).
# The Cypher (queries/contested_claims.cypher) writes the same number in both its branches.
RIVAL_NAMES = 25


def contested_claims(g: nx.MultiDiGraph, since: str | None = None, limit: int | None = None) -> list[dict]:
    if since is not None:
        return contested_from_statements(g, since, limit)
    nodes, index = g.nodes, _index(g)

    def ends(claim: str, rel: str, label: str) -> list[str]:
        return [end for end, _ in index.out.get((claim, rel), ()) if label in nodes[end]["labels"]]

    # The ORDER BY as one key per row (names are never null: coalesce(name, id)). Its first two
    # keys are on the claim itself: with a limit, the claims are taken in that order until the
    # rows they give fill the page (ties on the last included), so the names are looked up for
    # those only; the top rows among them are the top rows of all. The rows themselves are made
    # only for the rows kept.
    ranked = []  # (-score, -disputers, claim) of the contested claims
    for claim in _labelled(g, "Claim"):
        data = nodes[claim]
        score = data.get("score")  # on the contested claims only
        if score is not None:
            ranked.append((-score, -len(data.get("disputedBy") or ()), claim))
    if limit is not None:
        ranked.sort()
    keyed, last = [], None
    for score, disputers, claim in ranked:
        if limit is not None and len(keyed) >= limit and (score, disputers) != last:
            break
        last = (score, disputers)
        for attack in ends(claim, "ABOUT", "Attack"):
            for accused in ends(claim, "BLAMES", "Actor"):
                keyed.append(((score, disputers, _name(g, attack), _name(g, accused), claim), attack))
    keyed = sorted(keyed) if limit is None else heapq.nsmallest(limit, keyed)
    rows = []
    rivals: dict[str, _Rivals] = {}  # per attack of the rows kept, from its claims' summaries
    for (score, disputers, attack_name, accused_name, claim), attack in keyed:
        data = nodes[claim]
        if attack not in rivals:
            on = [(c, None, set(nodes[c].get("assertedBy", ()))) for c, _ in index.in_.get((attack, "ABOUT"), ())
                  if "Claim" in nodes[c]["labels"]]
            rivals[attack] = _Rivals(g, on)
        asserting = data["assertedBy"]
        rows.append({
            "attack": attack_name, "accused": accused_name, "claim": claim, "score": -score,
            "asserters": len(asserting), "disputers": -disputers, "rivals": data.get("rivals") or 0,
            "asserted_by": _names(g, asserting), "disputed_by": _names(g, data.get("disputedBy") or ()),
            "rival_accused": rivals[attack].first(claim, set(asserting), RIVAL_NAMES),
            "statements": data.get("statements"),
            "first_published": data.get("firstPublished"), "last_published": data.get("lastPublished"),
        })
    return rows


def contested_from_statements(g: nx.MultiDiGraph, since: str | None = None, limit: int | None = None,
                              rival_names: int | None = RIVAL_NAMES) -> list[dict]:
    """``contested_claims`` recomputed from the statements (in the window from ``since``), without the summaries.

    ``rival_names``: how many rival accused each row names (None: all of them, as the query did
    before the cap; the benchmark's baseline).
    """
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
        row["rival_accused"] = rivals_of.names(gone, rival_names)
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
        self.by_accused = defaultdict(list)  # accused -> the asserted claims blaming it
        for c, accused in self.blamed.items():
            for acc in accused:
                self.by_accused[acc].append(c)

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

    def first(self, claim: str, asserting: set, n: int) -> list[str]:
        """The first ``n`` names of ``names(gone(claim, asserting))``, testing the accused in name
        order only until ``n`` are found: an accused is a rival when a claim blaming it, other than
        ``claim``, has an asserter outside ``asserting``."""
        out: list[str] = []
        for name, acc in self._ordered:
            if len(out) >= n:
                break
            if any(c != claim and not self.asserters[c] <= asserting for c in self.by_accused[acc]):
                out.append(name)
        return out

    @cached_property
    def _ordered(self) -> list[tuple[str, str]]:
        return sorted((_name(self.g, acc), acc) for acc in self.blaming)

    def names(self, gone: set, first: int | None = None) -> list[str]:
        """The rivals' names in order (``_names``), from the attack's accused sorted once; only the
        ``first`` ones when given (the Cypher's ``LIMIT``), without reading past them."""
        if first is None:
            return [name for name, acc in self._ordered if acc not in gone]
        out: list[str] = []
        if first <= 0:
            return out
        for name, acc in self._ordered:
            if acc not in gone:
                out.append(name)
                if len(out) == first:
                    break
        return out
