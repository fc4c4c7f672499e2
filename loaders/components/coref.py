"""``claimgraph_coref``: light, explicit coreference for actors.

Readable rules, no model:
- a pronoun (he, she, they, it, ...) or a definite description from the
  lexicon's ``anaphor`` list ("the President", "the group", "the militants",
  "the government") that is not already an actor refers to the latest actor
  before it of a compatible kind;
- a description with no antecedent before it (a lead such as "Guerrillas
  denied ...") takes the first compatible actor after it in the sentence's
  paragraph window; failing that, a plural group noun becomes a collective
  actor of its own ("guerrillas"), and so does a title that speaks ("the
  interior minister said ..." in an article that never names him).

Resolved mentions are added to ``doc.spans["claimgraph_actors"]`` with the
antecedent's label and kind.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..lexicon import words, words_by_kind
from .actors import ACTOR_SPANS, is_all_caps

__all__ = ["COREF_SPANS", "Coreferencer"]

COREF_SPANS = "claimgraph_coref"

_GROUPS = ("armed_group", "organisation", "collective")
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


@Language.factory("claimgraph_coref", default_config={"pronouns": True})
def make_coreferencer(nlp: Language, name: str, pronouns: bool):
    return Coreferencer(nlp, name, pronouns=pronouns)


class Coreferencer:
    def __init__(self, nlp: Language, name: str = "claimgraph_coref", *, pronouns: bool = True):
        self.name = name
        self.pronouns = pronouns
        self.anaphors = words_by_kind("lexicon_en.jsonl", "anaphor")
        self.voices = words("lexicon_en.jsonl", "voice_noun")
        self.perpetrators = words("lexicon_en.jsonl", "perpetrator_noun")
        self.speech_verbs = (words("cues_en.jsonl", "report_verb") | words("cues_en.jsonl", "blame_verb")
                             | words("cues_en.jsonl", "deny_verb"))

    def __call__(self, doc: Doc) -> Doc:
        caps = is_all_caps(doc)
        actors = sorted(doc.spans.get(ACTOR_SPANS, []), key=lambda s: s.start)
        covered = {i for s in actors for i in range(s.start, s.end)}
        sentence_of = {s.start: s.sent.start for s in actors}  # spans do not overlap
        added = []
        for tok in doc:
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
            ante = None
            # A description ("the group") prefers a named actor to a crowd of officials;
            # a pronoun takes the nearest compatible actor.
            for group in (_preference(kinds) if lead_ok else [kinds]):
                fits = [s for s in actors if s.kb_id_ in group and _may_refer(tok, kinds, s)]
                before = [s for s in fits if s.end <= tok.i]
                after = [s for s in fits if tok.i < s.start <= tok.i + _LOOKAHEAD]
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
            elif lead_ok and tok.tag_ in ("NNS", "NNPS") and "armed_group" in kinds \
                    and tok.lower_ not in self.perpetrators:  # unnamed gunmen are nobody we can name
                added.append(_own_actor(doc, start, tok, caps, "collective"))
            elif lead_ok and "person" in kinds and tok.dep_ == "nsubj" \
                    and tok.head.lemma_.lower() in self.speech_verbs:  # an unnamed official who speaks
                added.append(_own_actor(doc, start, tok, caps, "person"))
        if added:
            doc.spans[ACTOR_SPANS] = sorted([*actors, *added], key=lambda s: s.start)
        doc.spans[COREF_SPANS] = added  # mentions, but not names: kept out of aliases
        return doc

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
        definite = any((c.dep_ == "det" and c.lower_ in _DEFINITE) or c.dep_ == "poss" for c in tok.children)
        # "Guerrillas denied ...", "Salvadoran guerrillas": a bare plural refers back;
        # "humanitarian organizations" describes someone new.
        plural_group = kind == "armed_group" and tok.tag_ in ("NNS", "NNPS") and not any(
            c.dep_ in ("amod", "compound") and c.ent_type_ != "NORP" for c in tok.children)
        if not (definite or plural_group):
            return (), False
        return _KIND_FAMILY.get(kind, (kind,)), True


def _may_refer(tok, kinds: tuple[str, ...], span: Span) -> bool:
    """A title refers to a crowd only of its own kind ("the official" to "a senior defence
    official"), never to an institution ("the minister" is not "the ministry")."""
    return not ("person" in kinds and span.kb_id_ == "collective") or span.root.lemma_.lower() == tok.lemma_.lower()


def _own_actor(doc: Doc, start: int, tok, caps: bool, kind: str) -> Span:
    """A description with no antecedent as an actor of its own, named by its words."""
    name = doc[start: tok.i + 1].text
    name = name[4:] if name.lower().startswith("the ") else name
    return Span(doc, start, tok.i + 1, label=name.title() if caps else name, kb_id=kind)


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
