"""Actors known by who they are to another: a lawyer's client."""

from __future__ import annotations

import pytest

from claimgraph.loaders.extract import extract_text


def self_claims(text: str) -> set[tuple[str, str]]:
    """(actor, polarity) of each statement an actor makes about itself in ``text``."""
    ex = extract_text(text)
    names = {a.id: a.name for a in ex.actors}
    return {(names[s.claimant], s.polarity) for s in ex.statements if s.claimant == s.accused}


@pytest.mark.parametrize("text, client", [
    ("Ortega's lawyer said his client admitted planting the bomb.", "Ortega"),
    ("Police arrested Luis Ortega in May. Ortega's attorney told reporters that her client had confessed to "
     "the bombing.", "Luis Ortega"),
])
def test_a_lawyers_client_is_the_person_whose_lawyer_speaks(text, client):
    assert self_claims(text) == {(client, "asserts")}


def test_a_client_of_a_lawyer_named_by_name_only_is_no_one():
    assert self_claims("Defense lawyer Maria Lopez said her client admitted planting the bomb.") == set()
