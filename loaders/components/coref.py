"""``claimgraph_coref``: light, explicit coreference for actors.

Readable rules, no model:
- a definite description by title ("the Salvadoran president", "the judge")
  is the person the article named with that title before it ("Salvadoran
  President Alfredo Cristiani", "Alfredo Cristiani, the president of ...");
  failing that, "the Ukrainian president" is the one person named in the
  article whom the gazetteer places in Ukraine (a leader's affiliation);
  a person named with the same title qualified otherwise ("Honduran
  President ..."), or with another office when the title is an office, is
  never its antecedent;
- a pronoun (he, she, they, it, ...) or a definite description from the
  lexicon's ``anaphor`` list ("the President", "the group", "the militants",
  "the government") that is not already an actor refers to the latest actor
  before it of a compatible kind; never, for an object pronoun, the subject of
  its own clause ("Duarte, who accused him"), nor, for he/she, a person already
  referred to by the other pronoun only, nor a "person" the article names as a
  place ("in Maidan Wardak");
- "his/her/their country" is the state its possessor is named with ("the
  Ukrainian president denied that his country ...": Ukraine);
- a person description with words of its own ("the mayor of Derry", "the man
  who killed ...") is no one named before; "the head" without "of" is a body part;
- a headline that opens with a person description, its article dropped ("Man
  who attacked elderly woman gets 17 years"), describes the first person its
  story names after it;
- a description with no antecedent before it (a lead such as "Guerrillas
  denied ...") takes the first compatible actor after it in the sentence's
  paragraph window; failing that, a plural group noun becomes a collective
  actor of its own ("guerrillas"), and so does a title that speaks ("the
  interior minister said ..." in an article that never names him), named
  with its body ("the director of the X high school").

Resolved mentions are added to ``doc.spans["claimgraph_actors"]`` with the
antecedent's label and kind.
"""

from __future__ import annotations

import bisect

import numpy
from spacy.attrs import DEP, LEMMA, LOWER, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc, Span

from ..lexicon import words, words_by_kind
from .actors import ACTOR_SPANS, is_all_caps
from .paragraphs import story_starts

__all__ = ["COREF_SPANS", "Coreferencer"]

COREF_SPANS = "claimgraph_coref"
_LEADERS = ("president", "prime minister", "premier", "chancellor")  # who leads a state

