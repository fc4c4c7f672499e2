"""``claimgraph_attacks``: the violent incidents an article talks about.

An attack mention is an event noun ("attack", "bombing", "massacre", ...) or
a verb of violence. Mentions are resolved within the article:
- a mention that names a place ("the Crocus City Hall attack", "the rampage at
  Crocus City Hall") opens or joins the attack at that place;
- an anaphoric mention ("the attack", "the massacre", "the crime", "the
  atrocities on March 22") joins the attack in focus: the latest one named,
  else the first one named later in the article;
- an indefinite mention with no place ("a car bomb") opens a new attack.

Spans go to ``doc.spans["claimgraph_attacks"]`` (``label_`` = canonical name,
``kb_id_`` = kind); dates and places in ``doc.user_data["claimgraph_attacks"]``.
"""

from __future__ import annotations

import bisect
import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..lexicon import words, words_by_kind
from .actors import ACTOR_SPANS, is_all_caps
from .paragraphs import story_starts

__all__ = ["ATTACK_INFO", "ATTACK_SPANS", "AttackFinder", "parse_date"]

ATTACK_SPANS = "claimgraph_attacks"
ATTACK_INFO = "claimgraph_attacks"
PUBLISHED = "claimgraph_published"  # doc.user_data: the article's publication date, set by extract()
_PLACE_LABELS = ("FAC", "GPE", "LOC", "ORG")
# "the Crocus City Hall attack", not "... killing": how an incident at a place is named.
_PLACE_NAMED = {"killing": "attack", "sabotage": "attack"}
_PLACE_PREPS = ("at", "in", "on", "near", "outside", "inside", "against")
_LABOUR = ("general", "hunger", "labor", "labour", "national", "workers", "transport", "teachers", "rail")
_MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
_MONTHS.update({m[:3]: i for m, i in list(_MONTHS.items())})
_MONTHS["sept"] = 9


_PROJECTILES = {"missile", "drone", "rocket", "projectile", "shell", "uav"}
_STRUCK = {"deal", "agreement", "accord", "bargain", "compromise", "balance", "chord", "note", "tone", "pose"}


def _labour_strike(tok) -> bool:
    """"called a general strike", "a hunger strike": a strike that is no attack."""
    if tok.lemma_.lower() != "strike":
        return False
    return any(c.lower_ in _LABOUR for c in tok.children if c.dep_ in ("amod", "compound", "nmod")) or (
        tok.dep_ == "dobj" and tok.head.lemma_.lower() in ("call", "end", "join", "hold", "stage"))


def parse_date(text: str, year: int | None = None) -> str | None:
    """ISO date from "March 22", "22 March 2024", "3 MAY 89", "March 22, 2024"; None if unsure.

    >>> parse_date("the atrocities on March 22", 2024)
    '2024-03-22'
    """
    t = text.lower().replace(",", " ")
    m = re.search(r"\b(\d{1,2})\s+([a-z]{3,9})\.?(?:\s+(\d{2,4}))?\b", t)
    n = re.search(r"\b([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:\s+(\d{4}))?\b", t)
    for match, (d, mo, y) in ((m, (1, 2, 3)), (n, (2, 1, 3))):
        if match and match.group(mo) in _MONTHS:
            day, month = int(match.group(d)), _MONTHS[match.group(mo)]
            yr = match.group(y)
            yr = int(yr) if yr else year
            if yr is not None and yr < 100:
                yr += 1900 if yr > 30 else 2000
            if yr and 1 <= day <= 31:
                return f"{yr:04d}-{month:02d}-{day:02d}"
    return None


@Language.factory("claimgraph_attacks", default_config={})
def make_attack_finder(nlp: Language, name: str):
    return AttackFinder(nlp, name)


