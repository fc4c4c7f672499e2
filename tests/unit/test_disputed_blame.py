"""Attribution constructions that dispute a blame or deny one's own part, on sentences written for these tests."""

import pytest

from claimgraph.loaders.components.candidates import CANDIDATES


def rule_statements(nlp, text):
    """What the rules say (the candidates they make), whatever the shipped model keeps of it."""
    doc = nlp(text)
    return {(c["claimant"], c["polarity"], c["accused"]) for c in doc.user_data[CANDIDATES] if c["origin"] == "rule"}


@pytest.mark.parametrize("text, claimant, accused", [
    # a blame someone intends or tries to make is one the speaker disputes
    ("Police said the bombing of the market was done with the intention of blaming the FMLN.",
     "Police", "Farabundo Marti National Liberation Front"),
    ("Putin wants to blame Ukraine for Moscow attack – Zelensky", "Volodymyr Zelensky", "Ukraine"),
    # a blame labelled false or lacking credibility
    ("Police described the call blaming the FMLN for the bombing of the bridge as lacking credibility.",
     "Police", "Farabundo Marti National Liberation Front"),
])
def test_an_intended_or_discredited_blame_is_disputed(nlp, text, claimant, accused):
    found = rule_statements(nlp, text)
    assert (claimant, "denies", accused) in found, found
    assert (claimant, "asserts", accused) not in found, found


def test_linked_to_the_presence_of_names_those_present(nlp):
    found = rule_statements(nlp, "The minister said that the murder of the priests is in no way linked to the "
                            "presence of the FMLN in the city.")
    assert ("minister", "denies", "Farabundo Marti National Liberation Front") in found \
        or any(p == "denies" and a == "Farabundo Marti National Liberation Front" for _, p, a in found), found


def test_a_group_noun_stands_for_the_group_named_on_it(nlp):
    found = rule_statements(nlp, "The Cinchonero popular liberation movement claimed responsibility for the bombing "
                            "of the bank.")
    assert ("Cinchonero", "asserts", "Cinchonero") in found, found


def test_a_speaker_in_an_interview_denies_their_own_guilt(nlp):
    text = ("Interview with Ruben Zamora by Juan Oppes.\n\n[Oppes] Were you involved in the massacre?\n\n"
            "[Zamora] I am not guilty of the massacre.")
    found = rule_statements(nlp, text)
    assert ("Ruben Zamora", "denies", "Ruben Zamora") in found, found
    assert ("Ruben Zamora", "asserts", "Ruben Zamora") not in found, found


@pytest.mark.parametrize("text, denier", [
    # the clause denied names another subject, who is no actor: not the denier's own part
    ("Tajikistan has rejected the claims its citizens were involved in the Moscow attack.", "Tajikistan"),
    # an account is another's: rejecting it is no denial of one's own part
    ("Juan Jose Martell rejected the military version of the massacre.", "Juan Jose Martell"),
])
def test_rejecting_anothers_account_is_no_self_denial(nlp, text, denier):
    found = rule_statements(nlp, text)
    assert (denier, "denies", denier) not in found, found


def test_rejecting_an_accusation_of_ones_own_part_still_denies_it(nlp):
    found = rule_statements(nlp, "The FMLN rejected the claims that it was involved in the bombing.")
    assert ("Farabundo Marti National Liberation Front", "denies", "Farabundo Marti National Liberation Front") \
        in found, found


def test_what_should_have_been_claimed_was_not(nlp):
    found = rule_statements(nlp, "The minister said the FMLN should have claimed responsibility for the bombing of the bank.")
    assert not any(a == "Farabundo Marti National Liberation Front" for _, _, a in found), found
    found = rule_statements(nlp, "The minister said the FMLN may have carried out the bombing of the bank.")
    assert ("minister", "asserts", "Farabundo Marti National Liberation Front") in found, found


def test_a_part_in_something_other_than_a_deed_is_no_responsibility(nlp):
    found = rule_statements(nlp, "After the bombing of the bank, the minister said the FMLN had a role in the "
                            "peace talks.")
    assert ("minister", "asserts", "Farabundo Marti National Liberation Front") not in found, found
    found = rule_statements(nlp, "The minister said the FMLN had a role in the bombing of the bank.")
    assert ("minister", "asserts", "Farabundo Marti National Liberation Front") in found, found
    found = rule_statements(nlp, "After the bombing of the bank, the minister said the FMLN had played a role in the "
                            "peace talks.")
    assert ("minister", "asserts", "Farabundo Marti National Liberation Front") not in found, found
    found = rule_statements(nlp, "The minister said the FMLN had played a role in the bombing of the bank.")
    assert ("minister", "asserts", "Farabundo Marti National Liberation Front") in found, found


def test_a_country_used_to_attack_from_is_no_doer(nlp):
    found = rule_statements(nlp, "Daniel Ortega said Honduras was used as a springboard to attack Nicaragua.")
    assert ("Daniel Ortega", "asserts", "Honduras") not in found, found
