"""Training and honest evaluation of the learned attribution step (``claimgraph train|eval --cv``).

The corpus is parsed once: every annotated text goes through the pipeline up
to ``claimgraph_attribution``, which leaves candidate statements with their
features; each candidate is labelled against the gold (a statement when it
strictly fits a gold statement with a named claimant and comes from that
statement's evidence; one that fits only an optional narrator statement, or
fits but comes from another sentence, is left out of training). ``claimgraph_statements``
is then trained on those candidates, calibrated on out-of-fold scores and
given the threshold that maximised out-of-fold F1.

Cross-validation splits documents, never groups: feed digests of the same
day share stories, so ``rss-<feed>-<date>`` ids of one date form a group;
every other document is its own group (or a group file says otherwise).
"""

from __future__ import annotations

import json
import random
import re
from collections import namedtuple
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Iterable

from spacy.language import Language
from spacy.tokens import Doc
from spacy.training import Example
from thinc.api import Adam, fix_random_seed

from ..graph.errors import ClaimgraphError
from ..graph.model import Article, Extraction, actor_id, attack_id
from .components.candidates import CANDIDATES
from .components.statements import LABELS, StatementScorer, build_statement_scorer
from .evaluate import NARRATOR, GoldMatcher, Score, evaluate
from .extract import annotated, to_extraction, to_statements
from .nlp import build_pipeline, truecaser
from .normalize import CleanText

__all__ = ["AnnotatedDoc", "cross_validate", "family_of", "folds", "group_of", "leave_source_out", "parse_corpus",
           "read_gold", "reliability", "train", "train_scorer"]

# Chosen by grouped 5-fold CV on the shared corpus (bench/README.md): a strong L2 penalty
# matters most, as there are about 30,000 candidates and 300 positives.
EPOCHS = 20
BATCH_DOCS = 8
LEARN_RATE = 0.01
L2 = 0.002
CALIBRATION_FOLDS = 3
THRESHOLDS = tuple(round(0.05 * i, 2) for i in range(2, 17))  # pair candidates: 0.10 .. 0.80
RULE_THRESHOLDS = (0.0, 0.05, 0.1, 0.15, 0.2, 0.3)
TIE = 0.005  # strict F1

Progress = Callable[[str], None]
_Candidate = namedtuple("_Candidate", "claimant accused attack polarity")


@dataclass
class AnnotatedDoc:
    """One annotated text, parsed, with its candidates labelled against the gold."""

    id: str
    gold: dict
    article: Article
    cleaned: CleanText
    doc: Doc
    labels: list  # per candidate: 1.0, 0.0, or None (fits only a narrator statement: not trained on)
    record: Extraction  # actors and attacks (the statements are set per decision)

    def example(self) -> Example:
        ref = Doc(self.doc.vocab, words=[t.text for t in self.doc], spaces=[bool(t.whitespace_) for t in self.doc])
        ref.user_data[LABELS] = self.labels
        return Example(self.doc, ref)


def read_gold(path: Path) -> list[dict]:
    """Gold articles from a JSON Lines file, each checked for the fields training needs."""
    rows = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ClaimgraphError(f"{path}:{n}: not JSON ({exc.msg}). Each line must be one gold article.") from None
            if not isinstance(row, dict) or "id" not in row or not isinstance(row.get("statements", []), list):
                raise ClaimgraphError(f"{path}:{n}: a gold article needs an 'id' and a 'statements' list "
                                      "(the format of the shared corpus README).")
            rows.append(row)
    if not rows:
        raise ClaimgraphError(f"{path}: no gold articles in it.")
    return rows


def group_of(doc_id: str) -> str:
    """Feed digests of one day share stories: one group per date; anything else is its own."""
    m = re.fullmatch(r"rss-.+-(\d{4}-\d{2}-\d{2})", doc_id)
    return f"rss-{m.group(1)}" if m else doc_id


def family_of(doc_id: str) -> str:
    """The source family: the id's prefix (muc, wikievents, rss)."""
    return doc_id.split("-", 1)[0]


