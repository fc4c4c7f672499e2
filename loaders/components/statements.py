"""``claimgraph_statements``: the learned step that decides which candidates are statements.

A trainable spaCy component. ``claimgraph_attribution`` leaves candidate
statements with their feature strings in ``doc.user_data``; this component
scores each with a linear model over the hashed features (the registered
architecture ``claimgraph.StatementScorer.v1``: thinc's ``SparseLinear``, as
in spaCy's bag-of-words text classifier, then a logistic output), turns the
score into a calibrated confidence (a logistic map fitted on out-of-fold
scores, kept in ``cfg``: Platt scaling with its own slope and intercept for
candidates a rule proposed and for bare actor pairs, and a term for a
(claimant, accused) pair that more than one rule proposed), and keeps the
candidates at or above the threshold as the document's statements, one per
(claimant, accused, polarity): the surest attack (one per attack where a plural
reference, "these attacks", names several).

It is trained by ``claimgraph.loaders.train`` through ``update`` (the
``nlp.update`` loop) on candidates labelled from gold annotations, and saved
and loaded with ``to_disk``/``from_disk`` (cfg and weights only: no pickles).
"""

from __future__ import annotations

import math
from typing import Iterable

import numpy
from spacy.language import Language
from spacy.pipeline import TrainablePipe
from spacy.strings import hash_string
from spacy.tokens import Doc
from spacy.training import Example
from spacy.util import registry
from thinc.api import Logistic, Model, Optimizer, SparseLinear_v2, chain

from .attribution import STATEMENTS
from .candidates import CANDIDATES

__all__ = ["LABELS", "StatementScorer", "build_statement_scorer"]

LABELS = "claimgraph_candidate_labels"  # on a reference doc: 1.0/0.0 per candidate, None to skip one
_INTERNAL = ("features", "keys", "origin", "attack_choice", "c_i", "a_i", "cue_i", "pred_i")


@registry.architectures("claimgraph.StatementScorer.v1")
def build_statement_scorer(length: int = 2 ** 18) -> Model:
    """A logistic regression over hashed feature strings."""
    return chain(SparseLinear_v2(nO=1, length=length), Logistic())


DEFAULT_MODEL = {"@architectures": "claimgraph.StatementScorer.v1", "length": 2 ** 18}


@Language.factory("claimgraph_statements", default_config={"model": DEFAULT_MODEL, "threshold": 0.5,
                                                          "rule_threshold": 0.1})
def make_statement_scorer(nlp: Language, name: str, model: Model, threshold: float, rule_threshold: float):
    return StatementScorer(nlp.vocab, model, name, threshold=threshold, rule_threshold=rule_threshold)


