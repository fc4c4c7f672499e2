"""The Python query API: ``ClaimGraph.open(store)`` and one method per question.

Every named query in ``queries/<name>.cypher`` is a method of the same name
(its docstring is the query's header) and also runs through
``ClaimGraph.query(name, **params)``. Names go in as users write them: an
``attack`` or ``actor`` parameter takes a name, an alias or an id, in any case
(see :meth:`ClaimGraph.resolve`); a ``claim`` takes a claim id or its text
("Ukraine responsible for Crocus City Hall attack"). Rows are NamedTuples of
the query's columns, the same on the embedded store and on Neo4j.

>>> from claimgraph import ClaimGraph
>>> with ClaimGraph.open(None) as cg:
...     isinstance(cg.stats(), dict)
True
>>> cg = ClaimGraph.example()
>>> [(r.accused, r.score) for r in cg.contested_claims(limit=2)]
[('Ukraine', 6), ('Islamic State', 4)]
"""

from __future__ import annotations

import difflib
import inspect
import re
import textwrap
from datetime import date, datetime
from typing import Callable, Iterable

from ..graph.errors import ClaimgraphError, ParameterError, StoreError, UnknownName
from ..graph.model import Actor, Article, Attack, Extraction, Source, Statement, actor_id, article_id, attack_id
from ..graph.nx_store import NetworkXStore
from ..graph.store import open_store
from . import analytics
from .nx_queries import NX_QUERIES
from .registry import Query, get_query, load_queries

__all__ = ["ClaimGraph"]

_ISO_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2}([T ][0-9:.+\-Z]*)?)?)?")


def _signature(q: Query) -> str:
    return ", ".join(p + ("?" if p in q.optional else "") for p in q.params)


def _described(name: str) -> Callable:
    """Put the query's header description in front of the method's own docstring (its example)."""

    def wrap(method):
        try:
            q = get_query(name)
        except ClaimgraphError:  # a broken .cypher file must not stop `import claimgraph`
            return method
        method.__doc__ = (f"{textwrap.fill(q.description, 88)}\n\nQuery ``{name}({_signature(q)})``; rows have the columns "
                          f"{', '.join(q.columns)}.\n\n{inspect.cleandoc(method.__doc__ or '')}\n")
        return method

    return wrap


