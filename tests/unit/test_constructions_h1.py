"""Attribution constructions read by the rules, on sentences written for these tests: a blamed
deed with its own "of" phrase, a report inside a relative clause, and a downed weapon's owner."""

import pytest

from claimgraph.loaders.components.candidates import CANDIDATES


def rule_statements(nlp, text):
    """What the rules say (the candidates they make), whatever the shipped model keeps of it."""
    doc = nlp(text)
    return {(c["claimant"], c["polarity"], c["accused"]) for c in doc.user_data[CANDIDATES] if c["origin"] == "rule"}


@pytest.mark.parametrize("text", [
    # the deed is the object, its victim named after it: the "of" phrase is no charge
    "Hamas blamed the killing of the mayor on the army.",
    '"We attribute the killing of the mayor to the army," said Hamas.',
    # "on the army" hung by the parser from the victim
    "Hamas blamed the bombing of the embassy on the army.",
])
def test_a_blamed_deed_with_its_victim_is_read(nlp, text):
    assert ("Hamas", "asserts", "army") in rule_statements(nlp, text)


@pytest.mark.parametrize("text", [
    "Police arrested John Smith, who they say planted the bomb at the market.",
    "Police arrested John Smith, who they said had planted the bomb at the market.",
])
def test_a_report_in_a_relative_clause_accuses_its_antecedent(nlp, text):
    found = rule_statements(nlp, text)
    assert ("Police", "asserts", "John Smith") in found, found
    # the speaker is not the one the clause is about, nor the doer
    assert not any(c == "John Smith" or (p, a) == ("asserts", "Police") for c, p, a in found), found


def test_a_downed_weapon_is_its_owners_attack(nlp):
    # the one who shot the drones down defends; whose drones they were attacked
    found = rule_statements(nlp, "The drone attack on Kyiv lasted all night. The army said it shot down Russia's drones.")
    assert ("army", "asserts", "Russia") in found, found
    assert not any(a in ("army", "Ukraine") for _, _, a in found), found


@pytest.mark.parametrize("text", [
    "John Smith confessed to the murder of the mayor.",
    "John Smith admitted the murder of the mayor.",
    "John Smith has admitted to carrying out the bombing.",
])
def test_an_admitted_deed_is_a_self_claim(nlp, text):
    assert ("John Smith", "asserts", "John Smith") in rule_statements(nlp, text)


@pytest.mark.parametrize("text, polarity", [
    ("Hamas said Israel was to blame for the bombing.", "asserts"),
    ("Israel is to blame for the bombing, Hamas said.", "asserts"),
    ("Hamas said Israel was not to blame for the bombing.", "denies"),
])
def test_to_blame_is_answerable(nlp, text, polarity):
    assert ("Hamas", polarity, "Israel") in rule_statements(nlp, text)


def test_to_blame_for_no_deed_is_no_statement(nlp):
    assert not rule_statements(nlp, "Hamas said Israel is to blame for the economic crisis.")


@pytest.mark.parametrize("text", [
    "Police suspect Hamas of carrying out the bombing.",
    "Police suspected Hamas in the bombing.",
])
def test_suspecting_someone_of_a_deed_blames_them(nlp, text):
    assert ("Police", "asserts", "Hamas") in rule_statements(nlp, text)


@pytest.mark.parametrize("text", [
    "Hamas claimed the bombing in a statement on Telegram.",
    "Hamas, which claimed the bombing, said it would strike again.",
])
def test_claiming_the_attack_itself_is_a_self_claim(nlp, text):
    assert ("Hamas", "asserts", "Hamas") in rule_statements(nlp, text)


def test_the_accused_of_a_headline_is_no_self_claimant(nlp):
    # "of killing" hangs from the charge: the one charged is no speaker of it
    found = rule_statements(nlp, "Man accused of killing Vermont man denied release by federal judge")
    assert ("Man", "asserts", "Man") not in found, found
