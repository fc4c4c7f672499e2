"""Precision traps, on sentences written for these tests: wordings that name an actor near an
attack and a reporting word, but make no statement (or not that one)."""

import pytest

from test_constructions import rule_statements


@pytest.mark.parametrize("text, victim", [
    ("Gunmen ambushed a convoy of the Congolese army near Beni, killing seven soldiers, officials said.",
     "Armed Forces of the Democratic Republic of the Congo"),
    ("Militants attacked a base of the Malian army in Boulkessi, the army said.", "Malian Armed Forces"),
])
def test_the_target_inside_an_attack_is_not_its_doer(nlp, text, victim):
    found = rule_statements(nlp, text)
    assert not any(a == victim for _, _, a in found), found


def test_a_perpetrator_named_on_the_event_noun_is_read(nlp):
    found = rule_statements(nlp, "Officials reported a massive Russian attack on Kyiv.")
    assert ("Officials", "asserts", "Russia") in found, found
