"""Coreference of definite descriptions by title, through the real pipeline."""

from __future__ import annotations

import pytest

from claimgraph.loaders.components.actors import ACTOR_SPANS
from claimgraph.loaders.extract import extract_text

# Someone else is named last: the latest person is not the one the title describes.
CRISTIANI = "Salvadoran President Alfredo Cristiani met the Spanish envoy Inocente Arias on Monday. "
LARIOS = "Defense Minister Humberto Larios met the Spanish envoy Inocente Arias on Monday. "
ALONE = "{} arrived in Washington on Monday. "
REJECTS = "{} rejected the accusations that the army was responsible for the massacre."


def claimants(text: str) -> set[str]:
    """Who makes the statements found in ``text``, through the full path (truecasing included)."""
    ex = extract_text(text)
    names = {a.id: a.name for a in ex.actors}
    return {names[s.claimant] for s in ex.statements}


def described(nlp, text: str, words: str) -> str | None:
    """The actor the words of ``text`` were resolved to, if any."""
    doc = nlp(text)
    return next((s.label_ for s in doc.spans[ACTOR_SPANS] if s.text.lower() == words), None)


@pytest.mark.parametrize("upper", [False, True])
@pytest.mark.parametrize("intro, description, person", [
    (CRISTIANI, "The Salvadoran president", "Alfredo Cristiani"),
    (CRISTIANI.replace("Salvadoran President", "President-elect"), "The president-elect", "Alfredo Cristiani"),
    (LARIOS, "The defense minister", "Rafael Humberto Larios"),
    ("Judge Ricardo Zamora met the Spanish envoy Inocente Arias on Monday. ", "The judge", "Ricardo Zamora"),
    ("Volodymyr Zelenskyy spoke in Kyiv. Ukrainian President Volodymyr Zelenskyy met the Spanish envoy "
     "Inocente Arias on Monday. ", "The Ukrainian president", "Volodymyr Zelensky"),
])
def test_a_title_is_the_person_named_with_it(intro, description, person, upper):
    text = intro + REJECTS.format(description)
    assert claimants(text.upper() if upper else text) == {person}


def test_a_title_beside_a_name_introduces_it(nlp):
    text = ("Alfredo Cristiani, the president-elect, met Inocente Arias on Monday. "
            "Arias said that the president-elect seemed willing to promote an investigation.")
    assert described(nlp, text, "the president-elect") == "Alfredo Cristiani"


def test_a_judge_before_a_name_is_no_crowd(nlp):
    doc = nlp("Judge Ricardo Zamora opened the inquiry on Monday.")
    assert [s.label_ for s in doc.spans[ACTOR_SPANS]] == ["Ricardo Zamora"]


@pytest.mark.parametrize("upper", [False, True])
@pytest.mark.parametrize("intro, description", [
    (ALONE.format("Salvadoran President Alfredo Cristiani"), "The Honduran president"),  # qualified otherwise
    (ALONE.format("Salvadoran President Alfredo Cristiani"), "The defense minister"),  # another office
    (ALONE.format("Defense Minister Humberto Larios"), "The foreign minister"),
])
def test_a_mismatched_title_is_someone_else(intro, description, upper):
    # The only person named is not the one described: an unnamed speaker of its own.
    text = intro + REJECTS.format(description)
    assert {c.lower() for c in claimants(text.upper() if upper else text)} == {description[4:].lower()}


def test_a_rank_does_not_rule_out_an_office(nlp):
    text = ("Colonel Rene Emilio Ponce arrived in Washington on Monday. "
            "The military chief rejected the accusations that the army was responsible for the massacre.")
    assert described(nlp, text, "the military chief") == "Rene Emilio Ponce"
