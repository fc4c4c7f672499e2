import pickle

import pytest

from claimgraph.graph.errors import StoreError
from claimgraph.graph.nx_store import NetworkXStore

from test_model import _sample


def test_loading_the_same_article_twice_changes_nothing(tmp_path):
    store = NetworkXStore(tmp_path / "g.graph")
    store.load([_sample()])
    first = store.stats()
    edges = store.graph.number_of_edges()
    store.load([_sample()])
    assert store.stats() == first
    assert store.graph.number_of_edges() == edges
    assert first["nodes"] == {"Actor": 2, "Article": 1, "Attack": 1, "Claim": 1}
    assert first["relationships"]["ATTRIBUTED_BY"] == 1


def test_the_file_round_trips(tmp_path):
    path = tmp_path / "g.graph"
    NetworkXStore(path).load([_sample()])
    again = NetworkXStore(path)
    assert again.stats()["nodes"]["Claim"] == 1
    assert again.graph.nodes["actor/vladimir-putin"]["aliases"] == ["Putin"]


def test_a_file_from_another_version_is_refused(tmp_path):
    path = tmp_path / "old.graph"
    path.write_bytes(pickle.dumps({"format": "claimgraph-networkx", "version": 0, "graph": None}))
    with pytest.raises(StoreError, match="another claimgraph version"):
        NetworkXStore(path)


def test_a_file_that_is_not_a_graph_is_refused(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("hello")
    with pytest.raises(StoreError, match="not a claimgraph graph file"):
        NetworkXStore(path)
