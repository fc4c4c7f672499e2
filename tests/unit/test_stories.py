"""A digest of feed items is many stories: a statement that names no attack falls back
on the attack its own story is about, never on another item's."""

from claimgraph.loaders.extract import extract_text
from claimgraph.loaders.nlp import build_pipeline
from claimgraph.loaders.components.paragraphs import story_starts

ITEMS = [
    ("Car bomb kills five in Karak market",
     "A car bomb killed five people at the Karak market on Monday. The market bombing was the third this year."),
    ("Minister resigns over budget", "The finance minister resigned on Tuesday after a vote in parliament."),
    ("Port strike ends", "Dock workers in Velsen returned to work on Wednesday."),
    ("Rebels reject blame", "The Northern Liberation Front denied any responsibility, its spokesman said."),
]
DIGEST = "Source:Example Wire, URL:http://example.org/feed\n\n" + "\n\n".join(f"{h}\n\n{b}" for h, b in ITEMS) + "\n"


def test_a_digest_has_a_story_per_headline():
    doc = build_pipeline()(DIGEST)
    starts = story_starts(doc)
    assert [doc[i:i + 2].text for i in starts[1:]] == ["Car bomb", "Minister resigns", "Port strike", "Rebels reject"]


def test_a_field_of_an_exported_item_is_no_story():
    # "- user: None" between a headline and its summary, as some feed exports print them
    digest = DIGEST.replace("\n\nA car bomb", "\n\n- user: None\n\nA car bomb")
    doc = build_pipeline()(digest)
    assert [doc[i:i + 2].text for i in story_starts(doc)[1:]] == ["Car bomb", "Minister resigns", "Port strike",
                                                                  "Rebels reject"]


def test_an_article_is_one_story():
    article = "Car bomb kills five in Karak market\n\n" + " ".join(b for _, b in ITEMS) + "\n"
    assert story_starts(build_pipeline()(article)) == [0]


def _denials(ex) -> list:
    return [(s.claimant, s.attack) for s in ex.statements if s.polarity == "denies"]


def test_a_denial_in_another_item_is_not_about_the_bombing():
    assert _denials(extract_text(DIGEST)) == []
    # the same words as one article: the denial is about the bombing the article is about
    ex = extract_text("Car bomb kills five in Karak market\n\n" + " ".join(b for _, b in ITEMS) + "\n")
    bombing = next(a.id for a in ex.attacks if any("bomb" in m.text for m in a.mentions))
    assert ("actor/northern-liberation-front", bombing) in _denials(ex)


def test_an_attack_named_in_one_item_is_not_another_items_attack():
    items = ITEMS[:3] + [("Police open inquiry", "Police in Velsen are investigating the attack, a spokesman said.")]
    text = "Source:Example Wire\n\n" + "\n\n".join(f"{h}\n\n{b}" for h, b in items) + "\n"
    ex = extract_text(text)
    last_item = text.index("Police open inquiry")
    bombing = next(a for a in ex.attacks if any("bomb" in m.text for m in a.mentions))
    assert all(m.start < last_item for m in bombing.mentions)


def test_a_pronoun_does_not_reach_into_another_item():
    items = [ITEMS[0], ("Minister resigns over budget", "Finance Minister Omar Haddad resigned on Tuesday."),
             ITEMS[2], ("Suspect questioned", "He denied any part in the bombing of the Karak market, police said.")]
    text = "Source:Example Wire\n\n" + "\n\n".join(f"{h}\n\n{b}" for h, b in items) + "\n"
    haddad = [a for a in extract_text(text).actors if a.name == "Omar Haddad"]
    assert haddad and all(m.text != "He" for m in haddad[0].mentions)
