"""``claimgraph_attribution``: who said who was (or was not) responsible for which attack.

Rules over the dependency parse, driven by the cue lists in
``loaders/data/cues_en.jsonl``:

- **blame verbs**: "X blamed Y for Z", "X blamed Z on Y", "X accused / suspected Y of Z",
  "X attributed Z to Y", "X held Y responsible", passives with an agent;
- **self-claims**: "X claimed/took/admitted responsibility for Z" (with the
  channel: "on Telegram", "in a statement"), "X claimed Z", "X admitted carrying out Z",
  "X confessed to Z"; a named spokesman's claim or denial is the body's ("Taliban
  spokesman Zabiullah Mujahid");
- **denials**: "X denied (any) involvement in Z", "X rejected the accusation
  that Y ...", "condemnation for claiming that ...";
- **reported content**: a reporting verb or noun ("said", "stressed",
  "according to", "claims that") whose clause holds a responsibility
  predicate: "Y was responsible for / to blame for / behind / involved in Z", "Y carried
  out / orchestrated / played a part in Z", "Z was carried out by Y",
  "Y bombed ...", "Z was a maneuver by Y"; negated ("had no role", "was not
  behind") it is a denial. A denial that names nobody ("the attack had no
  relevance to the war") disputes the claims about that attack made in the
  same or the previous sentence.
- **disputed blame**: a blame someone wants, tries or intends to make ("Z was done
  with the intention of blaming Y", "X wants to blame Y – W"), or one labelled false
  ("described the call blaming Y as lacking credibility"), is one the speaker denies.
- **no statement**: a blame one wants or would make ("wants to blame Y", "would give
  them the opportunity to accuse Y"), a self-claim of attacks counted in bulk ("claimed
  credit for several attacks"), and blame for what is no deed ("accused Y of maintaining
  inflexible stands", "blamed Y for the crisis which followed the offensive").

Coordination gives one statement per accused. Hedges ("may", "likely",
"suspected", "without evidence") set ``hedged`` and a ``certainty``.
Statements go to ``doc.user_data["claimgraph_statements"]`` as dicts with
actor and attack *names* (labels of the actor and attack spans).
"""

from __future__ import annotations

import numpy
from spacy.attrs import DEP, HEAD, LEMMA, LOWER
from spacy.language import Language
from spacy.tokens import Doc, Token

from ..lexicon import words, words_by_kind
from .actors import ACTOR_SPANS
from .attacks import ATTACK_SPANS, harmless
from .candidates import (CANDIDATES, FeatureContext, after_break, cue_class, features, is_question, locate,
                         pair_candidates)
from .paragraphs import story_starts
from .roles import FIRST_PERSON, MEMBERS, RoleReader

__all__ = ["STATEMENTS", "AttributionDetector"]

STATEMENTS = "claimgraph_statements"
_SUBJ = ("nsubj", "csubj", "expl")
_PERPETRATOR_KINDS = ("state", "armed_group", "government_body", "organisation")
_DEED_NOUNS = ("death", "deaths", "killing", "murder", "crime", "crimes", "responsibility", "involvement",
               "participation", "complicity", "role", "destruction", "breach", "downing", "sinking")
_LINK_VERBS = ("link", "tie", "connect")
_ANSWERABLE = ("responsible", "accountable", "liable", "culpable", "guilty")
_HYPOTHETICAL = ("should", "would", "could", "might")
_NOT = ("not", "n't", "n’t")
_WANTS = ("want", "wish", "hope", "intend", "plan")  # "wants to blame Y": not blamed yet (unlike "tries to")
_REFUSALS = ("decline", "refuse")  # "declined to say who", "refused to blame": not said
_MANY = ("several", "many", "numerous", "various", "multiple", "countless", "dozens", "hundreds", "scores")
_ANAPHORS = ("it", "this", "that", "which", "them", "these")
_FALSEHOODS = ("groundless", "baseless", "unfounded", "false", "untrue", "absurd", "ridiculous", "lie", "lies",
               "fabrication", "fabrications", "nonsense", "slander", "fiction", "invention")
_HEADLINE_DASHES = ("–", "—", "-", ":")
_DEMONSTRATIVES = ("this", "that", "these", "those")
_SOME_THING = ("nothing", "something", "anything")
_NEGATORS = ("no", "never", "nothing", "none", "neither", "nor")  # "in no way linked", "had nothing to do with"
_TRADE = ("trade", "exchange")  # "traded blame", "exchanged accusations"
_FUTURE = ("will", "would", "shall", "'ll", "going")
_OPEN = ("whether", "if", "unless")  # what such a clause says is asked or supposed, not said
_INQUIRY = ("investigate", "probe", "examine", "review", "verify", "check", "study", "assess", "evaluate",
            "investigation", "inquiry", "enquiry")  # what one looks into is not what one says
# a charge about a deed that is not of doing it: "failing to prevent", "lying about", "exploiting" it
_NOT_DOING = ("fail", "neglect", "prevent", "stop", "thwart", "foil", "protect", "lie", "exaggerate", "distort",
              "conceal", "hide", "cover", "exploit", "politicize", "politicise", "justify", "celebrate", "praise",
              "glorify", "welcome", "condone", "ignore")
_FIRING = ("fire", "gunfire", "shelling", "shot", "bombardment", "barrage")  # "fire from Y": Y fired
_WRONGS = ("violation", "abuse", "atrocity", "repression", "terror", "violence")  # "responsibility for rights violations"
_INSTRUMENT_VERBS = ("use", "employ", "exploit")  # "Y was used as a springboard to attack Z": Y is no doer
_INTENT_VERBS = ("want", "try", "seek", "attempt", "intend", "aim", "wish", "hope", "plan")
_INTENT_NOUNS = ("intention", "intent", "attempt", "effort", "bid", "aim", "purpose", "goal", "plan", "design",
                 "ploy", "scheme")
_MERITS = ("credibility", "credible", "basis", "foundation", "merit", "substance", "truth")
_CIRCUMSTANCE = ("in", "on", "at", "via", "through", "during")  # "denied on Monday"
_BURDENS = ("blame", "responsibility")  # "laid the blame on Y"
_LAYING = ("lay", "put", "place", "pin", "shift", "cast")
_CASTING = ("cast", "throw", "raise")  # "cast doubt on"
_REFLEXIVES = ("itself", "themselves", "himself", "herself")
_SIGNS = ("hallmark", "signature", "fingerprint", "trademark", "sign")  # "bore the hallmarks of Y"
_BEARING = ("bear", "have", "carry", "show")
_LACKING = ("lack", "lacking", "without", "no", "not", "devoid")
_ACCOUNTS = ("version", "account", "statement", "communique", "announcement", "theory", "conclusion", "testimony",
             "assertion", "suggestion", "message", "video", "belief", "explanation")
_CONTENT_DEPS = ("ccomp", "xcomp", "dobj", "pcomp", "acl", "advcl", "oprd", "attr", "relcl", "conj", "prep", "pobj", "acomp")


@Language.factory("claimgraph_attribution", default_config={"cues": None})
def make_attribution_detector(nlp: Language, name: str, cues: str | None):
    return AttributionDetector(nlp, name, cues=cues)


