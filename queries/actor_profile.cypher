// name: actor_profile
// params: actor
// columns: id, name, kind, source, aliases, part_of, parts, asserts_made, disputes_made, asserts_received, disputes_received, self_claims, attacks_accused, mentioned_in
// One actor (its id) at a glance: aliases, kind, whether it is also a Source,
// what it is PART_OF and which actors are part of it (direct links),
// statements it made (asserting or disputing a claim) and statements about
// claims that blame it (asserting or disputing them), how often it claimed
// responsibility itself, for how many attacks it was accused, and how many
// articles mention it.
MATCH (a:Actor {id: $actor})
RETURN a.id AS id, coalesce(a.name, a.id) AS name, a.kind AS kind, a:Source AS source,
       coalesce(a.aliases, []) AS aliases,
       COLLECT { MATCH (a)-[:PART_OF]->(p:Actor) RETURN DISTINCT coalesce(p.name, p.id) AS n ORDER BY n } AS part_of,
       COLLECT { MATCH (p:Actor)-[:PART_OF]->(a) RETURN DISTINCT coalesce(p.name, p.id) AS n ORDER BY n } AS parts,
       COUNT { (:Claim)-[:ATTRIBUTED_BY]->(a) } AS asserts_made,
       COUNT { (:Claim)-[:DISPUTED_BY]->(a) } AS disputes_made,
       COUNT { (a)<-[:BLAMES]-(:Claim)-[:ATTRIBUTED_BY]->(:Actor) } AS asserts_received,
       COUNT { (a)<-[:BLAMES]-(:Claim)-[:DISPUTED_BY]->(:Actor) } AS disputes_received,
       COUNT { (a)<-[:BLAMES]-(:Claim)-[:ATTRIBUTED_BY]->(a) } AS self_claims,
       COUNT { MATCH (a)<-[:BLAMES]-(:Claim)-[:ABOUT]->(t:Attack) RETURN DISTINCT t } AS attacks_accused,
       COUNT { (:Article)-[:MENTIONS]->(a) } AS mentioned_in
