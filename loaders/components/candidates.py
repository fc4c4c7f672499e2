"""Candidate statements and their features, for the learned attribution step.

The rules of ``attribution.py`` say what they are sure of; the candidates here
widen that to every (claimant, accused, polarity) a sentence with an
attribution cue could state: each ordered pair of the actors it names (a
self-claim when both are the same and the cue claims or denies), and either
polarity. ``claimgraph_statements`` then decides, with a model trained on
annotated news, which of them are statements.

Features are strings (hashed by the model): the rule that proposed a
candidate, the cue's lemma and class, each role's kind, dependency relation
and the dependency path to the cue, negation and hedges on the way, distance,
order, position in the article. Each also goes in joined with the polarity,
so one linear model learns asserts and denies apart. No feature names a
phrase of any particular text: they are word classes from the cue lexicon,
parse labels, and lemmas of the words on the path (the model weighs those).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

__all__ = ["CANDIDATES", "FeatureContext", "after_break", "cue_class", "features", "pair_candidates", "path_between"]

CANDIDATES = "claimgraph_candidates"
_MAX_PATH = 6  # dependency steps: a longer path is just "far"
_SELF_CUES = ("self_claim", "deny_verb", "deny_noun")  # cue classes that make a pair of one actor


def cue_class(det, tok: Token) -> str | None:
    """The cue lexicon class of a token, or None: which kind of attribution word it is."""
    lemma, low = tok.lemma_.lower(), tok.lower_
    if low == "according":
        return "according"
    checks = (("self_claim", det.self_claim_verbs), ("deny_verb", det.deny_verbs), ("blame", det.blame_verbs),
              ("report_verb", det.report_verbs), ("report_noun", det.report_nouns), ("deny_noun", det.deny_nouns),
              ("responsible", det.responsibility_adjs), ("involvement", det.involvement_nouns),
              ("perpetrate", det.perpetrate_verbs))
    for name, lexicon in checks:
        if lemma in lexicon or low in lexicon:
            if name in ("self_claim", "deny_verb", "blame", "report_verb", "perpetrate") and tok.pos_ not in (
                    "VERB", "AUX", "NOUN", "ADJ"):
                continue
            return name
    return None


def path_between(heads: list[int], a: int, b: int) -> tuple[list[int], list[int]] | None:
    """The dependency path between tokens a and b (indices; ``heads`` gives each token's
    head): from a up to the lowest common ancestor, and from b up to just below it;
    None when the two are in different trees (sentences)."""
    up_a = _chain(heads, a)
    index = {t: n for n, t in enumerate(up_a)}
    down = []
    for t in _chain(heads, b):
        if t in index:
            return up_a[:index[t] + 1], down
        down.append(t)
    return None


def _chain(heads: list[int], i: int) -> list[int]:
    out = [i]
    while heads[i] != i:
        i = heads[i]
        out.append(i)
    return out


def _path_string(doc: Doc, heads: list[int], a: int, b: int) -> str:
    found = path_between(heads, a, b)
    if found is None:
        return "none"
    up, down = found
    if len(up) + len(down) > _MAX_PATH:
        return "far"
    return "/".join([f"^{doc[t].dep_}" for t in up[:-1]] + [doc[up[-1]].pos_] + [f"v{doc[t].dep_}" for t in reversed(down)])


def _path_tokens(doc: Doc, heads: list[int], a: int, b: int) -> list[Token]:
    found = path_between(heads, a, b)
    return [] if found is None else [doc[t] for t in found[0] + found[1][::-1]]


def pair_candidates(det, sent: Span, rules: list[dict]) -> list[dict]:
    """Every (claimant, accused, polarity) the sentence could state, rules' ones first.

    Three kinds of pair are not proposed, as the learned model kept none of them under
    cross-validation: a claimant from an earlier sentence (6,570 candidates on the
    annotated corpus, none scored 0.2 or more), a self-claim or self-denial where
    the cue is no claim or denial of responsibility (10,828 candidates, 3 scored 0.2
    or more; dropping them raised out-of-fold strict F1 from 0.410 to 0.419), and a
    denial in a sentence with no word that denies or negates (below).
    The rules still read both."""
    k = det.sent_at[sent.start]
    classes = det.sent_classes[k]
    cues = [sent.doc[i] for i in classes]
    if not cues and not rules:
        return []
    mentions: dict[str, Token] = {}
    for label, root in det.sent_actors[k]:
        mentions.setdefault(label, sent.doc[root])
    out = list(rules)
    seen = {(r["claimant"], r["accused"], r["attack"], r["polarity"]) for r in rules}
    speakers = list(mentions.items())
    in_sentence = list(dict.fromkeys(det.attack_at[t.i].label_ for t in sent if t.i in det.attack_at))
    # A denial needs a word that denies or negates: without one, no "denies" candidate
    # (10,887 on the annotated corpus, none scored 0.2 or more).
    denial = k in det.sent_negated or any(c in ("deny_verb", "deny_noun") for c in classes.values())
    polarities = ("asserts", "denies") if denial else ("asserts",)
    made: dict[tuple[int, int], dict] = {}
    for claimant, c_tok in speakers:
        for accused, a_tok in mentions.items():
            cue = _nearest_cue(det, cues, c_tok, a_tok) if cues else None
            if cue is None or (claimant == accused and classes[cue.i] not in _SELF_CUES):
                continue
            # The attack the rules would pick, then the others the sentence names, then the
            # article's focus: the model weighs which (a feature says which kind it is).
            near = det._attack_near(a_tok)
            choices = [(near, "near")] + [(t, "sentence") for t in in_sentence if t != near]
            focus = det.focus_at(a_tok.i)
            if focus not in (near, *in_sentence):
                choices.append((focus, "focus"))
            for attack, how in choices:
                if attack is None:
                    continue
                for polarity in polarities:
                    if (claimant, accused, attack, polarity) in seen:
                        continue
                    seen.add((claimant, accused, attack, polarity))
                    if (cue.i, a_tok.i) not in made:  # the hedge and offsets depend on these two only
                        made[cue.i, a_tok.i] = det._make(None, None, cue, a_tok, polarity, attack=attack)
                    base = made[cue.i, a_tok.i]
                    out.append({**base, "claimant": claimant, "accused": accused, "attack": attack,
                                "polarity": polarity, "origin": "pair", "attack_choice": how,
                                "c_i": None if c_tok is None else c_tok.i, "a_i": a_tok.i, "cue_i": cue.i})
    return out


def path_length(det, a: int, b: int) -> int:
    """Dependency steps between tokens a and b (99 across sentences), kept per document:
    every pair of actors asks again."""
    lengths = det.path_lengths
    if (a, b) not in lengths:
        found = path_between(det.heads, a, b)
        lengths[a, b] = 99 if found is None else len(found[0]) + len(found[1])
    return lengths[a, b]


def _nearest_cue(det, cues: list[Token], c_tok: Token | None, a_tok: Token) -> Token | None:
    return min(cues, key=lambda cue: sum(path_length(det, t.i, cue.i) for t in (c_tok, a_tok) if t is not None))


def locate(det, sent: Span, cand: dict, cue: Token, pred: Token) -> dict:
    """Token indices for a rule's statement: its cue, and the nearest mention of each role."""
    def nearest(label: str, to: Token) -> int | None:
        here = [s.root.i for s in sent.doc.spans.get("claimgraph_actors", [])
                if s.label_ == label and s.start >= sent.start and s.end <= sent.end]
        return min(here, key=lambda i: abs(i - to.i)) if here else None
    return {**cand, "origin": "rule", "c_i": nearest(cand["claimant"], cue), "a_i": nearest(cand["accused"], pred),
            "cue_i": cue.i}


