"""The analysts' decisions as training data: gold in the shared corpus's format, and the texts.

``DIR/gold.jsonl`` has one line per article (``id``, ``actors``, ``attacks``,
``statements``), ``DIR/texts/<id>.txt`` the article's text, so that
``claimgraph train DIR/gold.jsonl DIR/texts -o MODEL`` and ``claimgraph eval``
read them as they read the shared corpus. Actor and attack ``aliases`` are the
forms of their names found in the article; ``evidence`` is an exact substring of it.

Rejected statements are never exported (they are what the model should not
say). With ``reviewed_only``, only the articles an analyst reviewed something
in are exported, each with its verified statements (accepted, corrected,
added): an article whose statements were all rejected is a negative example.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from ..graph.model import slug
from ..queries.api import ClaimGraph
from .decisions import ClaimReview

__all__ = ["VERIFIED", "export_gold", "gold_records"]

VERIFIED = ("accepted", "corrected", "added")


def _doc_id(article: str) -> str:
    """A file-name-safe document id: 'article/3f0c…' -> 'article-3f0c…'."""
    return article.replace("/", "-")


def _forms(node: dict, text: str) -> list[str]:
    """The node's name and aliases that occur in the text (case-insensitive), as written there."""
    out = []
    for form in dict.fromkeys([node.get("name"), *(node.get("aliases") or [])]):
        if not form:
            continue
        # whole words only: the alias "IS" is not the "is" in "this"
        m = re.search(rf"(?<!\w){re.escape(form)}(?!\w)", text, flags=re.IGNORECASE)
        if m and m.group(0) not in out:
            out.append(m.group(0))
    return out


def gold_records(cg: ClaimGraph, reviewed_only: bool = False) -> list[tuple[dict, str]]:
    """(gold line, article text) per article exported, in article id order."""
    review = ClaimReview(cg)
    by_article: dict[str, list[dict]] = {}
    for s in review.statements():
        by_article.setdefault(s["article"], []).append(s)
    out = []
    for article in sorted(by_article):
        rows = by_article[article]
        if reviewed_only and all(s["review"] == "machine" for s in rows):
            continue
        keep = [s for s in rows if not s["hidden"] and (s["review"] in VERIFIED or not reviewed_only)]
        text = (review.ops.node(article) or {}).get("text") or ""
        actors, attacks, statements, seen = {}, {}, [], set()
        for s in sorted(keep, key=lambda s: (s["start"] or 0, s["id"])):
            evidence = _evidence(s, text)
            if evidence is None:
                continue
            for role in ("claimant", "accused"):
                if s[role] not in actors:
                    actors[s[role]] = _entity(review, s[role], text)
            if s["attack"] not in attacks:
                attacks[s["attack"]] = _entity(review, s["attack"], text, date=True)
            key = (slug(s["claimant"]), slug(s["accused"]), slug(s["attack"]), s["polarity"])
            if key in seen:  # unique per (claimant, accused, attack, polarity), as the corpus is
                continue
            seen.add(key)
            line = {"claimant": key[0], "accused": key[1], "attack": key[2], "polarity": key[3],
                    "evidence": evidence}
            if s["hedged"]:
                line["hedged"] = True
            statements.append(line)
        out.append(({"id": _doc_id(article), "attacks": list(attacks.values()), "actors": list(actors.values()),
                     "statements": statements, "notes": f"exported by claimgraph from {article}"}, text))
    return out


def _evidence(s: dict, text: str) -> str | None:
    quote = s["quote"] or ""
    if quote and quote in text:
        return quote
    start, end = s["start"], s["end"]
    if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text):
        return text[start:end]
    return None


def _entity(review: ClaimReview, node_id: str, text: str, date: bool = False) -> dict:
    node = review.ops.node(node_id) or {"name": node_id}
    entity = {"key": slug(node_id), "name": node.get("name") or node_id, "aliases": _forms(node, text)}
    if date and node.get("date"):
        entity["date"] = node["date"]
    return entity


def export_gold(cg: ClaimGraph, out_dir: str | Path, reviewed_only: bool = False) -> tuple[Path, int, int]:
    """Write ``out_dir/gold.jsonl`` and ``out_dir/texts/<id>.txt``; returns (gold path, articles, statements)."""
    out_dir = Path(out_dir)
    texts = out_dir / "texts"
    texts.mkdir(parents=True, exist_ok=True)
    records = gold_records(cg, reviewed_only)
    gold = out_dir / "gold.jsonl"
    with gold.open("w", encoding="utf-8") as fh:
        for line, text in records:
            fh.write(json.dumps(line, ensure_ascii=False) + "\n")
            (texts / f"{line['id']}.txt").write_text(text, encoding="utf-8")
    return gold, len(records), sum(len(line["statements"]) for line, _ in records)
