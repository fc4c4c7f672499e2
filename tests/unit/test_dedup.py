"""Near-duplicate articles become COPY_OF edges, the same whatever the load order."""

from claimgraph.graph.dedup import band_keys, copy_and_original, is_copy, similarity
from claimgraph.graph.model import Article, Extraction, article_id
from claimgraph.graph.nx_store import NetworkXStore

WIRE = ("Islamic State claimed responsibility for the attack on the Crocus City Hall concert venue near "
        "Moscow on Friday night, its Amaq agency said on Telegram, as Russian officials said four gunmen "
        "had been detained near the border.")


def article(text, published=None):
    return Extraction(Article(article_id(text), text, published=published))


def test_a_republished_wire_story_is_a_copy_and_another_story_is_not():
    copy = "MOSCOW (Reuters) - " + WIRE + " More to follow."
    other = "Ukraine denied any involvement in the concert hall attack and called the claims absurd."
    assert is_copy(WIRE, copy) and set(band_keys(WIRE)) & set(band_keys(copy))
    assert is_copy(WIRE, other) is None and similarity(WIRE, other) < 0.2
    assert copy_and_original(("b", "2024-03-24"), ("a", "2024-03-23")) == ("b", "a")
    assert copy_and_original(("a", None), ("b", "2024-03-23")) == ("a", "b")  # undated counts as later


def test_copy_of_edges_do_not_depend_on_load_order():
    first, later = article(WIRE, "2024-03-23"), article("UPDATE: " + WIRE, "2024-03-24")
    unrelated = article("Hamas said it was not behind the rocket attack on the southern town on Sunday.")
    edges = []
    for order in ([first, later, unrelated], [unrelated, later, first]):
        store = NetworkXStore(None)
        store.load(order)
        edges.append(sorted((u, v, d["similarity"]) for u, v, d in store.graph.edges(data=True)
                            if d["type"] == "COPY_OF"))
    assert edges[0] == edges[1] == [(later.article.id, first.article.id, edges[0][0][2])]


def test_the_copy_index_survives_a_reload(tmp_path):
    path = tmp_path / "g.graph"
    NetworkXStore(path).load([article(WIRE, "2024-03-23")])
    again = NetworkXStore(path)
    again.load([article("UPDATE: " + WIRE, "2024-03-24")])
    assert again.stats()["relationships"] == {"COPY_OF": 1}
