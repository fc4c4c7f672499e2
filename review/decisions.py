"""Analysts' decisions on statements: accept, reject, correct, add, undo, on either store.

Each decision is data in the graph: the statement edge carries ``review``
(``machine`` when absent, ``accepted``, ``rejected``, ``corrected``, ``added``),
``reviewed_by`` and ``reviewed_at``; and a ``Review`` node (linked to the
article by ``REVIEWS``) records who, when, which statements, and each one's
state before and after (JSON snapshots), so that a decision can be undone and
the page can show the history. How statements are stored and hidden is in
:mod:`claimgraph.graph.review_ops`.

>>> from claimgraph import ClaimGraph
>>> cg = ClaimGraph.example()
>>> review = ClaimReview(cg, reviewer="ana")
>>> s = next(s for s in review.statements() if s["claimant_name"] == "Vladimir Putin")
>>> review.reject(s["id"])["review"]
'rejected'
>>> [r.claimant for r in cg.trace("Crocus City Hall attack") if r.claimant == "Vladimir Putin"]
[]
>>> review.undo(s["id"])["review"]
'machine'
"""

from __future__ import annotations

import getpass
import json
import secrets
import threading
from datetime import datetime, timedelta, timezone

from ..graph.errors import ParameterError, StoreError, UnknownName
from ..graph.model import claim_id
from ..graph.review_ops import HIDDEN, StatementKey, dumps, ops_for
from ..queries.api import ClaimGraph

__all__ = ["REVIEW_STATUSES", "ClaimReview"]

REVIEW_STATUSES = ("machine", "accepted", "rejected", "corrected", "added")
SUPERSEDED = "superseded"  # the machine original of a corrected statement: hidden, not shown as a statement
POLARITY_TYPE = {"asserts": "ATTRIBUTED_BY", "denies": "DISPUTED_BY"}
TYPE_POLARITY = {v: k for k, v in POLARITY_TYPE.items()}
TORN_READ_TRIES = 20

STATEMENTS_CYPHER = (
    "MATCH (c:Claim)-[r:ATTRIBUTED_BY|DISPUTED_BY|REJECTED]->(w:Actor)"
    " WHERE coalesce(r.review, 'machine') <> 'superseded'"
    " OPTIONAL MATCH (c)-[:ABOUT]->(t:Attack) OPTIONAL MATCH (c)-[:BLAMES]->(a:Actor)"
    " OPTIONAL MATCH (art:Article {id: r.article})"
    " RETURN c.id AS claim, coalesce(r.statementType, type(r)) AS type, type(r) = 'REJECTED' AS hidden,"
    " w.id AS claimant, coalesce(w.name, w.id) AS claimant_name, a.id AS accused,"
    " coalesce(a.name, a.id) AS accused_name, t.id AS attack, coalesce(t.name, t.id) AS attack_name,"
    " art.title AS title, properties(r) AS props"
)


_last = [datetime.min.replace(tzinfo=timezone.utc)]
_clock = threading.Lock()


def _now() -> str:
    """The time of a decision, in microseconds and strictly increasing within this process:
    the history (and so undo) orders decisions by it, and two can fall in one millisecond."""
    with _clock:
        at = max(datetime.now(timezone.utc), _last[0] + timedelta(microseconds=1))
        _last[0] = at
    return at.isoformat(timespec="microseconds")


