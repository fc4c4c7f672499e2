"""``claimgraph_attacks``: the violent incidents an article talks about.

An attack mention is an event noun ("attack", "bombing", "massacre", ...) or
a verb of violence. Mentions are resolved within the article:
- a mention that names a place ("the Crocus City Hall attack", "the rampage at
  Crocus City Hall") opens or joins the attack at that place;
- an anaphoric mention ("the attack", "the massacre", "the crime", "the
  atrocities on March 22") joins the attack in focus: the latest one named,
  else the first one named later in the article;
- an indefinite mention with no place ("a car bomb") opens a new attack.

An attack's date is the first one its mentions make certain ("on 16 November", "in 2014",
"yesterday's attack", "a bomb exploded last night"), read against the article's publication
date or wire dateline, at the granularity the text gives (a day, a month, a year).

Spans go to ``doc.spans["claimgraph_attacks"]`` (``label_`` = canonical name,
``kb_id_`` = kind); dates and places in ``doc.user_data["claimgraph_attacks"]``.
"""

from __future__ import annotations

import bisect
import datetime
import re

import numpy
from spacy.attrs import LEMMA, LOWER, POS
from spacy.language import Language
from spacy.tokens import Doc, Span

from ..lexicon import words, words_by_kind
from .actors import ACTOR_SPANS, is_all_caps
from .paragraphs import story_starts

__all__ = ["ATTACK_INFO", "ATTACK_SPANS", "AttackFinder", "resolve_date"]

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


def _two_words(tok) -> str:
    """The noun with the word before it, as the lexicon spells a two-word name: "car bomb", and
    hyphened, "hostage-taking" (which the tokenizer splits in three)."""
    doc = tok.doc
    if tok.i >= 2 and doc[tok.i - 1].text == "-" and not doc[tok.i - 1].whitespace_:
        return f"{doc[tok.i - 2].lower_}-{tok.lower_}"
    return f"{doc[tok.i - 1].lower_} {tok.lower_}" if tok.i else tok.lower_


# Verbs whose gerund object is a deed the subject owns or disowns: "denies shelling the market".
_AVOWALS = ("deny", "admit", "confess", "acknowledge", "claim", "reject", "regret")


def _avowed(tok) -> bool:
    return tok.dep_ == "xcomp" and tok.head.lemma_.lower() in _AVOWALS


# Nouns that gather incidents: "a series of attacks" tells of many, none of them in particular.
_MANY = ("series", "wave", "spate", "string", "succession", "rash", "flurry", "campaign")


def _one_of_many(tok) -> bool:
    return tok.tag_ == "NNS" and tok.dep_ == "pobj" and tok.head.lower_ == "of" \
        and tok.head.head.lemma_.lower() in _MANY


def _airspace_incursion(tok) -> bool:
    """"a drone incursion": a craft entering airspace, no attack."""
    return tok.lemma_.lower() == "incursion" and any(c.lemma_.lower() in _PROJECTILES
                                                     for c in tok.children if c.dep_ == "compound")


def _labour_strike(tok) -> bool:
    """"called a general strike", "a hunger strike": a strike that is no attack."""
    if tok.lemma_.lower() != "strike":
        return False
    return any(c.lower_ in _LABOUR for c in tok.children if c.dep_ in ("amod", "compound", "nmod")) or (
        tok.dep_ == "dobj" and tok.head.lemma_.lower() in ("call", "end", "join", "hold", "stage"))


@Language.factory("claimgraph_attacks", default_config={})
def make_attack_finder(nlp: Language, name: str):
    return AttackFinder(nlp, name)


