"""COPY_OF on Neo4j: the same near-duplicate edges as the embedded store."""

from claimgraph.graph.model import Article, Extraction, article_id
from claimgraph.graph.nx_store import NetworkXStore

WIRE = ("Islamic State claimed responsibility for the attack on the Crocus City Hall concert venue near "
        "Moscow on Friday night, its Amaq agency said on Telegram, as Russian officials said four gunmen "
        "had been detained near the border.")


def test_copies_are_linked_like_the_embedded_store(fresh_neo4j_store):
    texts = [(WIRE, "2024-03-23"), ("UPDATE: " + WIRE, "2024-03-24"), ("MOSCOW - " + WIRE, None),
             ("Hamas said it was not behind the rocket attack on the southern town on Sunday.", None)]
    records = [Extraction(Article(article_id(t), t, published=p)) for t, p in texts]
    fresh_neo4j_store.load(records[2:])  # two loads: copies are found across batches too
    fresh_neo4j_store.load(records[:2])
    nx = NetworkXStore(None)
    nx.load(records)
    neo_edges = sorted((r["c"], r["o"], r["s"]) for r in fresh_neo4j_store.run(
        "MATCH (c:Article)-[r:COPY_OF]->(o:Article) RETURN c.id AS c, o.id AS o, r.similarity AS s"))
    nx_edges = sorted((u, v, d["similarity"]) for u, v, d in nx.graph.edges(data=True) if d["type"] == "COPY_OF")
    assert neo_edges == nx_edges and len(nx_edges) == 3
