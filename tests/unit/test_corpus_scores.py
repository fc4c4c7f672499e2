"""Extraction quality on the shared gold corpus: the scores reached are a floor.

The shipped attribution model is trained on these very texts, so these are
in-sample figures: a regression guard, not evidence of generalisation (that is
``claimgraph eval --cv 5``, README "Extraction quality")."""

import json
import subprocess
import sys

import pytest

from conftest import CLAIMGRAPH, CORPUS, SHARED, needs_shared

# The scores the shipped model reaches (README, "Extraction quality"); a change that drops below fails.
FLOOR = {"gold-dev": {"loose": 0.80, "strict": 0.79}, "gold-train": {"loose": 0.65, "strict": 0.65}}


@pytest.fixture(scope="module")
def predictions(tmp_path_factory):
    gold_ids = [json.loads(line)["id"] for name in FLOOR
                for line in (CORPUS / f"{name}.jsonl").read_text().splitlines() if line]
    out = tmp_path_factory.mktemp("corpus") / "pred.jsonl"
    texts = [str(CORPUS / "texts" / f"{i}.txt") for i in gold_ids]
    subprocess.run([CLAIMGRAPH, "extract", *texts, "-o", str(out), "-q"], check=True)
    return out


@needs_shared
@pytest.mark.parametrize("gold", FLOOR)
def test_scores_do_not_drop(predictions, gold):
    run = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), str(CORPUS / f"{gold}.jsonl"),
                          str(predictions), "--json"], check=True, capture_output=True, text=True)
    scores = json.loads(run.stdout)
    assert not scores["missing_predictions"]
    for mode, floor in FLOOR[gold].items():
        assert scores[mode]["f1"] >= floor, (mode, scores[mode])


@needs_shared
def test_claimgraph_eval_scores_like_the_shared_scorer(predictions):
    from claimgraph.graph.model import read_jsonl
    from claimgraph.loaders.evaluate import evaluate

    gold = [json.loads(line) for line in (CORPUS / "gold-dev.jsonl").read_text().splitlines() if line]
    with predictions.open() as fh:
        ours = evaluate(gold, list(read_jsonl(fh))).as_dict()
    theirs = json.loads(subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"),
                                        str(CORPUS / "gold-dev.jsonl"), str(predictions), "--json"],
                                       check=True, capture_output=True, text=True).stdout)
    for mode in ("loose", "strict"):
        assert ours[mode] == theirs[mode]


@needs_shared
def test_quotes_point_into_every_text(predictions):
    with predictions.open() as fh:
        for line in fh:
            rec = json.loads(line)
            text = rec["article"]["text"]
            for s in rec["statements"]:
                assert text[s["start"]:s["end"]] == s["quote"]
