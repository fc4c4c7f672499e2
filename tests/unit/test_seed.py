"""The seed article: the Crocus claims, and the scorer's loose recall on it."""

import json
import subprocess
import sys

import pytest

from conftest import CLAIMGRAPH, SEED, SHARED, needs_shared


@pytest.fixture(scope="module")
def seed_extraction(nlp):
    from claimgraph.graph.model import Article, article_id
    from claimgraph.loaders.extract import extract

    text = SEED.read_text(encoding="utf-8")
    return next(extract([Article(article_id(text), text, path=str(SEED))], nlp))


def _triples(ex):
    names = {a.id: a.name for a in ex.actors}
    attacks = {a.id: a.name for a in ex.attacks}
    return {(names[s.claimant], s.polarity, names[s.accused], attacks[s.attack]) for s in ex.statements}


@needs_shared
def test_putin_blames_isis_k_and_ukraine_and_us_officials_dispute_it(seed_extraction):
    triples = _triples(seed_extraction)
    crocus = "Crocus City Hall attack"
    assert ("Vladimir Putin", "asserts", "Islamic State-Khorasan Province", crocus) in triples
    assert ("Vladimir Putin", "asserts", "Ukraine", crocus) in triples
    assert ("US officials", "denies", "Ukraine", crocus) in triples
    assert not any(c == "US officials" and a != "Ukraine" for c, _, a, _ in triples)


@needs_shared
def test_quotes_point_into_the_text(seed_extraction):
    text = SEED.read_text(encoding="utf-8")
    assert seed_extraction.statements
    for s in seed_extraction.statements:
        assert text[s.start:s.end] == s.quote
        assert s.cue in s.quote


@needs_shared
def test_scorer_loose_recall_on_the_seed(tmp_path):
    pred = tmp_path / "seed.jsonl"
    subprocess.run([CLAIMGRAPH, "extract", str(SEED), "-o", str(pred), "-q"], check=True)
    out = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), str(SHARED / "seed" / "gold.jsonl"),
                          str(pred), "--json"], check=True, capture_output=True, text=True).stdout
    assert json.loads(out)["loose"]["recall"] >= 0.6
