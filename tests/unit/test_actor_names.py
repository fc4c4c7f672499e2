"""Actors named as the text names them: a name with its acronym in brackets, and speakers
known only by office or report and their country, through the full path (truecasing included)."""

from __future__ import annotations

import pytest

from claimgraph.loaders.extract import extract_text

PCE = ("The Communist Party of Spain (PCE) condemned the bombing in Madrid on Monday. "
       "The PCE said the police had known of the plot for weeks.")
PCCH = ("The Communist Party of Chile [PCCh] denied any part in the attack on the barracks. "
        "The PCCh said the CNI carried out the attack to discredit the opposition.")


def actors(text: str) -> dict[str, tuple[str, set[str], list[str]]]:
    """name -> (kind, aliases, part_of) of the actors found in ``text``."""
    return {a.name: (a.kind, set(a.aliases), a.part_of) for a in extract_text(text).actors}


@pytest.mark.parametrize("text", [PCE, PCE.upper()])
def test_a_name_and_its_acronym_are_one_actor(text):
    found = actors(text)
    assert found["Communist Party of Spain"][0] == "organisation"
    assert "PCE" in found["Communist Party of Spain"][1]
    assert not {"PCE", "Communist Party"} & found.keys()


@pytest.mark.parametrize("text", [PCCH, PCCH.upper()])
def test_an_acronym_in_square_brackets_speaks_for_the_name(text):
    ex = extract_text(text)
    names = {a.id: a.name for a in ex.actors}
    assert {names[s.claimant] for s in ex.statements} == {"Communist Party of Chile"}


def test_a_place_and_its_country_in_brackets_stay_apart():
    found = actors("Moscow (USSR) said the Islamic State carried out the attack.")
    assert not any("USSR" in aliases for name, (_, aliases, _) in found.items() if name != "Soviet Union")


def test_a_person_with_a_party_acronym_is_no_party():
    found = actors("Saturnino Arana (PJ) blamed the army for the bombing.")
    assert "Saturnino Arana" in found and "PJ" not in found["Saturnino Arana"][1]


@pytest.mark.parametrize("text, name, kind, parent", [
    ("Russia behind pipeline blasts - Polish minister", "Polish minister", "collective", "actor/poland"),
    ("Russia behind Nord Stream sabotage: German report", "German report", "report", "actor/germany"),
    ("A German report said Russia was behind the Nord Stream sabotage.", "German report", "report", "actor/germany"),
    ("Queensland police said the man carried out the attack.", "Queensland police", "collective", "actor/queensland"),
    ("El Paso, Texas police said the gunman carried out the shooting.", "El Paso, Texas police", "collective",
     "actor/texas"),
])
def test_a_speaker_by_office_or_report_is_part_of_its_country(text, name, kind, parent):
    found = actors(text)
    assert found[name][0] == kind and parent in found[name][2]


@pytest.mark.parametrize("text", [
    "Russia behind pipeline blasts - minister",  # no country: nobody in particular
    "The Polish minister arrived in Kyiv on Monday. Russia carried out the attack, Ukraine said.",  # says nothing
    "A Texas man said he saw the gunman before the shooting.",  # no body of the state
])
def test_an_office_that_is_no_speaker_of_a_country_is_nobody_new(text):
    assert not {"minister", "polish minister", "texas man"} & {n.lower() for n in actors(text)}


def test_the_west_is_an_actor_but_not_the_west_bank():
    assert "West" in actors("Nord Stream leak: West shores up pipeline security, blaming Russia 'sabotage'")[
        "Western governments"][1]
    assert "Western governments" not in actors("Israeli troops raided a town in the West Bank on Monday.")


def test_an_officer_is_named_with_his_rank_too():
    found = actors("Colonel Guillermo Alfredo Benavides Moreno denied that the army carried out the massacre.")
    assert "Colonel Guillermo Alfredo Benavides Moreno" in found["Guillermo Alfredo Benavides Moreno"][1]


def test_a_known_persons_surname_in_another_full_name_is_not_that_person():
    found = actors("CAPTAIN ALONSO CHAVEZ GARCIA DENIED THAT THE ARMY KILLED THE PEASANTS.")
    assert "Alonso Chavez Garcia" in found and "Hugo Chavez" not in found
    assert "Hugo Chavez" in actors("President Hugo Chavez said the army killed the peasants.")


def test_a_bracketed_acronym_of_a_known_actor_names_the_text_s_own_name():
    # "IS" is the Islamic State's acronym in the gazetteer; here it stands for the name before it
    found = actors("THE SOCIALIST INTERNATIONAL [IS] COMMISSION FOR LATIN AMERICA MET IN QUITO. "
                   "THE IS BLAMED THE ARMY FOR THE MURDER OF SIX PRIESTS.")
    assert "IS" in found["Socialist International"][1]
    assert not {"Islamic State", "United States"} & found.keys()  # nor is "Latin America" the US


def test_a_surname_the_lexicon_knows_stays_in_the_name():
    ex = extract_text("CARLOS MORALES EHRLICH ARRIVED IN GUATEMALA ON MONDAY. DURING HIS SPEECH MORALES EHRLICH "
                      "BLAMED THE ARMY FOR THE MURDER OF SIX JESUIT PRIESTS.")
    names = {a.id: a.name for a in ex.actors}
    assert "Carlos Morales Ehrlich" in names.values()
    assert {names[s.claimant] for s in ex.statements} == {"Morales Ehrlich"}  # not "Speech Morales"


@pytest.mark.parametrize("name", ["Tamsin Oduya", "Corwin Halvorsen"])
def test_a_name_with_an_age_is_a_person(name):
    # whatever the NER takes the name for, only a person has an age
    found = actors(f"{name}, 42, was sentenced to 17 years in prison on Tuesday for the attack.")
    assert found[name][0] == "person"
