"""The graph schema and the one mapping from extraction records to nodes and edges.

Both stores write exactly what :func:`graph_records` returns, so they hold
the same nodes, labels, properties and relationships by construction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from .dedup import band_keys
from .model import Extraction, claim_id

__all__ = ["LABELS", "REL_TYPES", "Node", "Rel", "graph_records"]

LABELS = ("Actor", "Article", "Attack", "Claim", "Review", "Source")
REL_TYPES = (
    "ABOUT",
    "ATTRIBUTED_BY",
    "BLAMES",
    "CITES",
    "COPY_OF",
    "DISPUTED_BY",
    "MENTIONS",
    "PART_OF",
    "PUBLISHED_BY",
    "REJECTED",  # a statement an analyst rejected (or the machine original of a correction): hidden from queries
    "REPORTED_IN",
    "REVIEWS",  # (Review)-[:REVIEWS]->(Article): one analyst's decision
)
# Properties whose values are merged as a set union instead of overwritten.
LIST_PROPS = ("aliases",)


@dataclass
class Node:
    labels: tuple[str, ...]
    id: str
    props: dict = field(default_factory=dict)


@dataclass
class Rel:
    type: str
    start_label: str
    start: str
    end_label: str
    end: str
    # Distinguishes parallel edges of one type: one ATTRIBUTED_BY per
    # (claim, actor, article), so evidence from three articles is three edges.
    key: str = ""
    props: dict = field(default_factory=dict)


def _clean(props: dict) -> dict:
    # Neo4j stores no nulls; leaving them out keeps both stores identical.
    return {k: v for k, v in props.items() if v is not None and v != []}


def graph_records(ex: Extraction) -> tuple[list[Node], list[Rel]]:
    """Nodes and relationships for one article's extraction."""
    art = ex.article
    nodes = [Node(("Article",), art.id, _clean({
        "url": art.url, "title": art.title, "published": art.published,
        "language": art.language, "path": art.path, "text": art.text,
        "lsh": band_keys(art.text),  # to find near-duplicate articles (COPY_OF) at load time
    }))]
    rels: list[Rel] = []
    for a in ex.actors:
        aliases = sorted({a.name, *a.aliases, *(m.text for m in a.mentions)} - {a.name})
        nodes.append(Node(("Actor",), a.id, _clean({"name": a.name, "kind": a.kind, "aliases": aliases})))
        rels.append(Rel("MENTIONS", "Article", art.id, "Actor", a.id))
    for a in ex.actors:
        for parent in a.part_of:
            rels.append(Rel("PART_OF", "Actor", a.id, "Actor", parent))
    for t in ex.attacks:
        aliases = sorted({*t.aliases, *(m.text for m in t.mentions)} - {t.name})
        nodes.append(Node(("Attack",), t.id, _clean({
            "name": t.name, "kind": t.kind, "date": t.date, "place": t.place, "aliases": aliases,
        })))
        rels.append(Rel("MENTIONS", "Article", art.id, "Attack", t.id))
    for s in ex.sources:
        nodes.append(Node(("Actor", "Source"), s.id, _clean({"name": s.name, "kind": s.kind, "domain": s.domain})))
        rels.append(Rel("PUBLISHED_BY" if s.relation == "published_by" else "CITES", "Article", art.id, "Actor", s.id))
    for c in ex.claims():
        nodes.append(Node(("Claim",), c.id, {"text": c.text}))
        rels += [Rel("ABOUT", "Claim", c.id, "Attack", c.attack), Rel("BLAMES", "Claim", c.id, "Actor", c.accused),
                 Rel("REPORTED_IN", "Claim", c.id, "Article", art.id)]
    for s in ex.statements:
        rels.append(Rel(
            "ATTRIBUTED_BY" if s.polarity == "asserts" else "DISPUTED_BY",
            "Claim", claim_id(s.attack, s.accused), "Actor", s.claimant, key=art.id,
            props=_clean({
                "article": art.id, "quote": s.quote, "cue": s.cue, "start": s.start, "end": s.end,
                "published": art.published, "hedged": s.hedged, "certainty": s.certainty,
                "confidence": s.confidence, "channel": s.channel,
            }),
        ))
    return nodes, rels

