// name: contested_claims
// params: since?, limit?
// columns: attack, accused, claim, score, asserters, disputers, rivals, asserted_by, disputed_by, rival_accused, statements, first_published, last_published
// Contested claims, most contested first. A claim is contested when it is
// both asserted and disputed, or when its attack has claims blaming other
// actors that are asserted by other claimants (rivals). score = distinct
// asserting claimants + distinct disputing claimants + distinct rival accused.
// rivals counts the rival accused; rival_accused names the first 25 of them
// in name order (trace_attack lists them all). since (an ISO date, optional)
// keeps only statements published on or after it; limit (optional) caps the
// number of rows.
CALL () {
  // Without since: the dispute summaries each claim carries (assertedBy, disputedBy, statements,
  // firstPublished, lastPublished, rivals, and score on the contested ones), kept up to date at
  // load time (graph/disputes.py). The claim_score index gives the claims in score order, so the
  // top rows are found without reading the others' names.
  MATCH (c:Claim) WHERE $since IS NULL AND c.score IS NOT NULL
  CALL (c) { MATCH (t:Attack)<-[:ABOUT]-(c)-[:BLAMES]->(acc:Actor) RETURN t, acc }  // keeps the index order
  WITH t, c, acc, size(coalesce(c.disputedBy, [])) AS disputers
  ORDER BY c.score DESC, disputers DESC, coalesce(t.name, t.id), coalesce(acc.name, acc.id), c.id
  LIMIT coalesce($limit, 9223372036854775807)
  // The rival accused are named only for the rows kept, each attack's asserted claims read once
  // and sorted by name: the claims blaming someone else that an actor asserts who does not assert
  // this claim. Only the first 25 names (RIVAL_NAMES in queries/nx_contested.py): past them the
  // reduce below tests nothing, and a row sends 25 names, not the ~700 of a busy attack.
  WITH t, collect({c: c, id: c.id, acc: acc, disputers: disputers, mine: c.assertedBy}) AS kept
  CALL (t) {
    MATCH (t)<-[:ABOUT]-(c2:Claim)-[:BLAMES]->(acc2:Actor)
    WHERE c2.assertedBy IS NOT NULL
    WITH c2, coalesce(acc2.name, acc2.id) AS name ORDER BY name
    RETURN collect({claim: c2.id, name: name, asserters: c2.assertedBy}) AS asserted
  }
  UNWIND kept AS x
  WITH t, x.c AS c, x.id AS id, x.acc AS acc, x.disputers AS disputers, x.mine AS mine, asserted
  RETURN coalesce(t.name, t.id) AS attack, coalesce(acc.name, acc.id) AS accused, id AS claim, c.score AS score,
         size(mine) AS asserters, disputers, c.rivals AS rivals,
         COLLECT { UNWIND mine AS w MATCH (a:Actor {id: w}) RETURN coalesce(a.name, a.id) AS n ORDER BY n }
           AS asserted_by,
         COLLECT { UNWIND coalesce(c.disputedBy, []) AS w MATCH (a:Actor {id: w})
                   RETURN coalesce(a.name, a.id) AS n ORDER BY n } AS disputed_by,
         reduce(names = [], y IN asserted |
                CASE WHEN size(names) >= 25 THEN names
                     WHEN y.claim = id OR all(w IN y.asserters WHERE w IN mine) THEN names
                     ELSE names + y.name END) AS rival_accused,
         c.statements AS statements, c.firstPublished AS first_published, c.lastPublished AS last_published

  UNION ALL

  // With since: recomputed from the statements published on or after it (the summaries count
  // every statement). Per attack: its asserted claims gathered once, so that finding a claim's
  // rivals compares lists in memory instead of walking every other claim's statements again.
  MATCH (t:Attack) WHERE $since IS NOT NULL
  CALL (t) {
    MATCH (t)<-[:ABOUT]-(c:Claim)-[:BLAMES]->(acc:Actor)
    CALL (c) {
      MATCH (c)-[r:ATTRIBUTED_BY|DISPUTED_BY]->(w:Actor)
      WHERE $since IS NULL OR r.published >= $since
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
  // Grouping (each attack, claim and accused is one row already) makes rows afresh. Without it
  // the rows would carry their attack's whole list into the sort: Neo4j's runtime keeps the
  // subquery's variables in each row, and the sort counts them against the memory limit.
  WITH t, x, rivals, count(*) AS once WHERE size(x.disputing) > 0 OR rivals > 0
  WITH t, x, rivals, size(x.asserting) + size(x.disputing) + rivals AS score
  ORDER BY score DESC, size(x.disputing) DESC, coalesce(t.name, t.id), coalesce(x.acc.name, x.acc.id), x.c.id
  LIMIT coalesce($limit, 9223372036854775807)
  // The rival accused are named only for the rows kept, from the graph: holding every row's
  // list (thousands of actors on a busy attack) through the sort would not fit in memory. The
  // first 25 in name order, as above.
  RETURN coalesce(t.name, t.id) AS attack, coalesce(x.acc.name, x.acc.id) AS accused, x.c.id AS claim, score,
         size(x.asserting) AS asserters, size(x.disputing) AS disputers, rivals,
         COLLECT { UNWIND x.asserting AS w RETURN coalesce(w.name, w.id) AS n ORDER BY n } AS asserted_by,
         COLLECT { UNWIND x.disputing AS w RETURN coalesce(w.name, w.id) AS n ORDER BY n } AS disputed_by,
         COLLECT { MATCH (t)<-[:ABOUT]-(c2:Claim)-[:BLAMES]->(acc2:Actor)
                   WHERE c2 <> x.c
                     AND EXISTS { MATCH (c2)-[r2:ATTRIBUTED_BY]->(w2:Actor)
                                  WHERE NOT w2 IN x.asserting AND ($since IS NULL OR r2.published >= $since) }
                   WITH DISTINCT acc2 RETURN coalesce(acc2.name, acc2.id) AS n ORDER BY n LIMIT 25 } AS rival_accused,
         x.statements AS statements, x.first_published AS first_published, x.last_published AS last_published
  ORDER BY score DESC, disputers DESC, attack, accused, claim
}
RETURN attack, accused, claim, score, asserters, disputers, rivals, asserted_by, disputed_by, rival_accused,
       statements, first_published, last_published
ORDER BY score DESC, disputers DESC, attack, accused, claim
