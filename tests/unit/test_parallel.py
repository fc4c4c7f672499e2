"""extract(workers=2) gives exactly the records of workers=1, in the same order."""

from __future__ import annotations

from conftest import REPO

from claimgraph.graph.model import Article, article_id
from claimgraph.loaders.extract import extract

TEXTS = REPO / "tests" / "fixtures" / "muc" / "texts"  # public-domain MUC reports kept with the tests


def test_two_workers_give_the_same_records_in_the_same_order(nlp):
    paths = sorted(TEXTS.glob("*.txt"))[:6]
    articles = [Article(article_id(t), t, path=p.name) for p in paths for t in [p.read_text(encoding="utf-8")]]
    # batch_size=2: three shards, so both workers take part and results must be put back in order.
    serial = list(extract(articles, nlp, batch_size=2))
    parallel = list(extract(articles, nlp, batch_size=2, workers=2))
    assert [ex.article.path for ex in parallel] == [p.name for p in paths]
    assert parallel == serial
    assert any(ex.statements for ex in serial)  # the texts are not trivially empty


def test_errors_reach_on_error_in_this_process(nlp):
    paths = sorted(TEXTS.glob("*.txt"))[:2]
    texts = [p.read_text(encoding="utf-8") for p in paths]
    # A record that is not text (from a caller's bug) fails in the worker; the others go on.
    articles = [Article(article_id(texts[0]), texts[0]), Article("bad", None),
                Article(article_id(texts[1]), texts[1])]
    failed = []
    out = list(extract(articles, nlp, batch_size=2, workers=2, on_error=lambda art, exc: failed.append(art.id)))
    assert failed == ["bad"]
    assert [ex.article.id for ex in out] == [articles[0].id, articles[2].id]