class StatementScorer(TrainablePipe):
    def __init__(self, vocab, model: Model, name: str = "claimgraph_statements", *, threshold: float = 0.5,
                 rule_threshold: float = 0.1):
        self.vocab = vocab
        self.model = model
        self.name = name
        # Two thresholds, both chosen on out-of-fold F1: a candidate a rule proposed needs less
        # confidence to be kept than one that only pairs two actors near a cue.
        # platt: confidence = sigmoid(a * logit(score) + b), fitted after training; a model saved
        # before the per-origin map has only these. calibration: the weights of CALIBRATION_TERMS
        # (None: platt_a, platt_b for every candidate).
        self.cfg = {"threshold": threshold, "rule_threshold": rule_threshold, "platt_a": 1.0, "platt_b": 0.0,
                    "calibration": None, "trained_on": None}

    # -- prediction ---------------------------------------------------------------------------

    def predict(self, docs: Iterable[Doc]) -> list[numpy.ndarray]:
        docs = list(docs)
        cands = [doc.user_data.get(CANDIDATES, []) for doc in docs]
        flat = [c for cs in cands for c in cs]
        scores = self.model.predict(_featurize(flat))[:, 0] if flat else numpy.zeros((0,), dtype="f")
        out, at = [], 0
        for cs in cands:
            out.append(scores[at:at + len(cs)])
            at += len(cs)
        return out

    def set_annotations(self, docs: Iterable[Doc], scores: list[numpy.ndarray]) -> None:
        for doc, doc_scores in zip(docs, scores):
            doc.user_data[STATEMENTS] = self.decide(doc.user_data.get(CANDIDATES, []), doc_scores)

    def confidence(self, score: float, origin: str = "rule", rule_support: int = 1) -> float:
        """The calibrated confidence of a candidate with raw ``score``, proposed by a rule or
        as a bare pair (``origin``), whose (claimant, accused) pair ``rule_support`` rule
        candidates of the document propose."""
        weights = self.cfg.get("calibration")
        if not weights:
            return _platt(score, self.cfg["platt_a"], self.cfg["platt_b"])
        return _sigmoid(sum(w * t for w, t in zip(weights, calibration_terms(score, origin, rule_support))))

    def decide(self, candidates: list[dict], scores, thresholds: tuple[float, float] | None = None) -> list[dict]:
        """The statements among scored candidates: at or above the threshold of their origin
        (``thresholds``: pairs, rules), and of each (claimant, accused, polarity)'s candidates the
        surest attack."""
        pair_t, rule_t = thresholds or (self.cfg["threshold"], self.cfg["rule_threshold"])
        return [{**{k: v for k, v in cand.items() if k not in _INTERNAL}, "confidence": round(conf, 3)}
                for cand, _, conf in self.best(candidates, scores, (pair_t, rule_t))]

    def best(self, candidates: list[dict], scores, thresholds: tuple[float, float]) -> list[tuple]:
        """(candidate, calibration terms, confidence) of each (claimant, accused, polarity)'s surest
        candidate at or above the threshold of its origin. One per polarity, as an actor may claim
        an attack and deny it in one article (grouped 5-fold strict F1 0.6512 -> 0.6541 against
        one per (claimant, accused))."""
        pair_t, rule_t = thresholds
        support: dict[tuple, int] = {}
        for cand in candidates:
            if cand["origin"] == "rule":
                key = (cand["claimant"], cand["accused"])
                support[key] = support.get(key, 0) + 1
        best: dict[tuple, tuple] = {}
        for cand, score in zip(candidates, scores):
            pair = (cand["claimant"], cand["accused"])
            terms = (float(score), cand["origin"], support.get(pair, 0))
            conf = self.confidence(*terms)
            # a statement about several attacks ("blamed Y for these attacks") is one per attack
            key = (*pair, cand["polarity"], cand["attack"] if cand.get("attack_choice") == "plural" else None)
            if conf >= (rule_t if cand["origin"] == "rule" else pair_t) and (key not in best or conf > best[key][2]):
                best[key] = (cand, terms, conf)
        return list(best.values())

    # -- training -------------------------------------------------------------------------------

    def initialize(self, get_examples=None, *, nlp=None) -> None:
        self.model.initialize()

    def update(self, examples: Iterable[Example], *, drop: float = 0.0, sgd: Optimizer | None = None,
               losses: dict | None = None) -> dict:
        losses = {} if losses is None else losses
        losses.setdefault(self.name, 0.0)
        feats, truth = [], []
        for eg in examples:
            labels = eg.reference.user_data.get(LABELS, [])
            for cand, y in zip(eg.predicted.user_data.get(CANDIDATES, []), labels):
                if y is not None:
                    feats.append(cand)
                    truth.append(y)
        if not feats:
            return losses
        scores, backprop = self.model.begin_update(_featurize(feats))
        y = numpy.asarray(truth, dtype="f").reshape(-1, 1)
        # The mean log-loss's gradient with respect to the output; the Logistic layer's backprop
        # multiplies by p(1 - p), which leaves (p - y) at the logit.
        backprop((scores - y) / numpy.maximum(scores * (1 - scores), 1e-7) / len(truth))
        if sgd is not None:
            self.finish_update(sgd)
        eps = 1e-7
        losses[self.name] += float(-numpy.mean(y * numpy.log(scores + eps) + (1 - y) * numpy.log(1 - scores + eps)))
        return losses

    def to_disk(self, path, *, exclude=tuple()):
        """cfg and weights; the vocab is the pipeline's own."""
        super().to_disk(path, exclude=(*exclude, "vocab"))

    def from_disk(self, path, *, exclude=tuple()):
        return super().from_disk(path, exclude=(*exclude, "vocab"))

    def get_loss(self, examples, scores):  # update computes its own; TrainablePipe asks for it
        raise NotImplementedError

    def calibrate(self, terms: list[tuple], truth: list[float]) -> None:
        """Fit the confidence map on what the model gave documents it was not trained on:
        ``terms`` are (raw score, origin, rule support) as ``best`` gives them. A single Platt
        map over all of them is kept too (``platt_a``, ``platt_b``)."""
        self.cfg["platt_a"], self.cfg["platt_b"] = fit_platt([t[0] for t in terms], truth)
        self.cfg["calibration"] = fit_calibration(terms, truth)


_HASHES: dict[str, int] = {}  # feature string -> hash: most strings recur in every document
# The 183 corpus texts make 14,000 distinct strings; the cap keeps a long run's worker within
# about 15 MB of them (500,000 let it grow towards 70 MB).
_MAX_HASHES = 100_000


def _hash(feature: str) -> int:
    key = _HASHES.get(feature)
    if key is None:
        if len(_HASHES) >= _MAX_HASHES:
            _HASHES.clear()
        key = _HASHES[feature] = hash_string(feature)
    return key


# The keys of a candidate's features conjoined with its polarity: each feature's key with the
# polarity's salt; SparseLinear hashes every key again (MurmurHash), so no pattern is left.
_SALTS = {p: numpy.uint64(hash_string(f"{p}|")) for p in ("asserts", "denies")}


