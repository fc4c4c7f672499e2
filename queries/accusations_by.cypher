// name: accusations_by
// params: actor, include_rejected?
// columns: claimant, accused, attack, claim, cue, quote, hedged, certainty, confidence, article, title, outlet, published, review
// Whom an actor (its id) has blamed for which attack, with the quote, article,
// outlet and date. Statements by its parts count too: claimant names who
// spoke, the actor itself or an actor PART_OF it (at any depth).
// Rejected statements (claimgraph review) are left out unless include_rejected is true;
// review is each statement's review status.
MATCH (a:Actor {id: $actor})
MATCH (who:Actor)-[:PART_OF*0..]->(a)
WITH DISTINCT who
MATCH (c:Claim)-[r:ATTRIBUTED_BY|REJECTED]->(who)
WHERE type(r) = 'ATTRIBUTED_BY' OR ($include_rejected AND r.review = 'rejected' AND r.statementType = 'ATTRIBUTED_BY')
MATCH (c)-[:ABOUT]->(t:Attack)
MATCH (c)-[:BLAMES]->(acc:Actor)
MATCH (art:Article {id: r.article})
RETURN coalesce(who.name, who.id) AS claimant, coalesce(acc.name, acc.id) AS accused,
       coalesce(t.name, t.id) AS attack, c.id AS claim,
       r.cue AS cue, r.quote AS quote, r.hedged AS hedged, r.certainty AS certainty, r.confidence AS confidence,
       art.id AS article, art.title AS title,
       head(COLLECT { MATCH (art)-[:PUBLISHED_BY]->(s:Source) RETURN coalesce(s.name, s.id) AS n ORDER BY n }) AS outlet,
       r.published AS published, coalesce(r.review, 'machine') AS review
ORDER BY attack, accused, published, claimant, article, claim, who.id
