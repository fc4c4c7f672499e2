// name: trace_attack
// params: attack, include_rejected?
// columns: attack, accused, stance, claimant, cue, quote, hedged, certainty, confidence, article, title, outlet, published, contested, review
// For one attack (its id): every accused actor, who asserted and who disputed
// that it was responsible, in which article and outlet, when, with the quote.
// Contested accusations (both asserted and disputed) come first.
// Rejected statements (claimgraph review) are left out unless include_rejected is true;
// review is each statement's review status.
MATCH (t:Attack {id: $attack})<-[:ABOUT]-(c:Claim)-[:BLAMES]->(acc:Actor)
MATCH (c)-[r:ATTRIBUTED_BY|DISPUTED_BY|REJECTED]->(who:Actor)
WHERE type(r) <> 'REJECTED' OR ($include_rejected AND r.review = 'rejected')
MATCH (art:Article {id: r.article})
WITH t, acc, r, who, art,
     EXISTS { (c)-[:ATTRIBUTED_BY]->() } AND EXISTS { (c)-[:DISPUTED_BY]->() } AS contested
RETURN t.name AS attack, acc.name AS accused,
       CASE coalesce(r.statementType, type(r)) WHEN 'ATTRIBUTED_BY' THEN 'asserts' ELSE 'disputes' END AS stance,
       who.name AS claimant, r.cue AS cue, r.quote AS quote, r.hedged AS hedged, r.certainty AS certainty, r.confidence AS confidence,
       art.id AS article, art.title AS title,
       head(COLLECT { MATCH (art)-[:PUBLISHED_BY]->(s:Source) RETURN coalesce(s.name, s.id) AS n ORDER BY n }) AS outlet,
       art.published AS published, contested, coalesce(r.review, 'machine') AS review
ORDER BY contested DESC, accused, stance, claimant, article, acc.id, who.id
