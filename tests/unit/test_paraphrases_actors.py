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


@pytest.mark.parametrize("text, claimant, accused", [
    ("Kurdish officials said Turkish warplanes struck a refugee camp near Makhmour, killing four civilians.",
     "officials", "Turkey"),
    ("Lebanese state media said Israeli jets bombed a house in the village of Aitaroun, killing a family of five.",
     "Lebanese state media", "Israel"),
    ("Ukrainian officials said Russian missiles struck an apartment block in Dnipro, killing 40 people.",
     "Ukrainian officials", "Russia"),
])
def test_a_weapon_named_by_its_nationality_is_its_states(nlp, text, claimant, accused):
    assert (claimant, "asserts", accused) in rule_statements(nlp, text)


def test_a_weapon_shot_down_is_no_actor(nlp):
    doc = nlp("Russia says it shot down ten Ukrainian drones over the Black Sea.")
    assert not any(s.root.lower_ == "drones" for s in doc.spans[ACTOR_SPANS])


@pytest.mark.parametrize("text, claimant, accused", [
    ("Polish prosecutors said Russian agents planned the sabotage of a railway line near Lublin.",
     "Polish prosecutors", "Russian agents"),
    ("Chad's army said Sudanese militiamen crossed the border and attacked the town of Adre.",
     "Chad's army", "Sudanese militiamen"),
])
def test_agents_named_by_their_nationality_are_a_body(nlp, text, claimant, accused):
    assert (claimant, "asserts", accused) in rule_statements(nlp, text)


def test_bare_agents_are_nobody_in_particular(nlp):
    doc = nlp("Two pilots were killed when the helicopter crashed near the border.")
    assert not any(s.root.lower_ == "pilots" for s in doc.spans[ACTOR_SPANS])


@pytest.mark.parametrize("text, person, accused", [
    ("Kenya's interior minister, Kithure Kindiki, blamed al-Shabaab for the roadside bomb that killed eight "
     "police officers in Lamu.", "Kithure Kindiki", "al-Shabaab"),
    ("The army's spokesman, Col. Nabil Abdallah, accused the RSF of attacking the Al-Nao hospital.",
     "Nabil Abdallah", "Rapid Support Forces"),
])
def test_a_description_beside_a_name_is_that_person(nlp, text, person, accused):
    found = rule_statements(nlp, text)
    assert found == {(person, "asserts", accused)}, found


@pytest.mark.parametrize("text, group", [
    ("A Congolese army spokesman said ADF-linked gunmen carried out the massacre at the Lume camp.",
     "Allied Democratic Forces"),
    ("Police said Taliban-affiliated fighters attacked the checkpoint.", "Taliban"),
])
def test_members_named_by_their_link_to_a_group_are_the_group(nlp, text, group):
    found = rule_statements(nlp, text)
    assert any(p == "asserts" and a == group for _, p, a in found), found


def test_a_backed_force_is_not_its_backer(nlp):
    found = rule_statements(nlp, "U.S. officials blamed Iranian-backed militias for the drone attack on Tower 22.")
    assert ("U.S. officials", "asserts", "Iranian-backed militias") in found, found


def test_a_name_after_a_title_is_a_person(nlp):
    found = rule_statements(nlp, "Mayor Oleksandr Senkevych said a missile hit the port overnight. "
                                 "He blamed Moscow for the strike.")
    assert ("Oleksandr Senkevych", "asserts", "Russia") in found, found


def test_a_group_named_aside_in_an_apposition_is_not_what_is_referred_back_to(nlp):
    found = rule_statements(nlp, "JNIM, al-Qaeda's affiliate in the Sahel, was blamed for the attack on the army "
                                 "post at Boni. The jihadists denied involvement in a statement on Telegram.")
    jnim = "Jama'at Nusrat al-Islam wal-Muslimin"
    assert (jnim, "denies", jnim) in found, found
    assert not any(c == "al-Qaeda" for c, _, _ in found), found


def test_dissidents_named_by_their_group_are_a_body(nlp):
    found = rule_statements(nlp, "Colonel Ramiro Ospina, a spokesman for the army, said FARC dissidents attacked "
                                 "the patrol in Cauca.")
    assert ("Ramiro Ospina", "asserts", "FARC dissidents") in found, found


@pytest.mark.parametrize("text, speaker, accused", [
    ("Peruvian police blamed remnants of the Shining Path for the ambush that killed seven soldiers.",
     "National Police of Peru", "Shining Path"),
    ("Officials said an offshoot of al-Shabaab was behind the hotel attack in Mogadishu.", "Officials", "al-Shabaab"),
    ("The army said a faction of the ELN carried out the bombing of the pipeline.", "army",
     "National Liberation Army (Colombia)"),
])
def test_a_part_of_a_group_is_the_group(nlp, text, speaker, accused):
    assert rule_statements(nlp, text) == {(speaker, "asserts", accused)}