_GROUPS = ("armed_group", "organisation", "collective")
_COUNSEL = frozenset(("lawyer", "attorney", "barrister", "counsel", "solicitor"))  # who speaks for a client
_PRONOUN_KINDS = {
    "he": ("person",), "him": ("person",), "his": ("person",),
    "she": ("person",), "her": ("person",),
    "they": ("armed_group", "organisation", "collective", "government_body", "state"),
    "them": ("armed_group", "organisation", "collective", "government_body", "state"),
    "their": ("armed_group", "organisation", "collective", "government_body", "state"),
    "it": ("armed_group", "organisation", "government_body", "state"),
    "its": ("armed_group", "organisation", "government_body", "state"),
    "we": ("armed_group", "organisation", "government_body", "state", "collective"),
}
_KIND_FAMILY = {
    "armed_group": ("armed_group",),
    "person": ("person", "collective"),  # "the official" may be "a senior defence official"
    "state": ("state", "government_body"),
}
_DEFINITE = ("the", "this", "that", "these", "those")  # never "no group", "a source"
_LOOKAHEAD = 60  # tokens: how far a lead may look for the actor it introduces
_TITLE_TOKENS = 4  # the longest title: "vice president - elect"
_ANOTHER = frozenset({"other", "another", "new"})  # "the new commander" is not the one named before
_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}
_HONORIFIC = {"mr": "m", "mr.": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f"}
_PLACE_NOUNS = frozenset({"city", "town", "village", "province", "district", "region", "county", "capital",
                          "department", "municipality"})


@Language.factory("claimgraph_coref", default_config={"pronouns": True})
def make_coreferencer(nlp: Language, name: str, pronouns: bool):
    return Coreferencer(nlp, name, pronouns=pronouns)


class Coreferencer:
    def __init__(self, nlp: Language, name: str = "claimgraph_coref", *, pronouns: bool = True):
        self.name = name
        self.pronouns = pronouns
        self.anaphors = words_by_kind("lexicon_en.jsonl", "anaphor")
        self.titles = words_by_kind("lexicon_en.jsonl", "title")
        self.voices = words("lexicon_en.jsonl", "voice_noun")
        self.perpetrators = words("lexicon_en.jsonl", "perpetrator_noun")
        self.roles = words("lexicon_en.jsonl", "role_noun")
        self.nlp = nlp
        # The words a reference can end in: a pass visits only the tokens with one of them.
        strings = nlp.vocab.strings
        self._anaphor_keys = numpy.asarray([strings.add(w.split()[-1]) for w in self.anaphors], dtype="uint64")
        self._pronoun_keys = numpy.asarray([strings.add(w) for w in _PRONOUN_KINDS], dtype="uint64")
        self.speech_verbs = (words("cues_en.jsonl", "report_verb") | words("cues_en.jsonl", "blame_verb")
                             | words("cues_en.jsonl", "deny_verb"))

    def __call__(self, doc: Doc) -> Doc:
        caps = is_all_caps(doc)
        actors = _named_beside(doc, sorted(doc.spans.get(ACTOR_SPANS, []), key=lambda s: s.start))
        held, apposed = self._titles_held(actors)
        actors, added, unresolved = self._by_title(doc, actors, held, apposed)
        covered = {i for s in actors + added for i in range(s.start, s.end)}
        sentence_of = {s.start: s.sent.start for s in actors}  # spans do not overlap
        places = _places(doc, actors)
        aside = _said_in_passing(actors)
        antecedents = [s for s in actors if s.label_ not in places and s.start not in aside]
        gender = _genders(actors)
        starts = story_starts(doc)
        story_end = {i: e for i, e in zip(starts, starts[1:] + [len(doc)])}
        for tok in (doc[i] for i in self._references(doc)):
            if tok.i in covered:
                continue
            kinds, lead_ok = self._kinds(tok)
            if not kinds:
                continue
            if "state" in kinds and any(c.i in covered or c.ent_type_ in ("NORP", "GPE", "PERSON")
                                                  for c in tok.children if c.dep_ in ("poss", "compound", "amod")):
                continue  # "Putin's government", "the Syrian regime": not the last actor named
            if tok.lower_ in ("it", "its", "them") and (tok.dep_ not in ("nsubj", "nsubjpass", "poss")
                                                      or (tok.lower_ == "it" and tok.head.lemma_ == "be"
                                                          and any(c.dep_ == "attr" for c in tok.head.children))):
                continue  # "attributed it to", "it was the work of": "it" is the deed, not an actor
            spoken_for = self._spoken_for(tok, actors + added)
            if spoken_for is not None:  # '"We/they did it," said X, a spokesman for the group'
                added.append(Span(doc, tok.i, tok.i + 1, label=spoken_for.label_, kb_id=spoken_for.kb_id_))
                continue
            if "state" in kinds:
                state = self._state_of_possessor(tok, actors + added, held)
                if state is not None:  # "the Iraqi president said his country ...": Iraq
                    added.append(Span(doc, _np_start(tok), tok.i + 1, label=state, kb_id="state"))
                    continue
            bound = _coargument_labels(tok, actors + added)
            described_here = False
            # "Man who attacked elderly woman gets 17 years": a headline drops the article of the
            # description it opens with, and its story's lead names whom it describes.
            headline = lead_ok and "person" in kinds and _opens_headline(tok)
            if lead_ok and "person" in kinds:
                low = tok.lemma_.lower()
                # an "of" naming something ("the mayor of Derry"), not an act ("accused X of setting off")
                of = any(c.dep_ == "prep" and c.lower_ == "of" and any(g.dep_ == "pobj" for g in c.children)
                         for c in tok.children)
                if low == "head" and not of:
                    continue  # "shot in the head"
                # "the mayor of Derry", "the man who killed ...": someone new, described by its own
                # words (not "X is the man who ...", which describes its subject)
                described_here = tok.dep_ not in ("attr", "appos") and (
                    of or any(c.dep_ in ("relcl", "acl") for c in tok.children))
            ante = None
            # A description ("the group") prefers a named actor to a crowd of officials;
            # a pronoun takes the nearest compatible actor.
            lo = starts[bisect.bisect_right(starts, tok.i) - 1]  # a digest's items do not refer to each other
            for group in (_preference(kinds) if lead_ok else [kinds]):
                fits = [s for s in antecedents if lo <= s.start < story_end[lo] and s.kb_id_ in group
                        and _may_refer(tok, kinds, s)
                        and s.label_ not in bound and _agrees(tok, s, gender)
                        and (tok.i not in unresolved
                             or self._may_hold(held.get(s.label_, []), tok.i, *unresolved[tok.i]))]
                before = [s for s in fits if s.end <= tok.i]
                after = [s for s in fits if tok.i < s.start <= tok.i + _LOOKAHEAD]
                if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.i != tok.i:
                    # a subject is not named later in its own predicate: in "the mayor accused
                    # Colonel X", X is the accused (a name beside it, "the mayor, X,", still is)
                    pred = {t.i for t in tok.head.subtree} - {t.i for t in tok.subtree}
                    after = [s for s in after if s.root.i not in pred]
                if headline:  # the person the story names first after it
                    before = []
                    after = [s for s in after if s.kb_id_ == "person"][:1]
                elif described_here:  # only a name beside it: "the chief of staff [Colonel X]"
                    own = {t.i for c in tok.children if c.dep_ in ("prep", "relcl", "acl") for t in c.subtree}
                    before = []
                    after = [s for s in after if s.start < tok.sent.end and s.root.i not in own]
                if not lead_ok:
                    # A pronoun continues the topic: the latest subject among recent candidates.
                    back = _sentence_back(tok, 2)
                    recent = [s for s in before if sentence_of[s.start] >= back]
                    subjects = [s for s in recent if s.root.dep_ in ("nsubj", "nsubjpass")]
                    before = subjects or before
                ante = before[-1] if before else (after[0] if after and lead_ok else None)
                if ante is not None:
                    break
            start = _np_start(tok)
            if ante is not None:
                added.append(Span(doc, start, tok.i + 1, label=ante.label_, kb_id=ante.kb_id_))
                if tok.lower_ in _GENDER:
                    gender.setdefault(ante.label_, set()).add(_GENDER[tok.lower_])
            elif lead_ok and tok.tag_ in ("NNS", "NNPS") and "armed_group" in kinds \
                    and tok.lower_ not in self.perpetrators:  # unnamed gunmen are nobody we can name
                added.append(_own_actor(doc, start, tok, caps, "collective"))
            elif lead_ok and "person" in kinds and tok.dep_ == "nsubj" \
                    and tok.head.lemma_.lower() in self.speech_verbs \
                    and not _speaks_for_body(tok, actors):  # an unnamed official who speaks
                # "the director of the X high school denied": named with its body
                end = max([t.i + 1 for c in tok.rights if c.dep_ == "prep" and c.lower_ == "of"
                           for t in c.subtree] + [tok.i + 1])
                added.append(_own_actor(doc, start, tok, caps, "person", end))
        actors, added = self._members(doc, actors, added)
        added += _clients(doc, actors + added)
        doc.spans[ACTOR_SPANS] = sorted([*actors, *added], key=lambda s: s.start)
        doc.spans[COREF_SPANS] = added  # mentions, but not names: kept out of aliases
        return doc

    def _members(self, doc: Doc, actors: list[Span], added: list[Span]) -> tuple[list[Span], list[Span]]:
        """"its fighters", "their troops", "the group's militants": members named by a possessor
        that refers back act for what it refers to (as "Hamas fighters" are Hamas), not as a
        crowd of their own; the mention takes in the noun. The actors and mentions, so changed."""
        members = []
        for ref in added:
            head = ref.root.head
            if ref.root.dep_ == "poss" and head.i >= ref.end and all(t.tag_ == "POS" for t in doc[ref.end: head.i]) \
                    and head.pos_ == "NOUN" and head.lower_ in self.roles:
                members.append(Span(doc, ref.start, head.i + 1, label=ref.label_, kb_id=ref.kb_id_))
        if not members:
            return actors, added
        inside = {i for s in members for i in range(s.start, s.end)}
        actors = [s for s in actors if not inside.intersection(range(s.start, s.end))]
        added = [s for s in added if not inside.intersection(range(s.start, s.end))]
        return actors, sorted(added + members, key=lambda s: s.start)

    def _titles_held(self, actors: list[Span]) -> tuple[dict[str, list], dict[int, Span]]:
        """The titles each person is named with, as (token, title, qualifiers) by name: before the
        name ("Salvadoran President Alfredo Cristiani", "President Cristiani") or beside it
        ("Cristiani, the president of ..."); and the title nouns set beside a name, by token."""
        held: dict[str, list] = {}
        apposed = {}
        for span in (s for s in actors if s.kb_id_ == "person"):
            doc, head = span.doc, span.root
            while head.dep_ == "compound" and head.head.pos_ == "PROPN":  # "Elena" of "Francisco Elena Fuentes"
                head = head.head
            titles = self._titles_before(doc, min(head.left_edge.i, span.start), span.end)
            beside = [c for c in head.children if c.dep_ == "appos"] + ([head.head] if head.dep_ == "appos" else [])
            for noun in beside:
                title = self._title(doc, _np_start(noun), noun.i + 1)
                if title is not None:
                    titles.append((noun.i, *title))
                    apposed[noun.i] = span
            held.setdefault(span.label_, []).extend(titles)
        return held, apposed

    def _titles_before(self, doc: Doc, start: int, end: int) -> list[tuple[int, str, frozenset[str]]]:
        """Each title in doc[start:end] with the words before it since the last one
        ("Defense Minister General Rafael Larios": minister (defense), general)."""
        found = []
        for i in range(start, end):
            title = self._title(doc, start, i + 1)
            if title is not None and (i + 1 == end or doc[i + 1].text != "-"):  # not "President" of "President-elect"
                found.append((i, *title))
                start = i + 1
        return found

    def _title(self, doc: Doc, start: int, end: int) -> tuple[str, frozenset[str]] | None:
        """The title doc[start:end] ends with and the words that qualify it
        ("the Salvadoran defense minister": "minister", {"salvadoran", "defense"})."""
        for first in range(max(start, end - _TITLE_TOKENS), end):
            title = doc[first:end].text.lower()
            if title in self.titles:
                words = doc[start:first]
                return title, frozenset(t.lower_ for t in words if t.pos_ not in ("DET", "PRON", "PUNCT", "PART"))
        return None

    def _by_title(self, doc: Doc, actors: list[Span], held: dict, apposed: dict[int, Span]):
        """Definite descriptions by title as mentions of the person named with that title: the
        actors (less the crowds such a description was taken for: "the judge"), the mentions, and
        the descriptions no one holds the title of, by token, with their title."""
        at = {i: s for s in actors for i in range(s.start, s.end)}
        persons = [s for s in actors if s.kb_id_ == "person"]
        replaced, mentions, unresolved = set(), [], {}
        for tok in (doc[i] for i in _singular_heads(doc)):
            described = self._described(tok, at)
            if described is None:
                continue
            start, title, qualifiers = described
            holders = [s for s in persons if s.end <= tok.i and not qualifiers & _ANOTHER
                       and _holds(held[s.label_], tok.i, title, qualifiers)]
            person = apposed.get(tok.i) or (holders[-1] if holders else None)
            if person is None:
                person = self._leader_of(tok, title, qualifiers, persons, held)
            if person is None:
                unresolved[tok.i] = (title, qualifiers)
                continue
            if tok.i in at:
                replaced.add(at[tok.i].start)
            mentions.append(Span(doc, start, tok.i + 1, label=person.label_, kb_id=person.kb_id_))
        return [s for s in actors if s.start not in replaced], mentions, unresolved

    def _leader_of(self, tok, title: str, qualifiers: frozenset[str], persons: list[Span], held: dict) -> Span | None:
        """"The Ukrainian president" in an article that names Zelensky without the title: the one
        person named in it whom the gazetteer places in that state (a leader's affiliation is his
        state; a minister's is his ministry), unless named with another office."""
        if title not in _LEADERS:
            return None
        try:
            ruler = self.nlp.get_pipe("claimgraph_actors")
        except KeyError:
            return None
        states = {ruler.demonyms[q] for q in qualifiers if q in ruler.demonyms}
        if len(states) != 1 or qualifiers - set(ruler.demonyms):
            return None  # "the former Ukrainian president" may be anyone
        found = {s.label_: s for s in persons
                 if states & set(ruler.entries.get(s.label_, {}).get("affiliation", []))
                 and self._may_hold(held.get(s.label_, []), tok.i, title, qualifiers)}
        return next(iter(found.values())) if len(found) == 1 else None

    def _described(self, tok, at: dict[int, Span]) -> tuple[int, str, frozenset[str]] | None:
        """(start, title, qualifiers) of a definite description headed by a title, "the Ukrainian
        president"; not a title before a name, "President Cristiani", nor of a body,
        "the president of the Supreme Court", whose holder the article may never name."""
        if tok.pos_ not in ("NOUN", "PROPN") or tok.tag_ in ("NNS", "NNPS") or tok.dep_ == "compound" \
                or not any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in tok.children) \
                or any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children):
            return None
        start = _np_start(tok)
        crowd = at.get(tok.i)
        if crowd is not None and not (crowd.kb_id_ == "collective" and start <= crowd.start and crowd.end == tok.i + 1):
            return None  # someone already: only a crowd of the description's own words gives way
        title = self._title(tok.doc, start, tok.i + 1)
        return None if title is None else (start, *title)

    def _may_hold(self, titles: list, before: int, title: str, qualifiers: frozenset[str]) -> bool:
        """Whether a person may be the one a title describes though not named with it: not when
        named with it qualified otherwise ("Honduran President X" is not "the Salvadoran
        president"), nor with another office when it is an office; a rank says nothing of one
        ("Colonel X" may be "the military chief")."""
        office = self.titles[title] == "office"
        return _holds(titles, before, title, qualifiers) or not any(
            i < before and (t == title or (office and self.titles[t] == "office")) for i, t, _ in titles)

    def _state_of_possessor(self, tok, actors: list[Span], held: dict) -> str | None:
        """The state of the one "his"/"her"/"their" in "his country" refers to, when named with
        it: the subject of a governing clause ("the Ukrainian president denied that his
        country ...") or a title held ("Iraqi President Saddam Hussein")."""
        poss = next((c for c in tok.children if c.dep_ == "poss" and c.lower_ in ("his", "her", "their")), None)
        if poss is None:
            return None
        at = {i: s for s in actors for i in range(s.start, s.end)}
        try:
            demonyms = getattr(self.nlp.get_pipe("claimgraph_actors"), "demonyms", {})
        except KeyError:
            demonyms = {}

        def state_in(words) -> str | None:
            for w in words:
                if w.i in at and at[w.i].kb_id_ == "state":
                    return at[w.i].label_
                if w.lower_ in demonyms:
                    return demonyms[w.lower_]
            return None

        head = tok
        while head.head.i != head.i:
            head = head.head
            subject = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < tok.i), None)
            if subject is not None:
                if subject.pos_ == "PRON":
                    break
                state = state_in([w for w in subject.subtree if w.i <= subject.i])
                if state is not None:
                    return state
                break
        mention = at.get(poss.i)
        if mention is not None:
            for _, _, qualifiers in held.get(mention.label_, []):
                state = next((demonyms[q] for q in qualifiers if q in demonyms), None)
                if state is not None:
                    return state
        return None

    def _spoken_for(self, tok, actors: list[Span]) -> Span | None:
        """The organisation a spokesman speaks for, when "they"/"we" is the subject of what he said."""
        if tok.lower_ not in ("they", "we") or tok.dep_ != "nsubj" or tok.head.dep_ != "ccomp":
            return None
        at = {i: s for s in actors for i in range(s.start, s.end)}
        for speaker in (c for c in tok.head.head.children if c.dep_ == "nsubj"):
            for role in (c for c in speaker.children if c.dep_ == "appos" and c.lower_ in self.voices):
                for t in role.subtree:
                    if t.i in at and at[t.i].kb_id_ in ("armed_group", "organisation", "government_body"):
                        return at[t.i]
        return None

    def _references(self, doc: Doc) -> list[int]:
        """The tokens ``_kinds`` may find a kind for: a pronoun, or a noun whose word (or lemma)
        ends an anaphor of the lexicon."""
        if not len(doc):
            return []
        strings = doc.vocab.strings
        lower, lemma, pos = doc.to_array([LOWER, LEMMA, POS]).T
        lemmas = [h for h in numpy.unique(lemma).tolist() if strings[h].lower() in self.anaphors]
        noun = (pos == strings["NOUN"]) | (pos == strings["PROPN"])
        found = noun & (numpy.isin(lower, self._anaphor_keys) | numpy.isin(lemma, lemmas))
        if self.pronouns:
            found |= (pos == strings["PRON"]) & numpy.isin(lower, self._pronoun_keys)
        return numpy.flatnonzero(found).tolist()

    def _kinds(self, tok) -> tuple[tuple[str, ...], bool]:
        """Kinds an anaphor may refer to, and whether it may look ahead (descriptions only)."""
        low = tok.lower_
        if tok.pos_ == "PRON":
            return (_PRONOUN_KINDS.get(low, ()) if self.pronouns else ()), False
        if tok.pos_ not in ("NOUN", "PROPN"):
            return (), False
        two = f"{tok.doc[tok.i - 1].lower_} {low}" if tok.i else low
        kind = self.anaphors.get(two) or self.anaphors.get(low) or self.anaphors.get(tok.lemma_.lower())
        if kind is None:
            return (), False
        if kind == "person" and tok.tag_ in ("NNS", "NNPS"):
            return (), False  # "its citizens" are not the last person named
        definite = any((c.dep_ == "det" and c.lower_ in _DEFINITE) or c.dep_ == "poss" for c in tok.children) \
            or (kind == "person" and _opens_headline(tok))
        # "Guerrillas denied ...", "Salvadoran guerrillas": a bare plural refers back;
        # "humanitarian organizations" describes someone new.
        plural_group = kind == "armed_group" and tok.tag_ in ("NNS", "NNPS") and not any(
            c.dep_ in ("amod", "compound") and c.ent_type_ != "NORP" for c in tok.children)
        if not (definite or plural_group):
            return (), False
        return _KIND_FAMILY.get(kind, (kind,)), True