class FeatureContext:
    """What the features of one document's candidates share, computed once: actor kinds,
    per-sentence summaries and each token's word class."""

    def __init__(self, det, doc: Doc):
        self.det, self.doc, self.heads = det, doc, det.heads
        self.kinds = {s.label_: s.kb_id_ for s in doc.spans.get("claimgraph_actors", [])}
        self._sents, self._sent_at = det.sents, det.sent_at
        self._sentences: dict[int, tuple[list[str], list[str]]] = {}
        self._structures: dict[tuple, tuple[list, list, list]] = {}

    def cue_class(self, tok: Token) -> str | None:
        return self.det.cue_classes.get(tok.i)

    def word_class(self, tok: Token) -> str:
        """A cue class where the word has one, else its lemma for the model to weigh."""
        return self.cue_class(tok) or tok.lemma_.lower()

    def structure(self, cue_i: int, c_i: int | None, a_i: int | None) -> tuple[list, list, list]:
        """The features that depend on the tokens only, not on the candidate's labels: the
        cue's, the roles' (with the sentence's summary), and the roles' relations together."""
        key = (cue_i, c_i, a_i)
        if key not in self._structures:
            self._structures[key] = self._structure(*key)
        return self._structures[key]

    def _structure(self, cue_i: int, c_i: int | None, a_i: int | None) -> tuple[list, list, list]:
        doc, wc = self.doc, self.word_class
        cue = doc[cue_i]
        c_tok = doc[c_i] if c_i is not None else None
        a_tok = doc[a_i] if a_i is not None else None
        lead, summary = self.sentence(self._sent_at[cue_i])
        klass = self.cue_class(cue)
        cue_part = [f"cue={cue.lemma_.lower()}", f"cue_class={klass}", f"cue_pos={cue.pos_}", f"cue_dep={cue.dep_}",
                    *lead]
        roles = []
        if c_tok is None:
            roles.append("c=previous_speaker")
        else:
            roles += [f"c_nearest={self.nearest(c_tok, cue, a_tok)}", f"c_dep={c_tok.dep_}", f"c_head={wc(c_tok.head)}", f"c_path={_path_string(doc, self.heads, c_i, cue_i)}",
                      f"c_before_cue={c_tok.i < cue.i}"]
        if a_tok is not None:
            roles += [f"a_dep={a_tok.dep_}", f"a_head={wc(a_tok.head)}", f"a_path={_path_string(doc, self.heads, a_i, cue_i)}",
                      f"a_before_cue={a_tok.i < cue.i}"]
            path = _path_tokens(doc, self.heads, a_i, cue_i)
            roles += [f"a_path_word={wc(t)}" for t in path[1:-1]]
            roles += [f"a_path_neg={any(_negated(t) for t in path)}", f"cue_neg={_negated(cue)}",
                      f"a_does={self.deed(a_tok)}", f"a_nearest={self.nearest(a_tok, cue, c_tok)}"]
            if c_tok is not None:
                roles += [f"ca_path={_path_string(doc, self.heads, c_i, a_i)}", f"ca_order={c_tok.i < a_tok.i}",
                          f"ca_coordinated={a_tok in c_tok.conjuncts}",
                          f"ca_dist={_bucket(abs(c_tok.i - a_tok.i))}"]
                lo, hi = sorted((c_tok.i, a_tok.i))
                roles += [f"between={wc(t)}" for t in doc[lo + 1:hi] if not t.is_punct and not t.is_stop][:12]
        roles += summary
        # The two roles' relations together, which a linear model cannot form itself. (Each
        # role's path and relation joined with the cue's class too were dropped: grouped CV
        # strict F1 0.512 with them, 0.518 without.)
        deps = dict(f.split("=", 1) for f in roles if f.startswith(("c_dep=", "a_dep=")))
        conj = [f"roles={deps.get('c_dep', 'previous')}&{deps.get('a_dep', 'none')}"]
        return cue_part, roles, conj

    def deed(self, tok: Token) -> str:
        """What the word a mention does is, where it does one: its verb's or noun's class
        ("violent": shelled, "perpetrate": carried out, "attack": an attack mention), joined
        with how the mention does it (subject, agent of a passive, possessor)."""
        if tok.dep_ in ("nsubj", "poss", "compound", "amod"):
            how, deed = tok.dep_, tok.head
        elif tok.dep_ == "pobj" and tok.head.lower_ == "by" and tok.head.dep_ == "agent":
            how, deed = "agent", tok.head.head
        elif tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in ("work", "hand"):
            how, deed = "work_of", tok.head.head
        else:
            return "none"
        det, lemma = self.det, deed.lemma_.lower()
        kind = ("attack" if deed.i in det.attack_at else "violent" if lemma in det.violent_verbs
                else "perpetrate" if lemma in det.perpetrate_verbs else "responsible" if lemma in det.responsibility_adjs
                else "other")
        return f"{how}&{kind}"

    def nearest(self, tok: Token, cue: Token, other: Token | None) -> bool:
        """Whether no other actor mention of the sentence is closer to the cue (dependency steps)."""
        mine = path_length(self.det, tok.i, cue.i)
        skip = {tok.i, None if other is None else other.i}
        return all(path_length(self.det, i, cue.i) >= mine for _, i in self.det.sent_actors[self._sent_at[cue.i]]
                   if i not in skip)

    def sentence(self, k: int) -> tuple[list[str], list[str]]:
        """The k-th sentence's features: where it stands (headline, question), and what it holds."""
        if k not in self._sentences:
            det, sent = self.det, self._sents[k]
            actors = {label for label, _ in det.sent_actors[k]}
            self._sentences[k] = (
                [f"headline={after_break(sent)}", f"question={sent.text.rstrip().endswith('?')}"],
                [f"sent_neg={k in det.sent_negated}",
                 f"sent_deny={any(c in ('deny_verb', 'deny_noun') for c in det.sent_classes[k].values())}",
                 f"actors_in_sent={_bucket(len(actors))}",
                 f"attacks_in_sent={_bucket(len({det.attack_at[t.i].label_ for t in sent if t.i in det.attack_at}))}"])
        return self._sentences[k]