def _featurize(candidates: list[dict]):
    todo = [c for c in candidates if "keys" not in c]  # hashed once: training reads each candidate every epoch
    if todo:
        # candidates share most features: hash each distinct string once, look the rest up in C
        flat = [f for c in todo for f in c["features"]]
        known = {f: _hash(f) for f in set(flat)}
        hashed = numpy.fromiter(map(known.__getitem__, flat), dtype="uint64", count=len(flat))
        at = 0
        for c in todo:
            own = hashed[at:at + len(c["features"])]
            at += len(own)
            c["keys"] = numpy.concatenate([own, own[2:] ^ _SALTS[c["polarity"]]])  # not bias and pol=
    keys = numpy.concatenate([c["keys"] for c in candidates])
    lengths = numpy.asarray([len(c["keys"]) for c in candidates], dtype="int32")
    return keys, numpy.ones((len(keys),), dtype="f"), lengths


def _logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


def _sigmoid(z: float) -> float:
    return 1 / (1 + math.exp(-z)) if z > -30 else 0.0


# The terms of the confidence map, each with its weight in cfg["calibration"]: a Platt map per
# origin (intercept and slope on the logit of the score for bare pairs; the difference for rule
# candidates) and whether more than one rule proposed the (claimant, accused) pair. Measured on
# grouped 5-fold CV (bench/README.md): one Platt map for both origins is overconfident at the top
# (a rule's candidate is right about half the time whatever its score, a pair's about 1%), and a
# pair two rules propose is right 14 times in 15.
CALIBRATION_TERMS = ("bias", "logit", "rule", "rule_logit", "rule_support")
CALIBRATION_L2 = 1.0  # on every weight but the bias: a few hundred statements to fit on


def calibration_terms(score: float, origin: str, rule_support: int) -> tuple[float, ...]:
    x = min(max(_logit(score), -15.0), 15.0)
    rule = 1.0 if origin == "rule" else 0.0
    return 1.0, x, rule, rule * x, 1.0 if rule_support >= 2 else 0.0


def fit_calibration(terms: list[tuple], truth: list[float], l2: float = CALIBRATION_L2,
                    steps: int = 100) -> list[float]:
    """Logistic regression of the truth on the calibration terms (Newton's method, an L2
    penalty on all but the bias): the weights, as plain floats for cfg."""
    x = numpy.asarray([calibration_terms(*t) for t in terms], dtype="float64").reshape(-1, len(CALIBRATION_TERMS))
    y = numpy.asarray(truth, dtype="float64")
    reg = numpy.full(x.shape[1], l2)
    reg[0] = 1e-6
    w = numpy.zeros(x.shape[1])
    for _ in range(steps):
        p = 1 / (1 + numpy.exp(-numpy.clip(x @ w, -30, 30)))
        g = x.T @ (p - y) + reg * w
        h = (x * (p * (1 - p))[:, None]).T @ x + numpy.diag(reg)
        step = numpy.linalg.solve(h, g)
        w -= step
        if numpy.abs(step).max() < 1e-9:
            break
    return [round(float(v), 6) for v in w]


def _platt(score: float, a: float, b: float) -> float:
    z = a * _logit(score) + b
    return 1 / (1 + math.exp(-z)) if z > -30 else 0.0


def fit_platt(scores: list[float], truth: list[float], steps: int = 100) -> tuple[float, float]:
    """Platt scaling on the logit of the scores: Newton's method with step halving on the
    log-loss, against Platt's smoothed targets (N+ + 1)/(N+ + 2) and 1/(N- + 2)."""
    x = numpy.clip(numpy.asarray([_logit(s) for s in scores], dtype="float64"), -15, 15)
    y = numpy.asarray(truth, dtype="float64")
    pos, neg = y.sum(), len(y) - y.sum()
    t = numpy.where(y > 0, (pos + 1) / (pos + 2), 1 / (neg + 2))

    def loss(a: float, b: float) -> float:
        z = a * x + b
        return float(numpy.sum(numpy.logaddexp(0, z) - t * z))

    a, b = 1.0, 0.0
    for _ in range(steps):
        p = 1 / (1 + numpy.exp(-(a * x + b)))
        w = numpy.maximum(p * (1 - p), 1e-12)
        g = numpy.array([numpy.sum((p - t) * x), numpy.sum(p - t)])
        h = numpy.array([[numpy.sum(w * x * x), numpy.sum(w * x)], [numpy.sum(w * x), numpy.sum(w)]]) + numpy.eye(2) * 1e-6
        step = numpy.linalg.solve(h, g)
        before, size = loss(a, b), 1.0
        while size > 1e-6 and loss(a - size * step[0], b - size * step[1]) > before:
            size /= 2
        a, b = a - size * step[0], b - size * step[1]
        if numpy.abs(size * step).max() < 1e-8:
            break
    return float(a), float(b)