def _named_beside(doc: Doc, actors: list[Span]) -> list[Span]:
    """"Kenya's interior minister, Kithure Kindiki,", "the group's spokesman, Yahya Saree": a singular
    description set beside a person's name is that person, not a crowd of officials of its own."""
    persons = {s.root.i: s for s in actors if s.kb_id_ == "person"}
    out = []
    for s in actors:
        root = s.root
        beside = [c.i for c in root.children if c.dep_ == "appos"] + ([root.head.i] if root.dep_ == "appos" else [])
        person = next((persons[i] for i in beside if i in persons), None)
        if s.kb_id_ == "collective" and root.tag_ == "NN" and person is not None:
            s = Span(doc, s.start, s.end, label=person.label_, kb_id="person")
        out.append(s)
    return out


def _said_in_passing(actors: list[Span]) -> set[int]:
    """The starts of the actors named inside an apposition that describes another of the same kind
    ("JNIM, al-Qaeda's affiliate in the Sahel,"): a later "the jihadists" is the one described, not
    these; a group inside a person's ("X, a spokesman for the group,") stays an antecedent."""
    by_root = {s.root.i: s for s in actors}
    out = set()
    for s in actors:
        for a in s.root.ancestors:
            described = by_root.get(a.head.i) if a.dep_ == "appos" else None
            if described is not None:
                if described.kb_id_ == s.kb_id_:
                    out.add(s.start)
                break
    return out


