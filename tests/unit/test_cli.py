"""The command line, run as a user runs it."""

import json
import re
import subprocess
from pathlib import Path

from conftest import CLAIMGRAPH, SAMPLES


def claimgraph(*args, input=None):
    return subprocess.run([CLAIMGRAPH, *args], capture_output=True, text=True,
                          input=input)


def _trace_rows(text: str) -> set[tuple[str, ...]]:
    """(accused, stance, claimant, cue) of each row of a printed trace."""
    rows = (re.split(r"\s{2,}", line.strip()) for line in text.splitlines())
    return {tuple(cols[:4]) for cols in rows if len(cols) >= 4 and cols[1] in ("asserts", "disputes")}


def test_demo_traces_the_crocus_claims_as_the_readme_shows():
    run = claimgraph("demo")
    assert run.returncode == 0, run.stderr
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    shown = readme.split("    $ claimgraph demo\n", 1)[1]
    shown = shown[:re.search(r"\n(?! {4}|\n)", shown).start()]
    assert ("Ukraine", "disputes", "Ukraine's foreign ministry", "rejected") in _trace_rows(shown)
    assert _trace_rows(run.stdout) == _trace_rows(shown)


def test_bad_inputs_are_reported_and_the_good_one_goes_through(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Officials said the Islamic State was behind the Paris attack.\n")
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\x00\x01\x02PNG")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Attentat à Paris revendiqué".encode("latin-1"))
    missing = tmp_path / "missing.txt"
    run = claimgraph("extract", str(good), str(empty), str(binary), str(latin), str(missing))
    assert run.returncode == 2
    assert "Traceback" not in run.stderr
    records = [json.loads(line) for line in run.stdout.splitlines()]
    assert [r["article"]["path"] for r in records] == [str(good)]
    for path, words in ((empty, "is empty"), (binary, "binary"), (latin, "not UTF-8"), (missing, "does not exist")):
        line = next(l for l in run.stderr.splitlines() if str(path) in l)
        assert words in line
    assert "read 1, extracted 1, skipped 4" in run.stderr


def test_ingest_twice_leaves_stats_unchanged(tmp_path):
    store = str(tmp_path / "g.graph")
    assert claimgraph("ingest", str(SAMPLES), "--store", store, "-q").returncode == 0
    first = claimgraph("stats", "--store", store, "--format", "json")
    assert claimgraph("ingest", str(SAMPLES), "--store", store, "-q").returncode == 0
    second = claimgraph("stats", "--store", store, "--format", "json")
    assert first.stdout == second.stdout
    counts = {r["name"]: r["count"] for r in json.loads(first.stdout)}
    assert counts["Claim"] >= 2 and counts["ATTRIBUTED_BY"] >= 2


def test_extract_then_load_then_trace(tmp_path):
    pred = tmp_path / "crocus.jsonl"
    store = str(tmp_path / "g.graph")
    assert claimgraph("extract", str(SAMPLES), "-o", str(pred), "-q").returncode == 0
    assert claimgraph("load", str(pred), "--store", store, "-q").returncode == 0
    run = claimgraph("trace", "crocus city hall attack", "--store", store, "--format", "json")
    rows = json.loads(run.stdout)
    disputed = {(r["accused"], r["claimant"]) for r in rows if r["stance"] == "disputes"}
    assert any(accused == "Ukraine" for accused, _ in disputed)
    assert all(r["contested"] for r in rows if r["accused"] == "Ukraine")


def test_an_unknown_attack_lists_the_closest_names(tmp_path):
    store = str(tmp_path / "g.graph")
    claimgraph("demo", "--store", store)
    run = claimgraph("trace", "Crocus Hall atack", "--store", store)
    assert run.returncode == 1
    assert "Closest: " in run.stderr and "Crocus City Hall attack" in run.stderr
    assert "Traceback" not in run.stderr


def test_load_skips_bad_lines_names_them_and_loads_the_rest(tmp_path):
    good = claimgraph("extract", "-", input="Officials said the Islamic State was behind the Paris attack.\n")
    assert good.returncode == 0 and good.stdout.strip()
    records = tmp_path / "mixed.jsonl"
    records.write_bytes(b'{"article": 1}\n' + good.stdout.encode() + "caf\xe9\n".encode("latin-1"))
    store = str(tmp_path / "g.graph")
    run = claimgraph("load", str(records), "--store", store)
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert f"{records}:1" in run.stderr and f"{records}:3" in run.stderr
    assert "loaded 1 article(s)" in run.stderr and "skipped 2 line(s)" in run.stderr
    counts = {r["name"]: r["count"] for r in json.loads(claimgraph("stats", "--store", store, "-f", "json").stdout)}
    assert counts["Article"] == 1
