"""Actors known by description rather than name, through the full path: a crowd's mention with
all its describing words, a body known by its spokesmen, "the report" of a body named before,
an unnamed office-holder named with his body, and "the <nationality> president" as the person
of that state the article names."""

from __future__ import annotations

from claimgraph.loaders.extract import extract_text


def _names(ex, key: str) -> set[str]:
    names = {a.id: a.name for a in ex.actors}
    return {names[getattr(s, key)] for s in ex.statements}


def test_a_crowd_mention_takes_in_its_describing_words():
    ex = extract_text("Seven moderate party leaders accused the army of the bombing in the capital.")
    leaders = next(a for a in ex.actors if a.name == "party leaders")
    assert "moderate party leaders" in {m.text for m in leaders.mentions}


def test_what_has_spokesmen_is_a_body_that_speaks():
    ex = extract_text("Spokesmen for the intelligence corps said that Escobar ordered the kidnapping of the senator.")
    assert _names(ex, "claimant") == {"intelligence corps"}
    assert not any(a.name.lower() == "spokesmen" for a in ex.actors)


def test_the_report_is_the_body_whose_report_was_named_before():
    ex = extract_text("A police intelligence report says that the cartel is weaker than before. "
                      "The report further indicates that Escobar ordered the kidnapping of the senator.")
    claimants = _names(ex, "claimant")
    assert claimants and all(name.startswith("police") for name in claimants)
    assert not any(a.kind == "report" for a in ex.actors)


def test_an_unnamed_office_holder_is_named_with_his_body():
    ex = extract_text("The director of the Lincoln high school denied that the ELN planted the bomb.")
    assert _names(ex, "claimant") == {"director of the Lincoln high school"}


def test_the_nationality_president_is_the_leader_of_that_state_named_in_the_article():
    ex = extract_text("Zelensky denies Ukraine carried out the drone attack on the Kremlin\n\n"
                      "The Ukrainian president flatly denied that his country was behind any drone attack "
                      "on the Kremlin.")
    zelensky = next(a for a in ex.actors if a.name == "Volodymyr Zelensky")
    assert "The Ukrainian president" in {m.text for m in zelensky.mentions}
    assert not any("president" in a.name.lower() for a in ex.actors)


def test_another_states_president_is_not_the_leader_named():
    ex = extract_text("Zelensky met reporters in Kyiv.\n\n"
                      "The Russian president denied that his country was behind the drone attack on the bridge.")
    zelensky = next(a for a in ex.actors if a.name == "Volodymyr Zelensky")
    assert "The Russian president" not in {m.text for m in zelensky.mentions}


def test_a_unit_named_by_its_number_is_an_actor_and_its_soldiers_are_it():
    ex = extract_text("Those responsible for the murder are soldiers of Military Detachment No. 6, Martell said.")
    unit = next(a for a in ex.actors if a.name == "Military Detachment No. 6")
    assert "soldiers of Military Detachment No. 6" in {m.text for m in unit.mentions}


def test_a_report_that_says_in_a_relative_clause_is_a_source():
    ex = extract_text("Reports that say the army carried out the massacre are premature. "
                      "The army rejected the premature interpretations that claim the military carried out "
                      "the massacre of the priests.")
    assert "premature interpretations" in {a.name for a in ex.actors if a.kind == "report"}
