"""Articles in, extraction records out: the spaCy pipeline's results as the IR."""

from __future__ import annotations

import multiprocessing
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from itertools import groupby
from typing import Callable, Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from ..graph.model import (
    Actor, Article, Attack, Extraction, Mention, Source, Statement, actor_id, attack_id,
)
from .components.actors import ACTOR_SPANS, PART_OF
from .components.coref import COREF_SPANS
from .components.attacks import ATTACK_INFO, ATTACK_SPANS, PUBLISHED
from .components.attribution import STATEMENTS
from .nlp import COMPONENTS, build_pipeline, truecaser
from .normalize import CleanText, clean
from .truecase import Truecaser, recase

__all__ = ["extract", "extract_text", "sources_for"]

BATCH_SIZE = 16
# The model's transient memory grows with the tokens of a batch, about 18 KB a token (measured;
# mostly the outputs of tok2vec's layers), so a worker's peak is set by its largest batch:
# batches end at BATCH_TOKENS tokens as well as at batch_size texts (6,000: about 110 MB).
BATCH_TOKENS = 6_000
CHUNK_BATCHES = 8  # batches per memory zone


def extract(articles: Iterable[Article], nlp: Language | None = None, batch_size: int = BATCH_SIZE,
            on_error: Callable[[Article, Exception], None] | None = None,
            workers: int = 1) -> Iterator[Extraction]:
    """Run the pipeline over articles, yielding one Extraction each, in order.

    Articles go through in chunks, each inside ``nlp.memory_zone()`` so memory
    stays flat on long runs. When ``on_error`` is given, an article the
    pipeline fails on is handed to it and the others go on; without it the
    error is raised.

    ``workers`` > 1 spreads shards of ``batch_size`` articles over that many
    processes (forked with the pipeline already loaded where the platform
    can fork); the records are the same and come in the same order as with
    one worker, and ``on_error`` is still called in this process.

    >>> from claimgraph.graph.model import Article, article_id
    >>> text = "Officials said the Islamic State was behind the Paris attack."
    >>> ex = next(extract([Article(article_id(text), text)]))
    >>> [(s.claimant, s.polarity, s.accused) for s in ex.statements]
    [('actor/officials', 'asserts', 'actor/islamic-state')]
    """
    if workers > 1:
        yield from _extract_parallel(articles, nlp, batch_size, on_error, workers)
        return
    nlp = nlp or build_pipeline()
    truecase = truecaser(nlp)
    for chunk in _chunks(articles, batch_size * CHUNK_BATCHES):
        # Long articles go through in pieces cut at paragraph ends (spaCy's max_length);
        # each piece's offsets are shifted back into the whole article.
        try:
            with nlp.memory_zone():
                parts = _extractions(nlp, chunk, truecase, batch_size)
        except Exception:
            if on_error is None:
                raise
            parts = []
            for art in chunk:  # again one by one, to find the article at fault
                try:
                    with nlp.memory_zone():
                        parts += _extractions(nlp, [art], truecase, batch_size)
                except Exception as exc:  # noqa: BLE001 - reported to the caller, the run goes on
                    on_error(art, exc)
        for _, group in groupby(parts, key=lambda p: id(p[0])):
            yield _merged([ex for _, ex in group])


def _extractions(nlp: Language, arts: list[Article], truecase: Truecaser,
                 batch_size: int) -> list[tuple[Article, Extraction]]:
    """(article, record of one piece) for every piece of the articles, in order."""
    return [(art, _shifted(to_extraction(doc, art, c), offset))
            for art, offset, c, doc in annotated(nlp, arts, truecase, batch_size)]


def annotated(nlp: Language, arts: list[Article], truecase: Truecaser,
              batch_size: int = BATCH_SIZE) -> Iterator[tuple[Article, int, CleanText, Doc]]:
    """(article, offset, cleaned piece, annotated doc) for every piece of the articles, in order."""
    prepared = [(art, offset, clean(piece)) for art in arts for offset, piece in _pieces(art.text)]
    docs = _pipe(nlp, [recase(c.text, truecase) for _, _, c in prepared], batch_size,
                 [art.published for art, _, _ in prepared])
    for doc, (art, offset, c) in zip(docs, prepared):
        yield art, offset, c, doc


