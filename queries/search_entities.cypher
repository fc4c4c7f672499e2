// name: search_entities
// params: text
// columns: label, id, name, kind, aliases
// Actors and attacks whose name or an alias contains the text (case-insensitive),
// or whose id is the text, so users can find the exact names the other queries take.
CALL { MATCH (n:Actor) RETURN n UNION MATCH (n:Attack) RETURN n }  // two label scans, not every node
WITH n
WHERE (n.id = $text OR toLower(n.name) CONTAINS toLower($text)
       OR any(a IN coalesce(n.aliases, []) WHERE toLower(a) CONTAINS toLower($text)))
RETURN CASE WHEN n:Attack THEN 'Attack' ELSE 'Actor' END AS label, n.id AS id, n.name AS name,
       n.kind AS kind, coalesce(n.aliases, []) AS aliases
ORDER BY label, name, id
