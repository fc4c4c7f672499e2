import gc

import pytest

from claimgraph.graph.long_lived import long_lived
from claimgraph.graph.nx_store import NetworkXStore


@pytest.fixture(autouse=True)
def _thawed():
    gc.unfreeze()
    yield
    gc.unfreeze()


def test_the_collector_is_paused_inside_and_what_was_built_is_frozen_after():
    assert gc.isenabled()
    with long_lived():
        assert not gc.isenabled()
        built = [{"n": i} for i in range(1000)]
    assert gc.isenabled()
    assert gc.get_freeze_count() >= len(built)


def test_a_disabled_collector_stays_disabled_and_errors_pass_through():
    gc.disable()
    try:
        with pytest.raises(KeyError), long_lived():
            raise KeyError("x")
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_loading_and_reading_a_store_freeze_the_graph(tmp_path, nlp):
    from claimgraph.graph.model import Article, article_id
    from claimgraph.loaders.extract import extract
    from claimgraph.loaders.lexicon import data_path

    text = (data_path("samples") / "crocus-putin-blames-ukraine.txt").read_text(encoding="utf-8")
    store = NetworkXStore(tmp_path / "g.pkl")
    store.load(extract([Article(article_id(text), text)], nlp))
    assert gc.isenabled() and gc.get_freeze_count() > store.graph.number_of_edges()
    gc.unfreeze()
    again = NetworkXStore(tmp_path / "g.pkl")
    assert gc.isenabled() and gc.get_freeze_count() > again.graph.number_of_edges()
