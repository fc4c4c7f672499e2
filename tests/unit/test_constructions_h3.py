"""Attribution constructions read by the rules, on sentences written for these tests: a threat
made with a future on the verb the deed completes."""

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
