"""People known by where they live, what they saw or what they do, through the full path:
"persons living near the office" or "the anonymous caller" who speak are actors named by their
whole description, so are "unscrupulous people who called the media to say"; "Bilal's lawyer" is
one person whom "he" refers back to; and "Town, State police" is one body whose town is no person."""

from __future__ import annotations

from claimgraph.loaders.extract import extract_text


def _actor(ex, label: str):
    return next((a for a in ex.actors if a.name.lower() == label), None)


def test_people_described_by_where_they_live_speak():
    ex = extract_text("Persons living near the office, located in the north of the capital, said that "
                      "the soldiers had set off the bomb.")
    people = _actor(ex, "persons living near the office")
    assert people is not None
    assert "persons living near the office" in {m.text.lower() for m in people.mentions}


def test_a_caller_who_speaks_is_an_actor():
    ex = extract_text('The anonymous caller said that the Extraditables had planted the bomb on the plane.')
    assert _actor(ex, "anonymous caller") is not None


def test_several_victims_who_condemn_are_an_actor():
    ex = extract_text("Several victims condemned Tsarnaev for attacking American citizens.")
    assert _actor(ex, "several victims") is not None


def test_the_people_is_nobody_in_particular():
    ex = extract_text("The people condemned the bombing of the market.")
    assert _actor(ex, "people") is None


def test_a_town_and_its_state_before_police_are_one_body():
    ex = extract_text("Fayetteville, North Carolina police linked a Texas man to a 2010 murder case.")
    assert _actor(ex, "fayetteville") is None
    assert _actor(ex, "fayetteville, north carolina police") is not None


def test_people_described_by_a_clause_that_says_something_are_an_actor():
    ex = extract_text("The communique states that the group has been the victim of unscrupulous people who called "
                      "the radio stations to say that the Extraditables are responsible for the kidnapping.")
    assert _actor(ex, "unscrupulous people") is not None


def test_a_named_persons_lawyer_is_one_person_he_refers_back_to():
    ex = extract_text("Police said they have confessions from the two men, and Bilal's lawyer says his client "
                      "admitted planting the bomb. He says Bilal was promised money for the bombing.")
    lawyer = _actor(ex, "bilal's lawyer")
    assert lawyer is not None and lawyer.kind == "person"
    assert "He" in {m.text for m in lawyer.mentions}
