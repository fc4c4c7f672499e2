"""The learned attribution step: training, its reproduction, grouped folds, calibration, the CLI."""

import json
import math
import random
import subprocess

import pytest

from conftest import CLAIMGRAPH, REPO

FIXTURES = REPO / "tests" / "fixtures" / "muc"


def test_folds_never_split_a_group_and_cover_every_document():
    from claimgraph.loaders.train import folds, group_of

    ids = [f"rss-{feed}-2023-0{d}-01" for feed in ("bbc", "rt", "sky") for d in range(1, 6)]
    ids += [f"muc-dev-{i}" for i in range(20)] + [f"wikievents-{i}" for i in range(7)]
    parts = folds(ids, 5, seed=3)
    assert sorted(i for p in parts for i in p) == sorted(ids)
    where = {i: n for n, p in enumerate(parts) for i in p}
    for i in ids:
        for j in ids:
            if group_of(i) == group_of(j):
                assert where[i] == where[j], (i, j)
    assert group_of("rss-bbc-2023-01-01") == group_of("rss-rt-2023-01-01") != group_of("rss-rt-2023-01-02")
    assert max(map(len, parts)) - min(map(len, parts)) <= 3


def test_folds_follow_a_group_file_and_refuse_too_few_groups():
    from claimgraph.graph.errors import ClaimgraphError
    from claimgraph.loaders.train import family_of, folds

    ids = ["a1", "a2", "b1", "b2", "c1"]
    groups = {"a1": "A", "a2": "A", "b1": "B", "b2": "B", "c1": "C"}
    parts = folds(ids, 3, groups)
    assert sorted(sorted(p) for p in parts) == [["a1", "a2"], ["b1", "b2"], ["c1"]]
    with pytest.raises(ClaimgraphError, match="4 folds need at least 4 groups"):
        folds(ids, 4, groups)
    assert [family_of(i) for i in ("muc-dev-muc3-0001", "rss-bbc-2023-01-01", "wikievents-x")] == \
        ["muc", "rss", "wikievents"]


def test_platt_scaling_recovers_a_known_calibration():
    from claimgraph.loaders.components.statements import _platt, fit_platt

    rng = random.Random(0)
    # The true probability of a score s is sigmoid(2 * logit(s) - 1).
    scores = [rng.uniform(0.01, 0.99) for _ in range(4000)]
    truth = [1.0 if rng.random() < _platt(s, 2.0, -1.0) else 0.0 for s in scores]
    a, b = fit_platt(scores, truth)
    assert abs(a - 2.0) < 0.25 and abs(b + 1.0) < 0.25
    # Separable data must not send the map to infinity.
    a, b = fit_platt([0.1] * 50 + [0.9] * 50, [0.0] * 50 + [1.0] * 50)
    assert math.isfinite(a) and math.isfinite(b) and 0.9 < _platt(0.9, a, b) < 1.0


def test_the_confidence_map_is_fitted_per_origin_and_for_rule_support():
    from spacy.vocab import Vocab

    from claimgraph.loaders.components.statements import StatementScorer, _platt

    rng = random.Random(0)
    # Rule candidates are right about half the time whatever their score; pairs follow their score
    # steeply; a pair of actors two rules propose is right more often.
    terms, truth = [], []
    for _ in range(6000):
        origin = rng.choice(("rule", "pair"))
        score, support = rng.uniform(0.02, 0.98), rng.choice((0, 1, 1, 2)) if origin == "rule" else 0
        p = _platt(score, 0.3, 0.0 + (1.5 if support >= 2 else 0.0)) if origin == "rule" else _platt(score, 2.0, -3.0)
        terms.append((score, origin, support))
        truth.append(1.0 if rng.random() < p else 0.0)
    scorer = StatementScorer(Vocab(), None)
    assert scorer.confidence(0.9, "pair") == scorer.confidence(0.9, "rule")  # not calibrated: one map
    scorer.calibrate(terms, truth)
    weights = scorer.cfg["calibration"]
    assert len(weights) == 5 and all(type(w) is float for w in weights)
    json.dumps(scorer.cfg)  # plain JSON in cfg, no pickles
    for score in (0.1, 0.5, 0.9):
        assert abs(scorer.confidence(score, "pair") - _platt(score, 2.0, -3.0)) < 0.06, score
        assert abs(scorer.confidence(score, "rule", 1) - _platt(score, 0.3, 0.0)) < 0.06, score
        assert abs(scorer.confidence(score, "rule", 2) - _platt(score, 0.3, 1.5)) < 0.08, score
    # The surest candidate of a (claimant, accused, polarity) is chosen on the calibrated confidence:
    # a rule's candidate over a pair's with a higher raw score, and two rules lift the pair; an
    # actor's claim and denial are both kept.
    cand = {"claimant": "a", "accused": "b", "attack": "x", "polarity": "asserts", "features": []}
    kept = scorer.decide([{**cand, "origin": "pair", "attack": "y"}, {**cand, "origin": "rule"}], [0.6, 0.5], (0.0, 0.0))
    assert [s["attack"] for s in kept] == ["x"] and kept[0]["confidence"] == round(scorer.confidence(0.5, "rule", 1), 3)
    kept = scorer.decide([{**cand, "origin": "rule"}, {**cand, "origin": "rule", "polarity": "denies"}], [0.5, 0.4],
                         (0.0, 0.0))
    assert [s["polarity"] for s in kept] == ["asserts", "denies"]
    assert kept[0]["confidence"] == round(scorer.confidence(0.5, "rule", 2), 3) > round(scorer.confidence(0.5, "rule", 1), 3)


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    """The fixture corpus trained twice with one seed, and once with another."""
    from claimgraph.loaders.read import read_inputs
    from claimgraph.loaders.train import read_gold, train

    gold = read_gold(FIXTURES / "gold.jsonl")
    out = {}
    for name, seed in (("first", 7), ("again", 7), ("other", 8)):
        out[name] = train(gold, read_inputs([str(FIXTURES / "texts")]), tmp_path_factory.mktemp(name), seed=seed)
    return out


