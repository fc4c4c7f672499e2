"""A Title Case headline in a mixed-case text is recased word by word; its acronyms and the
actors a headline names by one capitalised word keep their case."""

from __future__ import annotations

import pytest

from claimgraph.loaders.extract import extract_text
from claimgraph.loaders.nlp import truecaser
from claimgraph.loaders.truecase import recase


@pytest.fixture(scope="module")
def truecase(nlp):
    return truecaser(nlp)


def test_acronyms_in_a_title_case_headline_keep_their_capitals(truecase):
    out = recase("UK And EU Condemn IS Attack On Kabul Airport\n\nThe body says little.\n", truecase)
    assert out.startswith("UK and EU condemn IS attack")


def test_a_headline_in_capitals_is_no_run_of_acronyms(truecase):
    line = "RUSSIA BLAMES UKRAINE FOR THE ATTACK ON THE BRIDGE"
    out = recase(line + "\n\nThe body is in mixed case, as most of the text is.\n", truecase)
    assert not out.startswith(line)


def test_the_west_named_in_a_headline_is_an_actor():
    ex = extract_text("Russian Security Chiefs Blame Concert Attack on Ukraine, West\n\n"
                      "The head of the FSB spoke on Tuesday.\n")
    assert "Western governments" in {a.name for a in ex.actors}