def _singular_heads(doc: Doc) -> list[int]:
    """The tokens that may head a definite description (``_described``): singular nouns not
    in a compound."""
    if not len(doc):
        return []
    strings = doc.vocab.strings
    pos, tag, dep = doc.to_array([POS, TAG, DEP]).T
    noun = (pos == strings["NOUN"]) | (pos == strings["PROPN"])
    plural = (tag == strings["NNS"]) | (tag == strings["NNPS"])
    return numpy.flatnonzero(noun & ~plural & (dep != strings["compound"])).tolist()


def _opens_headline(tok) -> bool:
    """A singular noun with no determiner whose phrase opens a headline (a line with no full stop)."""
    sent = tok.sent
    last = next((t for t in reversed(sent) if not t.is_space), tok)
    return tok.tag_ in ("NN", "NNP") and tok.left_edge.i == sent.start and not last.is_punct \
        and not any(c.dep_ in ("det", "poss") for c in tok.children)


def _speaks_for_body(tok, actors: list[Span]) -> bool:
    """"The spokesman of / for the embassy": the body speaks, not a person of its own."""
    named = {i for s in actors for i in range(s.start, s.end)}
    return any(c.dep_ == "prep" and c.lower_ in ("of", "for", "from") and o.dep_ == "pobj" and o.i in named
               for c in tok.children for o in c.children)


