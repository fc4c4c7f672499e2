"""Truecasing for wire copy set in capitals (MUC/FBIS style).

The statistical model reads case: in ALL-CAPS text it tags most words as
proper nouns and finds entities everywhere. Before such a text reaches it,
claimgraph rewrites the case (never the length, so offsets still point into
the original):
- known actor names and aliases from the gazetteer take their own casing;
- words usually written with a capital (``data/name_case_en.txt``: "Salvador",
  "Jesuit", "Nov", names the lexicon also knows) take it;
- other words the English lexicon of the model's lemmatizer knows (directly or
  by its suffix rules) are lower case;
- other words are names: capitalised, or kept in capitals when short or
  without vowels (acronyms such as FMLN, DAS);
- an acronym the text gives in brackets after its name ("PATRIOTIC UNION [UP]")
  or a two-letter word after "the" ("THE UP HAS", "THE UN") keeps its capitals,
  there and wherever it stands for the name (not after a verb: "PICKED UP");
- up to two known nouns or adjectives right before such a name, and never a
  verb form, are part of it: titles and given names the lexicon also knows
  ("PRESIDENT CRISTIANI", "CARLOS MORALES EHRLICH", "OSCAR ROMERO"), where
  "KILLED CRISTIANI" keeps its verb lower case, "HIS SPEECH MORALES" its noun;
- a known noun or adjective right after a name of two or more words, or after a
  name set off by commas, is its last surname ("CARLOS MORALES EHRLICH", "ONE OF
  THEM, HERACLIDES SUCRE, HAS"; not a place noun: ", CUSCATLAN DEPARTMENT,"), and
  so wherever it follows that name;
- the first word of a sentence or line is capitalised.

In a Title Case headline of a text in mixed case, only the headline is recased, and its acronyms
("US", "UK", "IS") and actors named by a capitalised word ("West") keep their case.
"""

from __future__ import annotations

import re
from typing import Iterable

from spacy.language import Language
from spacy.strings import hash_string

from .lexicon import words, words_by_kind, words_list

__all__ = ["Truecaser", "is_all_caps_text", "is_title_case_line", "recase"]

_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
_VOWELS = set("aeiouy")
# "THE PATRIOTIC UNION [UP]": a short word in brackets right after a word.
_BRACKETED = re.compile(r"(?<=[A-Za-z] )[\[(]([A-Z]{2,8})[\])]")
_JOINERS = frozenset("of for and the de del el la le los las y".split())
_DETERMINERS = frozenset("the a an his her its their our my your".split())
_PLACE_NOUNS = frozenset("department province region district county municipality state city town village".split())
# Known English words that are still written with a capital.
CALENDAR = ("January February March April May June July August September October November December "
            "Monday Tuesday Wednesday Thursday Friday Saturday Sunday "
            "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec").split()  # datelines: "BOGOTA, 27 APR 90"


def is_all_caps_text(text: str) -> bool:
    letters = [c for c in text[:3000] if c.isalpha()]
    return len(letters) > 20 and sum(c.isupper() for c in letters) / len(letters) > 0.8


def is_title_case_line(line: str) -> bool:
    """A headline in Title Case ("Russian Security Chiefs Blame Concert Attack on Ukraine")."""
    words = [w for w in _WORD.findall(line) if len(w) > 3]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) / len(words) > 0.7

