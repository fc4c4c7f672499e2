"""Actor mentions and coreference on news phrasing written for these tests (helper HF's
challenge set): who the rules see as claimant and accused."""

import pytest

from claimgraph.loaders.components.actors import ACTOR_SPANS
from test_constructions import rule_statements


@pytest.mark.parametrize("text, group, polarity", [
    ("Islamic State West Africa Province said its fighters killed 30 soldiers in an ambush near Damboa.",
     "Islamic State West Africa Province", "asserts"),
    ("The Kachin Independence Army denied that its troops had attacked the jade mine in Hpakant.",
     "Kachin Independence Army", "denies"),
    ("The Wagner Group denied its fighters had killed civilians in Moura, Mali.", "Wagner Group", "denies"),
])
def test_members_named_by_a_possessive_pronoun_are_the_group(nlp, text, group, polarity):
    found = rule_statements(nlp, text)
    assert (group, polarity, group) in found, found
    assert not any(a in ("fighters", "troops") for _, _, a in found), found


def test_members_of_the_group_referred_back_to_are_the_group(nlp):
    doc = nlp("Jaish al-Adl claimed the attack on a police station in Rask. Iranian state media said "
              "the group's gunmen killed 11 officers.")
    assert "gunmen" not in {s.label_ for s in doc.spans[ACTOR_SPANS]}