def _may_refer(tok, kinds: tuple[str, ...], span: Span) -> bool:
    """A title refers to a crowd only of its own kind ("the official" to "a senior defence
    official"), never to an institution ("the minister" is not "the ministry")."""
    return not ("person" in kinds and span.kb_id_ == "collective") or span.root.lemma_.lower() == tok.lemma_.lower()


def _coargument_labels(tok, actors: list[Span]) -> set[str]:
    """Who a non-reflexive object pronoun cannot be: the subject of its own clause
    (Principle B: "Duarte, who accused him": not Duarte; "Trump's attacks on him": not Trump)."""
    if tok.lower_ not in ("him", "her", "them") or tok.dep_ not in ("dobj", "dative", "pobj", "iobj"):
        return set()
    head = tok.head.head if tok.dep_ == "pobj" else tok.head
    if head.pos_ in ("NOUN", "PROPN"):
        subjects = [c for c in head.children if c.dep_ == "poss"]
    elif tok.dep_ == "pobj":
        return set()  # "X found a snake near him", "guilty of charges against him": adjuncts may be X
    else:
        while True:
            subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subjects or head.dep_ not in ("xcomp", "conj") or head.head.i == head.i:
                break
            head = head.head  # "X wanted to see him", "X met and thanked him": X's clause
        if any(c.lower_ in ("who", "that", "which") for c in subjects) and head.dep_ == "relcl":
            subjects = [head.head]  # "Duarte, who accused him"
    at = {i: s for s in actors for i in range(s.start, s.end)}
    return {at[c.i].label_ for c in subjects if c.i in at}


