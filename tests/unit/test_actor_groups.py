"""Actors behind a plural noun that a name qualifies: members of a group named before the noun
("Hamas fighters", '"Shining Path" terrorists') are that group, wherever they are said to be."""

from __future__ import annotations

import pytest

from claimgraph.loaders.extract import extract_text


def _accused(ex) -> set[str]:
    names = {a.id: a.name for a in ex.actors}
    return {names[s.accused] for s in ex.statements}


@pytest.mark.parametrize("text, group", [
    # a place after the noun says where they are, not whose they are
    ("Police said Hamas fighters in Gaza carried out the bombing.", "Hamas"),
    ('The minister said "Shining Path" terrorists in Bolivia set off the bomb.', "Shining Path"),
])
def test_members_named_by_their_group_are_the_group(text, group):
    ex = extract_text(text)
    assert _accused(ex) == {group}
    assert not any(a.name.lower().endswith(("fighters", "terrorists")) for a in ex.actors)