class AttackFinder:
    def __init__(self, nlp: Language, name: str = "claimgraph_attacks"):
        self.name = name
        self.kinds = words_by_kind("lexicon_en.jsonl", "attack_noun")
        self.anaphoric = words("lexicon_en.jsonl", "anaphoric_attack_noun")
        self.violent_verbs = words("cues_en.jsonl", "violent_verb")

    def __call__(self, doc: Doc) -> Doc:
        caps = is_all_caps(doc)
        year = _doc_year(doc)
        actor_tokens = {i for s in doc.spans.get(ACTOR_SPANS, []) for i in range(s.start, s.end)}
        mentions = []  # (token, kind or None for anaphoric, place, date)
        for tok in doc:
            low, lemma = tok.lower_, tok.lemma_.lower()
            if tok.tag_ == "VBG" and lemma in self.violent_verbs and tok.dep_ in ("pcomp", "pobj", "dobj", "nsubj") \
                    and not any(c.dep_ == "dobj" and c.lower_ in self.kinds for c in tok.children):
                # "accused the guerrillas of kidnapping 30 peasants": the deed named by a gerund;
                # "of murdering the leader" in an article about a murder is that murder.
                kind = self.kinds.get(low) or self.kinds.get(_event_noun(lemma, self.kinds)) or "attack"
                mentions.append((tok, None if kind == _first_kind(mentions) else kind,
                                 _place_of(tok, caps), _date_of(tok, year)))
                continue
            if tok.pos_ in ("NOUN", "PROPN") and tok.i not in actor_tokens and not _labour_strike(tok):
                two = f"{doc[tok.i - 1].lower_} {low}" if tok.i else low
                kind = self.kinds.get(two) or self.kinds.get(low) or self.kinds.get(lemma)
                if kind is None and (lemma in self.anaphoric or low in self.anaphoric):
                    if any(c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those") for c in tok.children) \
                            or any(c.dep_ == "poss" for c in tok.children):
                        mentions.append((tok, None, None, _date_of(tok, year)))
                    continue
                if kind:
                    mentions.append((tok, kind, _place_of(tok, caps), _date_of(tok, year)))
        mentions += self._deeds(doc, {m[0].sent.start for m in mentions}, caps, year)
        mentions.sort(key=lambda m: m[0].i)
        doc.spans[ATTACK_SPANS], doc.user_data[ATTACK_INFO] = self._resolve(doc, mentions)
        # "Crocus City Hall" in "the attack at Crocus City Hall" is a place, not an actor.
        places = {p.lower() for _, _, p, _ in mentions if p}
        doc.spans[ACTOR_SPANS] = [s for s in doc.spans.get(ACTOR_SPANS, [])
                                  if not (s.kb_id_ == "organisation" and s.text.lower() in places
                                          and s.label_.lower() == s.text.lower())]
        return doc

    def _deeds(self, doc, covered_sentences, caps, year):
        """"Russian forces shelled the market": a violent verb with its object is the attack
        when its sentence names none with a noun."""
        out = []
        for tok in doc:
            if tok.pos_ == "VERB" and _finite(tok) and tok.lemma_.lower() in self.violent_verbs \
                    and tok.sent.start not in covered_sentences and not harmless(tok) \
                    and any(c.dep_ in ("dobj", "nsubjpass") for c in tok.children):
                out.append((tok, self._event_kind(tok.lemma_.lower()), _place_of(tok, caps), _date_of(tok, year)))
        return out

    def _event_kind(self, lemma: str) -> str:
        return self.kinds.get(_event_noun(lemma, self.kinds), "attack")

    def _resolve(self, doc, mentions):
        info: dict[str, dict] = {}
        spans = []
        # per story of a digest (``story_starts``): the attack in focus, and the first one named
        starts = story_starts(doc)
        focus_of: dict[int, str] = {}
        first_of: dict[int, str] = {}
        pending = []  # anaphors before any named attack: they take the first one named later
        for tok, kind, place, date in mentions:
            story = bisect.bisect_right(starts, tok.i) - 1
            focus = focus_of.get(story)
            definite = any(c.lower_ in ("the", "this", "that", "these", "those") or c.dep_ == "poss"
                           for c in tok.children)
            if place:
                name = f"{place} {_PLACE_NAMED.get(kind, kind or 'attack')}"
                same = next((n for n, i in info.items() if i["place"] == place), None)
                name = same or name
            elif (definite or kind is None) and focus:
                name = focus
            elif kind is None or (definite and any(k for _, k, p, _ in mentions if p)):
                pending.append((tok, kind, date, story))  # a named attack comes later: it will take these
                continue
            elif focus and tok.pos_ != "VERB" and not any(c.dep_ in ("amod", "compound") for c in tok.children):
                name = focus  # a bare "an attack" after the attack was named is that attack again
            else:
                name = _unnamed(tok, kind)
                if name in info and info[name]["date"] and date and info[name]["date"] != date:
                    name = f"{name} of {date}"
            entry = info.setdefault(name, {"kind": kind or "attack", "place": place, "date": None})
            entry["date"] = entry["date"] or date
            spans.append(_mention_span(doc, tok, name, entry["kind"]))
            first_of.setdefault(story, name)
            if place or focus is None:
                focus_of[story] = name
        for tok, kind, date, story in pending:
            first = first_of.get(story)
            if first is not None:
                info[first]["date"] = info[first]["date"] or date
                spans.append(_mention_span(doc, tok, first, info[first]["kind"]))
        return sorted(spans, key=lambda s: s.start), info


def _mention_span(doc, tok, name, kind) -> Span:
    if tok.pos_ == "VERB" and _finite(tok):  # "shelled the market"
        return _predicate_span(doc, tok, name, kind)
    # The noun phrase up to the head: "the deadly rampage", "the atrocities".
    start = tok.left_edge.i if tok.left_edge.i >= tok.i - 6 else tok.i
    return Span(doc, start, tok.i + 1, label=name, kb_id=kind)


# Not part of the deed's words: other clauses, and the agent ("by the army": who did it, not what).
_NOT_PREDICATE = ("ccomp", "conj", "cc", "punct", "advcl", "relcl", "parataxis", "mark", "xcomp", "agent")


def _predicate_span(doc, verb, name, kind) -> Span:
    """A deed told by a verb: the verb with its object and complements ("killed three fighters
    in an exchange of fire"); a passive one from its subject ("the school was bombed")."""
    start, end = verb.i, verb.i
    subj = next((c for c in verb.lefts if c.dep_ == "nsubjpass"), None)
    if subj is not None and subj.tag_ not in _WH_TAGS and subj.left_edge.i >= verb.i - 8:
        start = subj.left_edge.i + (subj.left_edge.tag_ in _WH_TAGS)  # "whose son was killed"
    for c in verb.rights:
        if c.dep_ in _NOT_PREDICATE or c.right_edge.i > verb.i + 10:
            break
        end = c.right_edge.i
    return Span(doc, start, end + 1, label=name, kb_id=kind)


def _finite(verb) -> bool:
    """A verb that tells a deed: not a gerund, unless progressive ("are shelling us")."""
    return verb.tag_ != "VBG" or any(c.dep_ == "aux" and c.lemma_.lower() == "be" for c in verb.children)


def _unnamed(tok, kind: str) -> str:
    """A name for an attack with no place: the event noun with its modifiers,
    or for a deed told by a verb, the kind and its object ("bombing of the market")."""
    if tok.pos_ == "VERB" and _finite(tok):
        obj = next((c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")), None)
        target = _target(tok, obj)
        event = _event_noun(tok.lemma_.lower(), words_by_kind("lexicon_en.jsonl", "attack_noun"))
        return f"{event} of {target}".lower() if target else event
    mods = [c.text for c in tok.lefts if c.dep_ in ("amod", "compound") and c.pos_ != "DET"
            and c.lower_ not in _NOT_NAMING]
    words_ = [*mods, tok.lemma_ if tok.tag_ == "NNS" else tok.text]
    return " ".join(words_).lower()


_WH_TAGS = ("WP", "WP$", "WDT")
# Modifiers that count or place an attack in time, not name it: "several guerrilla attacks".
_NOT_NAMING = {"several", "many", "few", "numerous", "various", "such", "more", "most", "some", "multiple",
               "recent", "latest", "new", "earlier", "previous", "alleged"}
# What a name leaves out of its target: clauses and appositions about it ("Palomino, who served ...").
_NOT_TARGET = ("relcl", "acl", "appos", "advcl", "parataxis", "punct", "det")


def _target(verb, obj) -> str:
    """The victim or target a deed's name gives: the object's noun phrase without determiners,
    clauses or appositions; for a relative pronoun ("who was murdered") the noun it stands for."""
    if obj is None:
        return ""
    if obj.tag_ in _WH_TAGS and verb.dep_ == "relcl":
        obj = verb.head
    drop = {t.i for c in obj.subtree if c.i != obj.i and c.dep_ in _NOT_TARGET for t in c.subtree}
    if obj.tag_ in _WH_TAGS:
        return ""
    words_ = [t for t in obj.subtree if t.i not in drop and t.tag_ not in _WH_TAGS and t.dep_ != "det"][:8]
    while words_ and words_[-1].pos_ in ("ADP", "CCONJ", "DET", "PART", "PUNCT"):
        words_.pop()  # cut short: not on "in Czech city of"
    return " ".join(t.text for t in words_)


def _first_kind(mentions) -> str | None:
    """The kind of the first named attack mention so far (the article's lead incident)."""
    return next((kind for _, kind, _, _ in mentions if kind), None)


def harmless(verb) -> bool:
    """A violent verb that harms no one: "shot down the missiles" (a defence), "intercepted
    drones", "strike a deal"."""
    lemma = verb.lemma_.lower()
    objs = [o for c in verb.children if c.dep_ in ("dobj", "nsubjpass")
            for o in (c, *(p for x in c.children if x.dep_ == "prep" for p in x.children))]  # "18 of the drones"
    named = {w for o in objs for w in (o.lemma_.lower(), o.lower_.removesuffix("s"))}
    if lemma == "intercept" or (lemma == "shoot" and any(c.lower_ == "down" for c in verb.children)):
        return bool(named & _PROJECTILES)  # but "shot down the airliner" is an attack
    return lemma == "strike" and bool(named & _STRUCK)


def _event_noun(lemma: str, nouns) -> str:
    """The event noun of a violent verb: shell -> shelling, kidnap -> kidnapping, execute -> execution."""
    for form in (lemma + "ing", lemma + lemma[-1] + "ing", lemma[:-1] + "ion", lemma[:-1] + "ing"):
        if form in nouns:
            return form
    return lemma


def _place_of(tok, caps: bool) -> str | None:
    """A named place the event noun is attached to: compound names or a PP object."""
    doc = tok.doc
    ents = [e for e in doc.ents if e.label_ in _PLACE_LABELS]
    compound = [c for c in tok.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
    if compound:
        span = doc[compound[0].left_edge.i: tok.i]
        while span and (span[0].pos_ in ("DET", "ADJ") or (not caps and span[0].is_lower)):
            span = span[1:]  # "Putin links Crocus City Hall attack": a place's words are capitalised
        if span and all(t.pos_ in ("PROPN", "PUNCT", "ADP", "CCONJ") for t in span):
            return span.text.title() if caps else span.text
    for prep in tok.rights:
        if prep.dep_ == "prep" and prep.lower_ in _PLACE_PREPS:
            for obj in prep.children:
                ent = next((e for e in ents if e.start <= obj.i < e.end), None)
                if ent is not None:
                    span = ent
                    while span and span[0].lower_ == "the":
                        span = span[1:]
                    return span.text.title() if caps else span.text
    return None


def _date_of(tok, year: int | None) -> str | None:
    for t in tok.subtree:
        if t.ent_type_ == "DATE":
            ent = next(e for e in tok.doc.ents if e.start <= t.i < e.end)
            return parse_date(ent.text, year)
    return None


def _doc_year(doc: Doc) -> int | None:
    """The year the article speaks from: its publication date, else a dateline near the top."""
    published = doc.user_data.get(PUBLISHED)
    if published and published[:4].isdigit():
        return int(published[:4])
    # A wire dateline: "SAN SALVADOR, 3 MAY 89 (ACAN-EFE) --"
    # doc[:400], not doc.text: that would join the whole article for its first 400 characters
    m = re.search(r"^[A-Z .]+, (\d{1,2} [A-Za-z]{3,9} (\d{2,4}))", doc[:400].text[:400], re.M)
    if m:
        y = int(m.group(2))
        return y + (1900 if y > 30 else 2000) if y < 100 else y
    return None