def _pipe(nlp: Language, texts: list[str], batch_size: int, published: list[str | None]) -> Iterator[Doc]:
    """``nlp.pipe(texts)`` with the model's memory bounded: its pipes read each text in pieces of
    at most MODEL_PIECE characters, in batches of at most ``batch_size`` pieces and BATCH_TOKENS
    tokens; the pieces of a text are joined again before claimgraph's rules, which read it whole.
    Each text's publication date goes to the rules too: "on Friday" is read in its year."""
    rules = [(name, proc) for name, proc in nlp.pipeline if name in COMPONENTS]
    pieces = ((i, nlp.make_doc(piece)) for i, text in enumerate(texts) for _, piece in _pieces(text, MODEL_PIECE))
    annotated = ((i, doc) for batch in _batches(pieces, batch_size, BATCH_TOKENS)
                 for i, doc in zip([i for i, _ in batch],
                                   nlp.pipe([d for _, d in batch], batch_size=len(batch), disable=COMPONENTS)))
    for i, group in groupby(annotated, key=lambda p: p[0]):
        docs = [doc for _, doc in group]
        # ensure_whitespace=False: the joined text is exactly the text (pieces end at a cut).
        doc = docs[0] if len(docs) == 1 else Doc.from_docs(docs, ensure_whitespace=False, exclude=["tensor"])
        doc.user_data[PUBLISHED] = published[i]
        for _, proc in rules:
            doc = proc(doc)
        yield doc


def _batches(pieces: Iterable[tuple[int, Doc]], size: int, max_tokens: int) -> Iterator[list[tuple[int, Doc]]]:
    """Consecutive batches of at most ``size`` docs and ``max_tokens`` tokens (a longer doc goes alone)."""
    batch: list = []
    tokens = 0
    for item in pieces:
        if batch and (len(batch) == size or tokens + len(item[1]) > max_tokens):
            yield batch
            batch, tokens = [], 0
        batch.append(item)
        tokens += len(item[1])
    if batch:
        yield batch


MAX_PIECE = 100_000  # characters the rules read at once (spaCy's own limit is 1,000,000)
MODEL_PIECE = 20_000  # characters the model reads at once: about 4,000 tokens, 70 MB of its memory


