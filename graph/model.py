"""The intermediate representation: typed records between extraction and the stores.

One :class:`Extraction` per article. Its JSON form (``to_json``/``from_json``)
is the contract of ``claimgraph extract`` read by outside tools and by
``shared/eval/score.py``: an object with ``article``, ``actors``, ``attacks``,
``statements`` and ``sources``. Ids are made from content, so the same
article read twice, or two articles naming the same actor or attack, give the
same ids and MERGE into the same nodes.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import asdict, dataclass, field, replace
from typing import IO, Callable, Iterable, Iterator

from .errors import InputError

__all__ = [
    "ASSERTS",
    "DENIES",
    "Actor",
    "Article",
    "Attack",
    "Claim",
    "Extraction",
    "Mention",
    "Source",
    "Statement",
    "actor_id",
    "article_id",
    "attack_id",
    "claim_id",
    "read_jsonl",
    "slug",
    "write_jsonl",
]

ASSERTS, DENIES = "asserts", "denies"
POLARITIES = (ASSERTS, DENIES)
CERTAINTIES = ("certain", "probable", "possible")

_NON_WORD = re.compile(r"[^\w]+")


def slug(text: str) -> str:
    """A readable, stable key: lower case, accents folded, words joined by '-'.

    >>> slug("Islamic State-Khorasan Province (ISIS-K)")
    'islamic-state-khorasan-province-isis-k'
    """
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode() or text
    return _NON_WORD.sub("-", folded.lower().replace("'", "")).strip("-") or "x"


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def article_id(text: str) -> str:
    """Id of an article: a hash of its whitespace-normalised text."""
    return "article/" + _digest(" ".join(text.split()))


def actor_id(name: str) -> str:
    """Id of an actor (and of a source, which is an actor too) from its canonical name."""
    return "actor/" + slug(name)


def attack_id(name: str) -> str:
    """Id of an attack from its canonical name ("Crocus City Hall attack")."""
    return "attack/" + slug(name)


def claim_id(attack: str, accused: str) -> str:
    """Id of the proposition "ACCUSED was responsible for ATTACK"."""
    return f"claim/{attack.split('/', 1)[1]}/{accused.split('/', 1)[1]}"


@dataclass
class Mention:
    text: str
    start: int
    end: int


@dataclass
class Article:
    id: str
    text: str
    path: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    language: str = "en"


@dataclass
class Actor:
    id: str
    name: str
    kind: str
    aliases: list[str] = field(default_factory=list)
    part_of: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class Attack:
    id: str
    name: str
    kind: str = "attack"
    date: str | None = None
    place: str | None = None
    aliases: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class Statement:
    """One reported speech act: CLAIMANT asserts/denies that ACCUSED did ATTACK."""

    claimant: str
    accused: str
    attack: str
    polarity: str
    cue: str
    quote: str
    start: int
    end: int
    article: str
    hedged: bool = False
    certainty: str = "certain"
    channel: str | None = None
    confidence: float | None = None  # the learned step's calibrated probability that this is a statement


@dataclass
class Source:
    """An outlet: the article's publisher or one it cites."""

    id: str
    name: str
    relation: str  # "published_by" | "cites"
    kind: str = "media_outlet"
    domain: str | None = None


@dataclass
class Claim:
    id: str
    attack: str
    accused: str
    text: str


@dataclass
class Extraction:
    article: Article
    actors: list[Actor] = field(default_factory=list)
    attacks: list[Attack] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)

    def claims(self) -> list[Claim]:
        """The distinct claims the statements are about, in first-seen order."""
        names = {a.id: a.name for a in self.actors}
        attacks = {a.id: a.name for a in self.attacks}
        seen: dict[str, Claim] = {}
        for s in self.statements:
            cid = claim_id(s.attack, s.accused)
            if cid not in seen:
                text = f"{names.get(s.accused, s.accused)} responsible for {attacks.get(s.attack, s.attack)}"
                seen[cid] = Claim(cid, s.attack, s.accused, text)
        return list(seen.values())

    def confident(self, min_confidence: float) -> Extraction:
        """This record with only the statements at or above ``min_confidence`` (rule-only
        records, which have no confidence, keep theirs)."""
        if min_confidence <= 0:
            return self
        kept = [s for s in self.statements if s.confidence is None or s.confidence >= min_confidence]
        return replace(self, statements=kept)

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, obj: dict) -> Extraction:
        def mentions(items):
            return [Mention(**m) for m in items or []]

        return cls(
            article=Article(**obj["article"]),
            actors=[Actor(**{**a, "mentions": mentions(a.get("mentions"))}) for a in obj.get("actors", [])],
            attacks=[Attack(**{**a, "mentions": mentions(a.get("mentions"))}) for a in obj.get("attacks", [])],
            statements=[Statement(**s) for s in obj.get("statements", [])],
            sources=[Source(**s) for s in obj.get("sources", [])],
        )


def write_jsonl(extractions: Iterable[Extraction], fh: IO[str]) -> int:
    """Write one JSON object per line; returns how many were written."""
    n = 0
    for ex in extractions:
        fh.write(json.dumps(ex.to_json(), ensure_ascii=False) + "\n")
        n += 1
    return n


def read_jsonl(fh: IO[str] | IO[bytes], name: str = "<stream>",
               on_error: Callable[[InputError], None] | None = None) -> Iterator[Extraction]:
    """Read ``claimgraph extract`` output; a bad line raises InputError naming file:line.

    With ``on_error``, a bad line goes to it instead and reading goes on. A
    binary ``fh`` is decoded line by line, so a line that is not UTF-8 is one
    bad line rather than the end of the file.
    """
    for n, line in enumerate(fh, 1):
        try:
            if isinstance(line, bytes):
                line = line.decode("utf-8")
            if not line.strip():
                continue
            record = Extraction.from_json(json.loads(line))
        except (UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError, AttributeError) as exc:
            error = InputError(
                f"{name}:{n}",
                f"not a claimgraph extraction record ({exc.__class__.__name__}: {exc}).",
                "Give the output of 'claimgraph extract'.",
                reason="malformed record",
            )
            if on_error is None:
                raise error from exc
            on_error(error)
            continue
        yield record