class Truecaser:
    """``truecaser(text)`` gives the text recased, same length; see the module docstring."""

    def __init__(self, nlp: Language, names: Iterable[str]):
        lemmatizer = nlp.get_pipe("lemmatizer")
        index = lemmatizer.lookups.get_table("lemma_index")
        exceptions = lemmatizer.lookups.get_table("lemma_exc")
        rules = lemmatizer.lookups.get_table("lemma_rules")
        self.known = {w for words in index.values() for w in words}
        self.known |= {form for table in exceptions.values() for form in table}
        self.suffixes = sorted({tuple(r) for table in rules.values() for r in table if r[0]},
                               key=lambda r: -len(r[0]))
        self.stop = {w.lower() for w in nlp.Defaults.stop_words}
        self.known |= self.stop
        verb = hash_string("verb")
        self.verbs = set(index.get(verb, [])) | set(exceptions.get(verb, {}))
        self.verb_suffixes = [tuple(r) for r in rules.get(verb, []) if r[0]]
        cased = sorted({n for n in names if any(c.isupper() for c in n) and len(n) > 2}, key=len, reverse=True)
        self.names = {n.lower(): n for n in cased}
        # One regex over a trie of the names: a plain alternation of thousands of names is slow.
        self.name_re = re.compile(r"(?<!\w)(" + _trie_pattern([n.lower() for n in cased]) + r")(?!\w)", re.I) \
            if cased else None
        self._word_cache: dict[str, bool] = {}
        self.name_case = words_list("name_case_en.txt")
        self.adverbs = set(index.get(hash_string("adv"), []))
        self.adjectives = set(index.get(hash_string("adj"), []))
        self.bases = {w for words in index.values() for w in words}
        self.titles = {w for t in words_by_kind("lexicon_en.jsonl", "title") for w in t.split()}
        # nouns for a place or a body, which a name before them qualifies ("CRISTIANI GOVERNMENT")
        self.places_and_bodies = _PLACE_NOUNS | words("lexicon_en.jsonl", "collective_head") \
            | words("lexicon_en.jsonl", "institution") | set(words_by_kind("lexicon_en.jsonl", "name_head"))
        # Actors a headline names by a capitalised word only ("West"), not newspapers ("Independent").
        try:
            entries = nlp.get_pipe("claimgraph_actors").entries.values()
        except KeyError:
            entries = []
        self.title_aliases = frozenset(a for e in entries if e["kind"] != "media_outlet"
                                       for a in e.get("case_sensitive_aliases", []) if a.istitle() and " " not in a)

    def is_english(self, low: str) -> bool:
        """Whether the lemmatizer knows the word, directly or by its suffix rules."""
        found = self._word_cache.get(low)
        if found is None:
            found = low in self.known or any(low.endswith(suf) and (low[: len(low) - len(suf)] + rep) in self.known
                                             for suf, rep in self.suffixes)
            self._word_cache[low] = found
        return found

    def _is_verb_form(self, low: str) -> bool:
        return low in self.verbs or any(low.endswith(suf) and (low[: len(low) - len(suf)] + rep) in self.verbs
                                        for suf, rep in self.verb_suffixes)

    @staticmethod
    def _bracketed_acronyms(text: str, words: list) -> set[str]:
        """Words in brackets right after a name they are the acronym of: "PATRIOTIC UNION [UP]",
        "DEMOCRATIC FRONT (FREDEMO)" (a Spanish acronym of an English name: its letters in any
        order). The first letter and those of two or more words before it must agree."""
        found = set()
        starts = {m.start(): n for n, m in enumerate(words)}
        for b in _BRACKETED.finditer(text):
            acronym = b.group(1)
            letters = set(acronym.lower())
            n = starts.get(b.start(1))
            initials = []
            i = n - 1
            if i < 0 or words[i].group(0).lower() in _JOINERS | _DETERMINERS:
                continue  # "THE SLOPES OF THE [SAN] SALVADOR VOLCANO": a word left out, not an acronym
            while i >= 0 and len(initials) < 8:
                gap = text[words[i].end(): words[i + 1].start() if i + 1 < n else b.start()]
                if gap.strip():
                    break
                low = words[i].group(0).lower()
                if low not in _JOINERS:
                    initials.append(low[0])
                i -= 1
            if acronym[0].lower() in initials and sum(c in letters for c in initials) >= 2:
                found.add(acronym)
        # "THE UP HAS", "THE UN SECRETARY GENERAL": no two-letter word follows an article ("THE SO-CALLED"
        # and Spanish articles aside)
        for n in range(1, len(words)):
            word = words[n].group(0)
            if len(word) == 2 and word.isupper() and word.lower() not in _JOINERS \
                    and words[n - 1].group(0).lower() == "the" and text[words[n - 1].end():words[n].start()] == " " \
                    and text[words[n].end():][:1] != "-":
                found.add(word)
        return found

    def _name_ends(self, text: str, words: list, names: list, forms: list) -> None:
        """"CARLOS MORALES EHRLICH", "JAIME PARDO LEAL": a known noun or adjective (never a verb form or
        adverb: "CRISTIANI TODAY") right after a name of two or more words is its last surname,
        unless an article makes the name a modifier ("THE ALFREDO CRISTIANI GOVERNMENT")."""
        ends = set()
        for n in range(1, len(words) - 1):
            if not names[n]:
                continue
            low = forms[n + 1]
            # ", HERACLIDES SUCRE,": a name set off by commas may be of one word and a surname
            apposed = text[words[n - 1].end():words[n].start()] == ", " and low not in self.places_and_bodies \
                and text[words[n + 1].end():words[n + 1].end() + 1] in (",", ".")
            if forms[n].endswith(("'s", "’s")) or forms[n].lower() in self.adjectives \
                    or text[words[n].end():words[n + 1].start()] != " " or not apposed and (
                        not forms[n - 1][:1].isupper() or text[words[n - 1].end():words[n].start()] != " "):
                continue
            if not low.islower() or len(low) < 3 or low in self.stop or low in self.titles or low in self.adverbs \
                    or self._is_verb_form(low):
                continue
            r = n if apposed else n - 1
            while r > 0 and forms[r - 1][:1].isupper() and text[words[r - 1].end():words[r].start()] == " ":
                r -= 1
            if r > 0 and words[r - 1].group(0).lower() in _DETERMINERS:
                continue
            if low not in self.bases and words[r].group(0).lower() not in self.titles:
                continue  # "CENTRAL AMERICAN PRESIDENTS": a plural is no surname, unless after a title
            forms[n + 1] = low[0].upper() + low[1:]
            ends.add(low)
        for n in range(len(words) - 1):  # "... MORALES EHRLICH BLAMED" later: the same surname
            if names[n] and forms[n + 1] in ends and text[words[n].end():words[n + 1].start()] == " ":
                forms[n + 1] = forms[n + 1][0].upper() + forms[n + 1][1:]

    def _acronym_position(self, text: str, words: list, n: int) -> bool:
        """Whether an acronym the text introduced stands for its name here: in its brackets, or not
        after a verb ("PICKED UP"); one that is also a function word ("IS", "UP") only after an
        article or a possessive ("THE IS CONDEMNED", not "THE GOVERNMENT IS FOSTERING")."""
        if text[words[n].start() - 1: words[n].start()] in ("[", "("):
            return True
        before = words[n - 1].group(0).lower() if n else ""
        if words[n].group(0).lower() in self.stop:
            return before in _DETERMINERS
        return not self._is_verb_form(before)

    def __call__(self, text: str, keep: frozenset[str] = frozenset()) -> str:
        """``keep``: capitalised words the article itself writes so ("Crocus City Hall")."""
        out = list(text)
        words = list(_WORD.finditer(text))
        names = [False] * len(words)  # words cased as names (not known English words)
        forms = []
        acronyms = self._bracketed_acronyms(text, words)
        for n, m in enumerate(words):
            word = m.group(0)
            low = word.lower()
            if word in keep or word == "I":  # the pronoun
                new = word
            elif word in acronyms and self._acronym_position(text, words, n):
                new = word  # "THE UP HAS": the acronym of a name the text gave
            elif low in self.name_case:
                new = word[0] + word[1:].lower()
                names[n] = True
            elif self.is_english(low.rstrip("'’s") if low.endswith(("'s", "’s")) else low):
                new = low
            elif len(word) <= 3 or not (set(low) & _VOWELS):
                new = word  # an acronym: FMLN, DAS, ELN
            else:
                new = word[0] + word[1:].lower()
                names[n] = True
            forms.append(new)
        for n in range(len(words) - 1, 0, -1):
            if not names[n]:
                continue
            for back in (1, 2):  # titles and given names just before a name are part of it
                i = n - back
                if i < 0 or text[words[i].end():words[i + 1].start()] != " ":
                    break
                low = forms[i]
                if not low.islower() or len(low) < 3 or low in self.stop or self._is_verb_form(low):
                    break
                if i > 0 and words[i - 1].group(0).lower() in _DETERMINERS and low not in self.titles \
                        and low not in self.adjectives:
                    break  # "DURING HIS SPEECH MORALES": a noun after an article is no title
                forms[i] = low[0].upper() + low[1:]
        self._name_ends(text, words, names, forms)
        for m, new in zip(words, forms):
            out[m.start():m.end()] = new
        if self.name_re is not None:
            for m in self.name_re.finditer(text):
                form = self.names.get(m.group(0).lower())
                if form and len(form) == len(m.group(0)):
                    out[m.start():m.end()] = form
        result = "".join(out)
        # Sentence and line starts are capitalised.
        return re.sub(r"(^[\"'(\[]?|[.!?][\"']?\s+[\"'(\[]?|\n\s*[\"'(\[]?)([a-z])",
                      lambda m: m.group(1) + m.group(2).upper(), result)


