"""Precision traps, on sentences written for these tests: wordings that name an actor near an
attack and a reporting word, but make no statement (or not that one)."""

import pytest

from test_constructions import rule_statements


@pytest.mark.parametrize("text, victim", [
    ("Gunmen ambushed a convoy of the Congolese army near Beni, killing seven soldiers, officials said.",
     "Armed Forces of the Democratic Republic of the Congo"),
    ("Militants attacked a base of the Malian army in Boulkessi, the army said.", "Malian Armed Forces"),
])
def test_the_target_inside_an_attack_is_not_its_doer(nlp, text, victim):
    found = rule_statements(nlp, text)
    assert not any(a == victim for _, _, a in found), found


def test_a_perpetrator_named_on_the_event_noun_is_read(nlp):
    found = rule_statements(nlp, "Officials reported a massive Russian attack on Kyiv.")
    assert ("Officials", "asserts", "Russia") in found, found


@pytest.mark.parametrize("text", [
    # an indirect question asks who did it, it says nobody did
    "Police did not say whether they suspected the ELN in the bombing.",
    "The Pentagon said it was still assessing whether Iranian-backed militias carried out the drone attack on Tower 22.",
    "Lebanon's prime minister said it was unclear whether Hezbollah was behind the rocket fire.",
    # nor does a condition
    "Officials said that if Hezbollah was behind the rocket fire on Metula, Israel would respond.",
])
def test_what_is_asked_or_supposed_is_not_said(nlp, text):
    found = rule_statements(nlp, text)
    assert not any(p == "asserts" and c != a for c, p, a in found), found


def test_what_is_said_beside_a_question_is_read(nlp):
    found = rule_statements(nlp, "Police said the ELN carried out the bombing but did not say whether arrests were made.")
    assert ("Police", "asserts", "National Liberation Army (Colombia)") in found, found


@pytest.mark.parametrize("text", [
    # a warning that someone will be answerable for what may come is no claim about a deed
    "Russia's foreign ministry said Kyiv would bear responsibility for any attack on the Zaporizhzhia nuclear plant.",
    "Washington would hold Iran accountable if it is found to be behind the drone strike on the tanker, "
    "the State Department said.",
    "The government will hold the FMLN responsible for any new attack on the capital, Defense Minister Ponce said.",
])
def test_a_responsibility_to_come_is_no_statement(nlp, text):
    found = rule_statements(nlp, text)
    assert not any(p == "asserts" and c != a for c, p, a in found), found


def test_a_responsibility_borne_is_read(nlp):
    found = rule_statements(nlp, "Russia's foreign ministry said Kyiv bears responsibility for the attack on the "
                                 "Zaporizhzhia nuclear plant.")
    assert any(p == "asserts" and a == "Ukraine" for _, p, a in found), found


@pytest.mark.parametrize("text, group", [
    # the group's own claim, passed on by police or a monitor: the group's statement only
    ("Police said the Islamic State claimed responsibility for the attack on the Shia mosque in Kandahar.",
     "Islamic State"),
    ("JNIM claimed responsibility for the attack on a Malian army camp in Boulkessi, according to the SITE "
     "Intelligence Group.", "Jama'at Nusrat al-Islam wal-Muslimin"),
])
def test_a_self_claim_passed_on_is_the_claimants_alone(nlp, text, group):
    found = rule_statements(nlp, text)
    assert (group, "asserts", group) in found, found
    assert all(c == group for c, _, _ in found), found


def test_a_reporters_own_account_is_still_read(nlp):
    found = rule_statements(nlp, "Police said the Islamic State carried out the attack on the Shia mosque in Kandahar.")
    assert ("Police", "asserts", "Islamic State") in found, found


@pytest.mark.parametrize("text", [
    "Israel's army said it was investigating reports that its troops shot the journalist in Jenin.",
    "The minister said he had ordered an inquiry into claims that the police shot the protesters in Nairobi.",
])
def test_what_is_looked_into_is_not_said(nlp, text):
    found = rule_statements(nlp, text)
    assert not any(p == "asserts" and c != a for c, p, a in found), found