def test_training_is_reproduced_bit_for_bit(trained):
    for part in ("cfg", "model"):
        assert (trained["first"] / part).read_bytes() == (trained["again"] / part).read_bytes(), part
    assert (trained["first"] / "model").read_bytes() != (trained["other"] / "model").read_bytes()
    cfg = json.loads((trained["first"] / "cfg").read_text())
    assert cfg["trained_on"] == {"documents": 12, "seed": 7, "statements": 23, "families": ["muc"]}
    assert 0 <= cfg["rule_threshold"] <= 1 and 0 <= cfg["threshold"] <= 1
    assert len(cfg["calibration"]) == 5 and all(isinstance(w, float) for w in cfg["calibration"])


def test_a_saved_model_loads_with_its_confidence_map(trained, tmp_path):
    from spacy.vocab import Vocab

    from claimgraph.loaders.components.statements import StatementScorer, build_statement_scorer

    cfg = json.loads((trained["first"] / "cfg").read_text())
    loaded = StatementScorer(Vocab(), build_statement_scorer()).from_disk(trained["first"])
    # spaCy reads cfg back through srsly's JSON, whose floats can differ in the last place.
    assert loaded.cfg["calibration"] == pytest.approx(cfg["calibration"], rel=1e-12)
    fresh = StatementScorer(Vocab(), None)
    fresh.cfg["calibration"] = cfg["calibration"]
    for origin, support in (("rule", 1), ("rule", 2), ("pair", 0)):
        assert loaded.confidence(0.3, origin, support) == pytest.approx(fresh.confidence(0.3, origin, support), rel=1e-9)
    # A model saved before the per-origin map (platt_a, platt_b only) keeps its single map.
    old = {k: v for k, v in cfg.items() if k != "calibration"}
    (tmp_path / "cfg").write_text(json.dumps(old))
    (tmp_path / "model").write_bytes((trained["first"] / "model").read_bytes())
    before = StatementScorer(Vocab(), build_statement_scorer()).from_disk(tmp_path)
    assert before.cfg["calibration"] is None
    from claimgraph.loaders.components.statements import _platt
    assert before.confidence(0.3, "pair") == pytest.approx(_platt(0.3, cfg["platt_a"], cfg["platt_b"]), rel=1e-9)


def test_a_trained_model_is_used_by_extraction_with_confidences(trained):
    from claimgraph.graph.model import Article, article_id
    from claimgraph.loaders.extract import extract
    from claimgraph.loaders.nlp import build_pipeline

    nlp = build_pipeline(attribution_model=str(trained["first"]))
    assert nlp.pipe_names[-1] == "claimgraph_statements"
    assert nlp.get_pipe("claimgraph_statements").cfg["trained_on"]["seed"] == 7
    texts = [path.read_text() for path in sorted((FIXTURES / "texts").glob("*.txt"))]
    found = [s for ex in extract([Article(article_id(t), t) for t in texts], nlp) for s in ex.statements]
    assert found  # the texts it was trained on (23 annotated statements; a model of 12 texts is unsure)
    assert all(0.0 <= s.confidence <= 1.0 for s in found)


