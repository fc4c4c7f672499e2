"""Attack mentions (claimgraph_attacks) on sentences written for these tests."""

import pytest

from claimgraph.loaders.components.attacks import ATTACK_SPANS


def attacks(nlp, text):
    return [(s.text, s.label_) for s in nlp(text).spans[ATTACK_SPANS]]


def test_a_deed_on_the_suspects_of_an_attack_is_an_attack_of_its_own(nlp):
    found = attacks(nlp, "The army says it has killed two militants wanted in connection with a deadly bombing.")
    assert {label for _, label in found} == {"killing of two militants", "deadly bombing"}


def test_a_deed_on_victims_parsed_as_a_clause_of_their_own_is_an_attack(nlp):
    # "wanted ..." is parsed as a clause with "Afghans" its subject: they are still the victims
    found = attacks(nlp, "Police say they have killed two Afghans wanted in connection with a deadly bombing in the capital")
    assert {label for _, label in found} == {"killing of two afghans", "deadly bombing"}


def test_a_deed_coordinated_with_another_is_an_attack_of_its_own(nlp):
    # the bombs are the second deed's object: the first deed is still told
    found = attacks(nlp, "The rebels said they had kidnapped a student and placed bombs in several offices.")
    assert ("kidnapped a student", "kidnapping of student") in found, found


@pytest.mark.parametrize("text", [
    "Republican senators blasted the government's decision to close the border.",
    "The city council has been blasted over its new parking rules.",
])
def test_blasting_someone_is_criticism_not_an_attack(nlp, text):
    assert not attacks(nlp, text)
