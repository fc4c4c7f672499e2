"""An actor the text names by a common noun keeps the whole description as an alias:
annotators and analysts name it so ("seven leftwing party leaders"), not by its head."""

from claimgraph.loaders.extract import extract_text


def _aliases(text: str) -> dict[str, list[str]]:
    return {a.name: a.aliases for a in extract_text(text).actors}


def test_premodifiers_make_an_alias():
    found = _aliases("Seven leftwing party leaders accused the army of the bombing of the market.")
    leaders = next(v for k, v in found.items() if k.lower().endswith("party leaders"))
    assert "Seven leftwing party leaders" in leaders


def test_a_short_phrase_after_the_noun_makes_an_alias():
    found = _aliases("Witnesses said the attackers were soldiers in uniform.")
    assert "soldiers in uniform" in found["soldiers"]


def test_names_get_no_description_alias():
    found = _aliases("The Red Brigades claimed responsibility for the bombing of the bank in Milan.")
    assert all(" in " not in alias and " of " not in alias for alias in found["Red Brigades"])
