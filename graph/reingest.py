"""Re-ingest keeps the analysts' decisions (see README, "Reviewing statements").

When an article is loaded again, with the same extraction or a new model's:

- a statement an analyst reviewed is never overwritten: a rejected one (a
  ``REJECTED`` edge) is not written again, an accepted, corrected or added one
  keeps its properties;
- a machine statement of that article that the new extraction no longer has
  is removed (a reviewed one stays).

The embedded store applies this rule in ``NetworkXStore._merge``; Neo4j and
py2neo in each write transaction, through the guarded MERGE of
``neo4j_store._rel_query`` and :func:`drop_stale` here.
"""

from __future__ import annotations

from .disputes import ASSERTS, DISPUTES

__all__ = ["MACHINE", "drop_stale", "is_reviewed"]

MACHINE = "machine"
STATEMENT_TYPES = (ASSERTS, DISPUTES)


def is_reviewed(props: dict) -> bool:
    return props.get("review", MACHINE) != MACHINE


# The machine statements of the given articles that the batch did not write again: deleted, and
# their claims returned so that the dispute summaries are refreshed. A claim has a statement from
# an article only if it is REPORTED_IN it, so the walk starts at the article, not at every claim.
DROP_STALE = (
    "UNWIND $articles AS art"
    " MATCH (:Article {id: art})<-[:REPORTED_IN]-(c:Claim)-[r:ATTRIBUTED_BY|DISPUTED_BY]->(w:Actor)"
    " WHERE r.article = art AND coalesce(r.review, 'machine') = 'machine'"
    " AND NOT (type(r) + '|' + c.id + '|' + w.id + '|' + art) IN $keep"
    " WITH c, r DELETE r"
    " WITH DISTINCT c MATCH (c)-[:ABOUT]->(t:Attack) RETURN c.id AS claim, t.id AS attack"
)


def drop_stale(read, statements: list[tuple[str, list[dict]]], article_query: str,
               statement_queries: dict[str, str], claims: dict[str, str]) -> None:
    """Delete the stale machine statements of a write batch's articles; adds their claims to ``claims``.

    ``statements`` is the batch's ``(cypher, rows)`` list: the Article rows name the articles,
    the statement rows (queries in ``statement_queries``, text -> type) what was written again.
    """
    articles, keep = [], []
    for text, rows in statements:
        if text == article_query:
            articles += [r["id"] for r in rows]
        elif text in statement_queries:
            keep += [f"{statement_queries[text]}|{r['start']}|{r['end']}|{r['key']}" for r in rows]
    if not articles:
        return
    for r in read(DROP_STALE, {"articles": articles, "keep": keep}):
        claims[r["claim"]] = r["attack"]
