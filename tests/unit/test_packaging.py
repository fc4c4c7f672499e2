"""The design card's folders are installed inside claimgraph, never as top-level modules."""

import importlib.metadata
from importlib.resources import files


def test_only_claimgraph_is_installed_at_the_top_level():
    dist = importlib.metadata.distribution("claimgraph")
    assert dist.read_text("top_level.txt").split() == ["claimgraph"]
    assert not [f for f in dist.files or [] if f.suffix == ".py" and f.parts[0] in ("graph", "loaders", "queries", "review")]


def test_data_files_ship_with_the_package():
    for package, name in [("claimgraph.loaders", "data/actors_en.jsonl"), ("claimgraph.loaders", "data/cues_en.jsonl"),
                          ("claimgraph.queries", "trace_attack.cypher"), ("claimgraph.graph", "data/neo4j-5.26.lock.json"),
                          ("claimgraph.graph", "data/claimgraph.grass"), ("claimgraph.review", "static/review.html")]:
        assert (files(package) / name).is_file(), (package, name)
    assert len([p for p in (files("claimgraph.loaders") / "data" / "samples").iterdir() if p.name.endswith(".txt")]) >= 3
