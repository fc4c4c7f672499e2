// name: claimant_alignment
// params: attack?
// columns: claimant_a, claimant_b, agree, oppose, relation, agree_on, oppose_on, a_id, b_id
// Pairs of claimants and how often they agree (take the same stance on the
// same claim: both assert it or both dispute it) or oppose (one asserts, the
// other disputes), counted in claims, with the claims named. relation is
// agree, oppose or mixed. attack (its id, optional) keeps claims about one attack.
// The optional parameter picks the start: the attack's claims through its id index,
// or (the second branch, run only without an attack) every claim.
CALL {
  MATCH (:Attack {id: $attack})<-[:ABOUT]-(c:Claim) RETURN c
  UNION
  WITH 1 AS everything WHERE $attack IS NULL
  MATCH (c:Claim) RETURN c
}
// Stances per claimant first: pairing statements would cost the square of a claim's reports.
MATCH (c)-[r:ATTRIBUTED_BY|DISPUTED_BY]->(w:Actor)
WITH c, w, collect(DISTINCT type(r)) AS stances
WITH c, collect({who: w, stances: stances}) AS claimants
UNWIND claimants AS x
UNWIND claimants AS y
WITH c, x, y WHERE x.who.id < y.who.id
WITH x.who AS a, y.who AS b, c,
     any(s IN x.stances WHERE s IN y.stances) AS agrees,
     any(s IN x.stances WHERE any(t IN y.stances WHERE s <> t)) AS opposes
ORDER BY coalesce(c.text, c.id), c.id
WITH a, b, sum(CASE WHEN agrees THEN 1 ELSE 0 END) AS agree, sum(CASE WHEN opposes THEN 1 ELSE 0 END) AS oppose,
     collect(CASE WHEN agrees THEN coalesce(c.text, c.id) END) AS agree_on,
     collect(CASE WHEN opposes THEN coalesce(c.text, c.id) END) AS oppose_on
RETURN coalesce(a.name, a.id) AS claimant_a, coalesce(b.name, b.id) AS claimant_b, agree, oppose,
       CASE WHEN agree > 0 AND oppose > 0 THEN 'mixed' WHEN agree > 0 THEN 'agree' ELSE 'oppose' END AS relation,
       agree_on, oppose_on, a.id AS a_id, b.id AS b_id
ORDER BY oppose DESC, agree DESC, claimant_a, claimant_b, a_id, b_id
