"""Graph analytics over claimants: who agrees with whom, the camps, who bridges them.

Everything here is built from the rows of the ``claimant_alignment`` query,
so both stores give the same graph: on Neo4j the query pulls the edges, on
the embedded store its networkx twin does, and the analytics run in networkx
either way.

- :func:`alignment_graph`: an undirected graph, one node per claimant (keyed by
  id, with its ``name``), one edge per pair of claimants that took a stance on
  the same claim, with ``agree`` and ``oppose`` counts (in claims) and
  ``sign`` = agree - oppose.
- :func:`camps`: the camps, as communities of the agreement graph. Signed
  clustering, kept simple: an edge joins two claimants when they agree on
  more claims than they oppose on (``sign`` > 0, weighted by ``sign``);
  networkx's greedy modularity maximisation splits that graph into
  communities; a claimant with no such edge is a camp of its own. Each camp
  reports how much its members agree among themselves and which camps it
  opposes (pairs across camps with ``oppose`` > 0).
- :func:`centrality`: per claimant, its camp, how many other claimants it
  agrees or disputes with, and betweenness centrality in the unsigned
  interaction graph (who sits between camps).

>>> rows = [{"a_id": "actor/a", "claimant_a": "A", "b_id": "actor/b", "claimant_b": "B", "agree": 2, "oppose": 0},
...         {"a_id": "actor/b", "claimant_a": "B", "b_id": "actor/c", "claimant_b": "C", "agree": 0, "oppose": 1}]
>>> [c.members for c in camps(alignment_graph(rows))]
[['A', 'B'], ['C']]
"""

from __future__ import annotations

from typing import Iterable, NamedTuple

import networkx as nx
from networkx.algorithms.community import greedy_modularity_communities

__all__ = ["Camp", "ClaimantCentrality", "alignment_graph", "camps", "centrality"]


class Camp(NamedTuple):
    """One camp of claimants that agree with each other."""

    camp: int  # 1 for the largest camp
    size: int
    members: list[str]  # names, sorted
    ids: list[str]  # the members' ids, in the order of ``members``
    agree: int  # agreements (in claims) between members
    oppose_inside: int  # oppositions between members (a split the clustering could not avoid)
    oppose_outside: int  # oppositions between a member and a claimant of another camp
    opposed_camps: list[int]  # camps with at least one opposition to this one


class ClaimantCentrality(NamedTuple):
    """Where one claimant stands in the alignment graph."""

    claimant: str
    id: str
    camp: int
    allies: int  # claimants it agrees with on more claims than it opposes them
    opponents: int  # claimants it opposes on more claims than it agrees with them
    agree: int  # claims, summed over all its pairs
    oppose: int
    degree: float  # degree centrality: share of the other claimants it meets on some claim
    betweenness: float  # betweenness centrality in the unsigned interaction graph


def _get(row, key):
    return row[key] if isinstance(row, dict) else getattr(row, key)


def alignment_graph(rows: Iterable) -> nx.Graph:
    """The claimant graph from ``claimant_alignment`` rows (NamedTuples or dicts).

    Nodes and edges are added in id order, so the same rows in any order give
    the same graph (and the same communities).
    """
    pairs = sorted(((_get(r, "a_id"), _get(r, "claimant_a"), _get(r, "b_id"), _get(r, "claimant_b"),
                     _get(r, "agree"), _get(r, "oppose")) for r in rows))
    names = {}
    for a, name_a, b, name_b, *_ in pairs:
        names[a], names[b] = name_a, name_b
    g = nx.Graph()
    for node in sorted(names):
        g.add_node(node, name=names[node])
    for a, _, b, _, agree, oppose in pairs:
        g.add_edge(a, b, agree=agree, oppose=oppose, sign=agree - oppose)
    return g


def _communities(g: nx.Graph) -> list[list[str]]:
    positive = nx.Graph()
    positive.add_nodes_from(g.nodes)
    positive.add_edges_from((a, b, {"weight": d["sign"]}) for a, b, d in g.edges(data=True) if d["sign"] > 0)
    if positive.number_of_edges() == 0:
        groups = [{n} for n in positive]
    else:
        groups = [set(c) for c in greedy_modularity_communities(positive, weight="weight")]
    named = [sorted(c, key=lambda n: (g.nodes[n]["name"], n)) for c in groups]
    return sorted(named, key=lambda c: (-len(c), g.nodes[c[0]]["name"], c[0]))


def camps(g: nx.Graph) -> list[Camp]:
    """The camps of an :func:`alignment_graph`, largest first (ties by first member's name)."""
    groups = _communities(g)
    camp_of = {n: i for i, members in enumerate(groups, 1) for n in members}
    out = []
    for i, members in enumerate(groups, 1):
        inside = set(members)
        agree = oppose_inside = oppose_outside = 0
        opposed = set()
        for a in members:
            for b, d in g[a].items():
                if b in inside:
                    if a < b:  # each inner pair once
                        agree += d["agree"]
                        oppose_inside += d["oppose"]
                elif d["oppose"]:
                    oppose_outside += d["oppose"]
                    opposed.add(camp_of[b])
        out.append(Camp(i, len(members), [g.nodes[n]["name"] for n in members], members,
                        agree, oppose_inside, oppose_outside, sorted(opposed)))
    return out


def centrality(g: nx.Graph) -> list[ClaimantCentrality]:
    """Per claimant of an :func:`alignment_graph`: camp, allies, opponents, degree and betweenness.

    Most central first (betweenness, then degree, then name).
    """
    camp_of = {n: c.camp for c in camps(g) for n in c.ids}
    degree = nx.degree_centrality(g) if len(g) > 1 else {n: 0.0 for n in g}
    between = nx.betweenness_centrality(g)
    rows = []
    for n in g:
        edges = [d for _, _, d in g.edges(n, data=True)]
        rows.append(ClaimantCentrality(
            g.nodes[n]["name"], n, camp_of[n], sum(d["sign"] > 0 for d in edges), sum(d["sign"] < 0 for d in edges),
            sum(d["agree"] for d in edges), sum(d["oppose"] for d in edges),
            round(degree[n], 4), round(between[n], 4)))
    return sorted(rows, key=lambda r: (-r.betweenness, -r.degree, r.claimant, r.id))
