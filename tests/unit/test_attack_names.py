"""How attacks are named and how much of the text a mention takes (claimgraph_attacks)."""

from claimgraph.loaders.components.attacks import ATTACK_SPANS


def attacks(nlp, text):
    return [(s.text, s.label_) for s in nlp(text).spans[ATTACK_SPANS]]


def test_a_deed_is_named_without_relative_words_or_clauses(nlp):
    # "whose son was killed": the name is the deed and its victim, no wh-word
    names = {label for _, label in attacks(nlp, "A British barrister whose son was killed by soldiers "
                                                "says the army is to blame.")}
    assert names == {"killing of son"}
    # the victim's relative clause is no part of the name
    names = {label for _, label in attacks(nlp, "The rebels said the army murdered the peasants "
                                                "who had protested against the mine.")}
    assert names == {"murder of peasants"}


def test_a_count_is_no_part_of_an_attack_name(nlp):
    names = {label for _, label in attacks(nlp, "The FPM has claimed credit for several guerrilla attacks.")}
    assert names == {"guerrilla attack"}


def test_a_deed_told_in_the_progressive_is_an_attack(nlp):
    found = attacks(nlp, "It is the Russians who are shelling us now with artillery, she said.")
    assert [label for _, label in found] == ["shelling of us"]


def test_a_deed_mention_takes_its_complements_but_not_its_agent(nlp):
    # the verb's object and complements: how the deed is told
    found = attacks(nlp, "The Pakistani army said it killed three fighters in an exchange of fire near the border.")
    assert [text for text, _ in found] == ["killed three fighters in an exchange of fire near the border"]
    # a passive deed from its subject, without "by ...": who did it is no part of what was done
    found = attacks(nlp, "Eyewitnesses said the school of medicine was bombed by army troops.")
    assert [text for text, _ in found] == ["the school of medicine was bombed"]


def test_projectiles_fired_at_a_target_are_an_attack(nlp):
    # "missiles fired at Crimea": the strike the statement is about, even where they were shot down
    found = attacks(nlp, "Russia says it shot down Ukrainian missiles fired at Crimea.")
    assert [text for text, _ in found] == ["Ukrainian missiles"]
    # projectiles that were only shot down, or fired at nothing, are no attack
    assert attacks(nlp, "Russia says it shot down ten Ukrainian drones.") == []


def test_a_long_complement_of_a_deed_is_kept_up_to_the_bound(nlp):
    # the complement runs past ten words: the mention keeps its words up to the bound, not none of them
    found = attacks(nlp, "Pakistan army says it killed three fighters in an exchange of fire in North "
                         "Waziristan district near the Afghan border.")
    assert [text for text, _ in found] == ["killed three fighters in an exchange of fire in North Waziristan"]


def test_a_definite_attack_in_a_digest_story_that_names_none_is_its_own(nlp):
    # a digest of four stories; "the bomb" waits for a named attack, but its story names none
    text = ("Blogger killed in cafe\n\nPolice said a woman had delivered the bomb that killed the blogger.\n\n"
            "Storm hits coast\n\nHeavy rain fell on Monday.\n\nMarkets rally\n\nShares rose on Tuesday.\n\n"
            "Bombing in Kabul\n\nA bombing in Kabul killed ten people.")
    assert set(attacks(nlp, text)) == {("the bomb", "bomb"), ("A bombing", "Kabul bombing")}


def test_weapons_fired_after_an_attack_is_named_are_that_attack(nlp):
    # the missiles are what was fired, not a new attack's victims
    found = attacks(nlp, "Kyiv reports massive Russian attack\n\n"
                         "The air force said Russia had fired 40 missiles and 20 drones at the country overnight.")
    assert {label for _, label in found} == {"massive russian attack"}, found
