"""The truecaser that wire copy set in capitals goes through before the model reads it."""

from __future__ import annotations

import pytest

from claimgraph.loaders.lexicon import data_path
from claimgraph.loaders.nlp import truecaser
from claimgraph.loaders.truecase import is_all_caps_text, recase


@pytest.fixture(scope="module")
def truecase(nlp):
    return truecaser(nlp)


def test_same_length_so_offsets_hold(truecase):
    text = "SAN SALVADOR, 17 NOV 89 (AFP) -- THE FMLN TODAY BLAMED THE ARMY FOR THE MASSACRE."
    assert len(truecase(text)) == len(text)


def test_names_the_lexicon_also_knows_get_their_capital(truecase):
    # "salvador", "nov" and "jesuit" are in the lemmatizer's word list (WordNet lists names
    # too); the name-case table says they are written with a capital.
    out = truecase("SAN SALVADOR, 17 NOV 89 -- SIX JESUIT PRIESTS WERE MURDERED.")
    assert out.startswith("San Salvador, 17 Nov 89")
    assert "six Jesuit priests were murdered" in out


def test_dateline_months_are_names(truecase):
    assert truecase("BOGOTA, 27 APR 90 (AFP) -- TEXT").startswith("Bogota, 27 Apr 90")


def test_common_words_lower_acronyms_kept_verbs_before_names_lower(truecase):
    out = truecase("THE GUERRILLAS OF THE FMLN KILLED CRISTIANI'S BODYGUARD.")
    assert out == "The guerrillas of the FMLN killed Cristiani's bodyguard."


def test_title_before_a_name_is_part_of_it(truecase):
    out = truecase("WITNESSES SAID COLONEL GUILLERMO BENAVIDES GAVE THE ORDER.")
    assert "Colonel Guillermo Benavides gave the order" in out


def test_only_all_caps_text_is_recased(truecase):
    mixed = "The army said the FMLN attacked a convoy near San Miguel."
    assert not is_all_caps_text(mixed)
    assert recase(mixed, truecase) == mixed


def test_name_case_table_is_plain_lower_case_words():
    words = data_path("name_case_en.txt").read_text(encoding="utf-8").split("\n")
    assert words[-1] == ""
    words = words[:-1]
    assert words == sorted(words) and len(words) > 1000
    assert all(w.isascii() and w.isalpha() and w.islower() for w in words)
    # Common words are not in it, whatever their capital at the start of sentences.
    assert not {"the", "army", "attack", "government", "police", "may", "will"} & set(words)


def test_an_acronym_in_brackets_after_its_name_stays_upper_case(truecase):
    out = truecase("JAIME PARDO LEAL, PRESIDENT OF THE PATRIOTIC UNION [UP], WAS KILLED. THE UP BLAMED THE ARMY. "
                   "THE TROOPS PICKED UP THE BODIES.")
    assert "the Patriotic Union [UP]" in out and "The UP blamed" in out
    assert "picked up the bodies" in out  # after a verb it is the word


def test_an_acronym_that_is_a_function_word_only_after_an_article(truecase):
    out = truecase("THE SOCIALIST INTERNATIONAL [IS] CONDEMNED THE MURDER. THE IS SAID THE GOVERNMENT IS GUILTY.")
    assert "The IS said the government is guilty" in out
    # a word left out of a name is no acronym; "so-called" is a word after an article
    out = truecase("I SAW THE SO-CALLED DEATH SQUADS ON THE SLOPES OF THE [SAN] SALVADOR VOLCANO.")
    assert out.startswith("I saw the so-called death squads") and "[San]" in out


def test_a_known_word_after_a_two_word_name_is_its_surname(truecase):
    out = truecase("CARLOS MORALES EHRLICH ARRIVED ON MONDAY. DURING HIS SPEECH MORALES EHRLICH BLAMED THE ARMY. "
                   "THE ALFREDO CRISTIANI GOVERNMENT AND THE CENTRAL AMERICAN PRESIDENTS MET. "
                   "PRESIDENT ALFREDO CRISTIANI TODAY SAID.")
    assert out.startswith("Carlos Morales Ehrlich arrived")
    assert "During his speech Morales Ehrlich blamed" in out  # the same surname again; a noun after "his" is no title
    assert "Alfredo Cristiani government" in out and "Central American presidents" in out
    assert "Cristiani today said" in out


def test_a_known_word_after_a_name_set_off_by_commas_is_its_surname(truecase):
    out = truecase("ONE OF THE OFFICERS, ERASMO MARSH, WAS ARRESTED. IN ILOBASCO, CABANAS DEPARTMENT, TROOPS "
                   "ARRIVED. HE BLAMED THE ARMY, CRISTIANI GOVERNMENT.")
    assert "Erasmo Marsh, was arrested" in out
    # a place noun or a body after the name is no surname
    assert "department, troops" in out and "Cristiani government" in out