class ClaimGraph:
    """A claim graph on either store; the same answers from both."""

    def __init__(self, store):
        self.store = store

    @classmethod
    def open(cls, store: str | None = None, **options) -> ClaimGraph:
        """Open a graph file or a Neo4j URI (default: $NEO4J_URI, else the user's graph file)."""
        return cls(open_store(store, **options))

    @classmethod
    def example(cls) -> ClaimGraph:
        """A small in-memory graph of the Crocus City Hall claims, for trying the API.

        Hand-written records (no spaCy, so it never changes with the
        extraction): three articles of 22-26 March 2024 in which Islamic State
        claims the attack on Telegram, US officials blame ISIS-K, Vladimir
        Putin and Russian state media blame Ukraine, Ukraine and John Kirby
        dispute that, and Emmanuel Macron blames Islamic State.

        >>> ClaimGraph.example().stats()["nodes"]["Claim"]
        3
        """
        store = NetworkXStore(None)
        store.load(_example_records())
        return cls(store)

    def __enter__(self) -> ClaimGraph:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"ClaimGraph({self.store!r})"

    def close(self) -> None:
        self.store.close()

    def load(self, extractions: Iterable[Extraction]) -> int:
        """MERGE extraction records into the store; returns how many were loaded."""
        return self.store.load(extractions)

    def stats(self) -> dict:
        """Counts of nodes by label and relationships by type."""
        return self.store.stats()

    # -- named queries ------------------------------------------------------------------

    @staticmethod
    def queries() -> list[Query]:
        """Every named query (name, params, optional, columns, description, text), by name.

        >>> [q.name for q in ClaimGraph.queries()][:2]
        ['accusations_against', 'accusations_by']
        """
        return [q for _, q in sorted(load_queries().items())]

    def query(self, name: str, **params) -> list:
        """Run a named query; rows are NamedTuples of its columns.

        Parameters are checked and resolved first: ``attack`` and ``actor``
        take a name, alias or id (UnknownName lists the closest names when
        none matches), ``claim`` a claim id or text, ``since`` an ISO date,
        ``limit`` a whole number. Raises ParameterError for a parameter the
        query does not take, a missing one, or a value of the wrong form.

        >>> cg = ClaimGraph.example()
        >>> [r.claimant for r in cg.query("accusations_against", actor="kyiv") if r.stance == "disputes"]
        ['Ukraine', 'John Kirby']
        """
        q = get_query(name)
        unknown = sorted(set(params) - set(q.params))
        if unknown:
            raise ParameterError(f"Query {name!r} has no parameter {', '.join(map(repr, unknown))}. "
                                 f"It takes: {_signature(q) or 'no parameters'}.")
        missing = [p for p in q.params if params.get(p) is None and p not in q.optional]
        if missing:
            raise ParameterError(f"Query {name!r} needs the parameter(s) {', '.join(missing)} "
                                 f"(it takes: {_signature(q)}).")
        values = {p: self._value(p, params.get(p)) for p in q.params}
        return self._run(q, values)

    def _run(self, q: Query, values: dict) -> list:
        if isinstance(self.store, NetworkXStore):
            rows = NX_QUERIES[q.name](self.store.graph, **values)
        else:
            rows = self.store.run(q.text, values)
        return [q.row_type(**{c: r.get(c) for c in q.columns}) for r in rows]

    def _value(self, param: str, value):
        """A parameter value as the query wants it: names resolved to ids, dates and limits checked."""
        if value is None:
            return None
        if param == "attack":
            return self.resolve(str(value), "Attack")
        if param == "actor":
            return self.resolve(str(value), "Actor")
        if param == "claim":
            return self.resolve_claim(str(value))
        if param == "since":
            text = value.isoformat() if isinstance(value, (date, datetime)) else str(value).strip()
            if not _ISO_DATE.fullmatch(text):
                raise ParameterError(f"since={value!r} is not a date. Give an ISO date such as 2024-03-22 "
                                     "(or 2024-03, or 2024).")
            return text
        if param == "limit":
            try:
                limit = int(str(value).strip()) if not isinstance(value, int) else value
            except ValueError:
                limit = -1
            if limit < 0 or isinstance(value, bool):
                raise ParameterError(f"limit={value!r} is not a whole number of rows. Give 0 or more, e.g. 10.")
            return limit
        if param == "text":
            return str(value)
        if param == "include_rejected":  # from the CLI's --param it comes as text
            if isinstance(value, str):
                if value.strip().lower() not in ("true", "false", "1", "0", "yes", "no"):
                    raise ParameterError(f"include_rejected={value!r}: give true or false.")
                return value.strip().lower() in ("true", "1", "yes")
            return bool(value)
        if not isinstance(value, (str, int, float, bool)):
            raise ParameterError(f"{param}={value!r}: give a string or a number.")
        return value

    def resolve(self, name: str, label: str) -> str:
        """The id of the Actor or Attack called ``name`` (by id, name or alias, any case).

        >>> cg = ClaimGraph.example()
        >>> cg.resolve("ISIS-K", "Actor")
        'actor/islamic-state-khorasan-province'
        >>> cg.resolve("Crocus Hall atack", "Attack")
        Traceback (most recent call last):
        ...
        claimgraph.graph.errors.UnknownName: No attack called 'Crocus Hall atack'. Closest: Crocus City Hall attack.
        """
        wanted = name.strip().lower()
        # An id, or a name as written (its id is its slug), is one index lookup; only
        # aliases and other spellings need the search over every name.
        slug = (actor_id if label == "Actor" else attack_id)(name.strip())
        for candidate in dict.fromkeys((name.strip(), slug)):
            found = self._named(candidate, label)
            if found is not None and (candidate != slug or found.lower() == wanted):
                return candidate
        hits = [r for r in self._run(get_query("search_entities"), {"text": name.strip()}) if r.label == label]
        exact = [r for r in hits if r.id.lower() == wanted or (r.name or "").lower() == wanted
                 or wanted in (a.lower() for a in r.aliases)]
        if exact:
            return exact[0].id
        if len(hits) == 1:
            return hits[0].id
        everything = self._run(get_query("search_entities"), {"text": ""})
        names = [r.name for r in (hits or everything) if r.label == label and r.name]
        close = difflib.get_close_matches(name, names, n=5, cutoff=0.3) or names[:5]
        hint = f" Closest: {', '.join(close)}." if close else f" The graph has no {label} yet: ingest articles first."
        raise UnknownName(f"No {label.lower()} called {name!r}.{hint}")

    def _named(self, node_id: str, label: str) -> str | None:
        """The name of the node with this id and label (its id when it has no name), else None."""
        if label not in ("Actor", "Attack"):
            raise ValueError(label)
        if isinstance(self.store, NetworkXStore):
            data = self.store.graph.nodes.get(node_id)
            return (data.get("name") or node_id) if data and label in data.get("labels", ()) else None
        rows = self.store.run(f"MATCH (n:{label} {{id: $id}}) RETURN coalesce(n.name, n.id) AS name", {"id": node_id})
        return rows[0]["name"] if rows else None

    def resolve_claim(self, claim: str) -> str:
        """The id of a claim given by id or by text ("Ukraine responsible for Crocus City Hall attack").

        >>> ClaimGraph.example().resolve_claim("ukraine responsible for crocus city hall attack")
        'claim/crocus-city-hall-attack/ukraine'
        """
        source_reach = get_query("source_reach")
        if self._run(source_reach, {"claim": claim.strip()}):
            return claim.strip()
        rows = self._run(source_reach, {"claim": None})
        texts = {f"{r.accused} responsible for {r.attack}": r.claim for r in rows}
        wanted = claim.strip().lower()
        for text, cid in texts.items():
            if text.lower() == wanted or cid.lower() == wanted:
                return cid
        close = difflib.get_close_matches(claim, list(texts) + list(texts.values()), n=5, cutoff=0.3)
        hint = f" Closest: {'; '.join(close)}." if close else " List them with the source_reach query."
        raise UnknownName(f"No claim {claim!r}.{hint}")

    # One method per query, each a thin wrapper of query(); the header is the docstring.

    @_described("trace_attack")
    def trace_attack(self, attack: str, include_rejected: bool = False) -> list:
        """Example:

        >>> rows = ClaimGraph.example().trace_attack("Crocus City Hall attack")
        >>> sorted({r.claimant for r in rows if r.accused == "Ukraine" and r.stance == "disputes"})
        ['John Kirby', 'Ukraine']
        """
        return self.query("trace_attack", attack=attack, include_rejected=include_rejected)

    def trace(self, attack: str, include_rejected: bool = False) -> list:
        """For one attack: every accused actor, who asserted and who disputed it, with the quotes.

        The same as :meth:`trace_attack`. Statements an analyst rejected (:mod:`claimgraph.review`)
        are left out unless ``include_rejected``; each row's ``review`` says how it was reviewed.
        """
        return self.query("trace_attack", attack=attack, include_rejected=include_rejected)

    @_described("contested_claims")
    def contested_claims(self, since: str | date | None = None, limit: int | None = None) -> list:
        """Example:

        >>> [(r.accused, r.asserted_by, r.disputed_by) for r in ClaimGraph.example().contested_claims(limit=1)]
        [('Ukraine', ['Russian state media', 'Vladimir Putin'], ['John Kirby', 'Ukraine'])]
        """
        return self.query("contested_claims", since=since, limit=limit)

    @_described("accusations_by")
    def accusations_by(self, actor: str, include_rejected: bool = False) -> list:
        """Example:

        >>> [(r.accused, r.attack) for r in ClaimGraph.example().accusations_by("Putin")]
        [('Ukraine', 'Crocus City Hall attack')]
        """
        return self.query("accusations_by", actor=actor, include_rejected=include_rejected)

    @_described("accusations_against")
    def accusations_against(self, actor: str, include_rejected: bool = False) -> list:
        """Example:

        >>> [(r.stance, r.claimant) for r in ClaimGraph.example().accusations_against("Ukraine")]
        [('asserts', 'Russian state media'), ('asserts', 'Vladimir Putin'), ('disputes', 'Ukraine'), ('disputes', 'John Kirby')]
        """
        return self.query("accusations_against", actor=actor, include_rejected=include_rejected)

    @_described("self_claims")
    def self_claims(self, actor: str | None = None) -> list:
        """Example:

        >>> [(r.actor, r.channel, r.accepted_by) for r in ClaimGraph.example().self_claims()]
        [('Islamic State', 'Telegram', ['Emmanuel Macron'])]
        """
        return self.query("self_claims", actor=actor)

    @_described("claim_timeline")
    def claim_timeline(self, attack: str, include_rejected: bool = False) -> list:
        """Example:

        >>> [(r.published, r.claimant, r.stance) for r in ClaimGraph.example().claim_timeline("Crocus")][:3]
        [('2024-03-22', 'Islamic State', 'asserts'), ('2024-03-22', 'US officials', 'asserts'), ('2024-03-23', 'Vladimir Putin', 'asserts')]
        """
        return self.query("claim_timeline", attack=attack, include_rejected=include_rejected)

    @_described("claimant_alignment")
    def claimant_alignment(self, attack: str | None = None) -> list:
        """Example:

        >>> r = ClaimGraph.example().claimant_alignment()[0]
        >>> (r.claimant_a, r.claimant_b, r.relation, r.oppose_on)
        ('John Kirby', 'Russian state media', 'oppose', ['Ukraine responsible for Crocus City Hall attack'])
        """
        return self.query("claimant_alignment", attack=attack)

    @_described("source_reach")
    def source_reach(self, claim: str | None = None) -> list:
        """Example:

        >>> [(r.accused, r.articles, r.origins, r.outlets) for r in ClaimGraph.example().source_reach()][:2]
        [('Islamic State', 2, 2, ['Sample Wire']), ('Ukraine', 2, 2, ['Sample Gazette', 'Sample Wire'])]
        """
        return self.query("source_reach", claim=claim)

    @_described("actor_profile")
    def actor_profile(self, actor: str) -> list:
        """Example:

        >>> p = ClaimGraph.example().actor_profile("Islamic State")[0]
        >>> (p.kind, p.parts, p.asserts_made, p.self_claims, p.asserts_received)
        ('armed_group', ['Islamic State-Khorasan Province'], 1, 1, 2)
        """
        return self.query("actor_profile", actor=actor)

    @_described("search_entities")
    def search_entities(self, text: str) -> list:
        """Example:

        >>> [(r.label, r.name) for r in ClaimGraph.example().search_entities("isis")]
        [('Actor', 'Islamic State'), ('Actor', 'Islamic State-Khorasan Province')]
        """
        return self.query("search_entities", text=text)

    # -- Cypher -------------------------------------------------------------------------

    def cypher(self, text: str, params: dict | None = None, /, *, write: bool = False, **kwparams) -> list[dict]:
        """Run your own Cypher on Neo4j and return the rows as dicts; read-only unless ``write``.

        Values go in as parameters (``params`` and keyword arguments), never
        pasted into the text. Read-only means the server runs it in a read
        transaction, which refuses any write; ``write=True`` allows writes.
        The embedded store has no Cypher engine: there this raises
        StoreError (the named queries run on both stores).

        >>> ClaimGraph.example().cypher("MATCH (n) RETURN count(n) AS n")
        Traceback (most recent call last):
        ...
        claimgraph.graph.errors.StoreError: Cypher needs Neo4j: ...
        """
        if isinstance(self.store, NetworkXStore) or not hasattr(self.store, "run"):
            raise StoreError(
                f"Cypher needs Neo4j: {self.store!r} is the embedded networkx store, which runs only the named "
                "queries. Open a Neo4j URI instead (start one with 'claimgraph neo4j start'; --store bolt://...), "
                "or use ClaimGraph.query / 'claimgraph query'.")
        values = {**(params or {}), **kwparams}
        try:
            # The user's own Cypher, like Neo4j Browser: the text is theirs, values are parameters.
            return self.store.run(text, values, write=write)
        except StoreError as exc:
            code = getattr(exc.__cause__, "code", "") or ""
            if code.endswith("Statement.AccessMode"):
                raise StoreError("This Cypher writes to the graph and cypher() is read-only. Pass write=True "
                                 "(CLI: --write) to allow writes.") from exc
            raise

    # -- analytics ----------------------------------------------------------------------

    def alignment_graph(self, attack: str | None = None):
        """The claimant agreement/opposition graph (networkx) from the ``claimant_alignment`` rows.

        Nodes are claimant ids with a ``name``; edges carry ``agree``,
        ``oppose`` and ``sign`` (agree - oppose). See
        :mod:`claimgraph.queries.analytics`.

        >>> g = ClaimGraph.example().alignment_graph()
        >>> g.edges["actor/ukraine", "actor/vladimir-putin"]
        {'agree': 0, 'oppose': 1, 'sign': -1}
        """
        return analytics.alignment_graph(self.claimant_alignment(attack))

    def camps(self, attack: str | None = None) -> list[analytics.Camp]:
        """Camps of claimants that agree with each other (communities of the agreement graph).

        >>> [c.members for c in ClaimGraph.example().camps()]
        [['Emmanuel Macron', 'Islamic State'], ['John Kirby', 'Ukraine'], ['Russian state media', 'Vladimir Putin']]
        """
        return analytics.camps(self.alignment_graph(attack))

    def centrality(self, attack: str | None = None) -> list[analytics.ClaimantCentrality]:
        """Claimants by centrality in the alignment graph: camp, allies, opponents, degree, betweenness.

        >>> [(r.claimant, r.allies, r.opponents) for r in ClaimGraph.example().centrality()][:2]
        [('John Kirby', 1, 2), ('Russian state media', 1, 2)]
        """
        return analytics.centrality(self.alignment_graph(attack))


