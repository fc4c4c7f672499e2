"""Export -> train -> extract closes the loop: an analyst's corrections, exported as gold
(claimgraph export --format gold), teach a retrained model (claimgraph train) to extract them, and
re-ingesting with that model keeps every decision."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from conftest import CLAIMGRAPH

from claimgraph.graph.model import read_jsonl
from claimgraph.queries.api import ClaimGraph
from claimgraph.review import ClaimReview

# "X, and not Y, was behind ...": the shipped model reads it as blaming both; the analyst corrects
# the statement about Y to a denial. Real groups from the gazetteer, invented incidents.
PAIRS = [
    ("Karachi", "the Balochistan Liberation Army", "the Pakistani Taliban"),
    ("Culiacan", "the Sinaloa Cartel", "the Jalisco cartel"),
    ("Mogadishu", "al-Shabaab", "Islamic State"),
    ("Kabul", "the Haqqani network", "Islamic State-Khorasan Province"),
    ("Maiduguri", "Boko Haram", "the Islamic State West Africa Province"),
    ("Quetta", "the Pakistani Taliban", "the Balochistan Liberation Army"),
    ("Medellin", "the Jalisco cartel", "the Sinaloa Cartel"),
    ("Jalalabad", "Islamic State-Khorasan Province", "the Haqqani network"),
]
HELD_OUT = ("Peshawar", "the Haqqani network", "the Pakistani Taliban")


def _text(city: str, real: str, other: str) -> str:
    return (f"Bombing in {city} market\n\nA bomb killed nine people at a market in {city} on Monday. "
            f"Police in {city} said {real}, and not {other}, was behind the {city} market bombing. "
            f"Residents said the market would reopen on Friday.\n")


def _cleared(review: ClaimReview):
    """(article id, the group the police cleared in it) for every article."""
    for s in review.statements():
        text = review.ops.node(s["article"])["text"]
        yield s["article"], next(other for city, _, other in PAIRS if f"Police in {city} " in text)


def _named_in(review: ClaimReview, actor: str, phrase: str) -> bool:
    node = review.ops.node(actor)
    return any(form.lower() in phrase.lower() for form in [node.get("name"), *node.get("aliases", [])] if form)


def claimgraph(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    run = subprocess.run([CLAIMGRAPH, *args], capture_output=True, text=True, cwd=cwd, timeout=900)
    assert run.returncode == 0, run.stderr
    return run


def test_corrections_exported_as_gold_teach_a_retrained_model(tmp_path):
    articles = tmp_path / "articles"
    articles.mkdir()
    for i, pair in enumerate(PAIRS):
        (articles / f"a{i}.txt").write_text(_text(*pair), encoding="utf-8")
    store = str(tmp_path / "review.graph")
    claimgraph("ingest", str(articles), "--store", store, "-q", cwd=tmp_path)

    with ClaimGraph.open(store) as cg:
        review = ClaimReview(cg, reviewer="ana")
        cleared = {ex_id: other for ex_id, other in _cleared(review)}
        wrong = [s for s in review.statements() if s["polarity"] == "asserts" and s["article"] in cleared
                 and _named_in(review, s["accused"], cleared[s["article"]])]
        # the shipped model blames the group the police cleared in several texts (if a new shipped
        # model stops doing so, this test needs another construction it gets wrong)
        assert len({s["article"] for s in wrong}) >= 3, [s["quote"] for s in review.statements()]
        for s in wrong:
            review.correct(s["id"], polarity="denies")
        for s in review.statements(status="machine"):
            review.accept(s["id"])
        decided = sorted((s["id"], s["review"]) for s in review.statements())
        corrected = {(s["article"], s["accused"]) for s in review.statements(status="corrected")}
        assert all(s["polarity"] == "denies" for s in review.statements(status="corrected"))

    gold_dir = tmp_path / "gold"
    claimgraph("export", "--format", "gold", "-o", str(gold_dir), "--reviewed-only", "--store", store, cwd=tmp_path)
    gold = [json.loads(line) for line in (gold_dir / "gold.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(gold) == len(PAIRS)
    for doc in gold:
        text = (gold_dir / "texts" / f"{doc['id']}.txt").read_text(encoding="utf-8")
        assert all(text.find(s["evidence"]) >= 0 for s in doc["statements"])
        assert all(a.lower() in text.lower() for e in doc["actors"] + doc["attacks"] for a in e["aliases"])
        assert {"asserts", "denies"} <= {s["polarity"] for s in doc["statements"]} or not doc["statements"]

    # The shipped model misses the analyst's denials; the model trained on the decisions does not.
    before = claimgraph("eval", str(gold_dir / "gold.jsonl"), str(gold_dir / "texts"), "--format", "json",
                        cwd=tmp_path)
    model = tmp_path / "model"
    claimgraph("train", str(gold_dir / "gold.jsonl"), str(gold_dir / "texts"), "-o", str(model), "-q", cwd=tmp_path)
    after = claimgraph("eval", str(gold_dir / "gold.jsonl"), str(gold_dir / "texts"), "--model", str(model),
                       "--format", "json", cwd=tmp_path)
    f1 = [json.loads(r.stdout)["strict"]["f1"] for r in (before, after)]
    assert f1[1] > f1[0], f1

    (tmp_path / "held-out.txt").write_text(_text(*HELD_OUT), encoding="utf-8")
    out = tmp_path / "pred.jsonl"
    claimgraph("extract", str(articles), str(tmp_path / "held-out.txt"), "--model", str(model), "-o", str(out),
               cwd=tmp_path)
    with out.open(encoding="utf-8") as fh:
        records = list(read_jsonl(fh))
    found = {(s.article, s.accused, s.polarity) for ex in records for s in ex.statements}
    assert {(a, acc, "denies") for a, acc in corrected} <= found  # every corrected statement, extracted
    held = next(ex for ex in records if "Peshawar" in ex.article.text)
    assert ("actor/tehrik-i-taliban-pakistan", "denies") in {(s.accused, s.polarity) for s in held.statements}

    # Re-ingesting with the retrained model keeps every decision.
    claimgraph("ingest", str(articles), "--model", str(model), "--store", store, "-q", cwd=tmp_path)
    with ClaimGraph.open(store) as cg:
        review = ClaimReview(cg)
        assert sorted((s["id"], s["review"]) for s in review.statements() if s["review"] != "machine") == decided
