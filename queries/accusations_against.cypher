// name: accusations_against
// params: actor, include_rejected?
// columns: accused, attack, stance, claimant, claim, cue, quote, hedged, certainty, confidence, article, title, outlet, published, review
// Who blamed an actor (its id) for which attacks, and who defended it by
// disputing the claim. Claims against its parts (actors PART_OF it, at any
// depth) count too: accused names which one was blamed. Assertions come
// before disputes for each attack.
// Rejected statements (claimgraph review) are left out unless include_rejected is true;
// review is each statement's review status.
MATCH (a:Actor {id: $actor})
MATCH (acc:Actor)-[:PART_OF*0..]->(a)
WITH DISTINCT acc
MATCH (c:Claim)-[:BLAMES]->(acc)
MATCH (c)-[:ABOUT]->(t:Attack)
MATCH (c)-[r:ATTRIBUTED_BY|DISPUTED_BY|REJECTED]->(who:Actor)
WHERE type(r) <> 'REJECTED' OR ($include_rejected AND r.review = 'rejected')
MATCH (art:Article {id: r.article})
RETURN coalesce(acc.name, acc.id) AS accused, coalesce(t.name, t.id) AS attack,
       CASE coalesce(r.statementType, type(r)) WHEN 'ATTRIBUTED_BY' THEN 'asserts' ELSE 'disputes' END AS stance,
       coalesce(who.name, who.id) AS claimant, c.id AS claim,
       r.cue AS cue, r.quote AS quote, r.hedged AS hedged, r.certainty AS certainty, r.confidence AS confidence,
       art.id AS article, art.title AS title,
       head(COLLECT { MATCH (art)-[:PUBLISHED_BY]->(s:Source) RETURN coalesce(s.name, s.id) AS n ORDER BY n }) AS outlet,
       r.published AS published, coalesce(r.review, 'machine') AS review
ORDER BY attack, accused, stance, published, claimant, article, claim, who.id