def folds(ids: list[str], k: int, groups: dict[str, str] | None = None, seed: int = 0) -> list[list[str]]:
    """K folds of document ids that never split a group: groups in a seeded order, largest
    first, each into the fold with the fewest documents so far."""
    by_group: dict[str, list[str]] = {}
    for i in ids:
        by_group.setdefault((groups or {}).get(i) or group_of(i), []).append(i)
    if len(by_group) < k:
        raise ClaimgraphError(f"{k} folds need at least {k} groups of documents; there are {len(by_group)}. "
                              "Use a smaller --cv or more documents.")
    order = sorted(by_group)
    random.Random(seed).shuffle(order)
    order.sort(key=lambda g: -len(by_group[g]))
    out: list[list[str]] = [[] for _ in range(k)]
    for g in order:
        min(out, key=len).extend(by_group[g])
    return out


def parse_corpus(nlp: Language, gold: list[dict], articles: Iterable[Article],
                 progress: Progress | None = None) -> list[AnnotatedDoc]:
    """Parse the gold articles' texts (paired by file stem, else article id) and label their candidates."""
    wanted = {g["id"]: g for g in gold}
    arts = [a for a in articles if _key(a) in wanted]
    missing = sorted(set(wanted) - {_key(a) for a in arts})
    if missing:
        raise ClaimgraphError(f"no text for {len(missing)} gold article(s): {', '.join(missing[:5])}. "
                              "Name the folder of the texts (<id>.txt) after the gold file.")
    out = []
    truecase = truecaser(nlp)
    for n, (art, offset, cleaned, doc) in enumerate(annotated(nlp, arts, truecase), 1):
        if offset:
            raise ClaimgraphError(f"{art.path or art.id}: longer than an annotated text can be "
                                  "(100,000 characters); split it.")
        g = wanted[_key(art)]
        record = to_extraction(doc, art, cleaned)
        out.append(AnnotatedDoc(g["id"], g, art, cleaned, doc, _labels(doc, record, g), record))
        if progress:
            progress(f"parsed {n}/{len(arts)}: {g['id']}")
    return out


def _key(art: Article) -> str:
    return Path(art.path).stem if art.path else art.id


def _labels(doc: Doc, record: Extraction, gold: dict) -> list:
    """1.0 for a candidate that strictly fits a gold statement with a named claimant and
    comes from that statement's evidence; None (not trained on) for one that fits only a
    narrator statement, or fits but comes from another sentence (the same tuple restated,
    or a sentence that merely names both actors: neither teaches what a statement looks
    like); else 0.0."""
    match = GoldMatcher(gold, record)
    evidence = [_evidence_span(doc.text, gs.get("evidence", "")) for gs in match.golds]
    out = []
    for c in doc.user_data.get(CANDIDATES, []):
        cand = _Candidate(actor_id(c["claimant"]), actor_id(c["accused"]), attack_id(c["attack"]), c["polarity"])
        hits = [i for i, gs in enumerate(match.golds) if match.fits(cand, gs, strict=True)]
        named = [i for i in hits if match.golds[i]["claimant"] != NARRATOR]
        if not named:
            out.append(None if hits else 0.0)
            continue
        sent = doc[c["cue_i"]].sent
        here = any(evidence[i] is None or (evidence[i][0] < sent.end_char and sent.start_char < evidence[i][1])
                   for i in named)
        out.append(1.0 if here else None)
    return out


def _evidence_span(text: str, evidence: str) -> tuple[int, int] | None:
    """Where a gold statement's evidence is in the parsed text: the same words, any case
    (truecasing) and any spacing (cleaning); None when it cannot be found."""
    words = evidence.split()
    if not words:
        return None
    found = re.search(r"\s+".join(re.escape(w) for w in words), text, re.IGNORECASE)
    return (found.start(), found.end()) if found else None


