""""No doubt that Y did it" is sure, not a denial: a doubt that is negated asserts."""

from claimgraph.loaders.extract import extract_text


def _said(text: str) -> set:
    return {(s.claimant, s.polarity, s.accused) for s in extract_text(text).statements}


def test_no_doubt_asserts():
    said = _said('A bomb exploded at the Velsen station on Monday. "We have no doubt that the Red Brigades '
                 'planted the bomb," said Interior Minister Juan Ortiz.')
    assert ("actor/juan-ortiz", "asserts", "actor/red-brigades") in said
    assert ("actor/juan-ortiz", "denies", "actor/red-brigades") not in said


def test_no_evidence_still_denies():
    said = _said("A bomb exploded at the Velsen station on Monday. Interior Minister Juan Ortiz said there was "
                 "no evidence that the Red Brigades planted the bomb.")
    assert ("actor/juan-ortiz", "denies", "actor/red-brigades") in said
