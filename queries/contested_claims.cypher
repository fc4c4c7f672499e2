// name: contested_claims
// params: since?, limit?
// columns: attack, accused, claim, score, asserters, disputers, rivals, asserted_by, disputed_by, rival_accused, statements, first_published, last_published
// Contested claims, most contested first. A claim is contested when it is
// both asserted and disputed, or when its attack has claims blaming other
// actors that are asserted by other claimants (rivals). score = distinct
// asserting claimants + distinct disputing claimants + distinct rival accused.
// since (an ISO date, optional) keeps only statements published on or after
// it; limit (optional) caps the number of rows.
MATCH (c:Claim)-[:ABOUT]->(t:Attack)
MATCH (c)-[:BLAMES]->(acc:Actor)
MATCH (c)-[r:ATTRIBUTED_BY|DISPUTED_BY]->(w:Actor)
WHERE $since IS NULL OR r.published >= $since
WITH c, t, acc, count(r) AS statements, min(r.published) AS first_published, max(r.published) AS last_published,
     collect(DISTINCT CASE type(r) WHEN 'ATTRIBUTED_BY' THEN w END) AS asserting,
     collect(DISTINCT CASE type(r) WHEN 'DISPUTED_BY' THEN w END) AS disputing
WHERE size(asserting) > 0
WITH c, t, acc, statements, first_published, last_published, asserting, disputing,
     COLLECT { MATCH (t)<-[:ABOUT]-(c2:Claim)-[:BLAMES]->(acc2:Actor)
               WHERE c2 <> c
                 AND EXISTS { MATCH (c2)-[r2:ATTRIBUTED_BY]->(w2:Actor)
                              WHERE NOT w2 IN asserting AND ($since IS NULL OR r2.published >= $since) }
               RETURN DISTINCT acc2 } AS rivals
WHERE size(disputing) > 0 OR size(rivals) > 0
RETURN coalesce(t.name, t.id) AS attack, coalesce(acc.name, acc.id) AS accused, c.id AS claim,
       size(asserting) + size(disputing) + size(rivals) AS score,
       size(asserting) AS asserters, size(disputing) AS disputers, size(rivals) AS rivals,
       COLLECT { UNWIND asserting AS x RETURN coalesce(x.name, x.id) AS n ORDER BY n } AS asserted_by,
       COLLECT { UNWIND disputing AS x RETURN coalesce(x.name, x.id) AS n ORDER BY n } AS disputed_by,
       COLLECT { UNWIND rivals AS x RETURN coalesce(x.name, x.id) AS n ORDER BY n } AS rival_accused,
       statements, first_published, last_published
ORDER BY score DESC, disputers DESC, attack, accused, claim
LIMIT coalesce($limit, 9223372036854775807)
