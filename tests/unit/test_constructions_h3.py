"""Attribution constructions read by the rules, on sentences written for these tests: a threat
made with a future on the verb the deed completes, a cleft ("it was Y that fired"), a
self-claim of a habit ("claims responsibility for actions it carries out"), and a charge
with an offence that is no deed."""

import pytest

from claimgraph.loaders.components.candidates import CANDIDATES


def rule_statements(nlp, text):
    """What the rules say (the candidates they make), whatever the shipped model keeps of it."""
    doc = nlp(text)
    return {(c["claimant"], c["polarity"], c["accused"]) for c in doc.user_data[CANDIDATES] if c["origin"] == "rule"}


@pytest.mark.parametrize("text", [
    "After the bombing of the courthouse, Hamas warned in a statement that it would begin attacking the police.",
    "After the bombing of the courthouse, Hamas said it will start attacking the police.",
])
def test_a_future_deed_is_a_threat(nlp, text):
    assert not rule_statements(nlp, text)


def test_a_past_deed_is_still_claimed(nlp):
    found = rule_statements(nlp, "After the bombing of the courthouse, Hamas said it began attacking the police.")
    assert ("Hamas", "asserts", "Hamas") in found, found


@pytest.mark.parametrize("text", [
    "Police said it was Hamas that fired the rockets at the market.",
    # the relative clause hung from a noun of the focus's own phrase
    "The mayor said it was Hamas in the north who fired the rockets at the market.",
    "\"It’s the rebels on the far side of the valley who are shelling us,\" the mayor said.",
])
def test_a_cleft_accuses_its_focus(nlp, text):
    found = rule_statements(nlp, text)
    accused = "rebels" if "rebels" in text else "Hamas"
    assert any(a == accused and p == "asserts" for _, p, a in found), found


def test_a_habitual_self_claim_is_no_claim(nlp):
    # what a group does as a rule, in the simple present, of a bare plural that names no attack
    found = rule_statements(nlp, "After the bombing of the courthouse, the FMLN claims responsibility for actions it carries out.")
    assert not found, found


@pytest.mark.parametrize("text", [
    "After the bombing of the courthouse, the FMLN claims responsibility for the bombing.",
    "After the bombing of the courthouse, the FMLN claimed responsibility for actions in the capital.",
])
def test_a_self_claim_of_a_deed_is_kept(nlp, text):
    found = rule_statements(nlp, text)
    assert ("Farabundo Marti National Liberation Front", "asserts", "Farabundo Marti National Liberation Front") in found, found


@pytest.mark.parametrize("text, blamed", [
    ("After the bombing, police charged John Smith with two counts of aiding suicide.", False),
    ("After the bombing, police charged John Smith with murder.", True),
    ("After the bombing, police charged John Smith with the bombing.", True),
])
def test_a_charge_is_read_by_its_offence(nlp, text, blamed):
    assert (("police", "asserts", "John Smith") in rule_statements(nlp, text)) == blamed