def _example_records() -> list[Extraction]:
    """Three hand-written articles on the Crocus City Hall claims (see ClaimGraph.example)."""
    crocus = Attack(attack_id("Crocus City Hall attack"), "Crocus City Hall attack", "attack", "2024-03-22",
                    "Krasnogorsk", ["Crocus attack"])

    def actor(name, kind, *aliases, part_of=()):
        return Actor(actor_id(name), name, kind, list(aliases), [actor_id(p) for p in part_of])

    islamic_state = actor("Islamic State", "armed_group", "IS", "ISIS")
    isis_k = actor("Islamic State-Khorasan Province", "armed_group", "ISIS-K", part_of=["Islamic State"])
    us_officials = actor("US officials", "collective", part_of=["United States"])
    united_states = actor("United States", "state", "Washington")
    putin = actor("Vladimir Putin", "person", "Putin")
    state_media = actor("Russian state media", "collective", part_of=["Russia"])
    russia = actor("Russia", "state", "Moscow")
    ukraine = actor("Ukraine", "state", "Kyiv")
    kirby = actor("John Kirby", "person")
    macron = actor("Emmanuel Macron", "person", "Macron")
    texts = [
        ("Islamic State claims Crocus City Hall attack", "2024-03-22", "Sample Wire",
         [(islamic_state, islamic_state, "asserts", "claimed", "Telegram",
           "Islamic State claimed responsibility for the Crocus City Hall attack in a statement on Telegram."),
          (us_officials, isis_k, "asserts", "said", None,
           "US officials said that ISIS-K carried out the attack.")],
         [islamic_state, isis_k, us_officials, united_states]),
        ("Putin links Crocus City Hall attack to Ukraine", "2024-03-23", "Sample Gazette",
         [(putin, ukraine, "asserts", "accused", None, "Putin accused Ukraine of preparing the attackers' escape."),
          (state_media, ukraine, "asserts", "said", None, "Russian state media said Kyiv was behind the attack."),
          (ukraine, ukraine, "denies", "denied", None, "Ukraine denied any involvement in the attack.")],
         [putin, ukraine, state_media, russia]),
        ("West rejects Kremlin claim of Ukrainian role", "2024-03-26", "Sample Wire",
         [(kirby, ukraine, "denies", "said", None,
           "John Kirby said there was no evidence that Ukraine was involved in the attack."),
          (macron, islamic_state, "asserts", "said", None,
           "Emmanuel Macron said that the Islamic State was responsible for the attack.")],
         [kirby, ukraine, macron, islamic_state]),
    ]
    records = []
    for title, published, outlet, statements, actors in texts:
        text = title + "\n\n" + " ".join(s[5] for s in statements)
        art = Article(article_id(text), text, title=title, published=published, outlet=outlet)
        offset = len(title) + 2
        stmts = []
        for claimant, accused, polarity, cue, channel, quote in statements:
            stmts.append(Statement(claimant.id, accused.id, crocus.id, polarity, cue, quote, offset,
                                   offset + len(quote), art.id, channel=channel))
            offset += len(quote) + 1
        records.append(Extraction(art, actors, [crocus], stmts,
                                  [Source(actor_id(outlet), outlet, "published_by", domain=None)]))
    return records