def _genders(actors: list[Span]) -> dict[str, set[str]]:
    """The gender of persons named with an honorific ("Mrs. X"); the pronouns resolved to
    a person add theirs as the article goes."""
    gender: dict[str, set[str]] = {}
    for s in actors:
        if s.kb_id_ == "person" and s.start > 0:
            g = _HONORIFIC.get(s.doc[s.start - 1].lower_) or _HONORIFIC.get(s[0].lower_)
            if g:
                gender.setdefault(s.label_, set()).add(g)
    return gender


def _agrees(tok, span: Span, gender: dict[str, set[str]]) -> bool:
    """A gendered pronoun is never someone referred to by the other gender only ("she" ... "he")."""
    g = _GENDER.get(tok.lower_)
    known = gender.get(span.label_)
    return not (g and known and g not in known)


def _places(doc: Doc, actors: list[Span]) -> set[str]:
    """Persons by name that are places where the article names them ("in Maidan Wardak",
    "the city of Kherson", "Kherson province"): the NER's mistakes, never antecedents."""
    places = set()
    for s in [*actors, *doc.ents]:
        root = s.root
        if (root.dep_ == "pobj" and root.head.lower_ in ("in", "near")) \
                or (root.dep_ == "compound" and root.head.lemma_.lower() in _PLACE_NOUNS) \
                or (root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lemma_.lower() in _PLACE_NOUNS):
            places.add(s.text.lower())
    return {s.label_ for s in actors if s.kb_id_ == "person" and (s.text.lower() in places or s.label_.lower() in places)}


