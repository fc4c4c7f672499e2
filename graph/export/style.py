"""How the graph looks: one palette for the HTML viewer and Neo4j Browser, node captions,
and the Browser's stylesheet and guide."""

from __future__ import annotations

from importlib.resources import files

DATA = files("claimgraph.graph") / "data"
STATEMENT_TYPES = ("ATTRIBUTED_BY", "DISPUTED_BY")

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
# Statements the model is less sure of than this are drawn faint (thin, see-through).
LOW_CONFIDENCE = 0.5
FAINT_OPACITY = 0.3


# Statements an analyst verified (claimgraph review): drawn solid, thick and with a check mark.
VERIFIED = ("accepted", "corrected", "added")


def is_verified(data: dict) -> bool:
    return data.get("type") in STATEMENT_TYPES and data.get("review") in VERIFIED


def is_faint(data: dict) -> bool:
    """A statement edge whose confidence is below LOW_CONFIDENCE."""
    conf = data.get("confidence")
    return (data.get("type") in STATEMENT_TYPES and conf is not None and conf < LOW_CONFIDENCE
            and not is_verified(data))


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


def grass() -> str:
    """The Neo4j Browser stylesheet (GraSS), to paste after ``:style``."""
    return (DATA / "claimgraph.grass").read_text(encoding="utf-8")


def guide_html() -> str:
    """The Neo4j Browser guide (``:play`` it from a URL)."""
    return (DATA / "claimgraph-guide.html").read_text(encoding="utf-8")
