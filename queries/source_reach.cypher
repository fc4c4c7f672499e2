// name: source_reach
// params: claim?
// columns: claim, attack, accused, articles, origins, outlets, cited
// Which outlets carried which claims, and how many independent origins back
// each claim: articles counts the articles reporting it, origins the distinct
// originals among them (an article that is a COPY_OF another counts as the
// one it copies, followed to the end of the chain). outlets are the
// publishers of those articles, cited the sources they name. claim (its id,
// optional) keeps one claim. Widest reach first.
// The optional parameter picks the start: the claim through its id index, or (the
// second branch, run only without a claim) every claim.
CALL {
  MATCH (c:Claim {id: $claim}) RETURN c
  UNION
  WITH 1 AS everything WHERE $claim IS NULL
  MATCH (c:Claim) RETURN c
}
MATCH (c)-[:ABOUT]->(t:Attack)
MATCH (c)-[:BLAMES]->(acc:Actor)
MATCH (c)-[:REPORTED_IN]->(art:Article)
OPTIONAL MATCH (art)-[:COPY_OF*0..]->(root:Article)
WHERE NOT EXISTS { (root)-[:COPY_OF]->(:Article) }
WITH c, t, acc, collect(DISTINCT art) AS reporting, collect(DISTINCT coalesce(root, art)) AS originals
RETURN c.id AS claim, coalesce(t.name, t.id) AS attack, coalesce(acc.name, acc.id) AS accused,
       size(reporting) AS articles, size(originals) AS origins,
       COLLECT { UNWIND reporting AS x MATCH (x)-[:PUBLISHED_BY]->(s:Source)
                 RETURN DISTINCT coalesce(s.name, s.id) AS n ORDER BY n } AS outlets,
       COLLECT { UNWIND reporting AS x MATCH (x)-[:CITES]->(s:Source)
                 RETURN DISTINCT coalesce(s.name, s.id) AS n ORDER BY n } AS cited
ORDER BY origins DESC, articles DESC, attack, accused, claim