class ClaimReview:
    """Review statements of a :class:`~claimgraph.queries.api.ClaimGraph` (embedded or Neo4j).

    Names (claimant, accused, attack) go through :meth:`ClaimGraph.resolve`,
    the resolver of the query API; an unknown statement id or a name that
    resolves to nothing raises :class:`UnknownName` before anything is written.
    """

    def __init__(self, cg: ClaimGraph, reviewer: str | None = None):
        self.cg = cg
        self.ops = ops_for(cg.store)
        self.reviewer = reviewer or getpass.getuser()

    # -- reading --------------------------------------------------------------------------

    def statements(self, attack: str | None = None, actor: str | None = None, article: str | None = None,
                   status: str | None = None) -> list[dict]:
        """Every statement (rejected ones too), least confident first, filtered by attack, actor
        (as claimant or accused), article id and review status."""
        if status is not None and status not in REVIEW_STATUSES:
            raise ParameterError(f"status={status!r}: give one of {', '.join(REVIEW_STATUSES)}.")
        attack_id = self.cg.resolve(attack, "Attack") if attack else None
        actor_id = self.cg.resolve(actor, "Actor") if actor else None
        rows = [self._row(r) for r in self._raw()]
        rows = [r for r in rows if (attack_id is None or r["attack"] == attack_id)
                and (actor_id is None or actor_id in (r["claimant"], r["accused"]))
                and (article is None or r["article"] == article)
                and (status is None or r["review"] == status)]
        # Active learning: the statements the model is least sure of first (rule-only ones, with no
        # confidence, count as 0.5), then in reading order.
        rows.sort(key=lambda r: (0.5 if r["confidence"] is None else r["confidence"], r["article"],
                                 r["start"] or 0, r["id"]))
        return rows

    def _raw(self) -> list[dict]:
        if hasattr(self.ops, "g"):
            with self.ops.store._loading:  # decisions of other threads change the graph in place
                return list(_nx_statements(self.ops.g))
        # Neo4j reads at read committed: an edge that another decision deletes and recreates (a
        # change of type) while this query runs comes back torn, its type and properties gone.
        # Such a row is no state the graph was ever in, so the read is taken again.
        for _ in range(TORN_READ_TRIES):
            rows = self.cg.store.run(STATEMENTS_CYPHER)
            if all(r["type"] and (r["props"] or {}).get("article") for r in rows):
                return rows
        raise StoreError(f"The statements in {self.cg.store!r} kept changing while they were read "
                         f"({TORN_READ_TRIES} tries); try again when fewer decisions are being made at once.")

    @staticmethod
    def _row(r: dict) -> dict:
        p = r["props"]
        key = StatementKey(r["type"], r["claim"], r["claimant"], p.get("article"))
        return {
            "id": key.id, "type": r["type"], "polarity": TYPE_POLARITY[r["type"]], "claim": r["claim"],
            "claimant": r["claimant"], "claimant_name": r["claimant_name"], "accused": r["accused"],
            "accused_name": r["accused_name"], "attack": r["attack"], "attack_name": r["attack_name"],
            "article": p.get("article"), "title": r.get("title"), "quote": p.get("quote"), "cue": p.get("cue"),
            "start": p.get("start"), "end": p.get("end"), "hedged": p.get("hedged"),
            "certainty": p.get("certainty"), "confidence": p.get("confidence"),
            "review": p.get("review") or "machine", "reviewed_by": p.get("reviewed_by"),
            "reviewed_at": p.get("reviewed_at"), "hidden": r["hidden"],
        }

    def statement(self, statement_id: str) -> dict:
        """One statement by id (UnknownName when there is none)."""
        key = StatementKey.parse(statement_id)
        found = [r for r in self.statements() if r["id"] == key.id]
        if not found:
            raise UnknownName(f"No statement {statement_id!r} in {self.cg.store!r}. List them with "
                              "ClaimReview.statements() or on the review page.")
        return found[0]

    def history(self, statement_id: str | None = None) -> list[dict]:
        """The decisions (all, or those on one statement), oldest first, each with its changes decoded."""
        rows = self.ops.reviews(statement_id)
        for r in rows:
            r["changes"] = json.loads(r.get("changes") or "[]")
        return sorted(rows, key=lambda r: (r["at"], r["id"]))

    def progress(self) -> dict:
        """How many statements have each review status, overall and per attack."""
        total = {s: 0 for s in REVIEW_STATUSES}
        per_attack: dict[str, dict[str, int]] = {}
        for r in self.statements():
            total[r["review"]] += 1
            per = per_attack.setdefault(r["attack_name"] or r["attack"], {s: 0 for s in REVIEW_STATUSES})
            per[r["review"]] += 1
        return {"total": total, "per_attack": dict(sorted(per_attack.items()))}

    # -- decisions -----------------------------------------------------------------------------

    def accept(self, statement_id: str, by: str | None = None) -> dict:
        """Mark a statement verified as the machine read it (a rejected one comes back)."""
        return self._restate(statement_id, "accepted", hidden=False, by=by, action="accept")

    def reject(self, statement_id: str, by: str | None = None) -> dict:
        """Hide a statement from every query and summary; re-extraction will not bring it back."""
        return self._restate(statement_id, "rejected", hidden=True, by=by, action="reject")

    def _restate(self, statement_id: str, status: str, hidden: bool, by: str | None, action: str) -> dict:
        key = StatementKey.parse(statement_id)
        by, at = by or self.reviewer, _now()

        def body(ops):
            before = self._existing(ops, key)
            after = {"hidden": hidden, "props": {**before["props"], "review": status, "reviewed_by": by,
                                                 "reviewed_at": at}}
            ops.put(key, after)
            self._record(ops, action, key, by, at, [(key, before, after)])
            return after

        self.ops.run_in_tx(body, [key.claim])
        return self.statement(key.id)

    def correct(self, statement_id: str, *, claimant: str | None = None, accused: str | None = None,
                attack: str | None = None, polarity: str | None = None, by: str | None = None) -> dict:
        """Change a statement's roles (names, aliases or ids) or polarity; returns the corrected statement.

        The machine original is kept hidden (``superseded``), so re-extraction does not bring it back.
        """
        key = StatementKey.parse(statement_id)
        current = self.statement(key.id)
        new_claimant = self.cg.resolve(claimant, "Actor") if claimant else key.claimant
        new_accused = self.cg.resolve(accused, "Actor") if accused else current["accused"]
        new_attack = self.cg.resolve(attack, "Attack") if attack else current["attack"]
        new_type = self._polarity_type(polarity) if polarity else key.type
        new = StatementKey(new_type, claim_id(new_attack, new_accused), new_claimant, key.article)
        by, at = by or self.reviewer, _now()
        text = self._claim_text(new_accused, new_attack)

        def body(ops):
            before = self._existing(ops, key)
            marks = {"review": "corrected", "reviewed_by": by, "reviewed_at": at}
            if new == key:
                after = {"hidden": False, "props": {**before["props"], **marks}}
                ops.put(key, after)
                self._record(ops, "correct", key, by, at, [(key, before, after)])
                return
            ops.ensure_claim(new.claim, new_attack, new_accused, key.article, text)
            target_before = ops.get(new)
            after_new = {"hidden": False, "props": {**before["props"], **marks, "corrected_from": key.id}}
            after_old = {"hidden": True, "props": {**before["props"], "review": SUPERSEDED, "reviewed_by": by,
                                                   "reviewed_at": at, "superseded_by": new.id}}
            ops.put(key, after_old)
            ops.put(new, after_new)
            self._record(ops, "correct", key, by, at, [(key, before, after_old), (new, target_before, after_new)])

        self.ops.run_in_tx(body, [key.claim, new.claim])
        return self.statement(new.id)

    def add(self, article: str, *, claimant: str, accused: str, attack: str, polarity: str = "asserts",
            start: int, end: int, cue: str | None = None, by: str | None = None) -> dict:
        """A statement the machine missed, from the span ``text[start:end]`` of the article."""
        node = self.ops.node(article)
        if node is None or "Article" not in node.get("labels", ()):
            raise UnknownName(f"No article {article!r} in {self.cg.store!r}. Give an article id (article/...).")
        text = node.get("text") or ""
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
            raise ParameterError(f"start={start!r}, end={end!r} is not a span of the article ({len(text)} "
                                 "characters). Select some of its text.")
        who, acc = self.cg.resolve(claimant, "Actor"), self.cg.resolve(accused, "Actor")
        what = self.cg.resolve(attack, "Attack")
        key = StatementKey(self._polarity_type(polarity), claim_id(what, acc), who, article)
        by, at = by or self.reviewer, _now()
        claim_text = self._claim_text(acc, what)

        def body(ops):
            ops.ensure_claim(key.claim, what, acc, article, claim_text)
            before = ops.get(key)
            props = {"article": article, "quote": text[start:end], "cue": cue or None, "start": start, "end": end,
                     "published": node.get("published"), "hedged": False, "certainty": "certain",
                     "review": "added", "reviewed_by": by, "reviewed_at": at}
            after = {"hidden": False, "props": {k: v for k, v in props.items() if v is not None}}
            ops.put(key, after)
            self._record(ops, "add", key, by, at, [(key, before, after)])

        self.ops.run_in_tx(body, [key.claim])
        return self.statement(key.id)

    def undo(self, statement_id: str | None = None, by: str | None = None) -> dict:
        """Undo the latest decision still in force on a statement (or, without one, this reviewer's
        latest): every statement it changed goes back to its state before. Returns the undo's record."""
        if statement_id is not None:
            StatementKey.parse(statement_id)
        by, at = by or self.reviewer, _now()
        history = self.history(statement_id)
        undone = {r.get("undoes") for r in self.history()}
        candidates = [r for r in history if r["action"] != "undo" and r["id"] not in undone
                      and (statement_id is not None or r["by"] == by)]
        if not candidates:
            what = f"statement {statement_id!r}" if statement_id else f"reviewer {by!r}"
            raise UnknownName(f"Nothing to undo for {what}: no decision of it is still in force.")
        target = candidates[-1]
        changes = [(StatementKey.parse(sid), before, after) for sid, before, after in target["changes"]]

        def body(ops):
            reverted = []
            for key, before, _ in changes:
                now = ops.get(key)
                ops.put(key, before)
                reverted.append((key, now, before))
            return self._record(ops, "undo", changes[0][0], by, at, reverted, undoes=target["id"])

        return self.ops.run_in_tx(body, sorted({k.claim for k, _, _ in changes}))

    # -- helpers ----------------------------------------------------------------------------------

    @staticmethod
    def _existing(ops, key: StatementKey) -> dict:
        before = ops.get(key)
        if before is None or before["props"].get("review") == SUPERSEDED:
            raise UnknownName(f"No statement {key.id!r}. List them with ClaimReview.statements() or on the "
                              "review page.")
        return before

    @staticmethod
    def _polarity_type(polarity: str) -> str:
        if polarity not in POLARITY_TYPE:
            raise ParameterError(f"polarity={polarity!r}: give 'asserts' or 'denies'.")
        return POLARITY_TYPE[polarity]

    def _claim_text(self, accused: str, attack: str) -> str:
        names = [(self.ops.node(n) or {}).get("name") or n for n in (accused, attack)]
        return f"{names[0]} responsible for {names[1]}"

    @staticmethod
    def _record(ops, action: str, key: StatementKey, by: str, at: str, changes, undoes: str | None = None) -> dict:
        review = {"id": f"review/{at}-{secrets.token_hex(4)}", "action": action, "statement": key.id,
                  "touches": sorted({k.id for k, _, _ in changes}), "article": key.article, "by": by, "at": at,
                  "changes": dumps([[k.id, before, after] for k, before, after in changes]), "undoes": undoes}
        ops.record(review)
        return {**review, "review": _status(changes[0][2])}


