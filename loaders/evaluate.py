"""Scoring extraction against gold annotations (``claimgraph eval``).

The gold format is the one of the shared corpus: one object per article with
``id``, ``attacks`` and ``actors`` (``key``, ``name``, ``aliases``, attacks
with an optional ``date``) and ``statements`` (``claimant``, ``accused``,
``attack``, ``polarity``, ``evidence``). A statement is the tuple (claimant,
accused, polarity) for the *loose* score and (claimant, accused, attack,
polarity) for the *strict* one, micro-averaged over articles. Actors match
when any surface form (name, alias, mention text) is equal after
normalisation; attacks also when one surface contains the other or when
their dates are equal. Gold statements whose claimant is ``__narrator__`` are
optional: matching one is neither a hit nor an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..graph.model import Extraction

__all__ = ["NARRATOR", "GoldMatcher", "Score", "evaluate", "surface"]

NARRATOR = "__narrator__"


def surface(text: str | None) -> str:
    """A mention form reduced for comparison: lower case, no punctuation or leading article.

    >>> surface("The U.S. Embassy's warehouse")
    'u s embassy warehouse'
    """
    s = (text or "").lower().replace("\u2019", "'")
    s = re.sub(r"'s\b", "", s)
    s = " ".join(re.sub(r"[^\w\s-]", " ", s).split())
    for article in ("the ", "a ", "an "):
        if s.startswith(article):
            return s[len(article):]
    return s


def _forms(name, aliases=(), mentions=()) -> set[str]:
    forms = {surface(name), *(surface(a) for a in aliases), *(surface(m) for m in mentions)}
    forms.discard("")
    return forms


def _inside(a: str, b: str) -> bool:
    return f" {a} " in f" {b} " or f" {b} " in f" {a} "


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 3),
                "recall": round(self.recall, 3), "f1": round(self.f1, 3)}


@dataclass
class Score:
    articles: int
    loose: Tally = field(default_factory=Tally)
    strict: Tally = field(default_factory=Tally)
    missing: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # "FP id: ..." / "FN id: ..." under strict

    def as_dict(self) -> dict:
        return {"articles": self.articles, "missing_predictions": self.missing,
                "loose": self.loose.as_dict(), "strict": self.strict.as_dict()}


def _key(ex: Extraction) -> str:
    return Path(ex.article.path).stem if ex.article.path else ex.article.id


class GoldMatcher:
    """One gold article against one predicted record: which gold statement a predicted one fits."""

    def __init__(self, g: dict, ex: Extraction | None):
        self.golds = g.get("statements", [])
        self.g_actor = {a["key"]: _forms(a.get("name"), a.get("aliases") or []) for a in g.get("actors", [])}
        self.g_attack = {a["key"]: (_forms(a.get("name"), a.get("aliases") or []), a.get("date"))
                         for a in g.get("attacks", [])}
        self.p_actor = {a.id: _forms(a.name, a.aliases, [m.text for m in a.mentions]) for a in ex.actors} if ex else {}
        self.p_attack = ({a.id: (_forms(a.name, a.aliases, [m.text for m in a.mentions]), a.date)
                          for a in ex.attacks} if ex else {})

    def same_attack(self, gkey, pid) -> bool:
        gold_a, pred_a = self.g_attack.get(gkey), self.p_attack.get(pid)
        if gold_a is None or pred_a is None:
            return gold_a is None and pred_a is None
        (gs, gdate), (ps, pdate) = gold_a, pred_a
        if gs & ps or any(_inside(x, y) for x in gs for y in ps if min(len(x), len(y)) >= 4):
            return True
        return bool(gdate) and gdate == pdate

    def fits(self, p, gs: dict, strict: bool) -> bool:
        if p.polarity != gs["polarity"]:
            return False
        if not self.p_actor.get(p.accused, set()) & self.g_actor.get(gs["accused"], {"?"}):
            return False
        if gs["claimant"] != NARRATOR and not self.p_actor.get(p.claimant, set()) & self.g_actor.get(gs["claimant"], {"?"}):
            return False
        return not strict or self.same_attack(gs.get("attack"), p.attack)

    def label(self, p) -> str:
        """"statement" when ``p`` strictly fits a gold statement with a named claimant,
        "narrator" when it fits only an optional narrator one, else "none"."""
        hits = [gs["claimant"] for gs in self.golds if self.fits(p, gs, strict=True)]
        return "statement" if any(c != NARRATOR for c in hits) else "narrator" if hits else "none"


def evaluate(gold: list[dict], predicted: list[Extraction]) -> Score:
    """Score predictions against gold articles, paired by file stem (else article id)."""
    preds = {_key(ex): ex for ex in predicted}
    score = Score(len(gold))
    for g in gold:
        ex = preds.get(g["id"])
        if ex is None:
            score.missing.append(g["id"])
        match = GoldMatcher(g, ex)
        statements = ex.statements if ex else []
        golds = match.golds
        for strict, tally in ((False, score.loose), (True, score.strict)):
            used_gold: set[int] = set()
            used_pred: set[int] = set()
            # Named claimants first: an optional narrator statement never takes a
            # prediction that a named one needs.
            for narrator in (False, True):
                for pi, p in enumerate(statements):
                    if pi in used_pred:
                        continue
                    for gi, gs in enumerate(golds):
                        if gi in used_gold or (gs["claimant"] == NARRATOR) != narrator or not match.fits(p, gs, strict):
                            continue
                        used_gold.add(gi)
                        used_pred.add(pi)
                        tally.tp += not narrator
                        break
            names = {a.id: a.name for a in ex.actors} if ex else {}
            for pi, p in enumerate(statements):
                if pi not in used_pred:
                    tally.fp += 1
                    if strict:
                        score.errors.append(f"FP {g['id']}: {names.get(p.claimant)} {p.polarity} "
                                            f"{names.get(p.accused)} / {p.attack}: {p.quote[:120]!r}")
            for gi, gs in enumerate(golds):
                if gi not in used_gold and gs["claimant"] != NARRATOR:
                    tally.fn += 1
                    if strict:
                        score.errors.append(f"FN {g['id']}: {gs['claimant']} {gs['polarity']} {gs['accused']} / "
                                            f"{gs.get('attack')}: {gs.get('evidence', '')[:120]!r}")
    return score