def _pieces(text: str, size: int = MAX_PIECE) -> list[tuple[int, str]]:
    """(offset, piece) pairs covering ``text``, cut at a paragraph, line, sentence or word end."""
    if len(text) <= size:
        return [(0, text)]
    out, start = [], 0
    while start < len(text):
        end = min(start + size, len(text))
        if end < len(text):
            for sep in ("\n\n", "\n", ". ", " "):
                cut = text.rfind(sep, start + size // 2, end)
                if cut != -1:
                    end = cut + len(sep)
                    break
        out.append((start, text[start:end]))
        start = end
    return out


def _shifted(ex: Extraction, offset: int) -> Extraction:
    if offset:
        for item in [*ex.actors, *ex.attacks]:
            item.mentions = [replace(m, start=m.start + offset, end=m.end + offset) for m in item.mentions]
        ex.statements = [replace(s, start=s.start + offset, end=s.end + offset) for s in ex.statements]
    return ex


def _merged(parts: list[Extraction]) -> Extraction:
    """One article's record from the records of its pieces."""
    if len(parts) == 1:
        return parts[0]
    whole = parts[0]
    actors = {a.id: a for a in whole.actors}
    attacks = {a.id: a for a in whole.attacks}
    for ex in parts[1:]:
        for a in ex.actors:
            if a.id in actors:
                mine = actors[a.id]
                mine.mentions += a.mentions
                mine.aliases = sorted(set(mine.aliases) | set(a.aliases))
                mine.part_of += [p for p in a.part_of if p not in mine.part_of]
            else:
                actors[a.id] = a
        for t in ex.attacks:
            if t.id in attacks:
                mine = attacks[t.id]
                mine.mentions += t.mentions
                mine.date, mine.place = mine.date or t.date, mine.place or t.place
            else:
                attacks[t.id] = t
    seen = set()
    statements = []
    for s in (s for ex in parts for s in ex.statements):
        key = (s.claimant, s.accused, s.attack, s.polarity)
        if key not in seen:
            seen.add(key)
            statements.append(s)
    sources = list({s.id: s for ex in reversed(parts) for s in ex.sources}.values())
    return Extraction(whole.article, list(actors.values()), list(attacks.values()), statements, sources)


# --- workers > 1: a process pool over shards, results in input order --------------------------

_WORKER_NLP: Language | None = None


def _init_worker(nlp: Language | None) -> None:
    global _WORKER_NLP
    _WORKER_NLP = nlp if nlp is not None else build_pipeline()
    truecaser(_WORKER_NLP)


def _extract_shard(shard: list[Article], batch_size: int, report: bool) -> list:
    """One shard in a worker: Extractions, and ``(article, exception)`` pairs where one failed."""
    out: list = []
    errors: list = []
    done = extract(shard, _WORKER_NLP, batch_size, (lambda art, exc: errors.append((art, exc))) if report else None)
    for ex in done:
        out.append(ex)
    if not errors:
        return out
    failed = {id(art): exc for art, exc in errors}
    merged, it = [], iter(out)
    for art in shard:  # put each error where its article was, so the caller sees input order
        merged.append((art, _picklable(failed[id(art)])) if id(art) in failed else next(it))
    return merged


def _picklable(exc: Exception) -> Exception:
    import pickle

    try:
        pickle.loads(pickle.dumps(exc))
        return exc
    except Exception:  # noqa: BLE001 - any exception must reach the parent somehow
        return RuntimeError(f"{exc.__class__.__name__}: {exc}")


def _extract_parallel(articles: Iterable[Article], nlp: Language | None, batch_size: int,
                      on_error: Callable[[Article, Exception], None] | None, workers: int) -> Iterator[Extraction]:
    fork = "fork" in multiprocessing.get_all_start_methods()
    if fork:
        # Forked workers share the parent's loaded pipeline (copy-on-write): no reload.
        nlp = nlp or build_pipeline()
        truecaser(nlp)
    ctx = multiprocessing.get_context("fork" if fork else "spawn")
    with ProcessPoolExecutor(workers, mp_context=ctx, initializer=_init_worker,
                             initargs=(nlp if fork else None,)) as pool:
        pending: deque = deque()
        shards = _chunks(articles, batch_size)
        for shard in shards:  # at most 2 shards per worker in flight: memory stays bounded
            pending.append(pool.submit(_extract_shard, shard, batch_size, on_error is not None))
            if len(pending) >= 2 * workers:
                yield from _results(pending.popleft().result(), on_error)
        while pending:
            yield from _results(pending.popleft().result(), on_error)


def _results(items: list, on_error) -> Iterator[Extraction]:
    for item in items:
        if isinstance(item, Extraction):
            yield item
        else:
            on_error(*item)


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    chunk: list = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def extract_text(text: str, nlp: Language | None = None, **article) -> Extraction:
    """Extract from one text given as a string."""
    from ..graph.model import article_id

    return next(extract([Article(article_id(text), text, **article)], nlp))


def to_extraction(doc: Doc, art: Article, cleaned: CleanText) -> Extraction:
    """Turn the annotations the components left on ``doc`` into IR records."""
    part_of = doc.user_data.get(PART_OF, {})
    kinds = {}
    mentions: dict[str, list[Mention]] = {}
    coref = {(s.start, s.end) for s in doc.spans.get(COREF_SPANS, [])}
    names: dict[str, set[str]] = {}
    for span in doc.spans.get(ACTOR_SPANS, []):
        kinds.setdefault(span.label_, span.kb_id_)
        mention = _mention(span, cleaned)
        mentions.setdefault(span.label_, []).append(mention)
        if (span.start, span.end) not in coref:
            names.setdefault(span.label_, set()).add(mention.text)
            names[span.label_].update(_mention(d, cleaned).text for d in _descriptions(span))
    actors = [Actor(actor_id(name), name, kinds[name], _aliases(name, kinds[name], names.get(name, set())),
                    [actor_id(p) for p in part_of.get(name, [])], ms)
              for name, ms in mentions.items()]
    by_name = {a.name: a for a in actors}

    info = doc.user_data.get(ATTACK_INFO, {})
    attack_mentions: dict[str, list[Mention]] = {}
    for span in doc.spans.get(ATTACK_SPANS, []):
        attack_mentions.setdefault(span.label_, []).append(_mention(span, cleaned))
    attacks = [Attack(attack_id(name), _display(name), info[name]["kind"], info[name]["date"], info[name]["place"],
                      [], ms)
               for name, ms in attack_mentions.items()]

    statements = to_statements(doc.user_data.get(STATEMENTS, []), art, cleaned)
    sources = sources_for(art, actors)
    # Referenced parents (PART_OF) must exist as actors of this record too.
    for a in list(actors):
        for parent in a.part_of:
            if parent not in {x.id for x in actors}:
                name = next((p for p in part_of.get(a.name, []) if actor_id(p) == parent), parent)
                actors.append(Actor(parent, name, by_name[name].kind if name in by_name else "state"))
    return Extraction(art, actors, attacks, statements, sources)


def to_statements(found: list[dict], art: Article, cleaned: CleanText) -> list[Statement]:
    """IR statements from the components' statement dicts (names of actors and attacks, offsets in the cleaned text)."""
    out = []
    for s in found:
        start, end = cleaned.orig_span(s["start"], s["end"])
        out.append(Statement(
            claimant=actor_id(s["claimant"]), accused=actor_id(s["accused"]), attack=attack_id(s["attack"]),
            polarity=s["polarity"], cue=s["cue"], quote=cleaned.original[start:end], start=start, end=end,
            article=art.id, hedged=s["hedged"], certainty=s["certainty"], channel=s["channel"],
            confidence=s.get("confidence"),
        ))
    return out


def _aliases(name: str, kind: str, forms: set[str]) -> list[str]:
    """Other forms of the name: how the text names it (not "he" or "the group"), and for
    a person the surname alone."""
    forms = set(forms)
    if kind == "person" and " " in name:
        forms.add(name.split()[-1])
    if kind == "collective" and " " in name:
        forms.add(_singular(name))  # "Ukrainian militaries": each is "the Ukrainian military"
    return sorted(forms - {name})


def _descriptions(span) -> list:
    """How the text describes an actor it names by a common noun, in full: the noun with
    all its modifiers before it ("seven leftwing party leaders"), and with the phrase or
    participle after it when short ("persons living near the office")."""
    root = span.root
    if root.pos_ != "NOUN":
        return []
    doc = root.doc
    pre = [c for c in root.children if c.i < root.i and c.dep_ in ("amod", "compound", "nummod", "nmod", "quantmod")]
    start = min([c.left_edge.i for c in pre] + [span.start])
    out = [doc[start:max(span.end, root.i + 1)]]
    post = [c for c in root.children if c.i > root.i and c.dep_ in ("prep", "acl")]
    if post:
        end = post[0].right_edge.i + 1
        if end - start <= 8 and not any(t.is_punct for t in doc[root.i:end]):
            out.append(doc[start:end])
    return [d for d in out if (d.start, d.end) != (span.start, span.end)]


def _singular(name: str) -> str:
    """The name with its last word in the singular, by the regular English endings."""
    head, last = name.rsplit(" ", 1)
    low = last.lower()
    if low.endswith("ies") and len(low) > 4:
        last = last[:-3] + ("Y" if last.isupper() else "y")
    elif low.endswith("s") and not low.endswith(("ss", "us", "is")):
        last = last[:-1]
    return f"{head} {last}"


def _display(name: str) -> str:
    """Canonical attack names read as titles: "Crocus City Hall attack"."""
    return name[:1].upper() + name[1:]


def _mention(span, cleaned: CleanText) -> Mention:
    start, end = cleaned.orig_span(span.start_char, span.end_char)
    return Mention(cleaned.original[start:end], start, end)


def sources_for(art: Article, actors: list[Actor]) -> list[Source]:
    """The publisher, and every media outlet the article names (it cites them)."""
    out = []
    if art.outlet:
        out.append(Source(actor_id(art.outlet), art.outlet, "published_by"))
    for a in actors:
        if a.kind == "media_outlet" and a.id not in {s.id for s in out}:
            out.append(Source(a.id, a.name, "cites"))
    return out