def _status(snapshot: dict | None) -> str | None:
    if snapshot is None:
        return None
    return snapshot["props"].get("review") or "machine"


def _nx_statements(g):
    """The embedded store's statements in the shape of STATEMENTS_CYPHER's rows."""
    def name(n):
        return (g.nodes[n].get("name") or n) if n is not None else None

    for claim, labels in g.nodes(data="labels"):
        if "Claim" not in (labels or ()):
            continue
        attack = next((t for _, t, d in g.out_edges(claim, data="type") if d == "ABOUT"), None)
        accused = next((a for _, a, d in g.out_edges(claim, data="type") if d == "BLAMES"), None)
        for _, who, data in g.out_edges(claim, data=True):
            kind = data["type"]
            if kind not in ("ATTRIBUTED_BY", "DISPUTED_BY", HIDDEN) or data.get("review") == SUPERSEDED:
                continue
            props = {k: v for k, v in data.items() if k != "type"}
            art = data.get("article")
            yield {"claim": claim, "type": data.get("statementType", kind), "hidden": kind == HIDDEN,
                   "claimant": who, "claimant_name": name(who), "accused": accused, "accused_name": name(accused),
                   "attack": attack, "attack_name": name(attack),
                   "title": g.nodes[art].get("title") if art in g else None, "props": props}
