"""The learned attribution step on the shared annotated corpus: grouped cross-validation,
the reliability of its confidences, and a learning curve.

Every figure comes from documents the model never saw (grouped 5-fold: feed digests of
one day in one fold). The corpus is parsed once; each fold trains and calibrates anew.
"""

from __future__ import annotations

from claimgraph.loaders import train as learning
from claimgraph.loaders.nlp import build_pipeline
from claimgraph.loaders.read import read_inputs

from .common import SHARED, Timer, log

GOLD = ("gold-dev.jsonl", "gold-train.jsonl")
BINS = (0.0, 0.2, 0.4, 0.6, 0.8, 1.01)


def _docs(nlp):
    corpus = SHARED / "corpus"
    if not (corpus / "texts").is_dir():
        raise SystemExit(f"no annotated corpus in {corpus} (set CLAIMGRAPH_SHARED)")
    gold = [g for name in GOLD for g in learning.read_gold(corpus / name)]
    articles = (a for a in read_inputs([str(corpus / "texts")]) if not isinstance(a, Exception))
    return learning.parse_corpus(nlp, gold, articles)


def _figures(result: learning.CVResult) -> dict:
    report = result.as_dict()
    return {"strict": report["strict"], "loose": report["loose"],
            "families": {f: {"strict": r["strict"], "loose": r["loose"]} for f, r in report["families"].items()}}


def run_learning(quick: bool = False, k: int = 5) -> dict:
    nlp = build_pipeline(learned=False)
    with Timer() as parse:
        docs = _docs(nlp)
    log(f"  parsed {len(docs)} annotated texts in {parse.seconds:.0f} s")
    with Timer() as cv:
        result = learning.cross_validate(nlp, docs, k, progress=lambda m: log("  " + m))
    table = learning.reliability(result, BINS)
    kept = [r for r in table if r["n"]]
    total = sum(r["n"] for r in kept)
    ece = sum(r["n"] * abs(r["accuracy"] - r["confidence"]) for r in kept) / total if total else None
    sure = [r for r in table if r["low"] >= 0.8 and r["n"]]
    out = {"documents": len(docs), "folds": k, "strict_f1": round(result.score().strict.f1, 3), "cv_seconds": round(cv.seconds, 1), "cv": _figures(result),
           "reliability": table, "ece": round(ece, 3) if ece is not None else None,
           "accuracy_at_confidence_0_8": (round(sum(r["correct"] for r in sure) / sum(r["n"] for r in sure), 3)
                                          if sure else None)}
    log(f"  grouped {k}-fold strict F1 {out['cv']['strict']['f1']}, loose {out['cv']['loose']['f1']}; ECE {out['ece']}")
    for r in table:
        log(f"  confidence {r['low']:.1f}-{r['high']:.1f}: {r['n']:4} statements, "
            f"{r['accuracy'] if r['accuracy'] is not None else '-'} correct (mean confidence {r['confidence']})")
    if not quick:
        out["leave_source_out"] = {f: {"strict": r["strict"], "loose": r["loose"]}
                                   for f, r in learning.leave_source_out(nlp, docs).items()}
        train_docs = len(docs) * (k - 1) // k
        curve = []
        for share in (0.25, 0.5, 0.75):
            n = int(train_docs * share)
            res = learning.cross_validate(nlp, docs, k, train_size=n)
            curve.append({"training_documents": n, **_figures(res)})
            log(f"  learning curve: {n} training documents -> strict F1 {curve[-1]['strict']['f1']}")
        curve.append({"training_documents": train_docs, **out["cv"]})
        out["learning_curve"] = curve
    return out
