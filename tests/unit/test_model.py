import io

import pytest

from claimgraph.graph.errors import InputError
from claimgraph.graph.model import (
    Actor, Article, Attack, Extraction, Mention, Statement, actor_id, article_id, attack_id, claim_id,
    read_jsonl, write_jsonl,
)


def _sample() -> Extraction:
    text = "Putin blamed Ukraine for the Crocus City Hall attack."
    art = Article(article_id(text), text, path="a.txt")
    putin, ukraine, crocus = actor_id("Vladimir Putin"), actor_id("Ukraine"), attack_id("Crocus City Hall attack")
    return Extraction(
        art,
        actors=[Actor(putin, "Vladimir Putin", "person", ["Putin"], [], [Mention("Putin", 0, 5)]),
                Actor(ukraine, "Ukraine", "state", mentions=[Mention("Ukraine", 13, 20)])],
        attacks=[Attack(crocus, "Crocus City Hall attack", date="2024-03-22", mentions=[Mention("the Crocus City Hall attack", 25, 52)])],
        statements=[Statement(putin, ukraine, crocus, "asserts", "blamed", text, 0, len(text), art.id)],
    )


def test_ids_come_from_content():
    assert article_id("Some  text\n") == article_id("Some text")
    assert article_id("Some text") != article_id("Other text")
    assert actor_id("Islamic State-Khorasan Province") == "actor/islamic-state-khorasan-province"
    assert actor_id("Ukraine") == actor_id("ukraine")
    assert claim_id(attack_id("Crocus City Hall attack"), actor_id("Ukraine")) == "claim/crocus-city-hall-attack/ukraine"


def test_jsonl_round_trip_is_lossless():
    ex = _sample()
    buf = io.StringIO()
    assert write_jsonl([ex, ex], buf) == 2
    back = list(read_jsonl(io.StringIO(buf.getvalue())))
    assert back == [ex, ex]
    assert back[0].claims()[0].text == "Ukraine responsible for Crocus City Hall attack"


def test_a_malformed_line_names_file_and_line():
    buf = io.StringIO('{"article": {"id": "x", "text": "t"}}\nnot json\n')
    with pytest.raises(InputError, match=r"in\.jsonl:2"):
        list(read_jsonl(buf, "in.jsonl"))
