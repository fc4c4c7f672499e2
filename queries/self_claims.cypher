// name: self_claims
// params: actor?
// columns: actor, claimant, attack, claim, channel, cue, quote, certainty, confidence, article, title, outlet, published, accepted, disputed, accepted_by, disputed_by
// Groups that claimed responsibility themselves: a claim that BLAMES an actor
// and is ATTRIBUTED_BY it or by one of its parts (Amaq for Islamic State),
// with the channel (Telegram, statement), and whether others accepted the
// claim (asserted it too) or disputed it. actor (its id, optional) keeps one group.
// The optional parameter picks the start: the actor through its id index, or (the
// second branch, run only without an actor) every claim.
CALL {
  MATCH (g:Actor {id: $actor})<-[:BLAMES]-(c:Claim) RETURN c, g
  UNION
  WITH 1 AS everything WHERE $actor IS NULL
  MATCH (c:Claim)-[:BLAMES]->(g:Actor) RETURN c, g
}
MATCH (c)-[r:ATTRIBUTED_BY]->(who:Actor)
WHERE who = g OR EXISTS { (who)-[:PART_OF*1..]->(g) }
MATCH (c)-[:ABOUT]->(t:Attack)
MATCH (art:Article {id: r.article})
WITH c, g, r, who, t, art,
     COLLECT { MATCH (c)-[:ATTRIBUTED_BY]->(o:Actor)
               WHERE o <> g AND NOT EXISTS { (o)-[:PART_OF*1..]->(g) }
               RETURN DISTINCT o } AS accepting,
     COLLECT { MATCH (c)-[:DISPUTED_BY]->(o:Actor) RETURN DISTINCT o } AS disputing
RETURN coalesce(g.name, g.id) AS actor, coalesce(who.name, who.id) AS claimant,
       coalesce(t.name, t.id) AS attack, c.id AS claim, r.channel AS channel, r.cue AS cue,
       r.quote AS quote, r.certainty AS certainty, r.confidence AS confidence, art.id AS article, art.title AS title,
       head(COLLECT { MATCH (art)-[:PUBLISHED_BY]->(s:Source) RETURN coalesce(s.name, s.id) AS n ORDER BY n }) AS outlet,
       r.published AS published, size(accepting) AS accepted, size(disputing) AS disputed,
       COLLECT { UNWIND accepting AS x RETURN coalesce(x.name, x.id) AS n ORDER BY n } AS accepted_by,
       COLLECT { UNWIND disputing AS x RETURN coalesce(x.name, x.id) AS n ORDER BY n } AS disputed_by
ORDER BY attack, actor, published, claimant, article, claim, who.id