def test_a_missing_model_says_how_to_get_one(tmp_path, monkeypatch):
    from claimgraph.graph.errors import ModelNotFound
    from claimgraph.loaders.nlp import build_pipeline

    with pytest.raises(ModelNotFound, match="claimgraph train"):
        build_pipeline(attribution_model=str(tmp_path))
    monkeypatch.setenv("CLAIMGRAPH_ATTRIBUTION_MODEL", str(tmp_path / "nowhere"))
    with pytest.raises(ModelNotFound, match="nowhere"):
        build_pipeline()


def test_the_shipped_model_gives_every_statement_a_confidence(nlp):
    from claimgraph.graph.model import Article, article_id
    from claimgraph.loaders.extract import extract
    from claimgraph.loaders.lexicon import data_path

    texts = [p.read_text(encoding="utf-8") for p in sorted(data_path("samples").iterdir())]
    statements = [s for ex in extract([Article(article_id(t), t) for t in texts], nlp) for s in ex.statements]
    assert len(statements) >= 5
    assert all(s.confidence is not None and 0 < s.confidence <= 1 for s in statements)


def test_extract_min_confidence_drops_the_less_sure_statements(tmp_path):
    from claimgraph.loaders.lexicon import data_path

    samples = str(data_path("samples"))

    def extracted(floor: str) -> list[dict]:
        out = tmp_path / f"{floor}.jsonl"
        subprocess.run([CLAIMGRAPH, "extract", samples, "-o", str(out), "-q", "--min-confidence", floor], check=True)
        statements = [s for line in out.read_text().splitlines() for s in json.loads(line)["statements"]]
        assert all(s["confidence"] >= float(floor) for s in statements)
        return statements

    everything = extracted("0")
    # the median confidence as the floor: whatever the shipped model's confidences, some go
    median = sorted(s["confidence"] for s in everything)[len(everything) // 2]
    assert 0 < len(extracted(str(median))) < len(everything)
    assert extracted("1") == []


def test_eval_cross_validates_by_group_and_reports_families(tmp_path):
    run = subprocess.run([CLAIMGRAPH, "eval", str(FIXTURES / "gold.jsonl"), str(FIXTURES / "texts"), "--cv", "3",
                          "--format", "json", "-q"], check=True, capture_output=True, text=True)
    report = json.loads(run.stdout)
    for mode in ("strict", "loose"):
        assert set(report[mode]) >= {"precision", "recall", "f1"}
        assert report[mode]["tp"] + report[mode]["fn"] == report["families"]["muc"][mode]["tp"] + \
            report["families"]["muc"][mode]["fn"] > 0
    assert list(report["families"]) == ["muc"]


def test_train_cli_reports_bad_gold_with_its_line(tmp_path):
    bad = tmp_path / "gold.jsonl"
    bad.write_text('{"id": "x", "statements": []}\nnot json\n')
    run = subprocess.run([CLAIMGRAPH, "train", str(bad), str(FIXTURES / "texts"), "-o", str(tmp_path / "m")],
                         capture_output=True, text=True)
    assert run.returncode == 1 and f"{bad}:2: not JSON" in run.stderr
    assert not (tmp_path / "m").exists()


def test_only_candidates_from_the_evidence_are_trained_as_statements(tmp_path):
    """A candidate that fits a gold statement but comes from another sentence (the same
    tuple restated elsewhere) is left out of training, not taught as a statement."""
    from claimgraph.graph.model import Article
    from claimgraph.loaders.nlp import build_pipeline
    from claimgraph.loaders.train import parse_corpus

    text = ("Rebels attacked the police station in Talora on Monday.\n\n"
            "The army blamed the rebels for the attack on the police station.\n\n"
            "On Tuesday the army again blamed the rebels for the attack on the police station.\n")
    evidence = "On Tuesday the army again blamed the rebels for the attack on the police station."
    gold = {"id": "talora", "attacks": [{"key": "talora", "name": "attack on the police station",
                                         "aliases": ["the attack", "attacked the police station"]}],
            "actors": [{"key": "army", "name": "army", "aliases": ["the army"]},
                       {"key": "rebels", "name": "rebels", "aliases": ["the rebels"]}],
            "statements": [{"claimant": "army", "accused": "rebels", "attack": "talora", "polarity": "asserts",
                            "evidence": evidence}]}
    (doc,) = parse_corpus(build_pipeline(learned=False), [gold], [Article("talora", text, path="talora.txt")])
    by_sentence = {}
    for cand, label in zip(doc.doc.user_data["claimgraph_candidates"], doc.labels):
        if (cand["claimant"].lower(), cand["accused"].lower(), cand["polarity"]) == ("army", "rebels", "asserts"):
            by_sentence.setdefault(doc.doc[cand["cue_i"]].sent.text.strip(), set()).add(label)
    assert by_sentence[evidence] == {1.0}
    assert by_sentence["The army blamed the rebels for the attack on the police station."] == {None}