def _fit(docs: list[AnnotatedDoc], nlp: Language, seed: int, epochs: int) -> StatementScorer:
    fix_random_seed(seed)
    scorer = StatementScorer(nlp.vocab, build_statement_scorer(), "claimgraph_statements")
    scorer.initialize()
    optimizer = Adam(LEARN_RATE, L2=L2, L2_is_weight_decay=False, use_averages=True)
    rng = random.Random(seed)
    order = list(docs)
    for _ in range(epochs):
        rng.shuffle(order)
        for i in range(0, len(order), BATCH_DOCS):
            scorer.update([d.example() for d in order[i:i + BATCH_DOCS]], sgd=optimizer)
    # The weights averaged over every update, not the last ones: steadier on a small corpus
    # (3-seed grouped 5-fold strict F1 0.634 -> 0.638).
    for node in scorer.model.walk():
        for name in node.param_names:
            if (node.id, name) in optimizer.averages:
                node.set_param(name, optimizer.averages[node.id, name].copy())
    return scorer


def _raw_scores(scorer: StatementScorer, docs: list[AnnotatedDoc]) -> list:
    return scorer.predict([d.doc for d in docs])


def train_scorer(nlp: Language, docs: list[AnnotatedDoc], seed: int = 0, epochs: int = EPOCHS,
                 progress: Progress | None = None) -> StatementScorer:
    """Train on all ``docs``; calibrate and choose the threshold on out-of-fold scores."""
    oof: dict[str, object] = {}
    parts = folds([d.id for d in docs], CALIBRATION_FOLDS, seed=seed)
    for n, held in enumerate(parts, 1):
        held_set = set(held)
        inner = _fit([d for d in docs if d.id not in held_set], nlp, seed, epochs)
        test = [d for d in docs if d.id in held_set]
        oof.update(zip([d.id for d in test], _raw_scores(inner, test)))
        if progress:
            progress(f"calibration fold {n}/{len(parts)}")
    scorer = _fit(docs, nlp, seed, epochs)
    pairs = _decided(scorer, docs, oof)
    scorer.calibrate([t for t, _ in pairs], [y for _, y in pairs])
    grid = {(p, r): _score_at(scorer, docs, oof, (p, r)).strict.f1 for p in THRESHOLDS for r in RULE_THRESHOLDS}
    # Within TIE of the best F1, the lowest rule threshold: a rule's statement is dropped only
    # when the data clearly says so (differences of a few statements are noise at this size).
    top = max(grid.values())
    best = min((t for t, f in grid.items() if f >= top - TIE), key=lambda t: (t[1], abs(t[0] - 0.5)))
    scorer.cfg["threshold"], scorer.cfg["rule_threshold"] = best
    if progress:
        progress(f"trained on {len(docs)} documents; thresholds {best[0]} (pairs), {best[1]} (rules)")
    return scorer


def _decided(scorer: StatementScorer, docs: list[AnnotatedDoc], scores: dict) -> list[tuple[tuple, float]]:
    """(calibration terms, correct) of the candidates that would become statements at no
    threshold: the surest of each (claimant, accused, polarity) by raw score. Calibrating on these,
    not on every candidate, fits the map where statements are (most candidates are easy
    negatives near 0)."""
    out = []
    for d in docs:
        match = GoldMatcher(d.gold, d.record)
        for cand, terms, _ in scorer.best(d.doc.user_data.get(CANDIDATES, []), scores[d.id], (0.0, 0.0)):
            found = match.label(_Candidate(actor_id(cand["claimant"]), actor_id(cand["accused"]),
                                           attack_id(cand["attack"]), cand["polarity"]))
            if found != "narrator":
                out.append((terms, 1.0 if found == "statement" else 0.0))
    return out


def _score_at(scorer: StatementScorer, docs: list[AnnotatedDoc], scores: dict, thresholds) -> Score:
    return evaluate([d.gold for d in docs], [predicted(scorer, d, scores[d.id], thresholds) for d in docs])


def predicted(scorer: StatementScorer, d: AnnotatedDoc, scores, thresholds=None) -> Extraction:
    """The record of a parsed document with the statements the scorer keeps."""
    kept = scorer.decide(d.doc.user_data.get(CANDIDATES, []), scores, thresholds)
    return replace(d.record, statements=to_statements(kept, d.article, d.cleaned))


