"""Who and what a statement is about, for ``claimgraph_attribution``: the speaker of a cue,
the actors a noun phrase stands for (coordination, appositions, spokesmen, "we"), the
attack a predicate is about, the channel, the hedge, and the statement record itself.

``RoleReader`` is mixed into ``AttributionDetector``, which sets what it reads: the
actor and attack spans by token (``actor_at``, ``attack_at``), the attack each story is about (``focus_at``),
the ``last_speaker``, the sentences indexed by token (``sents``, ``sent_at``), per-document
caches (``near_attack``, ``sent_lower``, ``trimmed``, ``sent_actors``), and the cue and lexicon word sets.
"""

from __future__ import annotations

from spacy.tokens import Token

__all__ = ["FIRST_PERSON", "MEMBERS", "RoleReader"]

FIRST_PERSON = ("i", "we", "me", "us", "our", "my")
_RELATIVE = ("who", "whom", "which", "that")
_SPOKES = ("spokesman", "spokeswoman", "spokesperson", "spokesmen", "representative")
# the people a body acts through: "its fighters attacked Z" is the body's deed
MEMBERS = ("fighter", "militant", "troop", "soldier", "guerrilla", "rebel", "commando", "cadre", "operative",
           "gunman", "force", "unit", "member", "agent", "man", "militiaman", "jihadist", "insurgent", "mujahideen",
           "bomber", "attacker", "sniper", "martyr")
_WIELDERS = ("state", "armed_group")
_THIRD_POSSESSIVES = ("its", "his", "her", "their")
_SOME = ("one", "some", "several", "many", "most", "all", "two", "three", "dozens", "scores", "hundreds")