class AttackFinder:
    def __init__(self, nlp: Language, name: str = "claimgraph_attacks"):
        self.name = name
        self.kinds = words_by_kind("lexicon_en.jsonl", "attack_noun")
        self.anaphoric = words("lexicon_en.jsonl", "anaphoric_attack_noun")
        self.violent_verbs = words("cues_en.jsonl", "violent_verb")
        # the words a noun mention can end in (its own word, or the last of a two-word name)
        self._noun_keys = numpy.asarray([nlp.vocab.strings.add(re.split("[ -]", w)[-1]) for w in self.kinds]
                                        + [nlp.vocab.strings.add(w) for w in self.anaphoric], dtype="uint64")

    def __call__(self, doc: Doc) -> Doc:
        caps = is_all_caps(doc)
        ref = _ref_date(doc)  # the day the article speaks from, to read "yesterday" and "on 16 November"
        actor_tokens = {i for s in doc.spans.get(ACTOR_SPANS, []) for i in range(s.start, s.end)}
        mentions = []  # (token, kind or None for anaphoric, place, date)
        violent, named = self._words(doc)
        for tok in (doc[i] for i in numpy.flatnonzero(violent | named).tolist()):
            low, lemma = tok.lower_, tok.lemma_.lower()
            if tok.tag_ == "VBG" and lemma in self.violent_verbs and (tok.dep_ in ("pcomp", "pobj", "dobj", "nsubj")
                                                                      or _avowed(tok)) \
                    and not any(c.dep_ == "dobj" and c.lower_ in self.kinds for c in tok.children):
                # "accused the guerrillas of kidnapping 30 peasants": the deed named by a gerund;
                # "of murdering the leader" in an article about a murder is that murder.
                kind = self.kinds.get(low) or self.kinds.get(_event_noun(lemma, self.kinds)) or "attack"
                mentions.append((tok, None if kind == _first_kind(mentions) else kind,
                                 _place_of(tok, caps), _date_of(tok, ref)))
                continue
            if (tok.pos_ in ("NOUN", "PROPN") or _misread_noun(tok)) and tok.i not in actor_tokens \
                    and not _labour_strike(tok) and not _one_of_many(tok) and not _airspace_incursion(tok):
                two = _two_words(tok)
                kind = self.kinds.get(two) or self.kinds.get(low) or self.kinds.get(lemma) \
                    or self.kinds.get(low.removesuffix("s"))
                if kind is None and (lemma in self.anaphoric or low in self.anaphoric):
                    if any(c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those") for c in tok.children) \
                            or any(c.dep_ == "poss" for c in tok.children):
                        mentions.append((tok, None, None, _date_of(tok, ref)))
                    continue
                if kind is None and _launched_at(tok):
                    kind = "strike"
                if kind:
                    mentions.append((tok, kind, _place_of(tok, caps), _date_of(tok, ref)))
        covered: dict[int, list[int]] = {}  # sentence start -> its noun mentions
        for m in mentions:
            covered.setdefault(m[0].sent.start, []).append(m[0].i)
        mentions += self._deeds(doc, violent, covered, caps, ref)
        mentions.sort(key=lambda m: m[0].i)
        doc.spans[ATTACK_SPANS], doc.user_data[ATTACK_INFO] = self._resolve(doc, mentions)
        # "Crocus City Hall" in "the attack at Crocus City Hall" is a place, not an actor.
        places = {p.lower() for _, _, p, _ in mentions if p}
        doc.spans[ACTOR_SPANS] = [s for s in doc.spans.get(ACTOR_SPANS, [])
                                  if not (s.kb_id_ == "organisation" and s.text.lower() in places
                                          and s.label_.lower() == s.text.lower())]
        return doc

    def _words(self, doc: Doc) -> tuple[numpy.ndarray, numpy.ndarray]:
        """Which tokens a mention can start from, over the document's arrays (a Token object
        per token cost more than the rest): a violent verb's forms, and the nouns whose word or
        lemma is an attack noun (or ends one), an anaphoric one or a projectile."""
        strings = doc.vocab.strings
        lower, lemma, pos = doc.to_array([LOWER, LEMMA, POS]).T
        lemma_low = {h: strings[h].lower() for h in numpy.unique(lemma).tolist()}
        violent = numpy.isin(lemma, [h for h, w in lemma_low.items() if w in self.violent_verbs])
        nounish = numpy.isin(lemma, [h for h, w in lemma_low.items()
                                     if w in self.kinds or w in self.anaphoric or w in _PROJECTILES])
        nounish |= numpy.isin(lower, self._noun_keys)
        # a verb too: a headline's parse may tag an attack noun as one (``_misread_noun``)
        return violent, nounish & numpy.isin(pos, [strings["NOUN"], strings["PROPN"], strings["VERB"]])

    def _deeds(self, doc, violent, covered, caps, ref):
        """"Russian forces shelled the market": a violent verb with its object is the attack
        when its sentence names none with a noun, or names one only to say who the victims
        were ("killed two militants wanted over the bombing": the killing is the deed told)."""
        out = []
        for tok in (doc[i] for i in numpy.flatnonzero(violent).tolist()):
            if tok.pos_ == "VERB" and _finite(tok) and not _misread_noun(tok) \
                    and tok.lemma_.lower() in self.violent_verbs \
                    and not harmless(tok) and _victim(tok) is not None \
                    and all(_describes_victim(tok, i) or _in_conjunct(tok, i) for i in covered.get(tok.sent.start, ())):
                out.append((tok, self._event_kind(tok.lemma_.lower()), _place_of(tok, caps), _date_of(tok, ref)))
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
        headline_of: dict[int, int] = {}  # story -> end of its headline, where the headline named its attack
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
            elif focus and (tok.pos_ != "VERB" or _misread_noun(tok) or _fired(tok)) \
                    and not any(c.dep_ in ("amod", "compound") for c in tok.children):
                name = focus  # a bare "an attack", or "fired 29 missiles", after the attack was named is that attack
            elif focus and tok.pos_ == "VERB" and story in headline_of and _in_lead(tok, headline_of[story]):
                # "Y claims Kramatorsk station strike / 50 were killed when a missile hit ...": the lead tells it
                name = focus
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
                end = _headline_end(doc, starts[story])
                if tok.i < end:
                    headline_of[story] = end
        for tok, kind, date, story in pending:
            if kind and story not in first_of:  # its story names no attack: "the bomb" is the story's own
                first_of[story] = _unnamed(tok, kind)
                info.setdefault(first_of[story], {"kind": kind, "place": None, "date": None})
            first = first_of.get(story)
            if first is not None:
                info[first]["date"] = info[first]["date"] or date
                spans.append(_mention_span(doc, tok, first, info[first]["kind"]))
        return sorted(spans, key=lambda s: s.start), info


def _headline_end(doc, start: int) -> int:
    """Where the headline that opens a story ends (a first line with no full stop), or ``start``."""
    while start < len(doc) and doc[start].is_space:
        start += 1
    if start >= len(doc):
        return start
    head = doc[start].sent
    last = next((t for t in reversed(head) if not t.is_space), None)
    ends_line = head.end < len(doc) and "\n" in doc[head.end - 1].text_with_ws + doc[head.end].text
    return head.end if last is not None and last.text not in (".", "!", "?", '"', "”") and ends_line else start


def _in_lead(tok, headline_end: int) -> bool:
    """Whether the token lies in the sentence right after the headline (the item's summary or lead)."""
    return tok.sent.start >= headline_end and all(t.is_space for t in tok.doc[headline_end:tok.sent.start])


def _victim(verb):
    """A deed's object, or passive subject; also the subject of a participle clause the parser
    hung on the verb ("killed [three men wanted for ...]" read as "killed [men] [wanted ...]")."""
    for c in verb.children:
        if c.dep_ in ("dobj", "nsubjpass"):
            return c
    return next((s for c in verb.children if c.dep_ == "ccomp" and c.tag_ in ("VBN", "VBD")
                 and not any(a.dep_ in ("aux", "auxpass", "dobj") for a in c.children)
                 for s in c.children if s.dep_ == "nsubj" and s.pos_ in ("NOUN", "PROPN")), None)


def _describes_victim(verb, i: int) -> bool:
    """Whether token ``i`` lies in a clause on the verb's object ("two militants wanted in
    connection with the bombing", "a man who carried out the attack")."""
    obj = _victim(verb)
    if obj is None:
        return False
    clauses = [c for c in obj.children if c.dep_ in ("acl", "relcl")] + ([obj.head] if obj.dep_ == "nsubj" else [])
    return any(c.left_edge.i <= i <= c.right_edge.i for c in clauses)


def _fired(verb) -> bool:
    """"fired 29 cruise missiles and 28 drones at ...": what the deed hits is not its object, the weapons."""
    obj = _victim(verb)
    return obj is not None and obj.lemma_.lower() in _PROJECTILES


def _in_conjunct(verb, i: int) -> bool:
    """Whether token ``i`` lies in a deed coordinated with the verb: "kidnapped a student and
    placed bombs in several offices" tells two deeds."""
    return any(c.dep_ == "conj" and c.pos_ == "VERB" and c.left_edge.i <= i <= c.right_edge.i for c in verb.children)


def _launched_at(tok) -> bool:
    """"missiles fired at Crimea", "drones launched against Moscow": projectiles sent at a target."""
    return tok.lemma_.lower() in _PROJECTILES and any(
        c.dep_ == "acl" and c.lemma_.lower() in ("fire", "launch")
        and any(p.dep_ == "prep" and p.lower_ in ("at", "on", "against", "toward", "towards", "into")
                for p in c.children) for c in tok.children)


def _misread_noun(tok) -> bool:
    """An attack noun a headline's parse tags as a verb: "claims strike on ..." (a verb is no
    object), "denies responsibility for El Geneina killings" (no verb ends in "-ings"), "denies
    role in Goma airport shelling" (a gerund with nothing of its own, after a noun)."""
    if tok.tag_ == "VBG":
        return tok.i > 0 and tok.doc[tok.i - 1].pos_ in ("NOUN", "PROPN") and tok.dep_ not in ("pcomp", "xcomp") \
            and all(c.is_space or c.is_punct for c in tok.children)
    return tok.tag_ in ("VB", "VBP", "VBZ") and (tok.dep_ in ("dobj", "pobj") or tok.lower_.endswith("ings"))


def _mention_span(doc, tok, name, kind) -> Span:
    if tok.pos_ == "VERB" and _finite(tok) and not _misread_noun(tok):  # "shelled the market"
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
        if c.dep_ in _NOT_PREDICATE:
            break
        if c.right_edge.i > verb.i + 10:
            if c.dep_ == "prep":  # a long complement, up to the bound: "in an exchange of fire in X ..."
                cut = verb.i + 10
                while cut > c.i and doc[cut].pos_ in ("ADP", "CCONJ", "DET", "PART", "PUNCT"):
                    cut -= 1
                end = cut if cut > c.i else end
            break
        end = c.right_edge.i
    while end > verb.i and doc[end].is_space:
        end -= 1  # a headline's line break hangs from its last word
    return Span(doc, start, end + 1, label=name, kb_id=kind)


def _finite(verb) -> bool:
    """A verb that tells a deed: not a gerund, unless progressive ("are shelling us")."""
    return verb.tag_ != "VBG" or any(c.dep_ == "aux" and c.lemma_.lower() == "be" for c in verb.children)


def _unnamed(tok, kind: str) -> str:
    """A name for an attack with no place: the event noun with its modifiers,
    or for a deed told by a verb, the kind and its object ("bombing of the market")."""
    if tok.pos_ == "VERB" and _finite(tok) and not _misread_noun(tok):
        target = _target(tok, _victim(tok))
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
    words_ = [t for t in obj.subtree if t.i not in drop and t.tag_ not in _WH_TAGS and t.dep_ != "det"
              and not t.is_space][:8]  # a headline's line break hangs from its last word
    while words_ and words_[-1].pos_ in ("ADP", "CCONJ", "DET", "PART", "PUNCT"):
        words_.pop()  # cut short: not on "in Czech city of"
    return " ".join(t.text for t in words_)


def _first_kind(mentions) -> str | None:
    """The kind of the first named attack mention so far (the article's lead incident)."""
    return next((kind for _, kind, _, _ in mentions if kind), None)


def harmless(verb) -> bool:
    """A violent verb that harms no one: "shot down the missiles" (a defence), "intercepted
    drones", "strike a deal", "blasted the decision"."""
    lemma = verb.lemma_.lower()
    objs = [o for c in verb.children if c.dep_ in ("dobj", "nsubjpass")
            for o in (c, *(p for x in c.children if x.dep_ == "prep" and x.lower_ == "of"
                           for p in x.children))]  # "18 of the drones", not "the plane with a missile"
    named = {w for o in objs for w in (o.lemma_.lower(), o.lower_.removesuffix("s"))}
    if lemma == "intercept" or (lemma == "shoot" and any(c.lower_ == "down" for c in verb.children)):
        return bool(named & _PROJECTILES)  # but "shot down the airliner" is an attack
    if lemma == "blast":  # "lawmakers blasted the administration": a verb of criticism; a blast that harms is a noun
        return True
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
    # "a bomb exploded at a market in Beni": an incident told as a verb's subject is where the verb says
    at = [tok, tok.head] if tok.dep_ == "nsubj" and tok.head.lemma_.lower() in _EVENT_VERBS else [tok]
    for prep in (c for node in at for c in node.rights):
        if prep.dep_ == "prep" and prep.lower_ in _PLACE_PREPS:
            # "the attack on a church in Kasindi": the place of the target
            for obj in (o for c in prep.children for o in (c, *_places_in(c)) if o.dep_ == "pobj"):
                ent = next((e for e in ents if e.start <= obj.i < e.end), None)
                if ent is not None:
                    span = ent
                    while span and span[0].lower_ == "the":
                        span = span[1:]
                    return span.text.title() if caps else span.text
    return None


def _places_in(obj):
    """The objects of the place prepositions on a noun ("a market [in Beni]")."""
    return [o for p in obj.children if p.dep_ == "prep" and p.lower_ in ("in", "near", "outside") for o in p.children]


# A wire dateline opens the text: "San Salvador, 31 Oct 89 (Radio Cadena YSU) --", "LIMA, 14 MAY 90 --"
_DATELINE = re.compile(r"^[^\n,]{2,60}, (\d{1,2}) ([A-Za-z]{3,9})\.? (\d{2}|\d{4})\b[^\n]{0,80}?--", re.M)
_WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday".split()


def _ref_date(doc: Doc):
    """The day the article speaks from, and where its dateline ends (character offset, 0 if none):
    the publication date extract() records, else the wire dateline in the first lines."""
    ref, end = None, 0
    head = doc[:400].text[:400]  # not doc.text: that would join the whole article
    m = _DATELINE.search(head)
    if m and m.group(2).lower() in _MONTHS:
        y = int(m.group(3))
        y = y + (1900 if y > 30 else 2000) if y < 100 else y
        try:
            ref, end = datetime.date(y, _MONTHS[m.group(2).lower()], int(m.group(1))), m.end()
        except ValueError:
            pass
    published = doc.user_data.get(PUBLISHED)
    if published:
        try:
            ref = datetime.date.fromisoformat(str(published)[:10])
        except ValueError:
            pass
    return ref, end


def _date_of(tok, article: tuple) -> str | None:
    """The date a mention gives its attack: a date or time phrase that modifies it ("the murder of
    six Jesuits on 16 November", "yesterday's attack", "kidnapped him last week"), or, for an attack
    that is the subject of a verb ("a bomb exploded last night"), one that modifies that verb."""
    doc = tok.doc
    ref, dateline_end = article  # from _ref_date
    heads = {tok.i}
    if tok.dep_ == "nsubj" and tok.head.pos_ in ("VERB", "AUX") and tok.head.i != tok.i:
        heads.add(tok.head.i)
    for ent in tok.sent.ents:
        root = ent.root
        if ent.label_ not in ("DATE", "TIME") or ent.start_char < dateline_end \
                or (root.dep_ == "compound" and root.head.ent_type_ in ("DATE", "TIME")) \
                or not _dates_head(root, heads):
            continue  # "Tuesday night's attack": "Tuesday" is read with "night"
        date = resolve_date(doc[min(ent.start, root.left_edge.i):ent.end].text, ref)
        if date:
            return date
    return None


# How a date phrase hangs from the attack it dates, and what it may pass on the way up: the words of
# a noun phrase and its prepositions, never a clause ("since the war worsened in 1979": another event).
_DATE_DEPS = ("npadvmod", "tmod", "advmod", "pobj")
_DATE_PATH = ("prep", "pobj", "dobj", "compound", "amod", "nmod", "nummod", "npadvmod", "advmod", "appos")
_DATE_PREPS = ("in", "on", "at", "during", "of", "over")


def _dates_head(root, heads) -> bool:
    if root.head.i in heads and root.dep_ in ("compound", "nmod", "amod", "poss", "nummod", "npadvmod", "tmod"):
        return True  # "the 2014 attack", "yesterday's attack", "attacked them today"
    if root.dep_ not in _DATE_DEPS:
        return False
    if root.dep_ == "pobj" and root.head.lower_ not in _DATE_PREPS:
        return False  # "since 2014", "until May": a bound, not the time of the deed
    t = root.head
    for _ in range(8):
        if t.i in heads:
            return True
        if not (t.dep_ in _DATE_PATH or (t.dep_ == "conj" and t.pos_ in ("NOUN", "PROPN"))
                or (t.dep_ in ("relcl", "acl") and t.lemma_.lower() in _EVENT_VERBS)) or t.head.i == t.i:
            return False  # a clause of its own tells of another event ("who went missing in 2020")
        t = t.head
    return False


# A clause on the attack that tells when it took place: "the attack perpetrated today", "a homicide
# that happened in 1994", "the judge, who was murdered on 28 July".
_EVENT_VERBS = set(words("cues_en.jsonl", "violent_verb")) | {
    "happen", "occur", "perpetrate", "commit", "carry", "take", "stage", "launch"}


def resolve_date(text: str, ref: datetime.date | None = None) -> str | None:
    """The ISO date a date phrase makes certain, at the granularity it makes certain: a day
    ("22 March", "12 Jan 90", "yesterday", "on Sunday"), a month ("in November 1989", "last week"
    when the whole week lies in one month) or a year ("in 2014"); relative phrases are read
    against ``ref``, the day the article speaks from. None when the phrase leaves it open.

    >>> resolve_date("yesterday", datetime.date(1989, 10, 31))
    '1989-10-30'
    """
    t = re.sub(r"[,.]", " ", text.lower()).strip()
    t = re.sub(r"^(?:the|on|in|at|during|early|late)\s+", "", t)
    day = _explicit_day(t, ref)
    if day:
        return day
    m = re.search(r"\b([a-z]{3,9})\s+(?:of\s+)?(\d{4})\b", t)
    if m and m.group(1) in _MONTHS:
        return f"{int(m.group(2)):04d}-{_MONTHS[m.group(1)]:02d}"
    m = re.fullmatch(r"(?:the\s+)?(?:(?:early|late|mid|spring|summer|autumn|fall|winter)\s*-?\s*(?:of\s+)?)?(\d{4})", t)
    if m and 1900 <= int(m.group(1)) <= 2099:
        return m.group(1)
    if ref is None:
        return None
    window = _relative_window(t, ref)
    if window is None:
        return None
    lo, hi = window
    if lo == hi:
        return lo.isoformat()
    if (lo.year, lo.month) == (hi.year, hi.month):
        return f"{lo.year:04d}-{lo.month:02d}"
    return f"{lo.year:04d}" if lo.year == hi.year else None


def _explicit_day(t: str, ref) -> str | None:
    """"22 march", "march 22nd 2024", "12 jan 90": a day; with no year, the latest such day
    up to ``ref`` (an article tells of past attacks)."""
    m = re.search(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([a-z]{3,9})(?:\s+(\d{4}|\d{2}))?\b", t)
    n = re.search(r"\b([a-z]{3,9})\s+(\d{1,2})(?:st|nd|rd|th)?(?:\s+(\d{4}))?\b", t)
    for match, (d, mo, y) in ((m, (1, 2, 3)), (n, (2, 1, 3))):
        if not (match and match.group(mo) in _MONTHS):
            continue
        day, month, yr = int(match.group(d)), _MONTHS[match.group(mo)], match.group(y)
        if yr:
            yr = int(yr)
            yr = yr + (1900 if yr > 30 else 2000) if yr < 100 else yr
        elif ref is not None:
            yr = ref.year if (month, day) <= (ref.month, ref.day) else ref.year - 1
        else:
            return None
        try:
            return datetime.date(yr, month, day).isoformat()
        except ValueError:
            return None
    return None


def _relative_window(t: str, ref: datetime.date):
    """The first and last day a relative phrase can mean, read from ``ref``; None if unknown."""
    one = datetime.timedelta(days=1)
    if re.search(r"\bday before yesterday\b", t):
        return ref - 2 * one, ref - 2 * one
    if re.search(r"\b(?:yesterday|last night)\b", t):
        return ref - one, ref - one
    if re.search(r"\b(?:today|tonight|this (?:morning|afternoon|evening))\b", t):
        return ref, ref
    m = re.search(r"\b(?:(last|this|next|coming)\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", t)
    if m:
        if m.group(1) in ("next", "coming"):
            return None
        back = (ref.weekday() - _WEEKDAYS.index(m.group(2))) % 7
        if back == 0 and m.group(1) == "last":
            back = 7
        return ref - back * one, ref - back * one
    m = re.search(r"\b(?:the\s+)?(?:last|past)\s+(24|48|72|few)\s+hours\b", t)
    if m:
        days = 1 if m.group(1) in ("24", "few") else int(m.group(1)) // 24
        return ref - days * one, ref
    m = re.search(r"\b(two|three|four|five|six|\d)\s+days\s+ago\b", t)
    if m:
        n = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}.get(m.group(1)) or int(m.group(1))
        return ref - n * one, ref - n * one
    monday = ref - ref.weekday() * one
    if re.fullmatch(r"(?:earlier\s+)?this week", t):
        return monday, ref
    if re.fullmatch(r"last week", t):
        return monday - 7 * one, monday - one
    first = ref.replace(day=1)
    if re.fullmatch(r"(?:earlier\s+)?this month", t):
        return first, ref
    if re.fullmatch(r"last month", t):
        prev = first - one
        return prev.replace(day=1), prev
    if re.fullmatch(r"(?:earlier\s+)?this year", t):
        return ref.replace(month=1, day=1), ref
    if re.fullmatch(r"last year", t):
        return datetime.date(ref.year - 1, 1, 1), datetime.date(ref.year - 1, 12, 31)
    m = re.fullmatch(r"(?:last\s+)?([a-z]{3,9})", t)
    if m and m.group(1) in _MONTHS:  # "in November", "last November": the latest one before ref's month
        month = _MONTHS[m.group(1)]
        year = ref.year if month < ref.month or (month == ref.month and not t.startswith("last")) else ref.year - 1
        return datetime.date(year, month, 1), datetime.date(year, month, 28)
    return None
