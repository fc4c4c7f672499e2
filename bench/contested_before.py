"""``contested_claims`` as it was before the dispute summaries (issue 14): rivals recomputed from every
attack's statements on each call. The query benchmark's baseline only (``since`` still takes this
path in the query itself)."""

from __future__ import annotations

_CONTESTED_BEFORE = """
MATCH (t:Attack)
CALL (t) {
  MATCH (t)<-[:ABOUT]-(c:Claim)-[:BLAMES]->(acc:Actor)
  CALL (c) {
    MATCH (c)-[r:ATTRIBUTED_BY|DISPUTED_BY]->(w:Actor)
    RETURN count(r) AS statements, min(r.published) AS first_published, max(r.published) AS last_published,
           collect(DISTINCT CASE type(r) WHEN 'ATTRIBUTED_BY' THEN w END) AS asserting,
           collect(DISTINCT CASE type(r) WHEN 'DISPUTED_BY' THEN w END) AS disputing
  }
  WITH collect(CASE WHEN size(asserting) > 0 THEN
         {c: c, acc: acc, asserting: asserting, disputing: disputing, statements: statements,
          first_published: first_published, last_published: last_published} END) AS claims
  UNWIND claims AS x
  RETURN x, COUNT { UNWIND claims AS y
                    WITH y WHERE y.c <> x.c AND any(w IN y.asserting WHERE NOT w IN x.asserting)
                    RETURN DISTINCT y.acc } AS rivals
}
WITH t, x, rivals, count(*) AS once WHERE size(x.disputing) > 0 OR rivals > 0
WITH t, x, rivals, size(x.asserting) + size(x.disputing) + rivals AS score
ORDER BY score DESC, size(x.disputing) DESC, coalesce(t.name, t.id), coalesce(x.acc.name, x.acc.id), x.c.id
LIMIT coalesce($limit, 9223372036854775807)
RETURN coalesce(t.name, t.id) AS attack, coalesce(x.acc.name, x.acc.id) AS accused, x.c.id AS claim, score,
       size(x.asserting) AS asserters, size(x.disputing) AS disputers, rivals,
       COLLECT { UNWIND x.asserting AS w RETURN coalesce(w.name, w.id) AS n ORDER BY n } AS asserted_by,
       COLLECT { UNWIND x.disputing AS w RETURN coalesce(w.name, w.id) AS n ORDER BY n } AS disputed_by,
       COLLECT { MATCH (t)<-[:ABOUT]-(c2:Claim)-[:BLAMES]->(acc2:Actor)
                 WHERE c2 <> x.c AND EXISTS { MATCH (c2)-[r2:ATTRIBUTED_BY]->(w2:Actor) WHERE NOT w2 IN x.asserting }
                 WITH DISTINCT acc2 RETURN coalesce(acc2.name, acc2.id) AS n ORDER BY n } AS rival_accused,
       x.statements AS statements, x.first_published AS first_published, x.last_published AS last_published
ORDER BY score DESC, disputers DESC, attack, accused, claim
"""


def contested_before(cg):
    """``run(limit=...)``: contested_claims computed from the statements, on either store, each row
    naming all its rival accused as before (the query now names the first ``RIVAL_NAMES``)."""
    from claimgraph.graph.nx_store import NetworkXStore

    if isinstance(cg.store, NetworkXStore):
        from claimgraph.queries.nx_contested import contested_from_statements

        return lambda limit=None: contested_from_statements(cg.store.graph, None, limit, rival_names=None)
    return lambda limit=None: cg.store.run(_CONTESTED_BEFORE, {"limit": limit})