class RoleReader:
    """The role-reading half of the attribution rules (see the module docstring)."""

    def _claimants(self, verb: Token) -> list[str]:
        """The speaker of a cue verb: its subject, or that of the clause it hangs from
        ("X denied ... and claimed", "X was condemned for claiming that ...")."""
        if any(c.dep_ == "auxpass" for c in verb.children):
            # "Y is suspected of ...", "Z was claimed by X": the agent, if any, is the speaker
            return [a for c in verb.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"
                    for a in self._actors_of(o)]
        node = below = verb
        for _ in range(6):
            subj = [c for c in node.children if c.dep_ == "nsubj" or (c.dep_ == "nsubjpass" and node is not verb)]
            objs = [c for c in node.children if c.dep_ == "dobj" and self._actors_of(c)]
            if node is not verb and objs and below.dep_ in ("prep", "xcomp"):
                # "warned Moscow against blaming ...", "urged Y to deny ...": the object speaks; not in
                # "called the media claiming ..." (however it is parsed) or "met Y and claimed ..."
                return self._actors_of(objs[0])
            if subj:
                # "the man who police say ...": the parser makes both subjects; the speaker is not the relative
                subj = [s for s in subj if s.lower_ not in _RELATIVE] or subj
                subj += [c for s in subj for c in self._stranded_conjuncts(s)]
                return list(dict.fromkeys(a for s in subj for a in self._actors_of(s)))
            if node.dep_ in ("ccomp", "relcl", "ROOT") or node.head.i == node.i:
                return []  # a new clause has its own speaker
            below, node = node, node.head
        return []

    def _spoken_for(self, verb: Token, claimant: str) -> list[str]:
        """The body a named spokesman of the verb's subject speaks for ("Taliban spokesman
        Zabiullah Mujahid", "Mujahid, a spokesman for the Taliban"): what such a speaker claims or
        denies as their own is the body's part, not the spokesman's."""
        out: list[str] = []
        for subj in (c for c in verb.children if c.dep_ == "nsubj" and c.lower_ not in _SPOKES):
            for role in (c for c in subj.children if c.dep_ in ("compound", "appos") and c.lower_ in _SPOKES):
                out += [a for c in role.children if c.dep_ in ("compound", "poss", "amod", "nmod") and c.i in self.actor_at
                        for a in self._actors_of(c)]
                out += [a for p in role.children if p.dep_ == "prep" and p.lower_ in ("for", "of")
                        for o in p.children if o.dep_ == "pobj" for a in self._actors_of(o)]
                if role.dep_ == "compound":  # the parser hangs the body from the name: "[Taliban] spokesman Mujahid"
                    out += [a for c in subj.children if c.dep_ in ("compound", "amod", "nmod") and c.i < role.i
                            and c.i in self.actor_at for a in self._actors_of(c)]
        # "a spokesman for the Taliban, Zabihullah Mujahid": the body the role is for
        out += [a for subj in verb.children if subj.dep_ == "nsubj" and subj.lower_ in _SPOKES
                and self._named_spokesman(subj) for p in subj.children if p.dep_ == "prep" and p.lower_ in ("for", "of")
                for o in p.children if o.dep_ == "pobj" for a in self._actors_of(o)]
        return [a for a in dict.fromkeys(out) if a != claimant]

    def _named_spokesman(self, role: Token) -> list[str]:
        """"a spokesman for the Taliban, Zabihullah Mujahid, said": the parser sets the name beside the body."""
        return [a for p in role.children if p.dep_ == "prep" and p.lower_ in ("for", "of") for o in p.children
                for n in o.children if n.dep_ == "appos" and n.i in self.actor_at
                and self.actor_at[n.i].kb_id_ == "person" for a in self._actors_of(n)]

    def _stranded_conjuncts(self, subj: Token) -> list[Token]:
        """"Leaders who called the strike, rights groups and unions accuse ...": the parser
        joins the groups to the relative clause's object; a conjunct that is an actor of an
        object that is none belongs to the subject."""
        out = []
        for rel in (c for c in subj.children if c.dep_ == "relcl"):
            for obj in (c for c in rel.children if c.dep_ == "dobj" and c.i not in self.actor_at):
                out += [c for c in obj.subtree if c.dep_ == "conj" and c.i in self.actor_at and c.i > obj.i]
        return out

    def _actors_of(self, tok: Token) -> list[str]:
        """Actors a noun phrase stands for: itself, its coordinated parts, or the
        organisation whose spokesman/statement it is."""
        out: list[str] = []
        span = self.actor_at.get(tok.i)
        focus = self._cleft_focus(tok.head) if tok.lower_ in _RELATIVE and tok.dep_ in ("nsubj", "nsubjpass") else []
        if focus:
            return focus  # "it was Y that fired the rockets": Y
        if tok.lower_ in _RELATIVE and tok.head.dep_ == "relcl":
            return self._actors_of(tok.head.head)  # "the organizations that accuse ...": the organizations
        if tok.lower_ in FIRST_PERSON and tok.pos_ == "PRON" and span is None:
            return self._speaker(tok)  # '"We attribute it to Y," said X': X
        if any(c.dep_ == "poss" and c.lower_ in ("our", "my") for c in tok.children) \
                and (tok.lemma_.lower() in self.role_nouns or tok.lower_ in self.role_nouns):
            return self._speaker(tok)  # "our forces did not take part": the speaker's own
        if tok.lemma_.lower() in MEMBERS or tok.lower_ in MEMBERS:
            # (members named on their own, "Yemen's Houthi rebels", are that group, not the possessor's)
            owners = [a for c in tok.children if c.dep_ == "poss" and c.i in self.actor_at
                      and (span is None or span.start <= c.i) for a in self._actors_of(c)]
            owners = owners or [a for c in tok.children if c.dep_ == "poss" and c.lower_ in _THIRD_POSSESSIVES
                                for a in self._reporter_before(c)]
            if owners:
                return owners  # "the group said its fighters attacked Z": the group's own deed
        # "one / some of its fighters": those the part is of
        part_of = [o for p in tok.children if p.dep_ == "prep" and p.lower_ == "of" and span is None
                   for o in p.children if o.dep_ == "pobj" and (o.lemma_.lower() in MEMBERS or o.lower_ in MEMBERS)]
        if part_of and (tok.pos_ in ("NUM", "PRON") or tok.lower_ in _SOME):
            return [a for o in part_of for a in self._actors_of(o)]
        if span is not None:
            # "Ukrainian and Western special services": the first conjunct's body first
            out += [self.actor_at[c.i].label_ for c in tok.children if c.dep_ in ("amod", "compound")
                    and c.i in self.actor_at and self.actor_at[c.i] is not span and any(x.dep_ == "conj" for x in c.children)]
            out.append(span.label_)
            out += [a for c in tok.children if c.dep_ == "appos" and c.i in self.actor_at
                    for a in self._actors_of(c)]  # "Al Qaeda, Hezbollah or ..."
        elif any(p.dep_ == "prep" and p.lower_ in ("like", "including") for p in tok.children):
            # "a terrorist group like Al Qaeda": the examples named
            out += [a for p in tok.children if p.dep_ == "prep" and p.lower_ in ("like", "including")
                    for o in p.children if o.dep_ == "pobj" for a in self._actors_of(o)]
        elif tok.lower_ in self.group_nouns and any(c.dep_ in ("compound", "nmod", "amod") and c.i in self.actor_at
                                                    for c in tok.children):
            # "the Cinchonero popular liberation movement": the group its modifier names
            out += next(self._actors_of(c) for c in tok.children
                        if c.dep_ in ("compound", "nmod", "amod") and c.i in self.actor_at)
        elif tok.lower_ in _SPOKES and self._named_spokesman(tok):
            out += self._named_spokesman(tok)
        elif tok.lemma_.lower() in self.role_nouns or tok.lower_ in self.role_nouns:
            for c in tok.children:
                if c.dep_ in ("compound", "poss", "amod", "nmod") and c.i in self.actor_at:
                    # "army and government sectors": both bodies' sectors
                    out += self._actors_of(c)
                    break
                if c.dep_ == "prep" and c.lower_ in ("of", "for", "from"):
                    objs = [o for o in c.children if o.dep_ == "pobj" and o.i in self.actor_at]
                    if objs:
                        out.append(self.actor_at[objs[0].i].label_)
                        break
            else:
                for c in tok.children:
                    if c.dep_ == "appos":
                        out += self._actors_of(c)
        elif tok.lemma_.lower() in self.weapons:
            # "a Hezbollah rocket struck Z", "an Israeli missile hit Z": whose weapon it was
            out += [a for c in tok.children if c.dep_ in ("compound", "amod", "poss") and c.i in self.actor_at
                    and self.actor_at[c.i].kb_id_ in _WIELDERS for a in self._actors_of(c)]
        else:
            for c in tok.children:
                if c.dep_ == "appos":
                    out += self._actors_of(c)
                elif c.dep_ == "acl" and c.lemma_.lower() in ("call", "name", "know", "style"):
                    # "a group calling itself X", "a group known as X": X
                    out += [a for n in (*c.children, *(o for p in c.children if p.dep_ == "prep" for o in p.children))
                            if n.dep_ in ("oprd", "pobj", "attr") or (n.dep_ == "dobj" and n.pos_ != "PRON")
                            for a in self._actors_of(n)]
        for c in tok.children:
            if c.dep_ == "conj":
                out += self._actors_of(c)
        return list(dict.fromkeys(out))

    def _reporter_before(self, pron: Token) -> list[str]:
        """"A commander told Reuters his fighters ...": a possessive that coreference left alone
        is the speaker's when the speaker is named before it (not in "their men attacked, X said")."""
        for node in pron.ancestors:
            if node.lemma_.lower() in self.report_verbs:
                return [a for s in node.children if s.dep_ == "nsubj" and s.i < pron.i for a in self._actors_of(s)]
        return []

    def _cleft_focus(self, clause: Token) -> list[str]:
        """The actors a cleft puts in focus: "it was Y that fired the rockets", "it is Y on the
        other side of the river who are shelling us" (the clause hangs from "be" or from a
        noun of its complement, whichever the parser chose)."""
        node = clause.head
        while node.pos_ not in ("VERB", "AUX") and node.head.i != node.i:
            node = node.head
        if not (node.lemma_ == "be" or node.lower_ in ("'s", "’s")) \
                or not any(c.dep_ in ("nsubj", "expl") and c.lower_ == "it" for c in node.children):
            return []
        # the focus is the complement, read as an object after a curly "’s"
        return [a for c in node.children if c.dep_ in ("attr", "dobj") for a in self._actors_of(c)]

    def sentence_of(self, tok: Token):
        return self.sents[self.sent_at[tok.i]]

    def _speaker(self, tok: Token) -> list[str]:
        """The speaker of the quotation a first-person pronoun stands in: the subject of
        a reporting verb of the sentence that is outside the pronoun's own clause."""
        own = set(tok.head.subtree)
        for verb in self.sentence_of(tok):
            if verb.i not in {t.i for t in own} and verb.pos_ == "VERB" \
                    and verb.lemma_.lower() in self.report_verbs:
                # "the minister and I said": the pronoun is part of the subject, not its speaker
                subj = [c for c in verb.children if c.dep_ == "nsubj" and c.lower_ not in FIRST_PERSON
                        and not c.left_edge.i <= tok.i <= c.right_edge.i]
                if subj:
                    return [a for s in subj for a in self._actors_of(s)]
        return list(self.last_speaker)  # a quotation running on from the last speaker

    def _attack_near(self, tok: Token) -> str | None:
        """The attack a predicate is about: in its subtree or its clause; else the only one
        its sentence names; else the one the article is about. Asked for the same token by
        many candidates: kept per document in ``near_attack``."""
        if tok.i not in self.near_attack:
            self.near_attack[tok.i] = self._find_attack_near(tok)
        return self.near_attack[tok.i]

    def _find_attack_near(self, tok: Token) -> str | None:
        sent = self.sentence_of(tok)
        here = [i for i in range(sent.start, sent.end) if i in self.attack_at]
        if not here:  # the subtrees are inside the sentence
            return self.focus_at(tok.i)
        for scope in (tok.subtree, tok.head.subtree):
            for t in scope:
                if t.i in self.attack_at:
                    return self.attack_at[t.i].label_
        in_sentence = {self.attack_at[i].label_ for i in here}
        return in_sentence.pop() if len(in_sentence) == 1 else self.focus_at(tok.i)

    def _attack_before(self, pron: Token) -> str | None:
        """The attack a pronoun refers back to: the last one named before it in this or the
        three sentences before; else the one the article is about."""
        first = self.sents[max(0, self.sent_at[pron.i] - 3)].start
        for i in range(pron.i - 1, first - 1, -1):
            if i in self.attack_at:
                return self.attack_at[i].label_
        return self.focus_at(pron.i)

    def _channel(self, verb: Token) -> str | None:
        """Where a statement was made: "on Telegram", "in a statement" (a named platform wins)."""
        found = [t for t in verb.subtree if t.dep_ == "pobj" and t.head.lower_ in ("on", "via", "through", "in")
                 and t.lower_ in self.channels]
        named = [t for t in found if t.pos_ == "PROPN"]
        best = named or found
        return best[0].text if best else None

    def _hedge(self, cue: Token, pred: Token) -> str:
        toks = set(pred.subtree) | set(pred.ancestors) | {cue}
        toks |= {c for t in list(toks) for c in t.children if c.dep_ in ("aux", "advmod", "amod")}
        lowered = {t.lower_ for t in toks} | {t.lemma_.lower() for t in toks if t.i == cue.i}
        if lowered & self.possible:
            return "possible"
        k = self.sent_at[cue.i]
        if k not in self.sent_lower:
            self.sent_lower[k] = self.sents[k].text.lower()
        sent = self.sent_lower[k]
        if lowered & self.probable or any(p in sent for p in self.hedge_phrases):
            return "probable"
        return "certain"

    def _make(self, claimant, accused, cue: Token, pred: Token, polarity: str, channel=None, attack=None) -> dict:
        k = self.sent_at[cue.i]
        if k not in self.trimmed:
            self.trimmed[k] = _trimmed(self.sents[k])
        certainty = self._hedge(cue, pred)
        return {
            "claimant": claimant, "accused": accused, "attack": attack or self._attack_near(pred),
            "polarity": polarity, "cue": cue.text, "hedged": certainty != "certain", "certainty": certainty,
            "channel": channel, "cue_i": cue.i, "pred_i": pred.i, **self.trimmed[k],
        }


def _trimmed(sent) -> dict:
    """The sentence's offsets without the blank lines and spaces around it."""
    text = sent.text
    start = sent.start_char + (len(text) - len(text.lstrip()))
    return {"start": start, "end": max(start, sent.start_char + len(text.rstrip()))}
