// name: claim_timeline
// params: attack, include_rejected?
// columns: published, article_published, attack_date, claimant, stance, accused, claim, cue, quote, certainty, confidence, channel, article, title, outlet, changed_position, review
// Every statement about one attack (its id) in date order: published is the
// statement's date, article_published the article's, attack_date when the
// attack happened (kept apart; undated statements come last, then by article
// and position in the text). changed_position is true when the claimant both
// asserted and disputed the same claim.
// Rejected statements (claimgraph review) are left out unless include_rejected is true;
// review is each statement's review status.
MATCH (t:Attack {id: $attack})<-[:ABOUT]-(c:Claim)-[:BLAMES]->(acc:Actor)
MATCH (c)-[r:ATTRIBUTED_BY|DISPUTED_BY|REJECTED]->(who:Actor)
WHERE type(r) <> 'REJECTED' OR ($include_rejected AND r.review = 'rejected')
MATCH (art:Article {id: r.article})
RETURN r.published AS published, art.published AS article_published, t.date AS attack_date,
       coalesce(who.name, who.id) AS claimant,
       CASE coalesce(r.statementType, type(r)) WHEN 'ATTRIBUTED_BY' THEN 'asserts' ELSE 'disputes' END AS stance,
       coalesce(acc.name, acc.id) AS accused, c.id AS claim, r.cue AS cue, r.quote AS quote,
       r.certainty AS certainty, r.confidence AS confidence, r.channel AS channel, art.id AS article, art.title AS title,
       head(COLLECT { MATCH (art)-[:PUBLISHED_BY]->(s:Source) RETURN coalesce(s.name, s.id) AS n ORDER BY n }) AS outlet,
       EXISTS { (c)-[:ATTRIBUTED_BY]->(who) } AND EXISTS { (c)-[:DISPUTED_BY]->(who) } AS changed_position,
       coalesce(r.review, 'machine') AS review
ORDER BY published, article_published, article, r.start, claimant, accused, stance, claim, who.id