@dataclass
class CVResult:
    """Out-of-fold predictions with their confidences, and the scores they get."""

    records: list[Extraction]
    gold: list[dict]

    def score(self, family: str | None = None) -> Score:
        gold = [g for g in self.gold if family is None or family_of(g["id"]) == family]
        return evaluate(gold, self.records)

    def as_dict(self) -> dict:
        out = self.score().as_dict()
        out["families"] = {f: self.score(f).as_dict() for f in sorted({family_of(g["id"]) for g in self.gold})}
        return out


def cross_validate(nlp: Language, docs: list[AnnotatedDoc], k: int, groups: dict[str, str] | None = None,
                   seed: int = 0, progress: Progress | None = None, train_size: int | None = None) -> CVResult:
    """Grouped K-fold: each fold scored by a model trained (and calibrated) on the others only.
    ``train_size`` trains each fold on a seeded sample of that many training documents."""
    records = []
    parts = folds([d.id for d in docs], k, groups, seed)
    for n, held in enumerate(parts, 1):
        held_set = set(held)
        train = [d for d in docs if d.id not in held_set]
        if train_size is not None:
            train = random.Random(seed + n).sample(train, min(train_size, len(train)))
        scorer = train_scorer(nlp, train, seed)
        test = [d for d in docs if d.id in held_set]
        records += [predicted(scorer, d, s) for d, s in zip(test, _raw_scores(scorer, test))]
        if progress:
            progress(f"fold {n}/{k}: trained on {len(train)}, scored {len(test)}")
    return CVResult(records, [d.gold for d in docs])


def leave_source_out(nlp: Language, docs: list[AnnotatedDoc], seed: int = 0,
                     progress: Progress | None = None) -> dict[str, dict]:
    """For each source family: trained on the others, scored on it."""
    out = {}
    for fam in sorted({family_of(d.id) for d in docs}):
        train = [d for d in docs if family_of(d.id) != fam]
        test = [d for d in docs if family_of(d.id) == fam]
        if not train:
            continue
        scorer = train_scorer(nlp, train, seed)
        records = [predicted(scorer, d, s) for d, s in zip(test, _raw_scores(scorer, test))]
        out[fam] = evaluate([d.gold for d in test], records).as_dict()
        if progress:
            progress(f"left out {fam}: trained on {len(train)}, scored {len(test)}")
    return out


def reliability(result: CVResult, bins: tuple[float, ...] = (0.0, 0.2, 0.4, 0.6, 0.8, 1.01)) -> list[dict]:
    """Out-of-fold statements by confidence bin: how many, and the share that are correct
    (strictly fit a gold statement; ones fitting only an optional narrator statement are left out)."""
    gold = {g["id"]: g for g in result.gold}
    rows = [{"low": lo, "high": min(hi, 1.0), "n": 0, "correct": 0, "confidence": 0.0}
            for lo, hi in zip(bins, bins[1:])]
    for ex in result.records:
        match = GoldMatcher(gold[_key(ex.article)], ex)
        for s in ex.statements:
            found = match.label(s)
            if found == "narrator" or s.confidence is None:
                continue
            row = next(r for r, hi in zip(rows, bins[1:]) if s.confidence < hi)
            row["n"] += 1
            row["correct"] += found == "statement"
            row["confidence"] += s.confidence
    for r in rows:
        r["accuracy"] = round(r["correct"] / r["n"], 3) if r["n"] else None
        r["confidence"] = round(r["confidence"] / r["n"], 3) if r["n"] else None
    return rows


def train(gold: list[dict], articles: Iterable[Article], out: Path, *, seed: int = 0,
          extra_gazetteers: tuple[str, ...] | None = None, progress: Progress | None = None) -> Path:
    """Train the attribution model on gold articles and their texts; write it to ``out``."""
    nlp = build_pipeline(extra_gazetteers=extra_gazetteers, learned=False)
    docs = parse_corpus(nlp, gold, articles, progress)
    scorer = train_scorer(nlp, docs, seed, progress=progress)
    scorer.cfg["trained_on"] = {"documents": len(docs), "seed": seed,
                                "statements": sum(len(d.gold.get("statements", [])) for d in docs),
                                "families": sorted({family_of(d.id) for d in docs})}
    out.mkdir(parents=True, exist_ok=True)
    scorer.to_disk(out)
    return out
