"""When an attack took place (claimgraph_attacks): the date its mentions make certain, read against
the article's dateline or publication date, at the granularity the text gives."""

import datetime

from claimgraph.loaders.components.attacks import ATTACK_INFO, resolve_date


def dates(nlp, text):
    return {name: info["date"] for name, info in nlp(text).user_data[ATTACK_INFO].items()}


def test_relative_dates_are_read_from_the_wire_dateline(nlp):
    # "last night" modifies the verb the bomb is the subject of; the dateline's own date is no attack's
    found = dates(nlp, "San Salvador, 31 Oct 89 (Radio Cadena YSU) -- [text] A bomb exploded last night "
                       "at the office of the mothers' committee. The army blamed the FMLN.")
    assert set(found.values()) == {"1989-10-30"}
    found = dates(nlp, "Lima, 14 May 90 (AFP) -- [text] Police said yesterday's attack on the bus "
                       "station was carried out by the Shining Path.")
    assert set(found.values()) == {"1990-05-13"}


def test_a_day_without_a_year_is_the_latest_one_up_to_the_dateline(nlp):
    found = dates(nlp, "San Salvador, 20 Nov 89 (EFE) -- [text] The assassination of six Jesuits "
                       "on 16 November was condemned by the church.")
    assert set(found.values()) == {"1989-11-16"}
    # with no dateline and no publication date, a day without a year is left open
    assert set(dates(nlp, "The assassination of six Jesuits on 16 November was condemned by the church.")
               .values()) == {None}


def test_a_stated_year_dates_an_attack_without_any_article_date(nlp):
    assert set(dates(nlp, "Police blamed the gunman for the 2019 mass shooting in El Paso.").values()) == {"2019"}
    found = dates(nlp, "The mass shooting at the synagogue in October 2018 was carried out by a lone gunman.")
    assert set(found.values()) == {"2018-10"}


def test_a_date_of_another_event_or_a_bound_is_not_the_attack_date(nlp):
    # "in 1979" dates the worsening of the war, not the killings
    found = dates(nlp, "San Salvador, 20 Nov 89 (EFE) -- [text] No government had accused the army of "
                       "killing civilians since the civil war worsened in 1979.")
    assert set(found.values()) == {None}


def test_a_vague_span_gives_the_month_or_year_it_lies_in_or_nothing():
    tuesday = datetime.date(1989, 10, 31)
    assert resolve_date("last week", tuesday) == "1989-10"  # 23-29 October
    assert resolve_date("last week", datetime.date(1989, 2, 7)) == "1989"  # 30 January - 5 February
    assert resolve_date("last week", datetime.date(1991, 1, 8)) is None  # 31 December 1990 - 6 January 1991
    assert resolve_date("in the last 24 hours", datetime.date(1990, 5, 14)) == "1990-05"
    assert resolve_date("on Sunday", tuesday) == "1989-10-29"
    assert resolve_date("16 November", tuesday) == "1988-11-16"  # an article tells of past attacks
    assert resolve_date("November 1989") == "1989-11"
    assert resolve_date("yesterday") is None and resolve_date("a few days", tuesday) is None


def test_the_publication_date_dates_a_feed_item(nlp):
    from claimgraph.graph.model import Article, article_id
    from claimgraph.loaders.extract import extract

    text = "Ukraine blamed for overnight drone attack on Russian oil refinery. The attack on Sunday set fire to a tank."
    (rec,) = extract([Article(article_id(text), text, published="2024-03-26")], nlp)
    assert "2024-03-24" in {a.date for a in rec.attacks}
