"""``claimgraph_actors``: who is mentioned, as canonical actors.

Four sources, longest span wins:
1. the gazetteer (``loaders/data/actors_en.jsonl``): canonical names, aliases,
   kinds, PART_OF — matched case-insensitively, short ambiguous acronyms
   ("IS", "US") only in their exact case, never in ALL-CAPS text nor as the
   first word of a longer place name ("West" of "West Bank"); nor a known
   person's surname inside another's full name ("Alonso Chavez Garcia" is not
   Hugo Chavez), nor a country inside a longer place ("Latin America");
2. collectives: "US officials", "Western governments", "a senior security
   source", "Russian media", "Queensland police" — a collective head noun with
   a qualifier, an affiliation (PART_OF) when the qualifier names a known
   actor or a place the NER found ("Fayetteville, North Carolina police" where
   the NER took the town for a person); a speaker known by office or a report
   with only its country ("... - Polish minister", "German report says");
   and capitalised names ending in a group noun ("the Red Hand Front",
   "Delta Cartel"), which the small NER model often misses or cuts short;
   a collective's mention takes in all the words that describe it
   ("leftwing party leaders"), its name only the qualified head; a unit
   named by its number ("soldiers of Military Detachment No. 6"); what has
   spokesmen is a body ("spokesmen for the intelligence corps"), and "the
   report" is the body whose report was named before it;
3. people known by a description when they speak or saw something ("persons
   living near the office noticed", "the anonymous caller said", "several
   victims condemned", "unscrupulous people who called the media to say"),
   named by the whole description; one known by whose relative or lawyer
   they are or by trade ("Bilal's lawyer", "a British barrister") is a person;
4. the statistical NER for people and organisations the gazetteer lacks
   (an officer's mention takes in the rank: "Colonel X"); a name with an age
   ("Tammel Esco, 42,") is a person, whatever the NER took it for.

Last, a name with its acronym in brackets ("the Communist Party of Spain
(PCE)") is one actor, and so are the acronym and the name elsewhere.

Spans go to ``doc.spans["claimgraph_actors"]`` with ``label_`` = canonical
name and ``kb_id_`` = kind; the part_of list of an actor is kept in
``doc.user_data["claimgraph_part_of"]``.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy
from spacy.attrs import DEP, LEMMA, LOWER, ORTH, POS
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import ensure_path, filter_spans

from ...graph.errors import InputError
from ..lexicon import data_path, words, words_by_kind

__all__ = ["ACTOR_SPANS", "ActorRuler", "is_all_caps"]

ACTOR_SPANS = "claimgraph_actors"
PART_OF = "claimgraph_part_of"
_CAPS = "claimgraph_all_caps"
_NER_KINDS = {"PERSON": "person", "ORG": "organisation", "GPE": "state", "NORP": "collective"}
KINDS = ("person", "state", "government_body", "organisation", "armed_group", "media_outlet", "collective", "report")
# A report, story or the like as the subject of a speech verb, with no author named in it.
_REPORTS = ("report", "story", "speculation", "investigation", "study", "analysis", "documentary", "interpretation",
            "account")
_AFFILIATIONS = ("state", "organisation", "armed_group", "government_body")
_LED_BY = ("regime", "administration", "government")  # "the Assad regime", "the Biden administration"
_PLACE_ENTS = ("GPE", "LOC", "FAC", "NORP")  # entities a gazetteer acronym may start: "West Bank", "US Virgin Islands"
_HEADLINE_DASHES = ("–", "—", "-", ":")  # "Russia behind pipeline blasts - Polish minister"
_NAMING = ("calling", "calls", "called", "known", "styled")  # "a group calling itself X", "known as X"
# Words inside a name that its acronym has no letter for: "Communist Party of Spain (PCE)".
_NAME_JOINERS = ("of", "for", "and", "de", "del", "la", "'s", "\u2019s", "&")
_NAMED = ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP")
_NER_SKIP = ("PERSON", "GPE", "LOC", "DATE", "TIME", "CARDINAL")  # no body that has a spokesman
# People described by where they live, what they saw or what befell them: an actor when they
# speak ("persons living near the office noticed", "the anonymous caller said", "several victims").
_PEOPLE = frozenset(("person", "persons", "people", "resident", "residents", "witness", "witnesses", "eyewitness",
                     "eyewitnesses", "caller", "callers", "victim", "victims", "survivor", "survivors", "neighbor",
                     "neighbors", "neighbour", "neighbours", "passenger", "passengers", "villager", "villagers",
                     "peasant", "peasants", "relative", "relatives", "onlooker", "onlookers", "bystander", "bystanders"))
_VAGUE = frozenset(("person", "persons", "people"))
# Someone known by who they are to a named person ("Bilal's lawyer", "the victim's father") or by
# trade ("a British barrister"): one person, whom "he" or "she" may refer back to.
_RELATIONS = frozenset(("lawyer", "attorney", "barrister", "father", "mother", "son", "daughter", "wife",
                        "husband", "brother", "sister", "widow", "uncle", "aunt", "cousin"))
_PERCEIVE = frozenset(("notice", "see", "witness", "hear", "recount", "recognize", "recognise", "identify"))
# Who acts for (or broke away from) a state or group, named by its qualifier ("Russian agents",
# "Wagner mercenaries", "FARC dissidents"); bare, nobody in particular.
_AGENTS = frozenset(("agents", "spies", "operatives", "militiamen", "marines", "paratroopers", "mercenaries",
                     "dissidents"))
_LINKED = ("linked", "affiliated", "aligned", "allied")  # "ADF-linked gunmen" are the ADF's; "Iran-backed" are not Iran
_DEMONSTRATIVES = ("the", "a", "an", "these", "those", "this", "that")
_DETERMINERS = {"the", "a", "an", "some", "several", "many", "two", "three", "both", "other", "unnamed", "its", "their", "his", "her"}


def is_all_caps(doc: Doc) -> bool:
    """True for wire copy set in capitals (MUC-style), where case carries no signal.
    Asked by several components: the answer is kept with the document."""
    if _CAPS not in doc.user_data:
        letters = [c for c in doc[:3000].text[:3000] if c.isalpha()]  # doc.text would join the whole article
        doc.user_data[_CAPS] = bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.8
    return doc.user_data[_CAPS]


@Language.factory(
    "claimgraph_actors",
    default_config={"gazetteer": None, "extra_gazetteers": [], "use_ner": True, "collectives": True},
)
def make_actor_ruler(nlp: Language, name: str, gazetteer: str | None, extra_gazetteers: list[str],
                     use_ner: bool, collectives: bool):
    return ActorRuler(nlp, name, gazetteer=gazetteer, extra_gazetteers=extra_gazetteers, use_ner=use_ner,
                      collectives=collectives)


class ActorRuler:
    """Finds actor mentions; see the module docstring."""

    def __init__(self, nlp: Language, name: str = "claimgraph_actors", *, gazetteer: str | None = None,
                 extra_gazetteers: list[str] = (), use_ner: bool = True, collectives: bool = True):
        self.nlp, self.name = nlp, name
        self.use_ner, self.collectives = use_ner, collectives
        entries = {e["name"]: e for e in _read_gazetteer(Path(gazetteer) if gazetteer else data_path("actors_en.jsonl"))}
        for extra in extra_gazetteers:  # the user's own actors; an entry of the same name replaces ours
            entries.update((e["name"], e) for e in _read_gazetteer(Path(extra)))
        self._set_entries(list(entries.values()))
        self.heads = words("lexicon_en.jsonl", "collective_head") | _AGENTS
        self.qualifiers = words("lexicon_en.jsonl", "collective_qualifier")
        self.channels = words("cues_en.jsonl", "channel")
        self.institutions = words("lexicon_en.jsonl", "institution")
        self.weapons = words("lexicon_en.jsonl", "weapon")
        self.voices = words("lexicon_en.jsonl", "voice_noun")
        self.group_heads = words("lexicon_en.jsonl", "group_head")
        # "the group", "the governor": descriptions that coreference resolves
        self.anaphors = frozenset(w for w in words_by_kind("lexicon_en.jsonl", "anaphor") if " " not in w)
        self.roles = words("lexicon_en.jsonl", "role_noun")
        self.members = self.roles | self.group_heads | words("lexicon_en.jsonl", "perpetrator_noun") | _AGENTS
        titles = words_by_kind("lexicon_en.jsonl", "title")
        self.offices = frozenset(w for w, k in titles.items() if k == "office")
        self.ranks = frozenset(w for w, k in titles.items() if k == "rank")
        self.speech_nouns = (words("cues_en.jsonl", "report_noun") | words("cues_en.jsonl", "deny_noun")
                             | words("cues_en.jsonl", "involvement_noun"))
        self.unit_heads = words("lexicon_en.jsonl", "unit_head")
        self.name_heads = words_by_kind("lexicon_en.jsonl", "name_head")
        self.attack_nouns = set(words_by_kind("lexicon_en.jsonl", "attack_noun"))
        self.speech_verbs = (words("cues_en.jsonl", "report_verb") | words("cues_en.jsonl", "blame_verb")
                             | words("cues_en.jsonl", "deny_verb"))
        # The words each pass over the text starts from, as string keys: a pass visits only the
        # tokens with one of them (a Token object for every token of every pass cost more).
        self._collective_keys = self._keys(self.unit_heads | self.group_heads | self.heads | self.institutions
                                           | self.offices | set(_REPORTS))
        self._voice_keys = self._keys(self.voices)
        self._name_head_keys = self._keys(self.name_heads)
        self._open_keys, self._close_keys = self._keys(("(", "[")), self._keys((")", "]"))

    def _keys(self, words) -> numpy.ndarray:
        return numpy.asarray([self.nlp.vocab.strings.add(w) for w in words], dtype="uint64")

    def _where(self, keys: numpy.ndarray, column: numpy.ndarray | None = None) -> list[int]:
        """The indices of the tokens whose lower-case form (or ``column``) is one of ``keys``."""
        return numpy.flatnonzero(numpy.isin(self._lower if column is None else column, keys)).tolist()

    def _set_entries(self, entries: list[dict]) -> None:
        self.entries = {e["name"]: e for e in entries}
        self._naming_keys = numpy.asarray([self.nlp.vocab.strings.add(w) for w in _NAMING], dtype="uint64")
        self._people_keys = numpy.asarray([self.nlp.vocab.strings.add(w) for w in _PEOPLE | _RELATIONS],
                                          dtype="uint64")
        self.parents = {e["name"]: tuple(e["part_of"]) for e in entries if e.get("part_of")}
        self.demonyms = {d.lower(): e["name"] for e in entries for d in e.get("demonyms", [])}
        self._demonym_keys = numpy.asarray([self.nlp.vocab.strings.add(w) for w in self.demonyms], dtype="uint64")
        self.matcher = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self.exact = PhraseMatcher(self.nlp.vocab, attr="ORTH")
        for e in entries:
            # Acronyms match in their own case: "ANA" is an army, "Ana" a first name.
            strict = set(e.get("case_sensitive_aliases", [])) | {
                a for a in [e["name"], *e.get("aliases", [])] if a.isupper() and len(a) <= 6}
            loose = [s for s in [e["name"], *e.get("aliases", [])] if s not in strict]
            self.matcher.add(e["name"], list(self.nlp.tokenizer.pipe(loose)))
            if strict:
                self.exact.add(e["name"], list(self.nlp.tokenizer.pipe(sorted(strict))))

    def __call__(self, doc: Doc) -> Doc:
        caps = is_all_caps(doc)
        self._lower = doc.to_array(LOWER)
        spans = [Span(doc, s, e, label=m, kb_id=self.entries[doc.vocab.strings[m]]["kind"])
                 for m, s, e in self.matcher(doc)]
        if not caps:  # in capitals "IS" and "US" are ordinary words
            # ...and the start of a longer place name is no actor: "West" of "the West Bank".
            inside = {i for ent in doc.ents if ent.label_ in _PLACE_ENTS for i in range(ent.start, ent.end - 1)}
            spans += [Span(doc, s, e, label=m, kb_id=self.entries[doc.vocab.strings[m]]["kind"])
                      for m, s, e in self.exact(doc) if e - 1 not in inside]
        spans = [s for s in spans if not self._other_persons_surname(s)]
        # "Latin America", "Central America" are no United States ("America")
        places = [e for e in doc.ents if e.label_ in ("GPE", "LOC")]
        spans = [s for s in spans if s.kb_id_ != "state" or not any(
            e.start < s.start and s.end <= e.end for e in places)]
        spans += self._demonym_voices(doc)
        part_of: dict[str, list[str]] = {}  # found in this text, beside the gazetteer's
        ner = self._ner_actors(doc, caps) if self.use_ner else []
        if self.collectives:
            # A place the NER found qualifies a collective too: "Queensland police".
            places = [s for s in ner if s.kb_id_ == "state"]
            spans += self._spoken_for(doc, spans, caps)
            spans += self._collectives(doc, spans, caps, part_of, places)
            spans += self._named_groups(doc, spans, caps)
            spans += self._described_people(doc, spans)
        if self.use_ner:  # the gazetteer knows better: "Putin" is not "Putin Wants"
            taken = {i for s in spans for i in range(s.start, s.end)}
            spans += [s for s in ner if not any(i in taken for i in range(s.start, s.end))]
        spans += self._unnamed_speakers(doc, spans, caps)
        spans = self._linked_members(doc, spans)
        doc.spans[ACTOR_SPANS] = self._acronyms(doc, filter_spans(spans))
        used = {s.label_ for s in doc.spans[ACTOR_SPANS]}
        merged = {}
        for name in used:
            parents = list(self.parents.get(name, ()))
            parents += [p for p in part_of.get(name, []) if p not in parents]
            if parents:
                merged[name] = parents
        doc.user_data[PART_OF] = merged
        return doc

    def _linked_members(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """"ADF-linked gunmen", "al-Qaeda-affiliated fighters": members of a group named by their link
        to it are that group (as "soldiers of the detachment" are the detachment), not a crowd."""
        linked = []
        for s in spans:
            if s.kb_id_ in _AFFILIATIONS and s.end + 2 < len(doc) and doc[s.end].text == "-" \
                    and doc[s.end + 1].lower_ in _LINKED and doc[s.end + 1].dep_ == "amod":
                head = doc[s.end + 1].head
                if head.i > s.end + 1 and head.lower_ in self.members and head.pos_ == "NOUN":
                    linked.append(Span(doc, s.start, head.i + 1, label=s.label_, kb_id=s.kb_id_))
        if not linked:
            return spans
        inside = {i for s in linked for i in range(s.start, s.end)}
        return [s for s in spans if not inside.intersection(range(s.start, s.end))] + linked

    def _other_persons_surname(self, span: Span) -> bool:
        """A known person's surname inside another full name: "Captain Alonso Chavez Garcia" is not
        Hugo Chavez. The word before it is a given name the known person does not have."""
        if span.kb_id_ != "person" or span.start == 0:
            return False
        prev = span.doc[span.start - 1]
        if not (prev.is_alpha and prev.is_title and prev.pos_ == "PROPN") or prev.lower_ in self.offices | self.ranks:
            return False
        if prev.is_sent_start and prev.ent_type_ != "PERSON":
            return False  # "Yesterday Chavez said"
        entry = self.entries[span.label_]
        own = {w.lower() for n in [entry["name"], *entry.get("aliases", [])] for w in n.split()}
        return prev.lower_ not in own

    def _collectives(self, doc: Doc, known: list[Span], caps: bool, part_of: dict, places: list[Span]) -> list[Span]:
        """"US officials", "Western governments", "Russian media", "official sources"; one speaker
        by office or a report with no name but its country's ("Polish minister", "German report")."""
        actor_at = {i: s for s in known for i in range(s.start, s.end)}
        qualifier_at = {**{i: s for s in places for i in range(s.start, s.end)}, **actor_at}
        out = []
        for i in self._where(self._collective_keys):
            tok = doc[i]
            low = tok.lower_
            if low in self.unit_heads and tok.pos_ in ("NOUN", "PROPN") and tok.i not in actor_at:
                unit = self._unit(doc, tok, actor_at, caps)
                if unit is not None:
                    out.append(unit[0])
                    part_of.setdefault(unit[0].label_, [])
                    if unit[1] not in part_of[unit[0].label_]:
                        part_of[unit[0].label_].append(unit[1])
                else:
                    out += self._numbered(doc, tok, actor_at)
                continue
            group = low in self.group_heads
            head = low in self.heads or low in self.institutions or group
            speaker = not head and tok.tag_ == "NN" and (low in self.offices or low in _REPORTS) \
                and self._speaks(tok)
            if not (head or speaker) \
                    or tok.pos_ not in ("NOUN", "PROPN") or tok.i in actor_at:
                continue
            if tok.dep_ == "compound" and tok.head.ent_type_ == "PERSON":
                continue  # "Judge Ricardo Zamora": the title of a person, not a crowd
            mods = [c for c in tok.lefts if c.dep_ in ("amod", "compound", "nmod", "npadvmod", "nummod", "poss")]
            affiliation = affiliation_kind = None
            qualifying = []
            for m in mods:
                span = (actor_at if m.lower_ in self.demonyms else qualifier_at).get(m.i)
                if span is not None and span.kb_id_ in _AFFILIATIONS + (("person",) if low in _LED_BY else ()):
                    affiliation, affiliation_kind = span.label_, span.kb_id_
                elif m.lower_ in self.demonyms:
                    affiliation, affiliation_kind = self.demonyms[m.lower_], "demonym"
                elif not (group or m.lower_ in self.qualifiers or m.lower_ in self.heads
                          or m.lower_ in self.institutions or (m.dep_ == "compound" and m.pos_ == "NOUN")):
                    continue
                qualifying.append(m)
            qualified = bool(qualifying)
            if group and not qualified:
                continue  # a bare "the militants" refers back: coreference decides
            if low in _AGENTS and not qualified:
                continue  # "agents", "spies": whose, the words do not say

            named_kind = affiliation_kind  # whose the words before the noun say it is: "Hamas fighters in Gaza"
            # "media in the country", "officials in Washington"
            for prep in tok.rights:
                if prep.dep_ == "prep" and (prep.lower_ in ("in", "of", "from")
                                            or (prep.lower_ == "for" and low in self.voices)):
                    for obj in prep.children:
                        span = (qualifier_at if affiliation is None else actor_at).get(obj.i)
                        if span is not None and span.kb_id_ in _AFFILIATIONS + ("collective",):
                            affiliation, affiliation_kind, qualified = span.label_, span.kb_id_, True
            if {affiliation_kind, named_kind} - {None, "state", "demonym", "person"} and low in self.roles:
                continue  # "Hamas fighters", "officers of the army": the organisation itself speaks or acts
            if not qualified and not tok.tag_.endswith("S") and tok.lower_ not in self.institutions:
                continue  # a bare singular "official" or "source" is nobody in particular
            if affiliation and tok.lower_ in self.voices:
                continue  # "an FMLN spokesman" speaks for the FMLN: the organisation is the actor
            if speaker and affiliation_kind not in ("state", "demonym"):
                continue  # "the minister said": coreference's; "a new report" is nobody's
            start = min([m.left_edge.i for m in qualifying] + [tok.i])
            while start < tok.i and (doc[start].lower_ in _DETERMINERS or doc[start].is_punct):
                start += 1
            if start >= 2 and doc[start - 1].text == "," and start not in actor_at \
                    and start - 2 not in actor_at and start in qualifier_at and start - 2 in qualifier_at:
                start = qualifier_at[start - 2].start  # "El Paso, Texas police": a town and its state
            elif start >= 2 and doc[start - 1].text == "," and start in qualifier_at \
                    and start - 2 not in actor_at and doc[start - 2].pos_ == "PROPN":
                # ...also where the NER did not take the town for a place ("Fayetteville, North
                # Carolina police"); a name that opens the sentence, not "In Kyiv, Ukrainian police"
                town = start - 2
                while town > 0 and doc[town - 1].pos_ == "PROPN" and start - town < 4:
                    town -= 1
                if town == doc[town].sent.start or doc[town - 1].pos_ == "DET":
                    start = town
            if start >= 2 and doc[start - 1].text == "-" and doc[start - 2].lower_ in ("pro", "anti"):
                start -= 2
            if any(doc[i].lower_ in ("pro", "anti") and doc[i + 1].text == "-" for i in range(start, tok.i)):
                affiliation = None  # "pro-Ukraine groups" are no part of Ukraine
            named = self._distributed(doc, start, tok, qualifying, caps)
            if len(named) == 1:
                # The mention takes in the other words that describe the crowd ("leftwing party
                # leaders", "national police"); its name stays the qualified head.
                extra = [m.left_edge.i for m in mods if m not in qualifying and m.dep_ in ("amod", "compound")
                         and m.pos_ in ("ADJ", "NOUN", "PROPN") and not any(
                             t.i in actor_at or t.is_punct or (t.ent_type_ in _NAMED and m.dep_ != "amod")
                             for t in m.subtree)]  # a name in it is an actor of its own: "Edmonton police"
                wide = min(extra + [named[0][0]])
                while wide < named[0][0] and (doc[wide].lower_ in _DETERMINERS or doc[wide].is_punct):
                    wide += 1
                named = [(wide, named[0][1], named[0][2])]
            for s_start, s_end, name in named:
                if affiliation:
                    part_of.setdefault(name, [])
                    if affiliation not in part_of[name]:
                        part_of[name].append(affiliation)
                out.append(Span(doc, s_start, s_end, label=name,
                                kb_id="report" if speaker and low in _REPORTS else "collective"))
        out = self._joined(doc, out, caps)
        # "officers of the armed forces": once every collective is known, a role noun
        # belonging to one of them is that body, not a crowd of its own.
        everyone = {i: s for s in [*known, *out] for i in range(s.start, s.end)}
        return [s for s in out if not (s.root.lower_ in self.roles and any(
            o.i in everyone and everyone[o.i] is not s for p in s.root.rights
            if p.dep_ == "prep" and p.lower_ == "of" for o in p.children))]

    def _spoken_for(self, doc: Doc, known: list[Span], caps: bool) -> list[Span]:
        """What has a spokesman is a body: "spokesmen for the intelligence corps", "a spokesman of
        the Cartel Coordinating Board" name an organisation the gazetteer may lack."""
        taken = {i for s in known for i in range(s.start, s.end)}
        out = []
        for tok in (doc[i] for i in self._where(self._voice_keys)):
            if tok.pos_ != "NOUN":
                continue
            for prep in tok.rights:
                if prep.dep_ != "prep" or prep.lower_ not in ("for", "of"):
                    continue
                for obj in prep.children:
                    words = [t for t in obj.subtree if t.i <= obj.i]
                    if obj.dep_ != "pobj" or obj.pos_ not in ("NOUN", "PROPN") or obj.ent_type_ in _NER_SKIP \
                            or obj.lower_ in self.heads | self.institutions | self.group_heads | self.offices \
                            or obj.lemma_.lower() in self.anaphors \
                            or any(t.i in taken for t in obj.subtree) \
                            or not any(c.dep_ == "det" and c.lower_ == "the" for c in obj.children) \
                            or any(t.pos_ in ("PRON", "NUM") or t.is_punct for t in words):
                        continue
                    start = words[0].i + 1 if words[0].lower_ == "the" else words[0].i
                    text = doc[start: obj.i + 1].text
                    out.append(Span(doc, start, obj.i + 1, label=text.title() if caps else text,
                                    kb_id=self.name_heads.get(obj.lower_, "organisation")))
        return out

    def _speaks(self, tok) -> bool:
        """Whether a noun is who says something: the subject of a speech verb, or the source a
        headline names after a dash or colon at its end ("... - Polish minister")."""
        if tok.dep_ == "nsubj" and tok.head.lemma_.lower() in self.speech_verbs:
            return True
        rest = [t for t in tok.doc[tok.i + 1: tok.sent.end] if not t.is_space and t.text not in ".!"]
        before = [t for t in tok.doc[tok.sent.start: tok.i] if t.text in _HEADLINE_DASHES]
        return not rest and bool(before) and all(t.pos_ in ("ADJ", "PROPN", "NOUN", "DET") for t in
                                                 tok.doc[before[-1].i + 1: tok.i])

    @staticmethod
    def _joined(doc: Doc, spans: list[Span], caps: bool) -> list[Span]:
        """"the armed forces high command": a body right after another, read by the parser as
        its apposition though no comma parts them, is one name."""
        spans = sorted(spans, key=lambda s: s.start)
        out: list[Span] = []
        for s in spans:
            prev = out[-1] if out else None
            if prev is not None and s.root.dep_ == "appos" and s.root.head.i == prev.root.i \
                    and not any(t.is_punct for t in doc[prev.end: s.root.i]):
                text = doc[prev.start: s.end].text
                name = text.title() if caps else text
                out[-1] = Span(doc, prev.start, s.end, label=name, kb_id="collective")
                continue
            out.append(s)
        return out

    @staticmethod
    def _distributed(doc: Doc, start: int, head, qualifying: list, caps: bool) -> list[tuple[int, int, str]]:
        """(start, end, name) of each collective a qualified head names: one, or one per conjunct of
        coordinated qualifiers ("Ukrainian and Western special services" are two bodies; each
        conjunct is named with the words they share, its span is its own words)."""
        def named(text: str) -> str:
            return text.title() if caps else text
        first = next((m for m in qualifying if any(c.dep_ == "conj" for c in m.children)), None)
        conjuncts = [first, *(c for c in first.conjuncts if c.i > first.i)] if first is not None else []
        if len(conjuncts) < 2 or any(c.pos_ not in ("ADJ", "PROPN") or c.i > head.i for c in conjuncts):
            return [(start, head.i + 1, named(doc[start: head.i + 1].text))]
        shared = doc[conjuncts[-1].i + 1: head.i + 1].text
        out = [(start if c is first else c.i, c.i + 1, named(f"{doc[start if c is first else c.i: c.i + 1].text} {shared}"))
               for c in conjuncts[:-1]]
        return out + [(conjuncts[-1].i, head.i + 1, named(doc[conjuncts[-1].i: head.i + 1].text))]

    def _named_groups(self, doc: Doc, known: list[Span], caps: bool) -> list[Span]:
        """A capitalised name ending in a group noun: "the Red Hand Front", "Delta Cartel".
        Only where case carries meaning (not in capitals; truecased wire copy qualifies)."""
        out = self._self_named(doc, known, caps)
        taken = {i for s in known for i in range(s.start, s.end)}
        if caps:
            return out
        taken |= {i for s in out for i in range(s.start, s.end)}
        for tok in (doc[i] for i in self._where(self._name_head_keys)):
            kind = self.name_heads.get(tok.lower_)
            if kind is None or tok.i in taken or not tok.text[:1].isupper():
                continue
            names = [c for c in tok.lefts if c.dep_ in ("compound", "amod", "nmod") and c.text[:1].isupper()]
            if not names:
                continue
            start = min(c.left_edge.i for c in names)
            while start < tok.i and not (doc[start].text[:1].isupper() and doc[start].lower_ not in _DETERMINERS):
                start += 1
            if start == tok.i or start in taken or not all(doc[i].text[:1].isupper() for i in range(start, tok.i)):
                continue  # "the FMLN's urban front", "Hamas Brigades": the name starts with a known actor
            # A known name inside is only part of this one ("the Red Dawn Brigade" is not the
            # newspaper Dawn): the longer span wins.
            if any(e.start <= start and e.end > tok.i and not taken.intersection(range(e.start, e.end))
                   for e in doc.ents):
                continue  # NER has it already, perhaps longer: "the Communist Party of Spain"
            out.append(Span(doc, start, tok.i + 1, label=doc[start: tok.i + 1].text, kb_id=kind))
        return out

    def _self_named(self, doc: Doc, known: list[Span], caps: bool) -> list[Span]:
        """A group that the text says is named so, in any case: "a group calling itself X",
        "a group known as X", "a self-styled X group". The name is longer than what was found
        inside it ("armed forces"), so it wins; a known name that is all of it stays."""
        exact = {(s.start, s.end) for s in known}
        out = []
        # Only the few tokens that can start such a phrase are looked at (a Python pass over
        # every token costs more than the rest of this).
        for i in numpy.flatnonzero(numpy.isin(doc.to_array(LOWER), self._naming_keys)):
            tok = doc[int(i)]
            low = tok.lower_
            if low in ("calling", "calls", "called") and any(c.lower_ in ("itself", "themselves") for c in tok.children):
                names = [c for c in tok.children if c.dep_ in ("oprd", "dobj", "attr") and c.pos_ != "PRON"]
            elif low == "known" and tok.dep_ == "acl":
                names = [o for p in tok.children if p.lower_ == "as" for o in p.children if o.dep_ == "pobj"]
            elif low == "styled" and tok.head.i > tok.i and (doc[tok.i - 1].lower_ == "self-" or (
                    tok.i >= 2 and doc[tok.i - 2].lower_ == "self")):
                # the name runs from after "styled" to the group noun, or is what is quoted there
                quotes = [t.i for t in doc[tok.i + 1: tok.head.i] if t.is_quote]
                names = [doc[quotes[1] - 1] if len(quotes) >= 2 else tok.head]
                first, group = tok.i + 1, tok.head
            else:
                continue
            for name in names[:1]:
                start = first if low == "styled" else name.left_edge.i
                end = name.i + 1
                while start < end and (doc[start].lower_ in _DETERMINERS or doc[start].is_punct):
                    start += 1
                words = [t for t in doc[start:end] if not t.is_punct]
                if len(words) < 2 or (start, end) in exact:
                    continue
                text = "".join(t.text_with_ws for t in words).strip()
                if not all(t.text[:1].isupper() and not t.is_upper for t in words if t.is_alpha):
                    text = " ".join(w[:1].upper() + w[1:].lower() for w in text.split())  # "People's", not "People'S"
                if low == "styled":
                    end = group.i + 1  # the span takes in the group noun, so that it stands for the group
                out.append(Span(doc, start, end, label=text, kb_id=self.name_heads.get(doc[end - 1].lower_, "organisation")))
        return out

    def _unit(self, doc: Doc, tok, actor_at: dict, caps: bool):
        """A named unit of an organisation: (span, parent name) or None."""
        parent = None
        for c in tok.lefts:
            if c.dep_ in ("poss", "compound", "nmod") and c.i in actor_at:
                parent = actor_at[c.i].label_
        for prep in tok.rights:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                parent = parent or next((actor_at[o.i].label_ for o in prep.children if o.i in actor_at), None)
        names = [c for c in tok.lefts if c.dep_ in ("compound", "amod", "nmod") and c.i not in actor_at
                 and c.pos_ in ("PROPN", "NOUN", "ADJ")]
        if parent is None or not names:
            return None  # "the group's military wing" with nothing to name it by
        start = min(c.left_edge.i for c in tok.lefts if c.dep_ in ("poss", "compound", "amod", "nmod"))
        while doc[start].lower_ in _DETERMINERS:
            start += 1
        span = doc[start: tok.i + 1]
        name = span.text.title() if caps else span.text
        return Span(doc, start, tok.i + 1, label=name, kb_id="armed_group"), parent

    def _numbered(self, doc: Doc, tok, actor_at: dict) -> list[Span]:
        """A unit named by its number, whose parent the text need not name: "Sonsonate's military
        detachment no. 6", "Infantry Brigade Number 3". Read by position: the parser makes little
        of "no. 6". Its members are the unit: "soldiers of Military Detachment No. 6"."""
        end = tok.i + 1
        if end < len(doc) and doc[end].lower_ in ("no", "no.", "nr", "nr.", "number"):
            end += 1 + (end + 1 < len(doc) and doc[end + 1].text == ".")
        if end == tok.i + 1 or end >= len(doc) or not doc[end].like_num:
            return []
        start = tok.i
        while start > 0 and start - 1 not in actor_at and doc[start - 1].pos_ in ("ADJ", "NOUN", "PROPN", "PART") \
                and doc[start - 1].lower_ not in _DETERMINERS and tok.i - start < 4:
            start -= 1  # "Sonsonate's military": the words that name it
        name = _name_text(doc[start: end + 1])
        if start >= 2 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in self.roles \
                and start - 2 not in actor_at:
            start -= 2  # "soldiers of Military Detachment No. 6"
        # Numbered units are a state's, like "the army": not what "the guerrillas" refers back to.
        return [Span(doc, start, end + 1, label=name, kb_id="collective")]

    def _demonym_voices(self, doc: Doc) -> list[Span]:
        """"Western condemnation", "Russian claims", "Ukrainian involvement": the adjective names
        who condemns, claims or was involved."""
        out = []
        for tok in (doc[i] for i in self._where(self._demonym_keys)):
            name = self.demonyms.get(tok.lower_)
            # "a Russian attack" names who attacked; in "a Russian concert hall attack" or
            # "the Moscow attack" the words say where.
            perpetrator = (tok.dep_ == "amod" and tok.head.lower_ in self.attack_nouns
                           and not any(c.dep_ == "compound" for c in tok.head.children))
            if name and tok.dep_ in ("amod", "compound") and (tok.head.lemma_.lower() in self.speech_nouns
                                                              or perpetrator):
                out.append(Span(doc, tok.i, tok.i + 1, label=name, kb_id=self.entries[name]["kind"]))
            elif name and tok.dep_ in ("amod", "compound") and tok.head.lemma_.lower() in self.weapons and tok.head.i > tok.i \
                    and not any(c.dep_ == "compound" and c.lemma_.lower() in self.institutions
                                for c in tok.head.children):
                # a weapon that strikes ("Russian missiles hit", "struck by Israeli jets") is its
                # state's; one shot down ("shot down Ukrainian drones") is the attack's, not an actor;
                # a body's ("a Nigerian army shell fell short") is the body's, not its state's
                strikes = tok.head.dep_ == "nsubj" or tok.head.dep_ == "pobj" and tok.head.head.dep_ == "agent"
                out.append(Span(doc, tok.i, tok.head.i + 1 if strikes else tok.i + 1, label=name, kb_id=self.entries[name]["kind"]))
        return out

    def _unnamed_speakers(self, doc: Doc, known: list[Span], caps: bool) -> list[Span]:
        """A proper noun that says, blames or denies is someone, even when NER missed it ("Vargas denied");
        so is a report nobody is named as the author of ("a bombshell report claims", "early speculation
        suggested", 'the "premature interpretations" that claim'): a source of its own."""
        taken = {i for s in known for i in range(s.start, s.end)}
        at = {i: s for s in known for i in range(s.start, s.end)}
        out = []
        lemmas, deps, pos = doc.to_array([LEMMA, DEP, POS]).T if len(doc) else (numpy.zeros(0, "uint64"),) * 3
        strings = doc.vocab.strings
        reports = [h for h in numpy.unique(lemmas).tolist() if strings[h].lower() in _REPORTS]
        # a report's word, or a proper noun that is a subject
        where = numpy.isin(lemmas, reports) | ((deps == strings["nsubj"]) & (pos == strings["PROPN"]))
        for tok in (doc[i] for i in numpy.flatnonzero(where).tolist()):
            if tok.dep_ == "nsubj" and tok.lemma_.lower() in _REPORTS \
                    and tok.head.lemma_.lower() in self.speech_verbs and tok.i not in taken \
                    and [c.lower_ for c in tok.lefts] in (["the"], ["this"]):
                # "the report further indicates": the report named before, by whose body it is
                # ("a national police intelligence report says ... the report further indicates")
                body = self._report_body(doc, tok, at)
                if body is not None:
                    out.append(Span(doc, tok.i - 1, tok.i + 1, label=body.label_, kb_id=body.kb_id_))
                    continue
            if tok.lemma_.lower() in _REPORTS and (tok.dep_ == "nsubj" and tok.head.lemma_.lower() in self.speech_verbs
                                                   or self._says_in_relative(tok)) \
                    and tok.i not in taken and not any(c.i in taken for c in tok.children):
                start = min([c.i for c in tok.lefts if c.dep_ in ("amod", "compound")] + [tok.i])
                text = doc[start: tok.i + 1].text
                out.append(Span(doc, start, tok.i + 1, label=text.lower() if caps else text, kb_id="report"))
                continue
            if tok.dep_ == "nsubj" and tok.pos_ == "PROPN" and tok.i not in taken \
                    and tok.head.lemma_.lower() in self.speech_verbs and not tok.is_stop \
                    and not any(c.dep_ == "det" for c in tok.children):  # "The President" is coreference's
                start = min([c.i for c in tok.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"] + [tok.i])
                if any(i in taken for i in range(start, tok.i)):
                    continue
                span = doc[start: tok.i + 1]
                kind = "organisation" if span.text.isupper() and len(span.text) <= 6 else "person"
                out.append(Span(doc, start, tok.i + 1, label=span.text.title() if caps else span.text, kb_id=kind))
        return out

    def _described_people(self, doc: Doc, known: list[Span]) -> list[Span]:
        """People known only by a description: "persons living near the office" or "the anonymous
        caller" who say or saw something. The mention is the whole description, up to a comma
        ("persons living near the office, located in ..."); its name too."""
        found = numpy.flatnonzero(numpy.isin(doc.to_array(LOWER), self._people_keys))  # only those nouns
        if not len(found):
            return []
        at = {i: s for s in known for i in range(s.start, s.end)}
        out = []
        for i in found:
            tok = doc[int(i)]
            low = tok.lower_
            if tok.pos_ not in ("NOUN", "PROPN") or not (
                    tok.dep_ == "nsubj" and tok.head.lemma_.lower() in self.speech_verbs | _PERCEIVE
                    or self._says_in_clause(tok)):
                continue
            start = tok.left_edge.i
            while start < tok.i and doc[start].lower_ in _DEMONSTRATIVES:
                start += 1
            end = tok.i + 1
            for c in tok.rights:  # "living near the office", "of the village"; "the wife of X" is X's
                if (c.dep_ == "acl" or c.dep_ == "prep" and c.lower_ in ("of", "in", "near", "from")) \
                        and c.i == end and low not in _RELATIONS:
                    end = c.right_edge.i + 1
            if low in _RELATIONS and start == tok.i:
                continue  # "the wife", "the mother of a man ...": whose, the words do not name
            if low in _VAGUE and end == tok.i + 1 and not self._says_in_clause(tok):
                continue  # "the people", "the Salvadoran people": nobody in particular
            # up to a comma or a person's name ("relatives of X"); one before the noun keeps only it
            cut = next((t.i for t in doc[start:end] if t.is_punct or t.i != tok.i and t.i in at
                        and at[t.i].kb_id_ == "person"), end)
            end = min(cut, start + 8) if cut > tok.i else tok.i + 1
            if any(t.pos_ in ("PRON", "VERB") for t in doc[start:tok.i]):
                continue  # "those who saw it", "his neighbours": not a description of its own
            kind = "person" if low in _RELATIONS else "collective"
            out.append(Span(doc, start, end, label=doc[start:end].text, kb_id=kind))
        return out

    def _says_in_clause(self, tok) -> bool:
        """"people who called the media to say that ...", "residents who said": a speaker described
        by a relative clause that says something."""
        return any(c.dep_ == "relcl" and any(s.dep_ == "nsubj" and s.lower_ in ("who", "that") for s in c.children)
                   and (c.lemma_.lower() in self.speech_verbs or any(
                       x.dep_ in ("xcomp", "advcl") and x.lemma_.lower() in self.speech_verbs for x in c.children))
                   for c in tok.rights)

    def _says_in_relative(self, tok) -> bool:
        """'the "premature interpretations" that claim ...': a report that says, in a relative clause."""
        return any(
            c.dep_ == "relcl" and c.lemma_.lower() in self.speech_verbs
            and any(s.dep_ == "nsubj" and s.lower_ in ("that", "which") for s in c.children)
            for c in tok.children)

    @staticmethod
    def _report_body(doc: Doc, tok, at: dict[int, Span]) -> Span | None:
        """The body whose report of the same noun was named last before ``tok`` ("a police report"),
        if that report was the last one named."""
        for prev in reversed(doc[max(0, tok.i - 400): tok.i]):
            if prev.lemma_.lower() != tok.lemma_.lower():
                continue
            bodies = [at[t.i] for c in prev.lefts if c.dep_ in ("compound", "poss", "nmod", "amod")
                      for t in c.subtree if t.i in at and at[t.i].kb_id_ in _AFFILIATIONS + ("collective",)]
            return bodies[-1] if bodies else None
        return None

    def _acronyms(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """"the Communist Party of Spain (PCE)", "THE COMMUNIST PARTY OF CHILE [PCCH]": the name before an
        acronym in brackets is one actor (the NER often cuts it short: "Communist Party", "Spain"), and
        the acronym and the name anywhere in the text are that actor. A known name of either wins."""
        orth = doc.to_array(ORTH)
        opens, closes = numpy.isin(orth, self._open_keys), numpy.isin(orth, self._close_keys)
        for i in (numpy.flatnonzero(opens[1:-2] & closes[3:]) + 1).tolist():  # "(" at i and ")" at i + 2
            named = self._named_by(doc, i, doc[i + 1])
            if named is None:
                continue
            start, end = named
            at = {(s.start, s.end): s for s in spans}
            known = [s for s in (at.get((start, end)), at.get((i + 1, i + 2))) if s is not None and s.label_ in self.entries]
            if known and known[0].start == i + 1 and not self._names_entry(doc[start:end], known[0].label_):
                known = []  # "the Socialist International (IS)" is not the Islamic State ("IS") of the gazetteer
            if any(s.kb_id_ in ("state", "person") for s in known):
                continue  # "Moscow (USSR)": a place and its country
            label = known[0].label_ if known else _name_text(doc[start:end])
            kind = self.entries[label]["kind"] if known else self._acronym_kind(doc[start:end], spans)
            places = [(start, end), (i + 1, i + 2)] + _occurrences(doc, doc[start:end], doc[i + 1])
            spans = _relabelled(doc, spans, places, label, kind)
        return spans

    def _names_entry(self, name: Span, label: str) -> bool:
        """Whether a name shares a word with a gazetteer entry's names (one its acronym is an alias of)."""
        entry = self.entries[label]
        known = {w.lower() for n in [entry["name"], *entry.get("aliases", [])] for w in n.split() if len(w) > 3}
        return any(t.lower_ in known for t in name)

    def _named_by(self, doc: Doc, bracket: int, acronym) -> tuple[int, int] | None:
        """(start, end) of the name an acronym in brackets at ``bracket`` stands for, or None: the
        words before it that are capitalised or start with one of its letters (a truecased
        name may be in lower case), from the first that starts with one."""
        text = acronym.text
        if not (2 <= len(text) <= 8 and text.isalpha() and text[0].isupper() and sum(c.isupper() for c in text) >= 2):
            return None
        letters = set(text.lower())
        end = bracket - 1 if doc[bracket - 1].tag_ == "POS" else bracket  # "the FMLN's [FMLN]"
        start, j = end, end - 1
        while j >= 0:
            tok = doc[j]
            if tok.is_alpha and tok.lower_ not in _DETERMINERS and tok.pos_ in ("PROPN", "NOUN", "ADJ") \
                    and (tok.text[:1].isupper() or tok.lower_[0] in letters):
                start = j
            elif tok.lower_ not in _NAME_JOINERS or j == end - 1:
                break
            j -= 1
        while start < end and (doc[start].lower_[0] not in letters or doc[start].lower_ in _NAME_JOINERS):
            start += 1  # "the Government of the Nationalist Republican Alliance (ARENA)"
        words = [t for t in doc[start:end] if t.lower_ not in _NAME_JOINERS]
        initials = [t.lower_[0] for t in words]
        if len(words) < 2 or text[0].lower() not in initials \
                or sum(c in letters for c in initials) * 2 < len(initials) \
                or doc[start:end].root.ent_type_ in ("PERSON", "GPE", "LOC", "DATE", "TIME"):
            return None
        return start, end

    def _acronym_kind(self, name: Span, spans: list[Span]) -> str:
        """The kind of a name no gazetteer knows: what its head word was found as ("Party" of
        "Communist Party"), or what its head noun says, or an organisation."""
        head = next((s.kb_id_ for s in spans if s.start <= name.root.i < s.end), None)
        if head in ("organisation", "armed_group", "government_body", "media_outlet"):
            return head
        return self.name_heads.get(name.root.lower_, "organisation")

    def _ner_actors(self, doc: Doc, caps: bool) -> list[Span]:
        out = []
        persons: list[str] = []
        for ent in doc.ents:
            # "Tammel Esco, 42, was sentenced", whatever the NER took it for: only a person has an age
            kind = "person" if _aged(ent) else _NER_KINDS.get(ent.label_)
            if kind is None or (kind == "collective" and ent.root.pos_ == "ADJ") or ent.text.lower() in self.channels:
                continue  # "Telegram" is where a claim is made, not who makes it
            span = ent
            while span and span[0].lower_ in ("the", "a", "an"):
                span = span[1:]
            if span and span[-1].tag_ == "POS":
                span = span[:-1]
            if not span:
                continue
            name = span.text.title() if caps else span.text
            if kind == "state" and len(span) == 1 and span.root.dep_ == "nsubj" \
                    and span.root.head.lemma_.lower() in self.speech_verbs:
                kind = "person"  # "Larios rejected the charges": a place does not reject; a person does
            if kind in ("organisation", "state"):
                titled = self._titled(span)
                if titled is not None:  # "Mayor Oleksandr Senkevych": whoever holds a title is a person
                    span, kind = titled, "person"
                    name = span.text.title() if caps else span.text
            if kind == "person":
                # "Smith" after "John Smith" is the same person.
                full = next((p for p in persons if p.split()[-1] == name and p != name), None)
                name = full or name
                persons.append(name)
                span = self._ranked(span)
            out.append(Span(doc, span.start, span.end, label=name, kb_id=kind))
        return out

    def _titled(self, name: Span) -> Span | None:
        """The name of a person the NER took for a body or place, when a title stands before it
        ("Mayor Oleksandr Senkevych", "Governor Ruto"): the proper nouns after the title."""
        doc, titles = name.doc, self.offices | self.ranks
        start = name.start
        while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].head.i == name.root.i \
                and doc[start - 1].lower_ not in titles:
            start -= 1
        if start == 0 or doc[start - 1].lower_ not in titles or not doc[start - 1].text[:1].isupper() \
                or not all(t.pos_ == "PROPN" for t in name):
            return None
        return doc[start: name.end]

    def _ranked(self, person: Span) -> Span:
        """A person's mention with the rank before the name, which is how reports name officers
        ("Lieutenant Colonel X"); the actor's name stays the person's own."""
        doc = person.doc
        for n in (2, 1):
            if person.start >= n and doc[person.start - n: person.start].text.lower() in self.ranks:
                return doc[person.start - n: person.end]
        return person

    def to_disk(self, path, exclude=tuple()):
        path = ensure_path(path)
        path.mkdir(parents=True, exist_ok=True)
        with (path / "actors.jsonl").open("w", encoding="utf-8") as fh:
            for e in self.entries.values():
                fh.write(json.dumps(e, ensure_ascii=False) + "\n")

    def from_disk(self, path, exclude=tuple()):
        self._set_entries(_read_gazetteer(ensure_path(path) / "actors.jsonl"))
        return self


def _aged(name: Span) -> bool:
    """A name followed by an age between commas: "Tammel Esco, 42, was sentenced"."""
    doc, end = name.doc, name.end
    return all(t.pos_ == "PROPN" for t in name) and end + 2 < len(doc) and doc[end].text == doc[end + 2].text == "," \
        and doc[end + 1].is_digit and 0 < int(doc[end + 1].text) < 120


def _name_text(name: Span) -> str:
    """A name as written, its words capitalised where truecasing left them in lower case."""
    return "".join((t.text if t.lower_ in _NAME_JOINERS or t.text[:1].isupper() else t.text[:1].upper() + t.text[1:])
                   + t.whitespace_ for t in name).strip()


def _occurrences(doc: Doc, name: Span, acronym) -> list[tuple[int, int]]:
    """(start, end) of the other mentions of a name and its acronym: the acronym in its own case,
    the name in any."""
    words = [t.lower_ for t in name]
    orth, lower = doc.to_array([ORTH, LOWER]).T
    out = [(i, i + 1) for i in numpy.flatnonzero(orth == acronym.orth).tolist() if i != acronym.i]
    return out + [(i, i + len(words)) for i in numpy.flatnonzero(lower == name[0].lower).tolist()
                  if i != name.start and [x.lower_ for x in doc[i: i + len(words)]] == words]


def _relabelled(doc: Doc, spans: list[Span], places: list[tuple[int, int]], label: str, kind: str) -> list[Span]:
    """The spans with one actor at each place: what a place cuts into gives way, and what
    holds a place within it (\"the PCE leadership\") stays."""
    for start, end in places:
        if any(s.start < start and s.end >= end or s.start <= start and s.end > end for s in spans):
            continue
        spans = [s for s in spans if s.end <= start or s.start >= end]
        spans.append(Span(doc, start, end, label=label, kb_id=kind))
    return sorted(spans, key=lambda s: s.start)


def _read_gazetteer(path) -> list[dict]:
    """Entries of a gazetteer file; a bad line is an error naming file:line and the fix."""
    entries = []
    try:
        with open(path, encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    entry = json.loads(line)
                    if not isinstance(entry.get("name"), str) or entry.get("kind") not in KINDS:
                        raise ValueError(f"needs a 'name' and a 'kind' (one of {', '.join(KINDS)})")
                except (json.JSONDecodeError, ValueError, AttributeError) as exc:
                    raise InputError(f"{path}:{n}", f"not a gazetteer entry ({exc}).",
                                     'Write one JSON object per line: {"name": ..., "kind": ..., "aliases": [...]}.',
                                     reason="gazetteer") from exc
                entries.append(entry)
    except OSError as exc:
        raise InputError(str(path), f"cannot be read ({exc.strerror}).", "Check the gazetteer path.",
                         reason="gazetteer") from exc
    return entries