def features(ctx: FeatureContext, cand: dict, rule_keys: set) -> list[str]:
    """The feature strings of one candidate (see the module docstring)."""
    kinds = ctx.kinds
    cue_part, role_part, conj_part = ctx.structure(cand["cue_i"], cand.get("c_i"), cand.get("a_i"))
    own = [
        f"origin={cand['origin']}", f"attack_choice={cand.get('attack_choice', 'rule')}",
        f"rule_says={(cand['claimant'], cand['accused'], cand['polarity']) in rule_keys}",
        f"rule_other_polarity={(cand['claimant'], cand['accused'], _flip(cand['polarity'])) in rule_keys}",
        f"self={cand['claimant'] == cand['accused']}",
        *cue_part[:4],
        f"c_kind={kinds.get(cand['claimant'], 'none')}", f"a_kind={kinds.get(cand['accused'], 'none')}",
        f"kinds={kinds.get(cand['claimant'], 'none')}>{kinds.get(cand['accused'], 'none')}",
        f"hedged={cand['hedged']}", f"channel={cand['channel'] is not None}",
        *cue_part[4:], *role_part, f"attack_is_focus={cand['attack'] == ctx.det.focus_at(cand['cue_i'])}", *conj_part,
    ]
    # Each of these also counts conjoined with the polarity: ``claimgraph_statements`` adds
    # those copies as hashed keys (the polarity's salt on each key), not as strings.
    return ["bias", f"pol={cand['polarity']}"] + own


def after_break(sent: Span) -> bool:
    """The sentence starts the text or a line: a headline or a lead."""
    return sent.start == 0 or "\n" in sent.doc[sent.start - 1].text_with_ws


def _flip(polarity: str) -> str:
    return "denies" if polarity == "asserts" else "asserts"


def _negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" or c.lower_ in ("never", "no") for c in tok.children)


def _bucket(n: int) -> str:
    return str(n) if n < 4 else "4-7" if n < 8 else "8-15" if n < 16 else "16+"