def recase(text: str, truecaser: Truecaser) -> str:
    """The text the model should read: all-caps text truecased, else only its Title Case headlines."""
    if is_all_caps_text(text):
        return truecaser(text)
    lines = text.splitlines(keepends=True)
    titles = [is_title_case_line(line) for line in lines]
    if not any(titles):
        return text
    # A capitalised word the body writes in mid-sentence is a name: the headline keeps it.
    body = "".join(line for line, title in zip(lines, titles) if not title)
    names = frozenset(m.group(1) for m in re.finditer(r"(?<=[a-z,;] )([A-Z][a-z]+)", body))
    return "".join(truecaser(line, names | _headline_names(line, truecaser)) if title else line
                   for line, title in zip(lines, titles))


def _headline_names(line: str, truecaser: Truecaser) -> frozenset[str]:
    """Words a Title Case headline keeps as written: acronyms ("US", "UK", "IS": Title Case never
    writes a word in capitals, unless the whole line is) and actors whose alias is a capitalised
    word ("West" in "... on Ukraine, West")."""
    words = _WORD.findall(line)
    if sum(w.isupper() for w in words) * 2 > len(words):
        return frozenset()
    return frozenset(w for w in words if (w.isupper() and len(w) >= 2) or w in truecaser.title_aliases)


def _trie_pattern(words: list[str]) -> str:
    """A regex matching any of ``words`` (longest first), built from their character trie."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def pattern(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(ch) + pattern(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 and not ends else "(?:" + "|".join(branches) + ")"
        return body + ("?" if ends else "")

    return pattern(trie)
