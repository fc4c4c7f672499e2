"""Properties of extraction over arbitrary text: it never crashes, and offsets point into the original."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimgraph.graph.model import Article, article_id
from claimgraph.loaders.read import read_bytes

SENTENCES = [
    "The Islamic State claimed responsibility for the bombing in Kabul.",
    "Russian President Vladimir Putin blamed Ukraine for the Crocus City Hall attack.",
    "US officials said Ukraine had no role in the attack, and Kyiv denied any involvement.",
    "Hamas denied responsibility for the shooting in Jerusalem, a spokesman said.",
    "Officials said the Islamic State was behind the Paris attack.",
]
# invisible and troublesome characters: zero-width, bidi marks and embeddings, BOM, controls, lone surrogates
SPECIALS = ["\u200b", "\u200c", "\u200d", "\u2060", "\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d",
            "\u202e", "\u2066", "\u2069", "\ufeff", "\x00", "\x07", "\x1b", "\x7f", "\x85", "\ud800", "\udfff",
            "\udc80", "\n", "\r", "\t", "\u00a0", "\u3000", "\U0001f4a3", "\u0301", "\ufffd"]

any_char = st.characters(min_codepoint=0, max_codepoint=0x10FFFF, categories=None)
special = st.sampled_from(SPECIALS)


@st.composite
def sprinkled(draw):
    """A sentence with invisible characters put inside it, even inside names."""
    sentence = draw(st.sampled_from(SENTENCES))
    chars = list(sentence)
    for _ in range(draw(st.integers(0, 6))):
        chars.insert(draw(st.integers(0, len(chars))), draw(special))
    return "".join(chars)


pieces = st.one_of(
    st.sampled_from(SENTENCES),
    sprinkled(),
    st.text(any_char, max_size=40),
    st.text(special, min_size=1, max_size=10),
    st.builds(lambda c, n: c * n, st.sampled_from(["a", "Z", "\u0301", "-", "ب", "\u200b"]), st.integers(100, 6000)),
)
texts = st.lists(pieces, min_size=0, max_size=8).map(lambda parts: " ".join(parts))


def _check_offsets(text: str, ex) -> None:
    for s in ex.statements:
        assert 0 <= s.start <= s.end <= len(text)
        assert text[s.start:s.end] == s.quote
    for group in (ex.actors, ex.attacks):
        for item in group:
            for m in item.mentions:
                assert 0 <= m.start <= m.end <= len(text)
                assert text[m.start:m.end] == m.text


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(texts)
def test_extraction_never_crashes_and_offsets_point_into_the_original(nlp, text):
    from claimgraph.loaders.extract import extract_text

    ex = extract_text(text, nlp)
    assert ex.article.text == text
    _check_offsets(text, ex)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(sprinkled(), min_size=1, max_size=4).map(" ".join))
def test_invisible_characters_do_not_hide_statements(nlp, text):
    from claimgraph.loaders.extract import extract_text

    ex = extract_text(text, nlp)
    _check_offsets(text, ex)


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=2000), st.sampled_from(["a.txt", "a.html", "a.rss", "a.jsonl", "a.txt.gz", "-", "a"]))
def test_reading_any_bytes_never_raises(raw, name):
    for item in read_bytes(raw, name, path=name):
        assert isinstance(item, (Article, Exception))
        if isinstance(item, Article):
            assert item.text.strip() and item.id == article_id(item.text)


def test_glued_blocks_become_paragraphs_with_offsets_into_the_original():
    from claimgraph.loaders.normalize import clean

    text = "Doubts about the motiveEarly reports blamed the rebels."
    c = clean(text)
    assert c.text == "Doubts about the motive\n\nEarly reports blamed the rebels."
    start = c.text.index("Early")
    assert c.orig_span(start, start + 5) == (text.index("Early"), text.index("Early") + 5)


def test_blocks_of_a_scraped_page_glued_together_are_read_apart(nlp):
    from claimgraph.loaders.extract import extract_text

    for text in ("Doubts about the motiveHamas denied responsibility for the shooting in Jerusalem, a spokesman said.",
                 "'A cowardly act'Hamas denied responsibility for the shooting in Jerusalem, a spokesman said."):
        ex = extract_text(text, nlp)
        _check_offsets(text, ex)
        names = {a.id: a.name for a in ex.actors}
        assert ("Hamas", "denies", "Hamas") in {(names[s.claimant], s.polarity, names[s.accused]) for s in ex.statements}
        assert any(m.text == "Hamas" for a in ex.actors for m in a.mentions)
