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

from spacy.attrs import DEP, IS_PUNCT, IS_STOP, LEMMA, LOWER, POS
from spacy.tokens import Doc, Span, Token

from .attacks import ATTACK_SPANS

__all__ = ["CANDIDATES", "FeatureContext", "after_break", "cue_class", "features", "is_question", "pair_candidates",
           "path_between"]

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


def _path_string(ctx: "FeatureContext", a: int, b: int) -> str:
    found = ctx.path(a, b)
    if found is None:
        return "none"
    up, down = found
    if len(up) + len(down) > _MAX_PATH:
        return "far"
    dep = ctx.dep
    return "/".join([f"^{dep[t]}" for t in up[:-1]] + [ctx.pos[up[-1]]] + [f"v{dep[t]}" for t in reversed(down)])


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
    rules = rules + plural_expansion(det, sent, rules)
    out = list(rules)
    seen = {(r["claimant"], r["accused"], r["attack"], r["polarity"]) for r in rules}
    speakers = list(mentions.items())
    in_sentence = list(dict.fromkeys(det.attack_at[i].label_ for i in range(sent.start, sent.end) if i in det.attack_at))
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


_PLURAL_DETERMINERS = ("these", "those", "both")
_NUMBERS = ("two", "three", "four", "five")


def plural_expansion(det, sent: Span, rules: list[dict]) -> list[dict]:
    """"Authorities blamed Y for these attacks": a rule's statement whose attack is named by a plural
    reference is also made about each other attack its story named before the sentence (one
    statement per attack: ``claimgraph_statements`` keeps these apart)."""
    out = []
    for rule in rules:
        if not any(i in det.attack_at and det.attack_at[i].label_ == rule["attack"] and _plural_reference(sent.doc[i])
                   for i in range(sent.start, sent.end)):
            continue
        story = det.story_at[sent.start]
        before = dict.fromkeys(s.label_ for s in sent.doc.spans.get(ATTACK_SPANS, [])
                               if s.end <= sent.start and det.story_at[s.start] == story and s.label_ != rule["attack"])
        out += [{**rule, "attack": label, "attack_choice": "plural"} for label in before]
    return out


