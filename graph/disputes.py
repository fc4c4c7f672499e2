"""Dispute summaries: what ``contested_claims`` ranks, kept on each Claim node at load time.

A Claim is one (attack, accused) pair. Its summary is derived from the stored
statement edges, never written by an extraction:

| property | what it holds |
| --- | --- |
| ``assertedBy`` | the ids of the actors with an ATTRIBUTED_BY statement on the claim, sorted (absent when none) |
| ``disputedBy`` | the ids of the actors with a DISPUTED_BY statement, sorted (absent when none) |
| ``statements`` | how many statement edges (ATTRIBUTED_BY and DISPUTED_BY) the claim has |
| ``firstPublished``, ``lastPublished`` | the earliest and latest ``published`` of those statements (absent when none has one) |
| ``rivals`` | on an asserted claim: how many actors the attack's other asserted claims blame, counting only the claims asserted by someone who does not assert this one (absent on a claim nobody asserts) |
| ``score`` | on a contested claim (asserted, and disputed or with rivals): asserters + disputers + rivals, the ranking's first key (absent on the others; Neo4j indexes it, so the top rows are read in score order) |

Every store refreshes the summaries of the claims a load touched, and the
rivals of every asserted claim of their attacks, from what is stored after
the write (so re-ingest, near-duplicates and loads in any order give the
values a recomputation from scratch gives): :class:`NetworkXStore` after each
load, :class:`Neo4jStore` and the py2neo store inside each write transaction,
under a write lock on the attacks concerned, and the bulk import over the
whole fold. The functions here are the one definition all of them use.

>>> summary = claim_summary([("actor/a", "ATTRIBUTED_BY", "2024-03-23"), ("actor/b", "DISPUTED_BY", None)])
>>> summary["assertedBy"], summary["disputedBy"], summary["statements"], summary["firstPublished"]
(['actor/a'], ['actor/b'], 2, '2024-03-23')
>>> rival_counts({"claim/t/x": ({"actor/a"}, {"actor/x"}), "claim/t/y": ({"actor/a", "actor/b"}, {"actor/y"})})
{'claim/t/x': 1, 'claim/t/y': 0}
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping

__all__ = ["ASSERTS", "DISPUTES", "SUMMARY_PROPS", "claim_summary", "refresh", "rival_counts", "scored"]

ASSERTS, DISPUTES = "ATTRIBUTED_BY", "DISPUTED_BY"
OWN_PROPS = ("assertedBy", "disputedBy", "statements", "firstPublished", "lastPublished")
SUMMARY_PROPS = (*OWN_PROPS, "rivals", "score")


def claim_summary(statements: Iterable[tuple[str, str, str | None]]) -> dict:
    """A claim's own summary from its statements, each ``(claimant id, relationship type, published)``.

    Every key of ``OWN_PROPS`` is present; None stands for an absent property
    (Neo4j stores no nulls, and no empty lists here either).
    """
    asserted, disputed, dates, n = set(), set(), [], 0
    for claimant, rel_type, published in statements:
        n += 1
        (asserted if rel_type == ASSERTS else disputed).add(claimant)
        if published is not None:
            dates.append(published)
    return {"assertedBy": sorted(asserted) or None, "disputedBy": sorted(disputed) or None, "statements": n,
            "firstPublished": min(dates, default=None), "lastPublished": max(dates, default=None)}


def rival_counts(claims: Mapping[str, tuple[Collection[str], Collection[str]]]) -> dict[str, int]:
    """The ``rivals`` of each asserted claim of one attack, from ``claim -> (asserters, accused)``.

    A claim's rivals are the distinct actors blamed by the attack's other
    claims that have an asserter outside the claim's own asserters. Instead of
    testing every other claim, the claims that are *not* rivals (those whose
    asserters all assert this one too) are found through an index from
    claimant to claims: the cost of a claim is the claims its own asserters
    made, not all the attack's. Claims without asserters get no entry.
    """
    asserters = {c: frozenset(a) for c, (a, _) in claims.items() if a}
    blamed = {c: frozenset(claims[c][1]) for c in asserters}
    blaming: dict[str, int] = defaultdict(int)  # accused -> how many asserted claims blame it
    by_claimant: dict[str, list[str]] = defaultdict(list)
    for c, who in asserters.items():
        for acc in blamed[c]:
            blaming[acc] += 1
        for w in who:
            by_claimant[w].append(c)
    out = {}
    for claim, who in asserters.items():
        shared: dict[str, int] = defaultdict(int)  # other claim -> how many of its asserters assert `claim`
        for w in who:
            for c in by_claimant[w]:
                shared[c] += 1
        not_rival = {c for c, k in shared.items() if k == len(asserters[c])} | {claim}
        dropped: dict[str, int] = defaultdict(int)
        for c in not_rival:
            for acc in blamed[c]:
                dropped[acc] += 1
        gone = sum(1 for acc, k in dropped.items() if k == blaming[acc])
        out[claim] = len(blaming) - gone
    return out


def scored(summary: dict) -> dict:
    """The summary with its ``score``: asserters + disputers + rivals on a contested claim, else None."""
    asserted, disputed, rivals = summary["assertedBy"], summary["disputedBy"], summary["rivals"]
    contested = bool(asserted) and bool(disputed or rivals)
    return {**summary, "score": len(asserted) + len(disputed or ()) + (rivals or 0) if contested else None}


Stored = dict  # a claim's summary properties as stored now (absent ones missing)


def refresh(touched: Mapping[str, str],
            statements_of: Callable[[list[str]], Mapping[str, tuple[Stored, list[tuple[str, str, str | None]]]]],
            claims_of: Callable[[list[str]], Mapping[str, Mapping[str, tuple[Stored, Collection[str]]]]],
            ) -> dict[str, dict]:
    """The summaries to write after a load, from what is stored: claim -> every key of ``SUMMARY_PROPS``.

    ``touched``: claim -> attack, the claims the load wrote. ``statements_of(claims)``
    gives each claim's stored summary and its statements (:func:`claim_summary`'s
    tuples); ``claims_of(attacks)`` gives, per attack, each of its claims' stored
    summary and accused ids. The touched claims' own summaries are recomputed;
    the rivals of an attack's claims only when one of its claims changed who
    asserts it (a re-ingest changes nothing, so it reads no more). Only the
    claims whose summary differs from the stored one are returned.
    """
    if not touched:
        return {}
    current = statements_of(sorted(touched))
    own = {c: claim_summary(statements) for c, (_, statements) in current.items()}
    stored = {c: _complete(summary) for c, (summary, _) in current.items()}
    changed = sorted({touched[c] for c in own if own[c]["assertedBy"] != stored[c]["assertedBy"]})
    out = {c: scored({**own[c], "rivals": stored[c]["rivals"]}) for c in own}
    for claims in claims_of(changed).values():
        fresh = {c: own[c] if c in own else _complete(summary) for c, (summary, _) in claims.items()}
        rivals = rival_counts({c: (fresh[c]["assertedBy"] or (), accused) for c, (_, accused) in claims.items()})
        for c in claims:
            base = out.get(c) or _complete(claims[c][0])
            out[c] = scored({**base, "rivals": rivals.get(c)})
            stored.setdefault(c, _complete(claims[c][0]))
    return {c: summary for c, summary in out.items() if summary != stored[c]}


def _complete(summary: Stored) -> dict:
    return {k: summary.get(k) for k in SUMMARY_PROPS}