@pytest.mark.parametrize("text, accused", [
    # a charge about the deed that is not of doing it
    ("Relatives blamed the security forces for failing to prevent the attack on the church in Owo.", "security forces"),
    ("Kyiv accused Moscow of exploiting the bombing of the Crimean bridge to justify new strikes.", "Russia"),
    ("Moscow accused Kyiv of lying about the shelling of the Olenivka prison.", "Ukraine"),
])
def test_a_charge_about_a_deed_is_not_of_doing_it(nlp, text, accused):
    found = rule_statements(nlp, text)
    assert not any(p == "asserts" and a == accused for _, p, a in found), found


@pytest.mark.parametrize("text", [
    "Russia accused Ukraine of trying to assassinate Putin with a drone attack on the Kremlin.",
    "Moscow accused Kyiv of planning the shelling of the Olenivka prison.",
])
def test_a_charge_of_doing_the_deed_is_read(nlp, text):
    found = rule_statements(nlp, text)
    assert any(p == "asserts" and a == "Ukraine" for _, p, a in found), found


def test_a_denial_does_not_deny_what_describes_its_object(nlp):
    found = rule_statements(nlp, "Rwanda rejected claims that it backs the M23 rebels who attacked Goma.")
    assert not any(a == "March 23 Movement" for _, _, a in found), found


def test_a_denial_denies_the_content_of_the_accusation_it_rejects(nlp):
    # the parser hangs "that Kyiv played a part" from "accusations" as a relative clause
    found = rule_statements(nlp, "Ukraine's foreign ministry rejected the accusations that Kyiv played a part "
                                 "in the bombing of the station.")
    assert found == {("Ukraine's foreign ministry", "denies", "Ukraine")}, found


@pytest.mark.parametrize("text, group", [
    ("The M23 rejected claims that it attacked the displacement camp near Goma.", "March 23 Movement"),
    # the relative clause describes the deed denied: the denial stands
    ("Hezbollah rejected claims that it fired the rocket that killed the children in Majdal Shams.", "Hezbollah"),
])
def test_a_denial_of_the_deed_is_read(nlp, text, group):
    assert (group, "denies", group) in rule_statements(nlp, text)


def test_a_victim_named_inside_a_killing_is_not_its_doer(nlp):
    found = rule_statements(nlp, "Gunmen killed a senior Hamas official in Beirut, Lebanese security sources said.")
    assert not any(a == "Hamas" for _, _, a in found), found


def test_attacks_counted_in_bulk_are_no_one_deed(nlp):
    found = rule_statements(nlp, "The ELN has carried out dozens of attacks on the Cano Limon pipeline in recent "
                                 "years, the army said.")
    assert not found, found


def test_one_attack_carried_out_is_read(nlp):
    found = rule_statements(nlp, "The ELN carried out the attack on the Cano Limon pipeline, the army said.")
    assert ("army", "asserts", "National Liberation Army (Colombia)") in found, found


@pytest.mark.parametrize("text, accused", [
    ("Israel said the claim by Hamas that Islamic Jihad fired the rocket was false.", "Palestinian Islamic Jihad"),
    ("Kyiv said reports that Ukrainian forces shelled the Olenivka prison were baseless.", "Ukrainian forces"),
])
def test_a_claim_called_false_is_denied(nlp, text, accused):
    found = rule_statements(nlp, text)
    assert any(p == "denies" and a == accused for _, p, a in found), found
    assert not any(p == "asserts" and a == accused and c in ("Israel", "Ukraine") for c, p, a in found), found


def test_the_one_quoted_speaks_not_who_quotes(nlp):
    found = rule_statements(nlp, "Xinhua quoted Pakistan's interior minister Rana Sanaullah as saying the Baloch "
                                 "Liberation Army carried out the attack on the Chinese convoy.")
    assert ("Rana Sanaullah", "asserts", "Balochistan Liberation Army") in found, found
    found = rule_statements(nlp, "State media quoted the defence minister as saying the Baloch Liberation Army "
                                 "carried out the attack on the Chinese convoy.")
    assert not any(c == "State media" for c, _, _ in found), found


@pytest.mark.parametrize("text", [
    "Kenyan police declined to say who they believed had carried out the grenade attack in Nairobi.",
    "The army refused to blame the Fulani militia for the massacre of villagers in Mopti.",
])
def test_what_one_refuses_to_say_is_not_said(nlp, text):
    found = rule_statements(nlp, text)
    assert not any(p == "asserts" and c != a for c, p, a in found) and not any(
        c == a == "Kenyan police" for c, _, a in found), found
