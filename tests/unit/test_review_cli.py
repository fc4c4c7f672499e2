"""The review decisions on the command line: trace and query hide rejected statements unless
--include-rejected, stats counts review progress, export --format gold, and claimgraph review serves
its page on 127.0.0.1 behind the token it prints."""

from __future__ import annotations

import json
import re
import subprocess
import urllib.error
import urllib.request

import pytest
from conftest import CLAIMGRAPH

from claimgraph.graph.errors import ClaimgraphError
from claimgraph.graph.nx_store import NetworkXStore
from claimgraph.queries.api import ClaimGraph, _example_records
from claimgraph.review import ClaimReview


@pytest.fixture
def reviewed(tmp_path) -> str:
    """A graph file of the example records with Macron's statement rejected and Kirby's accepted."""
    path = tmp_path / "reviewed.graph"
    cg = ClaimGraph(NetworkXStore(path))
    cg.load(_example_records())
    review = ClaimReview(cg, reviewer="ana")
    by = {s["claimant_name"]: s["id"] for s in review.statements()}
    review.reject(by["Emmanuel Macron"])
    review.accept(by["John Kirby"])
    return str(path)


def claimgraph(*args: str, ok: bool = True) -> subprocess.CompletedProcess:
    run = subprocess.run([CLAIMGRAPH, *args], capture_output=True, text=True, timeout=300)
    assert (run.returncode == 0) == ok, run.stderr
    return run


def test_trace_and_query_hide_rejected_unless_asked(reviewed):
    rows = json.loads(claimgraph("trace", "Crocus", "--store", reviewed, "-f", "json").stdout)
    assert "Emmanuel Macron" not in {r["claimant"] for r in rows}
    assert {r["review"] for r in rows if r["claimant"] == "John Kirby"} == {"accepted"}
    rows = json.loads(claimgraph("trace", "Crocus", "--store", reviewed, "--include-rejected", "-f", "json").stdout)
    assert {r["review"] for r in rows if r["claimant"] == "Emmanuel Macron"} == {"rejected"}
    rows = json.loads(claimgraph("query", "accusations_by", "-p", "actor=Macron", "--store", reviewed,
                                 "-f", "json").stdout)
    assert rows == []
    rows = json.loads(claimgraph("query", "accusations_by", "-p", "actor=Macron", "--include-rejected",
                                 "--store", reviewed, "-f", "json").stdout)
    assert [r["review"] for r in rows] == ["rejected"]
    bad = claimgraph("query", "source_reach", "--include-rejected", "--store", reviewed, ok=False)
    assert "applies to" in bad.stderr and "Traceback" not in bad.stderr


def test_stats_counts_review_progress(reviewed):
    rows = json.loads(claimgraph("stats", "--store", reviewed, "-f", "json").stdout)
    review = {r["name"]: r["count"] for r in rows if r["kind"] == "review"}
    assert review == {"machine": 5, "accepted": 1, "rejected": 1, "corrected": 0, "added": 0}
    per_attack = {r["name"]: r["count"] for r in rows if r["kind"] == "review: Crocus City Hall attack"}
    assert per_attack == {"machine": 5, "accepted": 1, "rejected": 1}


def test_export_gold_leaves_rejected_out(reviewed, tmp_path):
    out = tmp_path / "gold"
    claimgraph("export", "--format", "gold", "-o", str(out), "--store", reviewed)
    gold = [json.loads(line) for line in (out / "gold.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(gold) == 3 and sum(len(d["statements"]) for d in gold) == 6  # 7 statements, 1 rejected
    for doc in gold:
        text = (out / "texts" / f"{doc['id']}.txt").read_text(encoding="utf-8")
        assert all(s["evidence"] in text for s in doc["statements"])
    claimgraph("export", "--format", "gold", "-o", str(tmp_path / "mine"), "--reviewed-only", "--store", reviewed)
    mine = [json.loads(line) for line in (tmp_path / "mine" / "gold.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [[s["claimant"] for s in d["statements"]] for d in mine] == [["actor-john-kirby"]]


def test_review_serves_on_loopback_behind_its_token(reviewed):
    proc = subprocess.Popen([CLAIMGRAPH, "review", "--store", reviewed, "--reviewer", "bo"],
                            stderr=subprocess.PIPE, text=True)
    try:
        line = ""
        while "token=" not in line:
            line = proc.stderr.readline()
            assert line, "claimgraph review printed no URL"
        url = re.search(r"http://127\.0\.0\.1:\d+/\?token=\S+", line).group(0)
        with urllib.request.urlopen(url, timeout=20) as res:
            assert res.status == 200 and "claimgraph review" in res.read().decode()
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(url.split("?")[0], timeout=20)
        assert refused.value.code == 403
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    unknown = claimgraph("review", "--store", reviewed, "--attack", "Zzyzx raid", ok=False)
    assert "No attack called 'Zzyzx raid'" in unknown.stderr


def test_the_queue_is_least_confident_first_and_filters(tmp_path, crocus_extractions):
    cg = ClaimGraph(NetworkXStore(None))
    cg.load(crocus_extractions)
    review = ClaimReview(cg, reviewer="ana")
    rows = review.statements()
    sure = [0.5 if r["confidence"] is None else r["confidence"] for r in rows]
    assert sure == sorted(sure) and len(set(sure)) > 1
    kirby = review.statements(actor="Kirby")
    assert kirby and all("actor/john-kirby" in (r["claimant"], r["accused"]) for r in kirby)
    assert {r["attack_name"] for r in review.statements(attack="crocus city hall attack")} == {"Crocus City Hall attack"}
    one = rows[0]["article"]
    assert {r["article"] for r in review.statements(article=one)} == {one}
    review.accept(kirby[0]["id"])
    assert [r["id"] for r in review.statements(status="accepted")] == [kirby[0]["id"]]
    with pytest.raises(ClaimgraphError, match="status"):
        review.statements(status="maybe")
    with pytest.raises(ClaimgraphError, match="No actor called"):
        review.statements(actor="Nobody Whatsoever")