def _plural_reference(tok: Token) -> bool:
    """"these attacks", "both bombings", "the two attacks"."""
    children = [c.lower_ for c in tok.children if c.dep_ in ("det", "predet", "nummod")]
    return tok.tag_ == "NNS" and (any(c in _PLURAL_DETERMINERS for c in children)
                                  or ("the" in children and any(c in _NUMBERS for c in children)))


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
    per-sentence summaries, and each token's attributes as Python lists (features read
    them by index: a Token object per access cost more than the rest of the features)."""

    def __init__(self, det, doc: Doc):
        self.det, self.doc, self.heads = det, doc, det.heads
        self.kinds = {s.label_: s.kb_id_ for s in doc.spans.get("claimgraph_actors", [])}
        self._sents, self._sent_at = det.sents, det.sent_at
        self._sentences: dict[int, tuple[list[str], list[str]]] = {}
        self._structures: dict[tuple, tuple[list, list, list]] = {}
        self._paths: dict[tuple[int, int], tuple[list[int], list[int]] | None] = {}
        strings = doc.vocab.strings
        columns = doc.to_array([DEP, POS, LEMMA, LOWER, IS_PUNCT, IS_STOP]).T.tolist() if len(doc) else [[]] * 6
        dep, pos, lemma, lower, punct, stop = columns
        text = {h: strings[h] for h in set(dep) | set(lower) | set(pos)}
        lemma_low = {h: strings[h].lower() for h in set(lemma)}
        self.dep, self.lower = [text[h] for h in dep], [text[h] for h in lower]
        self.lemma = [lemma_low[h] for h in lemma]
        self.pos = [text[h] for h in pos]
        self.skip = [bool(p or s) for p, s in zip(punct, stop)]  # punctuation or stop word
        # tokens with a negating child ("not", "never", "no"): the root is its own head, no child
        self.negated = {h for i, h in enumerate(self.heads)
                        if h != i and (self.dep[i] == "neg" or self.lower[i] in ("never", "no"))}

    def word_class(self, i: int) -> str:
        """A cue class where the word has one, else its lemma for the model to weigh."""
        return self.det.cue_classes.get(i) or self.lemma[i]

    def path(self, a: int, b: int) -> tuple[list[int], list[int]] | None:
        """``path_between`` a and b, once per pair: the candidates of a sentence share their tokens."""
        if (a, b) not in self._paths:
            self._paths[a, b] = path_between(self.heads, a, b)
        return self._paths[a, b]

    def structure(self, cue_i: int, c_i: int | None, a_i: int | None) -> tuple[list, list, list]:
        """The features that depend on the tokens only, not on the candidate's labels: the
        cue's, the roles' (with the sentence's summary), and the roles' relations together."""
        key = (cue_i, c_i, a_i)
        if key not in self._structures:
            self._structures[key] = self._structure(*key)
        return self._structures[key]

    def _structure(self, cue: int, c: int | None, a: int | None) -> tuple[list, list, list]:
        wc, heads, dep = self.word_class, self.heads, self.dep
        lead, summary = self.sentence(self._sent_at[cue])
        cue_part = [f"cue={self.lemma[cue]}", f"cue_class={self.det.cue_classes.get(cue)}", f"cue_pos={self.pos[cue]}",
                    f"cue_dep={dep[cue]}", *lead]
        roles = []
        if c is None:
            roles.append("c=previous_speaker")
        else:
            roles += [f"c_nearest={self.nearest(c, cue, a)}", f"c_dep={dep[c]}", f"c_head={wc(heads[c])}",
                      f"c_path={_path_string(self, c, cue)}", f"c_before_cue={c < cue}"]
        if a is not None:
            roles += [f"a_dep={dep[a]}", f"a_head={wc(heads[a])}", f"a_path={_path_string(self, a, cue)}",
                      f"a_before_cue={a < cue}"]
            found = self.path(a, cue)
            path = [] if found is None else found[0] + found[1][::-1]
            roles += [f"a_path_word={wc(t)}" for t in path[1:-1]]
            roles += [f"a_path_neg={any(t in self.negated for t in path)}", f"cue_neg={cue in self.negated}",
                      f"a_does={self.deed(a)}", f"a_nearest={self.nearest(a, cue, c)}"]
            if c is not None:
                lo, hi = sorted((c, a))
                roles += [f"ca_path={_path_string(self, c, a)}", f"ca_order={c < a}",
                          f"ca_coordinated={self.doc[a] in self.doc[c].conjuncts}",
                          f"ca_dist={_bucket(hi - lo)}"]
                roles += [f"between={wc(t)}" for t in range(lo + 1, hi) if not self.skip[t]][:12]
        roles += summary
        # The two roles' relations together, which a linear model cannot form itself. (Each
        # role's path and relation joined with the cue's class too were dropped: grouped CV
        # strict F1 0.512 with them, 0.518 without.)
        conj = [f"roles={'previous' if c is None else dep[c]}&{'none' if a is None else dep[a]}"]
        return cue_part, roles, conj

    def deed(self, i: int) -> str:
        """What the word a mention does is, where it does one: its verb's or noun's class
        ("violent": shelled, "perpetrate": carried out, "attack": an attack mention), joined
        with how the mention does it (subject, agent of a passive, possessor)."""
        heads, dep = self.heads, self.dep
        head = heads[i]
        if dep[i] in ("nsubj", "poss", "compound", "amod"):
            how, deed = dep[i], head
        elif dep[i] == "pobj" and self.lower[head] == "by" and dep[head] == "agent":
            how, deed = "agent", heads[head]
        elif dep[i] == "pobj" and self.lower[head] == "of" and self.lemma[heads[head]] in ("work", "hand"):
            how, deed = "work_of", heads[head]
        else:
            return "none"
        det, lemma = self.det, self.lemma[deed]
        kind = ("attack" if deed in det.attack_at else "violent" if lemma in det.violent_verbs
                else "perpetrate" if lemma in det.perpetrate_verbs else "responsible" if lemma in det.responsibility_adjs
                else "other")
        return f"{how}&{kind}"

    def nearest(self, i: int, cue: int, other: int | None) -> bool:
        """Whether no other actor mention of the sentence is closer to the cue (dependency steps)."""
        mine = path_length(self.det, i, cue)
        return all(path_length(self.det, j, cue) >= mine for _, j in self.det.sent_actors[self._sent_at[cue]]
                   if j != i and j != other)

    def sentence(self, k: int) -> tuple[list[str], list[str]]:
        """The k-th sentence's features: where it stands (headline, question), and what it holds."""
        if k not in self._sentences:
            det, sent = self.det, self._sents[k]
            actors = {label for label, _ in det.sent_actors[k]}
            self._sentences[k] = (
                [f"headline={after_break(sent)}", f"question={is_question(sent)}"],
                [f"sent_neg={k in det.sent_negated}",
                 f"sent_deny={any(c in ('deny_verb', 'deny_noun') for c in det.sent_classes[k].values())}",
                 f"actors_in_sent={_bucket(len(actors))}",
                 f"attacks_in_sent={_bucket(len({det.attack_at[i].label_ for i in range(sent.start, sent.end) if i in det.attack_at}))}"])
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


def is_question(sent: Span) -> bool:
    """The sentence ends with a question mark (its last word that is not whitespace)."""
    doc = sent.doc
    last = next((doc[i] for i in range(sent.end - 1, sent.start - 1, -1) if not doc[i].is_space), None)
    return last is not None and last.text.endswith("?")


def _flip(polarity: str) -> str:
    return "denies" if polarity == "asserts" else "asserts"


def _bucket(n: int) -> str:
    return str(n) if n < 4 else "4-7" if n < 8 else "8-15" if n < 16 else "16+"