def _holds(titles: list, before: int, title: str, qualifiers: frozenset[str]) -> bool:
    """Whether a person was named before token ``before`` with this title, qualified alike:
    the words of one include the other's ("the Salvadoran president" and "President X", not
    "Honduran President X")."""
    return any(i < before and t == title and (q <= qualifiers or qualifiers <= q) for i, t, q in titles)


def _clients(doc: Doc, actors: list[Span]) -> list[Span]:
    """"Bilal's lawyer says his client admitted ...": the client is the person whose lawyer spoke
    last before it, named as elsewhere in the article ("Bilal Mohammed") when it is."""
    if not len(doc):
        return []
    out = []
    for tok in (doc[i] for i in numpy.flatnonzero(doc.to_array([LEMMA]) == doc.vocab.strings["client"]).tolist()):
        lawyers = [s for s in actors if s.end <= tok.i and s.root.lemma_.lower() in _COUNSEL]
        owner = next((c for c in lawyers[-1].root.children if c.dep_ == "poss"), None) if lawyers else None
        if owner is None or owner.pos_ != "PROPN" or any(s.start <= tok.i < s.end for s in actors):
            continue
        name = doc[owner.left_edge.i:owner.i + 1].text
        named = [s.label_ for s in actors if s.kb_id_ == "person" and s.text.split()[-1] == owner.text
                 and not s.start <= owner.i < s.end]
        # the noun alone: "his" is the lawyer's mention
        out.append(Span(doc, tok.i, tok.i + 1, label=named[-1] if named else name, kb_id="person"))
    return out


def _own_actor(doc: Doc, start: int, tok, caps: bool, kind: str, end: int | None = None) -> Span:
    """A description with no antecedent as an actor of its own, named by its words."""
    end = end or tok.i + 1
    name = doc[start: end].text
    name = name[4:] if name.lower().startswith("the ") else name
    return Span(doc, start, end, label=name.title() if caps else name, kb_id=kind)


def _preference(kinds: tuple[str, ...]) -> list[tuple[str, ...]]:
    named = tuple(k for k in kinds if k != "collective")
    return [named, ("collective",)] if "collective" in kinds and named else [kinds]


def _sentence_back(tok, n: int) -> int:
    """The start token of the sentence ``n`` sentences before ``tok``'s."""
    start = tok.sent.start
    for _ in range(n):
        if start == 0:
            break
        start = tok.doc[start - 1].sent.start
    return start


def _np_start(tok) -> int:
    start = tok.i
    for c in tok.lefts:
        if c.dep_ in ("det", "amod", "compound", "poss"):
            start = min(start, c.left_edge.i)
    return start