class AttributionDetector(RoleReader):
    def __init__(self, nlp: Language, name: str = "claimgraph_attribution", *, cues: str | None = None):
        self.name = name
        source = cues or "cues_en.jsonl"
        w = lambda role: words(source, role)  # noqa: E731
        self.report_verbs, self.report_nouns = w("report_verb"), w("report_noun")
        self.blame_verbs, self.deny_verbs, self.deny_nouns = w("blame_verb"), w("deny_verb"), w("deny_noun")
        self.self_claim_verbs, self.responsibility_nouns = w("self_claim_verb"), w("responsibility_noun")
        self.involvement_nouns, self.responsibility_adjs = w("involvement_noun"), w("responsibility_adj")
        self.perpetrate_verbs, self.violent_verbs = w("perpetrate_verb"), w("violent_verb")
        self.possible, self.probable = w("hedge_possible"), w("hedge_probable")
        self.hedge_phrases, self.channels = w("hedge_phrase"), w("channel")
        self.role_nouns = words("lexicon_en.jsonl", "role_noun")
        self.weapons = words("lexicon_en.jsonl", "weapon")
        self.perpetrator_nouns = words("lexicon_en.jsonl", "perpetrator_noun")
        # bodies named by a modifier: "the X group", "the X liberation movement"
        self.group_nouns = {w for w, k in words_by_kind("lexicon_en.jsonl", "anaphor").items()
                            if k == "armed_group" and " " not in w}
        # what a passive charge is made with ("Y was accused of / suspected of Z"), read once
        self.charge_verbs = (self.blame_verbs | {"suspect"}) - set(_LINK_VERBS)
        self.agent_nouns = w("agent_noun")
        # the lemmas a rule can start from (``_statements_for_cue``), and the words with a cue class
        self.rule_lexicon = (self.self_claim_verbs | self.deny_verbs | self.blame_verbs | self.report_verbs
                             | self.report_nouns | self.deny_nouns | set(_TRADE) | set(_BURDENS) | {"plead"})
        self.class_lexicon = (self.self_claim_verbs | self.deny_verbs | self.blame_verbs | self.report_verbs
                              | self.report_nouns | self.deny_nouns | self.responsibility_adjs
                              | self.involvement_nouns | self.perpetrate_verbs | {"according"})

    # -- the pass over the document -------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        # dependency paths walk indices, not Token objects (HEAD is stored relative to the token)
        self.heads = (numpy.arange(len(doc)) + doc.to_array(HEAD).astype("int64")).tolist()
        self.near_attack: dict[int, str | None] = {}
        self.path_lengths: dict[tuple[int, int], int] = {}
        self.sents = list(doc.sents)  # Token.sent scans for its sentence: index them once
        self.sent_at = [0] * len(doc)
        for k, sent in enumerate(self.sents):
            self.sent_at[sent.start:sent.end] = [k] * len(sent)
        self.sent_lower: dict[int, str] = {}
        self.actor_at = {i: s for s in doc.spans.get(ACTOR_SPANS, []) for i in range(s.start, s.end)}
        self.trimmed: dict[int, dict] = {}
        # Each sentence's actor mentions (name, root index), read once: candidates and features ask per sentence.
        self.sent_actors: list[list[tuple[str, int]]] = [[] for _ in self.sents]
        for span in doc.spans.get(ACTOR_SPANS, []):
            k = self.sent_at[span.start]
            if span.end <= self.sents[k].end:
                self.sent_actors[k].append((span.label_, span.root.i))
        self.attack_at = {i: s for s in doc.spans.get(ATTACK_SPANS, []) for i in range(s.start, s.end)}
        self._story_focus(doc)
        self._index_words(doc)
        found: list[dict] = []
        candidates: list[dict] = []
        self.last_speaker: list[str] = []
        turns = self._turns(doc)
        for k, sent in enumerate(self.sents):
            here: list[dict] = []
            if turns[k]:
                self.last_speaker = [turns[k][1]]  # "we" in an interview's answer: who answers
            if is_question(sent):
                continue  # "why should I attack ...?" asserts nothing
            cue_words = [doc[i] for i in self.rule_words[k]]
            for tok in cue_words:
                here += self._statements_for_cue(tok)
            here += self._headline_speaker(k)
            here += self._headline_source(k)
            here += self._headline_says(k)
            if turns[k]:
                here += self._turn_statements(k, *turns[k])
            # "the FMLN leader, who said we ...": one the speaker quotes does not take the floor
            speakers = [c for t in cue_words if t.pos_ == "VERB" and t.lemma_.lower() in self.report_verbs
                        and t.dep_ != "relcl" for c in t.children if c.dep_ == "nsubj" and c.lower_ not in FIRST_PERSON]
            if speakers:
                self.last_speaker = self._actors_of(speakers[-1]) or self.last_speaker
            here += self._contextual_disputes(here, found)
            found += here
            rules = [locate(self, sent, s, doc[s["cue_i"]], doc[s["pred_i"]]) for s in _dedupe(here)]
            candidates += pair_candidates(self, sent, rules)
        doc.user_data[STATEMENTS] = _dedupe(found)
        rule_keys = {(s["claimant"], s["accused"], s["polarity"]) for s in doc.user_data[STATEMENTS]}
        context = FeatureContext(self, doc)
        for cand in candidates:
            cand["features"] = features(context, cand, rule_keys)
        doc.user_data[CANDIDATES] = candidates
        return doc

    def _story_focus(self, doc: Doc) -> None:
        """The attack each story of the text is about (``paragraphs.story_starts``; an
        article is one story): the one it names most; None for a story that names none."""
        starts = story_starts(doc)
        self.story_at = numpy.searchsorted(numpy.asarray(starts), numpy.arange(len(doc)), side="right") - 1
        counts: list[dict[str, int]] = [{} for _ in starts]
        for s in doc.spans.get(ATTACK_SPANS, []):
            here = counts[self.story_at[s.start]]
            here[s.label_] = here.get(s.label_, 0) + 1
        self.story_focus = [max(c, key=c.get) if c else None for c in counts]

    def focus_at(self, i: int) -> str | None:
        """The attack the story of token i is about."""
        return self.story_focus[self.story_at[i]]

    def _index_words(self, doc: Doc) -> None:
        """Which tokens of each sentence a rule or a candidate can start from, found over the
        document's arrays (a Python pass over every token costs more than the rules): the words
        of the cue lexicons by lemma or form, their cue classes, and the sentences with a negation."""
        strings = doc.vocab.strings
        lemmas, lowers, deps = doc.to_array([LEMMA, LOWER, DEP]).T if len(doc) else (numpy.zeros(0, "uint64"),) * 3
        lemma_low = {h: strings[h].lower() for h in numpy.unique(lemmas).tolist()}
        low = {h: strings[h] for h in numpy.unique(lowers).tolist()}
        rule_keys = [h for h, w in lemma_low.items() if w in self.rule_lexicon]
        rule_at = numpy.isin(lemmas, rule_keys) | (lowers == strings["according"])
        class_at = numpy.isin(lemmas, [h for h, w in lemma_low.items() if w in self.class_lexicon]) \
            | numpy.isin(lowers, [h for h, w in low.items() if w in self.class_lexicon])
        self.rule_words: list[list[int]] = [[] for _ in self.sents]
        for i in numpy.flatnonzero(rule_at).tolist():
            self.rule_words[self.sent_at[i]].append(i)
        self.cue_classes: dict[int, str] = {}
        self.sent_classes: list[dict[int, str]] = [{} for _ in self.sents]
        for i in numpy.flatnonzero(class_at).tolist():
            klass = cue_class(self, doc[i])
            if klass:
                self.cue_classes[i] = self.sent_classes[self.sent_at[i]][i] = klass
        negators = [strings[w] for w in _NEGATORS if w in strings]
        negated = (deps == strings["neg"]) | numpy.isin(lowers, negators)
        self.sent_negated = {self.sent_at[i] for i in numpy.flatnonzero(negated).tolist()}

    def _statements_for_cue(self, tok: Token) -> list[dict]:
        lemma = tok.lemma_.lower()
        if tok.lower_ == "according":
            to = next((c for c in tok.children if c.lower_ == "to"), None)
            objs = [c for c in to.children if c.dep_ == "pobj"] if to is not None else []
            claimants = [a for o in objs for a in self._actors_of(o)]
            if not claimants:
                return []
            # "According to X, Y shelled the market": the clause it hangs from is the content.
            own = [self._make(c, a, tok, pred, "denies" if neg else "asserts", attack=self._attack_near(pred))
                   for a, pred, neg in self._responsibility(tok.head) if a and not self._relayed(pred, tok)
                   for c in claimants]
            return own + self._content_statements(tok.head, claimants, cue=tok, skip={tok.i})
        # A reporting verb the tagger took for a noun ("the command states that ...") still
        # has its subject: read it as the verb it is.
        verb_like = tok.pos_ == "NOUN" and lemma in self.report_verbs and any(c.dep_ == "nsubj" for c in tok.children)
        if tok.pos_ in ("VERB", "AUX") or (tok.pos_ == "ADJ" and tok.tag_ == "VBN") or verb_like:
            if _warned_against(tok):
                return []  # "warned Moscow against using it to blame Ukraine": nobody blamed yet
            if _asked(tok):
                return []  # "did not say whether they suspected Y": nobody said they did
            if (_negated(tok) and lemma != "plead") or any(c.lower_ in ("neither", "nor") for c in tok.children) \
                    or (tok.dep_ == "conj" and any(c.lower_ == "neither" for c in tok.head.children)) \
                    or any(c.dep_ == "nsubj" and _says_no(c) for c in tok.children):
                return []  # "no group has claimed", "neither confirmed nor denied": not a statement
            if any(c.dep_ == "aux" and c.lower_ in _HYPOTHETICAL + _FUTURE for c in tok.children):
                return []  # "it should have claimed it", "they would accuse us", "will hold Y responsible": nobody did
            if _unmade(tok):
                return []  # "wants to blame Y", "would give them the chance to accuse Y": nobody did
            if self._habitual(tok):
                return []  # "claims responsibility for actions in which it is involved": a habit, no one incident
            if lemma in self.self_claim_verbs and self._self_claim(tok):
                return self._self_claim(tok)
            if lemma == "plead" and any(t.lower_ == "guilty" for t in tok.subtree):
                # "pleaded not guilty to charges that he ...": a plea is a self-claim or a denial
                pleaders = self._claimants(tok)
                polarity = "denies" if any(t.dep_ == "neg" or t.lower_ == "not" for t in tok.subtree
                                           if t.i < tok.i + 4) else "asserts"
                return [self._make(c, c, tok, tok, polarity) for c in pleaders]
            if lemma in self.deny_verbs:
                return self._denial(tok)
            if lemma in self.blame_verbs or lemma in _TRADE:
                out = self._reciprocal(tok)
                if out:
                    return out
            if lemma in self.blame_verbs or lemma == "suspect":  # "police suspect Y of Z" blames, hedged
                out = self._blame(tok)
                if out or lemma == "hold" or not self._complement_is_a_deed(tok):
                    return out  # "held responsible" and "blamed Y for the crisis" are read as blame or not at all
            if lemma in self.report_verbs:
                quoted = _quoted(tok)  # "X quoted Y as saying ...": Y speaks, even where Y is no actor we know
                return self._report(tok, self._claimants(tok) if quoted is None else self._actors_of(quoted), cue=tok)
        elif tok.pos_ in ("NOUN", "PROPN"):
            if lemma in self.report_nouns | {"blame"} and any(c.lemma_.lower() in _TRADE and c.i < tok.i for c in tok.children):
                return self._traded(tok)
            if lemma in self.report_nouns:
                return self._report_noun(tok)
            if lemma in self.deny_nouns:
                return self._deny_noun(tok)
            if lemma in _BURDENS and tok.dep_ == "dobj" and tok.head.lemma_.lower() in _LAYING:
                return self._laid_blame(tok)
            if lemma == "doubt" and tok.dep_ == "dobj" and tok.head.lemma_.lower() in _CASTING:
                return self._doubt_cast(tok)
        return []

    # -- cue handlers ----------------------------------------------------------------

    def _self_claim(self, verb: Token) -> list[dict]:
        """"X claimed responsibility for Z", "X admitted carrying out Z"."""
        objs = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
        # "claimed responsibility", "X claimed the bombing", and "the bombing was claimed by X"
        own = any(o.lemma_.lower() in self.responsibility_nouns or (o.i in self.attack_at and (
            o.dep_ == "nsubjpass" or verb.lemma_.lower() == "claim")) for o in objs)
        admits = verb.lemma_.lower() in ("admit", "confess", "acknowledge") and any(
            c.dep_ in ("xcomp", "pcomp", "ccomp", "prep") for c in verb.children)
        # "admitted the murder", "confessed to the bombing": the deed admitted is one's own
        own = own or verb.lemma_.lower() in ("admit", "confess") and any(
            o.i in self.attack_at for o in (*objs, *(o for p in verb.children if p.dep_ == "prep" and p.lower_ == "to"
                                                    for o in p.children if o.dep_ == "pobj")))
        if not (own or admits):
            return []
        claimants = self._claimants(verb)
        if own and self._only_many(verb):
            return []  # "claimed credit for several attacks in the past": no one incident
        if own:  # a named spokesman's claim is the body's: "Taliban spokesman Zabiullah Mujahid claimed ..."
            return [self._make(c, a, verb, verb, "asserts", self._channel(verb)) for c in claimants
                    for a in self._spoken_for(verb, c) or [c]]
        return self._report(verb, claimants, cue=verb)

    def _denial(self, verb: Token) -> list[dict]:
        """"X denied involvement", "X rejected claims that Y carried out Z"."""
        claimants = self._claimants(verb)
        if not claimants:
            # "issued a statement denying its responsibility": whose part it is denies it
            owners = [a for o in verb.children if o.dep_ == "dobj" and o.lemma_.lower() in self.involvement_nouns
                      for c in o.children if c.dep_ == "poss" and c.pos_ == "PRON" for a in self._actors_of(c)]
            return [self._make(c, c, verb, verb, "denies") for c in dict.fromkeys(owners)]
        content = self._content_statements(verb, claimants, cue=verb, skip={verb.i}, polarity="denies")
        # "X and Y deny involvement": each denies its own part, neither the other's
        content = [s for s in content if s["accused"] == s["claimant"] or s["accused"] not in claimants]
        # "Mujahid, a spokesman for the Taliban, denied any involvement": the Taliban's
        content = [{**st, "accused": a} for st in content for a in
                   ((st["accused"] == st["claimant"] and self._spoken_for(verb, st["claimant"])) or [st["accused"]])]
        if content:
            return content
        objs = [c for c in verb.children if c.dep_ in ("dobj", "ccomp", "xcomp", "prep")]
        # "rejected the charges against the army"; "denied Ukrainian involvement" (but in
        # "rejected the FMLN charges" the FMLN is the accuser)
        named = [a for o in objs for t in o.subtree if t.dep_ == "pobj" and t.head.lower_ == "against"
                 for a in self._actors_of(t) if a not in claimants]
        named = named or [a for o in objs for t in o.subtree
                          if t.dep_ in ("poss", "amod", "compound") and t.head.lemma_.lower() in self.involvement_nouns
                          for a in self._actors_of(t) if a not in claimants]
        # Only a denial of involvement or of an accusation is about responsibility:
        # not "rejected the offer of peace" or "dismissed it as a puppet"; nor one of a clause
        # about another ("rejected claims its citizens were involved", "denied reports that some
        # of its officials are linked to ...", "denied an MRTA squad would murder ...").
        about_blame = [o for o in objs if (o.lemma_.lower() in self.involvement_nouns | self.report_nouns
                                           or (o.pos_ in ("VERB", "AUX") and self._is_perpetration(o)))
                       and not self._others_clause(o, claimants)]
        if named and about_blame:  # "rejected claims of Ukrainian involvement"
            return [self._make(c, a, verb, verb, "denies") for c in claimants for a in named]
        # "denied charges raised by X that blame Y": the denial answers X's accusation of Y.
        answered = [self._make(c, st["accused"], verb, verb, "denies", attack=st["attack"])
                    for o in objs if o.dep_ == "dobj" for t in o.subtree if t.i != verb.i
                    for st in self._statements_for_cue(t) if st["polarity"] == "asserts"
                    for c in claimants if c not in (st["claimant"], st["accused"])]
        if answered:
            return answered
        if about_blame:
            # "rejected the attorney general's accusation", "denied this report": someone else's
            # accusation, whose accused ``_contextual_disputes`` fills in; "denied involvement",
            # "rejected the accusation": their own
            others = any(c.dep_ == "det" and c.lower_ in _DEMONSTRATIVES or (
                c.dep_ in ("poss", "compound") and any(a not in claimants for a in self._actors_of(c)))
                for o in about_blame for c in o.children)
            # "rejected the military version": an account is another's, an accusation one's own
            others = others or any(o.lemma_.lower() in _ACCOUNTS for o in about_blame)
            return [self._make(c, a, verb, verb, "denies") for c in claimants
                    for a in ([None] if others else self._spoken_for(verb, c) or [c])]
        # "..., an accusation Russia denies" (the relative pronoun left out), "X says Y did Z, Y denies":
        # what is denied goes without saying
        unsaid = not any(c.dep_ in ("dobj", "ccomp", "xcomp", "dative", "nsubjpass")
                         or (c.dep_ == "prep" and c.lower_ not in _CIRCUMSTANCE) for c in verb.children)
        bare = unsaid and (verb.lemma_.lower() == "deny"
                           or verb.dep_ == "relcl" and verb.head.lemma_.lower() in self.report_nouns)
        if (bare or any(o.dep_ == "dobj" and o.lower_ in _ANAPHORS for o in objs)) \
                and not any(c.dep_ == "prep" and c.lower_ == "as" for c in verb.children):  # "dismissed it as a puppet"
            # "..., which Kyiv denied", "Y denies it": the accusation just made; whom it
            # accused is filled in by ``_contextual_disputes``.
            return [self._make(c, None, verb, verb, "denies") for c in claimants]
        if any(o.dep_ == "dobj" and o.lower_ in _REFLEXIVES for o in objs) \
                and any(p.dep_ == "prep" and p.lower_ == "from" and o.dep_ == "pobj" and o.i in self.attack_at
                        for p in objs for o in p.children):
            # "the Taliban distanced themselves from the bombing": their own part denied
            return [self._make(c, a, verb, verb, "denies") for c in claimants for a in self._spoken_for(verb, c) or [c]]
        return []

    def _others_clause(self, obj: Token, claimants: list[str]) -> bool:
        """The denied object is, or holds, a clause whose subject is not the denier."""
        clauses = [obj] if obj.pos_ in ("VERB", "AUX") else \
            [c for c in obj.children if c.dep_ in ("acl", "relcl", "ccomp") and c.pos_ in ("VERB", "AUX")]
        for clause in clauses:
            subj = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subj and not all(set(self._actors_of(t)) & set(claimants) for t in subj):
                return True
        return False

    def _headline_speaker(self, k: int) -> list[dict]:
        """A headline that names its source after a dash or colon, as feeds write them:
        "Y behind pipeline blasts – Polish minister", "Y 'complicit in murder': Judge". The
        source says what comes before; the dash is the statement's cue (class ``headline_speaker``)."""
        sent = self.sents[k]
        if not after_break(sent):
            return []
        doc = sent.doc
        last = next((doc[i] for i in range(sent.end - 1, sent.start - 1, -1)
                     if not doc[i].is_space and doc[i].text not in ".!"), None)
        span = self.actor_at.get(last.i) if last is not None else None
        if span is None or span.end - 1 != last.i or span.start <= sent.start + 1:
            return []
        dash = sent.doc[span.start - 1]
        if dash.text not in _HEADLINE_DASHES:
            return []
        self.cue_classes[dash.i] = self.sent_classes[k][dash.i] = "headline_speaker"
        return [self._make(span.label_, accused, dash, pred, "denies" if neg else "asserts",
                           attack=self._attack_near(pred))
                for tok in sent.doc[sent.start:dash.i] for accused, pred, neg in self._responsibility(tok)
                if accused and accused != span.label_]

    def _headline_source(self, k: int) -> list[dict]:
        """A headline that names its source before a colon: "Zelensky: Russia carried out station
        strike", "Iran: Israel behind killing of general". A headline with a cue of its own after
        the colon ("Ukraine war: Russia blames Kyiv ...") names a topic there, not a source."""
        sent = self.sents[k]
        doc = sent.doc
        start = next((t.i for t in sent if not t.is_space), sent.end)
        span = self.actor_at.get(start)
        if not after_break(sent) or span is None or span.end >= sent.end or doc[span.end].text != ":" \
                or any(i > span.end for i in self.rule_words[k]):
            return []
        colon = doc[span.end]
        # "Mali: gunmen kill 20 soldiers" is news from a place; a person's deed told there is what they say
        found = [(accused, pred, neg) for tok in doc[colon.i + 1:sent.end]
                 for accused, pred, neg in self._responsibility(tok)
                 if span.kb_id_ == "person" or self._deed_lemma(pred) not in self.violent_verbs]
        found = found or self._verbless_behind(colon.i + 1, sent.end)
        if not found:
            return []
        self.cue_classes[colon.i] = self.sent_classes[k][colon.i] = "headline_speaker"
        return [self._make(span.label_, accused, colon, pred, "denies" if neg else "asserts",
                           attack=self._attack_near(pred))
                for accused, pred, neg in found if accused and accused != span.label_]

    def _headline_says(self, k: int) -> list[dict]:
        """A headline that ends with its source: "Hamas behind bus stop attack, says Israel",
        "IS behind Kerman bombing, Iran says" (the parser takes the content's first word for the
        verb's subject, or hangs it from the verb as no clause)."""
        sent = self.sents[k]
        doc = sent.doc
        words = [t for t in sent if not t.is_space and t.text not in ".!"]
        if not after_break(sent) or len(words) < 4:
            return []
        if words[-1].i in self.actor_at:  # "..., says Israel"
            span = self.actor_at[words[-1].i]
            say = doc[max(span.start - 1, sent.start)]
        else:  # "..., Iran says"
            say, span = words[-1], self.actor_at.get(words[-2].i)
        comma = min(say.i, span.start) - 1 if span is not None else sent.start
        if comma <= sent.start or doc[comma].text != "," or say.lemma_.lower() not in self.report_verbs:
            return []
        found = [(accused, pred, neg) for tok in doc[sent.start:comma]
                 for accused, pred, neg in self._responsibility(tok)] or self._verbless_behind(words[0].i, comma)
        return [self._make(span.label_, accused, say, pred, "denies" if neg else "asserts",
                           attack=self._attack_near(pred))
                for accused, pred, neg in found if accused and accused != span.label_]

    def _verbless_behind(self, start: int, end: int) -> list[tuple[str, Token, bool]]:
        """A headline's "Y behind Z attack" from ``start`` to ``end``, which the parser hangs from
        the headline's source: Y is the actor that opens it."""
        first = self.actor_at.get(start)
        doc = self.sents[self.sent_at[start]].doc
        if first is None or first.end >= end or doc[first.end].lower_ != "behind" \
                or not any(t.i in self.attack_at for t in doc[first.end:end]):
            return []
        return [(first.label_, doc[first.end], False)]

    def _turns(self, doc: Doc) -> list[tuple[Token, str] | None]:
        """Who holds the floor in each sentence of a transcript: a line that opens with a
        bracketed speaker label ("[Zamora] the fact that ...", as wire services print
        interviews and speeches) gives the floor to that actor until the next label; a label
        that names no actor ("[Reporter]", "[Begin recording]") to nobody."""
        out: list[tuple[Token, str] | None] = []
        turn = None
        # a label gives the surname only: the person the article names in full
        surnames = {s[-1].lower_: s.label_ for s in doc.spans.get(ACTOR_SPANS, []) if s.kb_id_ == "person"}
        for sent in self.sents:
            words = [t for t in sent[:8] if not t.is_space]
            if words and words[0].text == "[" and after_break(sent):
                close = next((t for t in words[1:] if t.text == "]"), None)
                inside = [t for t in words[1:] if close is not None and t.i < close.i]
                named = [self.actor_at[t.i].label_ for t in inside if t.i in self.actor_at]
                if not named and inside and inside[-1].lower_ in surnames:
                    named = [surnames[inside[-1].lower_]]
                turn = (close, named[0]) if named else None
            out.append(turn)
        return out

    def _turn_statements(self, k: int, label: Token, speaker: str) -> list[dict]:
        """What a speaker's answer says of responsibility with no cue of its own ("Such an
        act can only have been ordered by high-ranking officers"): the speaker's, with the
        label as its cue (class ``transcript_speaker``)."""
        self.cue_classes[label.i] = "transcript_speaker"
        out = []
        for tok in self.sents[k]:
            for accused, pred, negative in self._responsibility(tok):
                if not accused or (accused == speaker and not negative) \
                        or _future(pred):
                    continue
                st = self._make(speaker, accused, pred, pred, "denies" if negative or _no_subject(pred) else "asserts",
                                attack=self._attack_near(pred))
                out.append({**st, "cue_i": label.i, "cue": label.text})
        return out

    def _is_perpetration(self, verb: Token) -> bool:
        """"having carried out the attack", "taking part in": a gerund that is the deed itself."""
        lemma = verb.lemma_.lower()
        return lemma in self.violent_verbs or (lemma in self.perpetrate_verbs and self._has_attack_object(verb))

    def _blame(self, verb: Token) -> list[dict]:
        """"X blamed Y for Z", "X blamed Z on Y", "X accused / suspected Y of Z", "Y was accused by X"."""
        if _discredited(verb):
            return []  # "described the call blaming Y as lacking credibility": who blamed is not the describer
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
        if passive:
            agent = [o for c in verb.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"]
            claimants = [a for o in agent for a in self._actors_of(o)]
            targets = [c for c in verb.children if c.dep_ == "nsubjpass"]
        else:
            claimants = self._claimants(verb)
            targets = [c for c in verb.children if c.dep_ in ("dobj", "dative")]
            if targets:
                # "accused General X and Deputy Y of ...", parsed as object, "dep" and a conjunct of the verb
                targets += [c for c in verb.children if c.i > verb.i and c.pos_ in ("PROPN", "NOUN")
                            and (c.dep_ == "dep" or (c.dep_ == "conj" and c.i in self.actor_at))]
        # "blamed the bombing on Y", also when the parser hangs "on Y" from the bombing
        heads = [verb] + [t for t in targets if t.i in self.attack_at or t.pos_ == "PRON"]
        # ... or from a place or victim named after it: "blamed the bombing at the market / of the embassy on Y"
        places = [o for h in heads for p in h.children if p.dep_ == "prep" and p.lower_ in ("at", "in", "near", "outside", "of")
                  for o in p.children if o.dep_ == "pobj" and o.i not in self.attack_at]
        targets += [o for h in heads for p in h.children if p.dep_ == "prep" and p.lower_ in ("on", "to", "with")
                    for o in p.children if o.dep_ == "pobj"]
        targets += [o for h in places for p in h.children if p.dep_ == "prep" and p.lower_ == "on"
                    for o in p.children if o.dep_ == "pobj"]
        # "pointed the finger (of blame) at Y": the one pointed at
        fingers = [t for t in targets if t.dep_ == "dobj" and t.lemma_.lower() == "finger"]
        targets += [o for h in (verb, *(t for f in fingers for t in f.subtree)) if fingers for p in h.children
                    if p.dep_ == "prep" and p.lower_ == "at" for o in p.children if o.dep_ == "pobj"]
        lemma = verb.lemma_.lower()
        if lemma == "arrest" and not self._held_for_a_deed(verb):
            return []  # "on their way to arrest Y", "arrested Y at his home": an arrest alone accuses no one of a deed
        if lemma in _LINK_VERBS:
            # "linked Y to the bombing": what it is linked to must be the deed ("the bridge that
            # connects Russia to Crimea" blames nobody), and only the object is accused.
            to = [o for p in verb.children if p.dep_ == "prep" and p.lower_ == "to" for o in p.children]
            if not any(t.i in self.attack_at or t.lemma_.lower() in _DEED_NOUNS for o in to for t in o.subtree):
                return []
            targets = [t for t in targets if t.dep_ in ("dobj", "nsubjpass")]
        # "holds the army accountable", parsed as a small clause: its subject is the object
        targets += [s for c in verb.children if c.lemma_.lower() in _ANSWERABLE and c.dep_ in ("ccomp", "xcomp", "oprd")
                    for s in c.children if s.dep_ == "nsubj"]
        if lemma == "hold":
            # "officers held him down" blames nobody; a headline's "X held responsible" names no one who held
            someone_held = passive or any(t.dep_ in ("dobj", "nsubj") for t in targets)
            answerable = any(t.lemma_.lower() in _ANSWERABLE for c in verb.children for t in (c, *c.children))
            if not (someone_held and answerable):
                return []
        accused = [a for t in targets for a in self._actors_of(t)]
        if not claimants or not accused or not self._complement_is_a_deed(verb):
            return []
        attack = self._attack_near(verb)
        return [self._make(c, a, verb, verb, "asserts", attack=attack) for c in claimants for a in accused]

    def _laid_blame(self, noun: Token) -> list[dict]:
        """"X laid / put / placed the blame (for Z) on Y": "on Y" on the verb or the noun, else the
        last "on" of the clause (the parser hangs it from Z too: "for the attack on the embassy on Y")."""
        verb = noun.head
        claimants = self._claimants(verb)
        ons = [p for p in verb.subtree if p.dep_ == "prep" and p.lower_ == "on"]
        ons = [p for p in ons if p.head.i in (verb.i, noun.i)] or ons[-1:]
        accused = [a for p in ons for o in p.children if o.dep_ == "pobj" for a in self._actors_of(o)]
        if not claimants or not accused or not self._complement_is_a_deed(verb):
            return []
        return [self._make(c, a, noun, verb, "asserts", attack=self._attack_near(verb)) for c in claimants for a in accused]

    def _doubt_cast(self, noun: Token) -> list[dict]:
        """"X cast doubt on Y's claim that Z did it", "X raised doubts about claims that ...": X
        disputes what the claim says ("on" or "about", hung from the noun or the verb)."""
        claimants = self._claimants(noun.head)
        out = []
        for head in (noun, noun.head):
            skip = {noun.i} | {c.i for c in head.children if not (c.dep_ == "prep" and c.lower_ in ("on", "about", "over"))}
            out += self._content_statements(head, claimants, cue=noun, skip=skip, polarity="denies", only=("prep",))
        return out

    def _held_for_a_deed(self, verb: Token) -> bool:
        """The arrest is for a deed: "arrested Y for / over the bombing", "in connection with the attack"
        (the reason hangs from the verb or from the one arrested)."""
        return any(p.dep_ == "prep" and p.lower_ in ("for", "over", "in") and self._deed_in(p)
                   for h in (verb, *(c for c in verb.children if c.dep_ in ("dobj", "nsubjpass"))) for p in h.children)

    def _reciprocal(self, verb: Token) -> list[dict]:
        """"X and Y blamed each other for Z", "X and Y traded accusations over Z": each blames the other."""
        objs = [c for c in verb.children if c.dep_ in ("dobj", "dative")]
        each_other = any(o.lower_ in ("other", "another") and o.i > 0 and o.doc[o.i - 1].lower_ in ("each", "one")
                         for o in objs)
        traded = verb.lemma_.lower() in _TRADE and any(o.lemma_.lower() in self.report_nouns | {"blame"} for o in objs)
        if not (each_other or traded):
            return []
        parties = self._claimants(verb)
        if len(parties) < 2 or not self._complement_is_a_deed(verb):
            return []
        attack = self._attack_near(verb)
        return [self._make(c, a, verb, verb, "asserts", attack=attack) for c in parties for a in parties if c != a]

    def _traded(self, noun: Token) -> list[dict]:
        """A headline's "X and Y trade blame over Z", which the parser reads as one noun phrase."""
        trade = next(c for c in noun.children if c.lemma_.lower() in _TRADE)
        # The words before are the parties and nothing else: the parse of a headline is too
        # unsure to go by ("X and Y" is read as a compound, or as the root).
        before = noun.doc[self.sents[self.sent_at[trade.i]].start: trade.i]
        if not all(t.i in self.actor_at or t.lower_ in ("and", ",", "the", "both") for t in before):
            return []
        parties = list(dict.fromkeys(self.actor_at[t.i].label_ for t in before if t.i in self.actor_at))
        if len(parties) < 2:
            return []
        attack = self._attack_near(noun)
        return [self._make(c, a, noun, noun, "asserts", attack=attack) for c in parties for a in parties if c != a]

    def _passive_blamed(self, verb: Token) -> list[Token]:
        """Who a passive blame verb without an agent blames when it is what a report says: "Y was
        accused of Z", a headline's "Y charged over Z". Only with a complement that is the deed;
        not a participle or relative clause ("the men arrested for Z were innocent", "Y, who was
        accused of Z, ..."), which names the charge as background, nor "we are accused of"."""
        if verb.dep_ not in ("ccomp", "ROOT", "conj", "xcomp") or verb.lemma_.lower() == "arrest" \
                or any(c.dep_ == "agent" for c in verb.children) or not any(
                p.dep_ == "prep" and p.lower_ in ("of", "for", "with", "over", "in") for p in verb.children) \
                or not any(t.i in self.attack_at or t.lemma_.lower() in _DEED_NOUNS for t in verb.subtree) \
                or not self._complement_is_a_deed(verb):
            return []
        if any(c.dep_ == "auxpass" for c in verb.children):
            return [c for c in verb.children if c.dep_ == "nsubjpass" and c.lower_ not in FIRST_PERSON]
        if verb.tag_ != "VBN" and not (verb.dep_ == "ccomp" and verb.tag_ == "VBD"):
            return []
        if verb.dep_ == "ccomp" and not any(c.dep_ in ("dobj", "dative", "aux") for c in verb.children):
            return [c for c in verb.children if c.dep_ == "nsubj"]
        return []

    def _complement_is_a_deed(self, verb: Token) -> bool:
        """"accused Y of the bombing / of carrying out": yes; "accused Y of being a sanctuary": no.
        A blame verb without such a complement ("blamed Ukraine") is taken at its word."""
        # a charge is made with its offence: "charged him with counts of aiding suicide" is no deed
        charges = ("of", "for", "with") if verb.lemma_.lower() == "charge" else ("of", "for")
        comps = [c for p in verb.children if p.dep_ == "prep" and p.lower_ in charges
                 for c in p.children if c.dep_ in ("pobj", "pcomp")]
        # the parser often hangs the charge from the object: "accused [the guerrillas of maintaining
        # stands]", "blamed [X's administration for the crisis]" (not an owner: "the leader of Y")
        # (but "blamed the killing of the mayor on Y": an object that is the deed has its own "of")
        comps += [c for o in verb.children if o.dep_ in ("dobj", "dative") and o.i not in self.attack_at
                  for p in o.children if p.dep_ == "prep" and p.lower_ in ("of", "for")
                  for c in p.children if c.dep_ in ("pobj", "pcomp") and c.i not in self.actor_at]
        if not comps or any(c.lower_ in ("which", "what") for c in comps):
            return True  # "the blasts, for which X blamed Y": the antecedent was named as the deed
        return any(self._deed_in(c) for c in comps)

    def _deed_in(self, comp: Token) -> bool:
        """The complement names a deed, or those who did one ("accused Y of preparing the attackers'
        escape"), outside its relative clauses: "the crisis which prevails as a result of the
        offensive" is no deed. A verb of doing counts by what it does: "playing a role in the
        bombing", not "playing into the hands of Y"."""
        todo = [comp]
        while todo:
            t = todo.pop()
            if t.i in self.attack_at or t.lemma_.lower() in self.violent_verbs \
                    or t.lemma_.lower() in _DEED_NOUNS or t.lower_ in self.perpetrator_nouns \
                    or t.pos_ == "PRON":
                return True
            if t.pos_ != "VERB" or t.lemma_.lower() not in _NOT_DOING:
                todo += [c for c in t.children if c.dep_ != "relcl"]
        return False

    def _only_many(self, verb: Token) -> bool:
        """A self-claim's attacks are only ones counted in bulk: "claimed credit for several attacks"."""
        objs = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
        roots = {self.attack_at[t.i].root for o in objs for t in o.subtree if t.i in self.attack_at}
        # "several attacks", "dozens of attacks"
        return bool(roots) and all(r.tag_ in ("NNS", "NNPS") and (any(c.lower_ in _MANY for c in r.children) or (
            r.head.lower_ == "of" and r.head.head.lower_ in _MANY)) for r in roots)

    def _habitual(self, verb: Token) -> bool:
        """A self-claim in the simple present of a bare plural that names no attack: "claims
        responsibility for actions it carries out" says what it does, not what it did."""
        if verb.lemma_.lower() not in self.self_claim_verbs or verb.tag_ not in ("VBZ", "VBP") \
                or any(c.dep_ == "aux" for c in verb.children):
            return False
        things = [o for n in verb.children if n.dep_ == "dobj" and n.lemma_.lower() in self.responsibility_nouns
                  for p in (n, *n.children) if p.dep_ == "prep"
                  and p.lower_ == "for" for o in p.children if o.dep_ == "pobj"]
        return bool(things) and all(o.tag_ == "NNS" and o.i not in self.attack_at and not any(
            c.dep_ in ("det", "poss", "nummod") for c in o.children) for o in things)

    def _report(self, verb: Token, claimants: list[str], cue: Token) -> list[dict]:
        if not claimants:
            return []
        found = self._content_statements(verb, claimants, cue=cue, skip={verb.i})
        if found or verb.dep_ not in ("conj", "parataxis") or verb.head.i > verb.i \
                or any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in verb.children) \
                or not any(c.dep_ == "nsubj" for c in verb.children):
            return found
        # "Ukraine has hit two ships, the Defence Secretary has confirmed": the parser hangs a
        # trailing reporting clause off the main verb; the main clause is what was reported. Such
        # a clause names its speaker: "Russia struck the port and warned of more" reports nothing.
        head = verb.head
        own = {t.i for t in verb.subtree}
        found = [self._make(c, a, cue, pred, "denies" if neg else "asserts", attack=self._attack_near(pred))
                 for a, pred, neg in self._responsibility(head) if a for c in claimants]
        return found + self._content_statements(head, claimants, cue=cue, skip=own | {head.i})

    def _report_noun(self, noun: Token) -> list[dict]:
        """"the Kremlin's claims that Y ...", "X made the accusation that ..."."""
        claimants = [a for c in noun.children if c.dep_ in ("poss", "amod", "compound") for a in self._actors_of(c)]
        if not claimants:
            # "the accusations made by X that ...": X's
            claimants = [a for c in noun.children if c.dep_ == "acl" for g in c.children if g.dep_ == "agent"
                         for o in g.children if o.dep_ == "pobj" for a in self._actors_of(o)]
        if not claimants and noun.dep_ in ("dobj", "attr") and noun.head.lemma_.lower() not in self.deny_verbs:
            # "X made the accusation that ...": X's; but "X rejected the accusations that ..."
            # are someone else's (``_denial`` reads them)
            claimants = self._claimants(noun.head)
        if not claimants:
            return []
        return self._content_statements(noun, claimants, cue=noun, skip={noun.i}, only=("acl", "ccomp", "prep"))

    def _deny_noun(self, noun: Token) -> list[dict]:
        """"western condemnation for claiming that Y ..." disputes what the others claim."""
        deniers = [a for c in noun.children if c.dep_ in ("poss", "amod", "compound") for a in self._actors_of(c)]
        if not deniers:
            return []
        found = self._content_statements(noun, deniers, cue=noun, skip={noun.i}, polarity="denies")
        if not found and noun.dep_ == "pobj":
            # "were subjected to western condemnation for claiming that ...": the reason
            # hangs from the verb, beside the noun.
            verb = noun.head.head
            skip = {t.i for t in noun.head.subtree} | {t.i for c in verb.children
                                                      if c.dep_ == "prep" and c.lower_ not in ("for", "over")
                                                      for t in c.subtree}
            found = self._content_statements(verb, deniers, cue=noun, skip=skip, polarity="denies", only=("prep",))
        return found

    # -- content of a report: responsibility predicates ----------------------------------

    def _content_statements(self, head: Token, claimants: list[str], cue: Token, skip: set[int],
                            polarity: str = "asserts", only: tuple[str, ...] = _CONTENT_DEPS) -> list[dict]:
        out = []
        for child in head.children:
            if child.dep_ not in only or child.i in skip:
                continue
            if child.dep_ == "conj" and child.lemma_.lower() in self.report_verbs | self.deny_verbs | self.blame_verbs:
                continue  # "condemned the attack and denied that ...": the second cue speaks for itself
            if child.lemma_.lower() in self.deny_verbs and self._is_cue_with_own_speaker(child):
                continue  # "said that they deny any involvement": the denial is read as such, not as a claim
            for tok in child.subtree:
                if tok.i in skip or _conditional(tok, head) or self._aside(tok, head):
                    continue
                for accused, pred, negative in self._responsibility(tok):
                    # what is asked ("whether Y was behind"), looked into ("investigating reports that Y ...")
                    # or, in a denial, describes its object ("the rebels who attacked") is not said (walked up
                    # from a predicate found: from every token it costs)
                    if _asked(tok, head) or _inquired(tok, head) or (polarity == "denies" and self._described(tok, head)):
                        break
                    if _future(pred) or _ongoing(pred) or (pred.pos_ == "VERB" and self._only_many(pred)):
                        continue  # "it would mount new attacks", "they continue to ambush", "dozens of attacks": no one deed
                    if _counterfactual(pred):
                        continue  # "it should have claimed responsibility": it did not
                    if self._relayed(pred, cue):
                        continue  # "X said Y claimed responsibility": Y's claim, which Y's own cue reads
                    pol = polarity
                    if negative or _negated_between(pred, head) or _no_subject(pred) or self._in_false_claim(pred, head):
                        # "said there was no evidence that Y ...", "that no other officers were involved",
                        # "said claims that Y shelled it were absurd"
                        pol = "denies"
                    for c in claimants:
                        out.append(self._make(c, accused, cue, pred, pol, self._channel(cue),
                                              attack=self._attack_near(pred)))
                if tok is not child and self._is_cue_with_own_speaker(tok):
                    break  # nested speech ("X said Y claimed ...") belongs to Y
        return out

    def _aside(self, tok: Token, top: Token) -> bool:
        """The token is in the writer's aside inside what ``top`` reports, not in what is reported:
        a relative clause set off by a comma ("guards were captured on campus, which is near the
        garrisons attacked by Y"), or one describing a speaker of the reported clause ("The Times
        reported that a man whose son was killed by Y says ...")."""
        for node in (tok, *tok.ancestors):
            if node.i == top.i:
                return False
            start = node.left_edge.i
            if node.dep_ == "relcl" and start > 0 and node.doc[start - 1].text == ",":
                return True
            subj = node.head
            if node.dep_ in ("relcl", "acl") and subj.dep_ == "nsubj" and subj.head.pos_ == "VERB" \
                    and subj.head.lemma_.lower() in self.report_verbs:
                return True
        return False

    def _responsibility(self, tok: Token) -> list[tuple[str | None, Token, bool]]:
        """(accused, predicate, negated) for a responsibility predicate at ``tok``.

        accused is None for a negated predicate whose subject is the attack
        itself ("the attack had no relevance to ..."): a contextual dispute.
        """
        lemma = self._deed_lemma(tok)
        neg = _negated(tok)
        if tok.lower_ in _FALSEHOODS and (tok.dep_ in ("acomp", "attr") or self._labelled_false(tok)):
            # "the charge against Y is groundless": a dispute of what Y is charged with
            claims = [c for c in tok.head.children if c.dep_ == "nsubj" and c.lemma_.lower() in self.report_nouns]
            if not claims and tok.dep_ not in ("acomp", "attr"):
                # "called the accusations absurd", "described the allegations as lies": the object labelled
                verb = tok.head.head if tok.dep_ == "pobj" else tok.head
                claims = [c for c in (verb, *verb.children) if c.dep_ == "dobj" and c.lemma_.lower() in self.report_nouns]
            against = [(a, tok, True) for n in claims for p in n.children if p.dep_ == "prep" and p.lower_ == "against"
                       for o in p.children if o.dep_ == "pobj" for a in self._actors_of(o)]
            if not against and any(c.dep_ == "det" and c.lower_ in ("the", *_DEMONSTRATIVES)
                                   for n in claims for c in n.children):
                # "said the accusation was absurd": the accusation just made, whose accused
                # ``_contextual_disputes`` fills in
                return [(None, tok, True)]
            return against
        if tok.lemma_.lower() == "lie" and tok.pos_ == "VERB":
            # "X is lying in accusing Y": a dispute of X's accusation
            return [(a, tok, True) for p in tok.children if p.dep_ == "prep" and p.lower_ == "in"
                    for v in p.children if v.dep_ == "pcomp" and v.lemma_.lower() in self.blame_verbs
                    for o in v.children if o.dep_ == "dobj" for a in self._actors_of(o)]
        if tok.pos_ == "VERB" and lemma in self.blame_verbs and (_intended(tok) or _discredited(tok)):
            # "Z was done with the intention of blaming Y", "X wants to blame Y – W", "described the
            # call blaming Y as lacking credibility": whoever says so disputes that Y did it
            return [(a, tok, True) for c in tok.children if c.dep_ == "dobj" for a in self._actors_of(c)]
        if lemma == "blame" and tok.dep_ == "xcomp" and tok.head.lemma_ == "be" \
                and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
            # "Y is to blame for Z": answerable for it, like "responsible"
            if not self._complement_is_a_deed(tok):
                return []
            return [(a, tok, neg or _negated(tok.head)) for s in tok.head.children if s.dep_ == "nsubj"
                    for a in self._actors_of(s)]
        if tok.pos_ == "VERB" and lemma in self.charge_verbs:
            # "Y was charged with / accused of / convicted of Z", said in a report: the reporter's
            # charge against Y (a headline drops the "was": "Y accused of Z, police say")
            return [(a, tok, neg) for s in self._passive_blamed(tok) for a in self._actors_of(s)]
        if (lemma in self.responsibility_adjs or tok.lower_ in self.responsibility_adjs) \
                and (tok.pos_ in ("ADJ", "ADP", "VERB", "ADV") or tok.dep_ == "appos"):  # headlines: "Y 'complicit'"
            if tok.lower_ in _ANSWERABLE and not self._complement_is_a_deed(tok):
                return []  # "responsible for the new wave of repression", "for hindering the talks": no deed
            if tok.pos_ == "VERB" and any(c.dep_ == "dobj" for c in tok.children):
                return []  # "police linked a man to the murder": who links is no party to it (``_blame`` reads it)
            # "Y was responsible for", "Y was behind", "Y is involved in"
            cop = tok.head if tok.dep_ in ("acomp", "prep", "attr", "advmod", "oprd") else tok
            subj = [c for c in cop.children if c.dep_ in ("nsubj", "nsubjpass")]
            if not subj:  # the parser hangs the subject from the auxiliary: "this crime [is] linked"
                subj = [c for a in cop.children if a.dep_ in ("aux", "auxpass") for c in a.children
                        if c.dep_ in ("nsubj", "nsubjpass")]
            if tok.dep_ == "prep" and tok.lower_ == "behind" and cop.lemma_ != "be" \
                    and not any(t.i in self.attack_at for t in tok.subtree):
                return []  # "found the car behind the market": a place, not a deed
            if tok.dep_ == "prep" and tok.lower_ == "behind" and not subj:
                subj = [c for c in tok.head.children if c.dep_ == "nsubj"]
                if not subj and tok.head.dep_ in ("dobj", "dep") and tok.head.pos_ in ("PROPN", "NOUN"):
                    subj = [tok.head]  # a headline drops the verb: "X says Y behind Z attack"
            if not subj and tok.dep_ in ("amod", "appos") and tok.i > tok.head.i:
                subj = [tok.head]  # a headline drops the verb: "Y responsible for Z attack, X says"
            neg = neg or _negated(cop)
            if tok.lower_ in ("linked", "tied", "connected") and subj and all(
                    s.i in self.attack_at or s.lemma_.lower() in _DEED_NOUNS for s in subj):
                # "the bombing was tied to Y", "this crime is in no way linked to Y": the deed is the subject
                return [(a, tok, neg) for p in tok.children if p.dep_ == "prep" and p.lower_ == "to"
                        for o in p.children if o.dep_ == "pobj" for a in self._actors_of(o) or self._of_actors(o)]
            if tok.lower_ in ("linked", "tied", "connected") and not any(t.i in self.attack_at for t in tok.subtree):
                return []  # "linked to drug trafficking" is no attack
            return [(a, tok, neg) for s in subj for a in self._actors_of(s)]
        if lemma in self.involvement_nouns and tok.pos_ == "NOUN" and tok.dep_ in ("dobj", "attr"):
            # "Y played a part in Z", "Y had no role in Z", "Z had no relevance to ..."
            verb = tok.head
            neg = neg or _negated(verb) or any(c.lower_ == "no" for c in tok.children)
            subj = [c for c in verb.children if c.dep_ == "nsubj"]
            # "armed forces complicity", "Ukraine's involvement": the modifier is whose part it was
            owners = [a for c in tok.children if c.dep_ in ("poss", "compound", "amod") for a in self._actors_of(c)]
            if not owners and neg and any(s.i in self.attack_at for s in subj):
                return [(None, tok, True)]  # the attack "had no relevance to the war": a dispute of the claims
            if self._part_in_no_deed(tok) or self._habitual(verb):
                # "broke relations with the government", "a role in the talks": no part in a deed;
                # "it claims responsibility for actions it carries out": a habit
                return []
            if owners:
                return [(a, tok, neg) for a in owners]
            return [(a, tok, neg) for s in subj for a in self._actors_of(s)]
        if lemma == "do" and tok.dep_ in ("relcl", "acl") and tok.head.lower_ in _SOME_THING \
                and tok.head.head.lemma_.lower() == "have" and any(c.dep_ == "prep" and c.lower_ == "with" for c in tok.children):
            # "Y had nothing / something to do with Z"
            have = tok.head.head
            neg = tok.head.lower_ == "nothing" or _negated(have)
            return [(a, have, neg) for s in have.children if s.dep_ == "nsubj" for a in self._actors_of(s)]
        if tok.pos_ == "VERB" and (lemma in self.perpetrate_verbs or lemma in self.violent_verbs):
            if harmless(tok):
                # "said it shot down 18 Russian drones": the downer defends; whose drones they were attacked
                return [(a, tok, neg) for o in tok.children if o.dep_ in ("dobj", "nsubjpass")
                        for t in (o, *(p for x in o.children if x.dep_ == "prep" for p in x.children))
                        for c in t.children if c.dep_ in ("amod", "compound", "poss") and c.i in self.actor_at
                        and self.actor_at[c.i].kb_id_ in _PERPETRATOR_KINDS and tok.lemma_.lower() != "strike"
                        for a in self._actors_of(c)]
            passive = any(c.dep_ in ("nsubjpass", "auxpass", "agent") for c in tok.children)
            if passive:  # "Z was carried out by Y", "a bomb planted by Y"
                if lemma in self.perpetrate_verbs and lemma not in self.violent_verbs and not self._deed_done(tok):
                    return []  # "a seminar sponsored by Y", "a study conducted by Y": not the attack
                agents = [o for c in tok.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"]
                return [(a, tok, neg) for o in agents for a in self._actors_of(o)]
            if lemma in self.perpetrate_verbs and not self._has_attack_object(tok):
                return []  # "carried out checks", "ordered an inquiry": not the attack
            neg = neg or any(c.dep_ == "dobj" and _says_no(c) for c in tok.children)  # "played no part in Z"
            subj = [c for c in tok.children if c.dep_ == "nsubj"]
            report = tok.head
            if all(s.lower_ in ("who", "that") for s in subj) and tok.dep_ in ("ccomp", "xcomp") \
                    and report.dep_ == "relcl" and report.lemma_.lower() in self.report_verbs:
                # "Y, who police say planted the bomb", "a man they said had planted it": the one the
                # relative clause is about did it, not who says so (the parser may give it the "who")
                subj = [report.head]
            # "Y attacked and ...", "Y sent drones to attack Z": the subject of the clause it completes
            purpose = tok.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
            if not subj and (tok.dep_ in ("xcomp", "conj", "pcomp", "acl") or purpose):
                # "admitted to carrying out Z": through the preposition to the verb it hangs from (but in
                # "Y accused of killing" the one accused did it, not who accuses)
                clause = tok.head.head if tok.dep_ == "pcomp" and tok.head.dep_ == "prep" \
                    and tok.head.head.lemma_.lower() not in self.charge_verbs else tok.head
                subj = self._censured(tok) or [c for c in clause.children if c.dep_ == "nsubj"]
            if not subj and tok.dep_ == "xcomp" and tok.head.lemma_.lower() not in _INSTRUMENT_VERBS \
                    and any(c.dep_ == "auxpass" for c in tok.head.children):
                # "Y is believed / said / thought to have planted the bomb": the passive's subject
                subj = [c for c in tok.head.children if c.dep_ == "nsubjpass"]
            return [(a, tok, neg) for s in subj for a in self._actors_of(s)]
        if tok.dep_ == "pobj" and tok.head.lower_ in ("by", "of") and tok.head.head.i in self.attack_at \
                and tok.head.lower_ == "by":
            # "the bombing by Y": an event noun's agent
            return [(a, tok, neg) for a in self._actors_of(tok)]
        if tok.dep_ == "pobj" and tok.head.lower_ == "from" and _firing(tok.head.head):
            # "mortar fire from Y", "came under fire from Y", "killed by fire from Y": Y fired
            return [(a, tok, neg) for a in self._actors_of(tok)]
        if tok.dep_ == "pobj" and tok.head.lower_ == "by" and self._wrong_done(tok.head.head):
            # "condemned the violence by Y": the agent of a wrong, the attack as the story names it
            return [(a, tok, neg) for a in self._actors_of(tok)]
        if tok.dep_ == "pobj" and tok.head.lower_ in ("by", "of") and tok.head.head.dep_ in ("attr", "oprd") \
                and (tok.head.lower_ == "by" or tok.head.head.lemma_.lower() in self.agent_nouns):
            # "the attack was a crude maneuver by Y", "it might not be the work of Y", and what
            # a labelling verb says of its object: "called the bombing an act of terror by Y"
            cop = tok.head.head.head
            role = "nsubj" if tok.head.head.dep_ == "attr" else "dobj"
            subj = [c for c in cop.children if c.dep_ == role and (c.i in self.attack_at or c.pos_ == "PRON")]
            if subj:
                # the deed is what the subject names or refers to, not an attack named
                # inside Y's description ("the work of Y using controlled detonations")
                self.near_attack[tok.i] = self.attack_at[subj[0].i].label_ if subj[0].i in self.attack_at \
                    else self._attack_before(subj[0])
                return [(a, tok, neg or _negated(cop)) for a in self._actors_of(tok)]
        if tok.dep_ == "poss" and tok.head.dep_ == "attr" and tok.head.lemma_.lower() in self.agent_nouns:
            return self._owned_deed(tok)
        if tok.dep_ == "pobj" and tok.head.lower_ == "by" and tok.head.head.pos_ == "VERB" \
                and any(c.dep_ == "oprd" for c in tok.head.head.children) \
                and any(c.dep_ == "dobj" and c.i in self.attack_at for c in tok.head.head.children):
            # the same, with "by Y" hung from the verb
            return [(a, tok, neg or _negated(tok.head.head)) for a in self._actors_of(tok)]
        if tok.i in self.attack_at and tok.dep_ == "pobj" and tok.head.head.lemma_.lower() in self.report_verbs \
                and tok.head.head.lemma_.lower() not in self.blame_verbs:
            # "condemned Y for the bombing": the one condemned (a blame verb is a cue of its own)
            censured = [(a, tok, neg) for c in self._censured(tok) for a in self._actors_of(c)]
            if censured:
                return censured
        if tok.i in self.attack_at and tok.pos_ == "NOUN" and self.attack_at[tok.i].root.i == tok.i:
            # "report a massive Russian attack", "IS attacks": a perpetrator named on the event noun
            # (not on its target: "ambushed an Iraqi army patrol")
            return [(a, tok, neg) for c in tok.children if c.i in self.actor_at and (
                    (c.dep_ in ("compound", "poss") and self.actor_at[c.i].kb_id_ == "armed_group")
                    or (c.dep_ == "amod" and self.actor_at[c.i].kb_id_ in _PERPETRATOR_KINDS))
                    for a in self._actors_of(c)]
        if tok.dep_ == "pobj":
            return self._membership(tok) or self._signature(tok)
        return []

    def _signature(self, body: Token) -> list[tuple[str | None, Token, bool]]:
        """"the bombing bore the hallmarks of Y", "it has all the signs of Y": the deed looks like Y's
        (hedged by the noun)."""
        sign = body.head.head
        if body.head.lower_ != "of" or sign.dep_ != "dobj" or sign.lemma_.lower() not in _SIGNS \
                or sign.head.lemma_.lower() not in _BEARING:
            return []
        verb = sign.head
        if not any(c.dep_ == "nsubj" and (c.i in self.attack_at or c.pos_ == "PRON") for c in verb.children):
            return []
        return [(a, body, _negated(verb)) for a in self._actors_of(body)]

    def _labelled_false(self, tok: Token) -> bool:
        """What a labelling verb calls its object: "called the claim a lie", "described it as
        fabricated" (a deny verb's "as", "dismissed them as lies", is read by ``_denial``)."""
        verb = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ == "as" else tok.head if tok.dep_ == "oprd" else None
        while verb is not None and verb.dep_ == "dobj":
            verb = verb.head  # "as" hung from the object
        return verb is not None and verb.lemma_.lower() in self.report_verbs and verb.lemma_.lower() not in self.deny_verbs

    def _owned_deed(self, owner: Token) -> list[tuple[str | None, Token, bool]]:
        """"the bombing was Y's work / doing", "it was the army's fault": the deed the subject names
        or refers to is Y's."""
        cop = owner.head.head
        subj = [c for c in cop.children if c.dep_ == "nsubj" and (c.i in self.attack_at or c.pos_ == "PRON")]
        if not subj:
            return []
        self.near_attack[owner.i] = self.attack_at[subj[0].i].label_ if subj[0].i in self.attack_at \
            else self._attack_before(subj[0])
        return [(a, owner, _negated(cop)) for a in self._actors_of(owner)]

    def _described(self, tok: Token, top: Token) -> bool:
        """The token is in a relative clause on an object inside what ``top`` reports: "rejected claims
        that it backs the M23 rebels who attacked Goma" denies the backing, not who attacked Goma. (The
        parser also hangs the content of "the accusations that Kyiv played a part" as a relative
        clause: on a report noun it is what is denied.)"""
        for node in (tok, *tok.ancestors):
            if node.i == top.i:
                return False
            if node.dep_ == "relcl" and node.head.dep_ in ("dobj", "pobj") \
                    and node.head.lemma_.lower() not in self.report_nouns:
                return True
        return False

    def _in_false_claim(self, pred: Token, top: Token) -> bool:
        """The predicate is the content of a claim that is called false below ``top``: "claims that Y
        shelled it were absurd", "called the accusation that Y blew it up a lie"."""
        for node in pred.ancestors:
            if node.i == top.i:
                return False
            if node.lemma_.lower() in self.report_nouns and any(
                    c.lower_ in _FALSEHOODS and c.dep_ in (("acomp", "attr") if node.dep_ == "nsubj" else ("oprd",))
                    for c in node.head.children):
                return True
        return False

    def _membership(self, body: Token) -> list[tuple[str | None, Token, bool]]:
        """"the attackers were members of Y", "one of the gunmen belonged to Y": the body the
        perpetrators belong to did the deed."""
        prep = body.head
        if prep.lower_ == "of" and prep.head.dep_ == "attr" and prep.head.lemma_.lower() in MEMBERS:
            verb = prep.head.head
        elif prep.lower_ == "to" and prep.head.lemma_.lower() == "belong":
            verb = prep.head
        else:
            return []
        # the subject is the perpetrators, or some of them ("one of the gunmen")
        subj = [t for c in verb.children if c.dep_ == "nsubj"
                for t in (c, *(o for p in c.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children))]
        if not any(t.lower_ in self.perpetrator_nouns for t in subj):
            return []
        return [(a, body, _negated(verb)) for a in self._actors_of(body)]

    def _deed_done(self, verb: Token) -> bool:
        """What a passive verb of doing was done to is the deed: the attack ("the bombing was
        planned by Y", "a bombing planned by Y") or a word for it ("this was done by Y", "such an
        act can only have been ordered by Y")."""
        if self._has_attack_object(verb) or (verb.dep_ in ("acl", "relcl") and verb.head.i in self.attack_at):
            return True
        return any(c.dep_ == "nsubjpass" and (c.pos_ in ("PRON", "DET") or c.lemma_.lower() in self.agent_nouns
                                              or c.lemma_.lower() in _DEED_NOUNS) for c in verb.children)

    def _wrong_done(self, node: Token) -> bool:
        """What "by Y" hangs from is a wrong ("the violence by Y"), or an active verb whose object
        is one (the parser hangs "by" from "condemned" in "condemned violence by Y")."""
        if node.lemma_.lower() in _WRONGS:
            return True
        return node.pos_ == "VERB" and not any(c.dep_ in ("auxpass", "nsubjpass") for c in node.children) \
            and any(c.dep_ == "dobj" and c.lemma_.lower() in _WRONGS for c in node.children)

    def _censured(self, deed: Token) -> list[Token]:
        """"condemned Y for bombing the bridge", "condemned Y for the attack": a deed the verb's
        "for" names is its object's, not its subject's (when the object is an actor)."""
        prep = deed.head
        if deed.dep_ not in ("pcomp", "pobj") or prep.dep_ != "prep" or prep.lower_ != "for" \
                or prep.head.pos_ != "VERB":
            return []
        return [c for c in prep.head.children if c.dep_ == "dobj" and self._actors_of(c)]

    def _part_in_no_deed(self, noun: Token) -> bool:
        """"a role in the peace talks", "relations with the government": the part is in something named, no deed."""
        preps = [p for p in noun.children if p.dep_ == "prep"]
        return bool(preps) and not any(
            t.i in self.attack_at or t.pos_ == "PRON" or self._deed_lemma(t) in self.violent_verbs
            or t.lemma_.lower() in _DEED_NOUNS + _WRONGS for p in preps for t in p.subtree)

    def _of_actors(self, noun: Token) -> list[str]:
        """"the presence / activities of Y": Y."""
        return [a for p in noun.children if p.dep_ == "prep" and p.lower_ == "of"
                for o in p.children if o.dep_ == "pobj" for a in self._actors_of(o)]

    def _deed_lemma(self, tok: Token) -> str:
        """The lemma, or for a verb the lemmatizer got wrong ("staged" -> "stag") the deed verb
        its regular inflection comes from."""
        lemma = tok.lemma_.lower()
        if tok.pos_ != "VERB" or lemma in self.perpetrate_verbs or lemma in self.violent_verbs:
            return lemma
        low = tok.lower_
        for suffix, ending in (("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"), ("es", ""), ("s", "")):
            stem = low[: len(low) - len(suffix)] + ending
            if low.endswith(suffix) and (stem in self.perpetrate_verbs or stem in self.violent_verbs):
                return stem
        return lemma

    def _has_attack_object(self, verb: Token) -> bool:
        objs = [c for c in verb.children if c.dep_ in ("dobj", "prep", "prt", "nsubjpass")]
        return any(t.i in self.attack_at for c in objs for t in c.subtree) \
            or any(c.dep_ == "dobj" and c.lemma_.lower() in self.involvement_nouns
                   and not self._part_in_no_deed(c) for c in objs) \
            or (any(c.dep_ == "dobj" and c.lower_ == "it" for c in objs)  # "denied that the army perpetrated it"
                and any(t.i in self.attack_at for t in self.sentence_of(verb)))

    def _relayed(self, pred: Token, cue: Token) -> bool:
        """"X said Y claimed responsibility for Z", "Y claimed credit for Z, according to X": Y's own
        claim, which X only passes on (the guidelines record the relaying party only for an account
        of its own; a lawyer's "my client admitted planting it" is one)."""
        verb = pred.head
        return verb.i != cue.i and verb.lemma_.lower() in self.self_claim_verbs \
            and pred.lemma_.lower() in self.responsibility_nouns

    def _is_cue_with_own_speaker(self, tok: Token) -> bool:
        lemma = tok.lemma_.lower()
        is_cue = tok.pos_ == "VERB" and lemma in (self.report_verbs | self.blame_verbs | self.deny_verbs)
        return is_cue and any(c.dep_ in _SUBJ and self._actors_of(c) for c in tok.children)

    def _contextual_disputes(self, here: list[dict], before: list[dict]) -> list[dict]:
        """A denial that names nobody disputes the accusations just made about that attack."""
        out = []
        for st in [s for s in here if s["accused"] is None]:
            pool = [s for s in here if s["accused"] and s["polarity"] == "asserts"] or \
                   [s for s in before[-6:] if s["accused"] and s["polarity"] == "asserts"]
            for prior in pool:
                if prior["attack"] == st["attack"] and prior["claimant"] != st["claimant"]:
                    out.append({**st, "accused": prior["accused"]})
        here[:] = [s for s in here if s["accused"] is not None]
        return out


def _firing(node: Token) -> bool:
    """What "from Y" hangs from is a firing ("fire from Y"), or the parser hung it from the verb
    whose object names one ("came under fire from Y", "was killed by fire from Y")."""
    return node.lemma_.lower() in _FIRING or any(
        o.lemma_.lower() in _FIRING for p in node.children if p.dep_ in ("prep", "agent") for o in p.children)


def _unmade(verb: Token) -> bool:
    """The cue is what someone wants to say, would say or refuses to say: "wants to blame Y", "would
    give them the opportunity to accuse Y" (the modal on a word the cue completes, in its own clause),
    "declined to say who"."""
    node = verb
    while node.head.i != node.i and node.dep_ in ("xcomp", "acl", "pcomp", "pobj", "dobj", "prep"):
        if node.dep_ == "xcomp" and node.head.lemma_.lower() in _WANTS + _REFUSALS:
            return True
        node = node.head
        if any(c.dep_ == "aux" and c.lower_ in _HYPOTHETICAL for c in node.children):
            return True
    return False


def _future(pred: Token) -> bool:
    """"it would mount new attacks", "it would begin targeting judges", "Y would bear responsibility":
    a threat, not a claim (the future on the predicate or on the verb it completes, or for a noun or
    adjective, the verb it hangs from)."""
    nodes = (pred, pred.head) if pred.dep_ == "xcomp" or pred.pos_ not in ("VERB", "AUX") else (pred,)
    return any(c.dep_ == "aux" and c.lower_ in _FUTURE for n in nodes for c in n.children)


def _ongoing(pred: Token) -> bool:
    """"insurgents who continue to ambush", "keep attacking": what one goes on doing now is a
    practice, not an incident (the aspect verb in the simple present)."""
    return pred.dep_ == "xcomp" and pred.head.lemma_.lower() in ("continue", "keep") \
        and pred.head.tag_ in ("VBP", "VBZ")


def _counterfactual(pred: Token) -> bool:
    """"should have claimed", "would have done": what did not happen (not "may have", a hedge).
    The modal is on the predicate or, for a noun or adjective, on its verb."""
    for node in (pred, pred.head):
        auxes = [c.lower_ for c in node.children if c.dep_ == "aux"]
        if "have" in auxes and any(a in ("should", "would", "ought") for a in auxes):
            return True
        if node.pos_ in ("VERB", "AUX"):
            break
    return False


def _intended(verb: Token) -> bool:
    """The verb is what someone wants, tries or intends to do: "wants to blame", "with the
    intention of blaming", "staged it to blame"."""
    if verb.dep_ == "xcomp":
        return verb.head.lemma_.lower() in _INTENT_VERBS
    if verb.dep_ == "pcomp" and verb.head.lower_ in ("of", "at"):
        return verb.head.head.lemma_.lower() in _INTENT_NOUNS
    return verb.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _discredited(verb: Token) -> bool:
    """The verb's clause is labelled false: "described the call blaming Y as lacking credibility",
    "called the claim blaming Y absurd" (the label hangs from the verb, the noun it
    describes or the labelling verb)."""
    nodes = [verb, verb.head]
    if verb.head.pos_ in ("NOUN", "PROPN"):
        nodes.append(verb.head.head)
    for node in nodes:
        for c in node.children:
            if not ((c.dep_ == "prep" and c.lower_ == "as") or c.dep_ == "oprd"):
                continue
            said = {t.lower_ for t in c.subtree} | {t.lemma_.lower() for t in c.subtree}
            if said & set(_FALSEHOODS) or (said & set(_MERITS) and said & set(_LACKING)):
                return True
    return False


def _warned_against(tok: Token) -> bool:
    """The cue is inside "against ..." / "from ..." ("warned against blaming", "refrained from
    accusing"): what is warned against or refrained from was not said."""
    node = tok
    # a relative clause is said on its own: "charges against officers, whom it accused of ..."
    while node.head.i != node.i and node.dep_ not in ("ccomp", "ROOT", "relcl"):
        if node.dep_ in ("pcomp", "pobj") and node.head.lower_ in ("against", "from"):
            return True
        node = node.head
    return False


def _asked(tok: Token, top: Token | None = None) -> bool:
    """The token is inside an indirect question or a condition (below ``top``, if given): "did
    not say whether they suspected Y", "investigating whether Y was behind", "if they blame Y"."""
    for node in (tok, *tok.ancestors):
        if top is not None and node.i == top.i:
            return False
        if any(c.dep_ == "mark" and c.lower_ in _OPEN for c in node.children):
            return True
        if node.dep_ == "ccomp" and node.head.dep_ != "relcl" \
                and any(c.lower_ in ("who", "whom") for c in node.children):
            return True  # "declined to say who they believed did it" (not "Y, who they said did it")
    return False


def _inquired(tok: Token, top: Token) -> bool:
    """The token is inside what is looked into below ``top``: "said it was investigating
    reports that its troops shot Z", "ordered a probe into claims that Y ..."."""
    for node in tok.ancestors:
        if node.i == top.i:
            return False
        if node.lemma_.lower() in _INQUIRY:
            return True
    return False


def _quoted(verb: Token) -> Token | None:
    """The one quoted in "X quoted / cited Y as saying ...", who is the speaker, not X."""
    if verb.dep_ == "pcomp" and verb.head.lower_ == "as":
        return next((c for c in verb.head.head.children if c.dep_ == "dobj"), None)
    return None


def _negated(tok: Token) -> bool:
    """"not", "never", "no", and "in no way" on the word."""
    if any(c.lower_ in _NOT or (c.dep_ == "aux" and any(d.lower_ in _NOT for d in c.children))
           for c in tok.children):
        return True  # "don’t" with a curly apostrophe: the parser takes "n’t" for a word of its own
    return any(c.dep_ == "neg" or c.lower_ in ("never", "no") or (
        c.dep_ == "prep" and c.lower_ == "in" and any(o.lower_ == "way" and any(d.lower_ == "no" for d in o.children)
                                                  for o in c.children)) for c in tok.children)


def _conditional(tok: Token, top: Token) -> bool:
    """The token is inside an "if"/"unless" clause below ``top``: "if the group operated here, ..."."""
    for node in (tok, *tok.ancestors):
        if node.i == top.i:
            return False
        if node.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in node.children):
            return True
    return False


def _no_subject(pred: Token) -> bool:
    """The predicate's subject is "no ...": "no other officers were involved"."""
    clause = pred.head if pred.dep_ in ("acomp", "prep", "attr", "oprd", "dobj") else pred
    return any(c.dep_ in ("nsubj", "nsubjpass") and _says_no(c) for c in clause.children)


def _says_no(noun: Token) -> bool:
    """"no group", "no soldiers"."""
    return any(d.dep_ == "det" and d.lower_ == "no" for d in noun.children)


def _negated_between(pred: Token, cue: Token) -> bool:
    """A negation on the way from a predicate up to its cue: "no evidence that", "not true that"."""
    for node in pred.ancestors:
        if node.i == cue.i:
            return False
        if _negated(node) and node.lemma_.lower() != "doubt":  # "no doubt that": sure, not denied
            return True
    return False


def _dedupe(statements: list[dict]) -> list[dict]:
    """One statement per (claimant, accused, attack, polarity); a self-claim only as such."""
    seen, out = set(), []
    for s in statements:
        key = (s["claimant"], s["accused"], s["attack"], s["polarity"])
        if s["attack"] is None or key in seen:
            continue
        seen.add(key)
        out.append(s)
    return out
