"""``claimgraph review``: the local review page, on Starlette served by uvicorn.

Only this machine may use it: the server binds 127.0.0.1, refuses a client
that is not loopback and a ``Host`` that is not the loopback address it
serves (a DNS-rebinding page cannot reach it), and wants the random token it
printed on every request: in the URL of the page, then in the
``X-Claimgraph-Token`` header of every API call. A cross-site form cannot set
that header, so the POSTs are safe from CSRF without cookies.
"""

from __future__ import annotations

import hmac
import json
import secrets
import threading
from importlib.resources import files

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from ..graph.errors import ClaimgraphError, ParameterError, UnknownName
from ..queries.api import ClaimGraph
from .decisions import ClaimReview

__all__ = ["ReviewServer", "make_app", "new_token"]

LOOPBACK = ("127.0.0.1", "::1")
ACTIONS = ("accept", "reject", "correct", "add", "undo")


def new_token() -> str:
    return secrets.token_urlsafe(24)


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


def make_app(cg: ClaimGraph, token: str, reviewer: str | None = None, attack: str | None = None) -> Starlette:
    """The review page and its JSON API for one graph."""
    review = ClaimReview(cg, reviewer=reviewer)
    # The embedded store is one Python object: a read while another request writes could see it
    # half-changed, so its requests take turns. Neo4j's own transactions keep requests apart.
    lock = threading.Lock() if hasattr(review.ops, "g") else None
    page = (files("claimgraph.review") / "static" / "review.html").read_text(encoding="utf-8")

    def guarded(handler):
        async def endpoint(request: Request):
            client = request.client.host if request.client else None
            if client not in LOOPBACK:
                return _error(403, f"Refused: the review page answers only this machine (client {client}).")
            host = (request.headers.get("host") or "").rsplit(":", 1)[0].strip("[]")
            if host not in ("127.0.0.1", "localhost", "::1"):
                return _error(403, f"Refused: Host {host!r} is not this machine's loopback address.")
            given = request.headers.get("x-claimgraph-token") or request.query_params.get("token") or ""
            if request.method == "POST":  # the header only: a cross-site form cannot set it
                given = request.headers.get("x-claimgraph-token") or ""
            if not given or not hmac.compare_digest(given.encode(), token.encode()):
                return _error(403, "Missing or wrong token. Open the URL that 'claimgraph review' printed.")
            try:
                body = await request.json() if request.method == "POST" else None
            except json.JSONDecodeError:
                return _error(400, "The request body is not JSON.")
            try:
                result = await run_in_threadpool(run, handler, request, body)
            except UnknownName as exc:
                return _error(404, str(exc))
            except (ParameterError, ClaimgraphError, TypeError, ValueError) as exc:
                return _error(400, str(exc))
            return result if isinstance(result, Response) else JSONResponse(result)
        return endpoint

    def run(handler, request, body):
        if lock is None:
            return handler(request, body)
        with lock:
            return handler(request, body)

    def index(request, _):
        html = page.replace("__TOKEN__", token).replace("__ATTACK__", json.dumps(attack or ""))
        return HTMLResponse(html, headers={"Cache-Control": "no-store", "Referrer-Policy": "no-referrer",
                                           "X-Frame-Options": "DENY"})

    def statements(request, _):
        q = request.query_params
        rows = review.statements(attack=q.get("attack") or None, actor=q.get("actor") or None,
                                 article=q.get("article") or None, status=q.get("status") or None)
        return {"statements": rows, "progress": review.progress(), "reviewer": review.reviewer}

    def statement(request, _):
        s = review.statement(request.query_params.get("id", ""))
        art = review.ops.node(s["article"]) or {}
        return {"statement": s, "text": art.get("text") or "", "title": art.get("title"),
                "published": art.get("published"), "mentions": _mentions(review, s["article"]),
                "history": review.history(s["id"])}

    def history(request, _):
        return {"history": review.history()[::-1]}

    def decide(request, body):
        if not isinstance(body, dict) or body.get("action") not in ACTIONS:
            raise ParameterError(f"Give an action, one of {', '.join(ACTIONS)}.")
        action, sid = body["action"], body.get("id")
        roles = {k: body.get(k) or None for k in ("claimant", "accused", "attack", "polarity")}
        if action == "accept":
            return {"statement": review.accept(sid)}
        if action == "reject":
            return {"statement": review.reject(sid)}
        if action == "correct":
            if not any(roles.values()):
                raise ParameterError("Nothing to correct: give a claimant, accused, attack or polarity.")
            return {"statement": review.correct(sid, **roles)}
        if action == "add":
            missing = [k for k in ("claimant", "accused", "attack") if not roles[k]]
            if missing:
                raise ParameterError(f"A new statement needs {', '.join(missing)}.")
            return {"statement": review.add(body.get("article") or "", start=body.get("start"), end=body.get("end"),
                                            cue=body.get("cue"), **{**roles, "polarity": roles["polarity"] or "asserts"})}
        return {"undo": review.undo(sid or None)}

    routes = [Route("/", guarded(index)), Route("/api/statements", guarded(statements)),
              Route("/api/statement", guarded(statement)), Route("/api/history", guarded(history)),
              Route("/api/decide", guarded(decide), methods=["POST"])]
    return Starlette(routes=routes)


def _mentions(review: ClaimReview, article: str) -> dict:
    """The actors and attacks the article names (its MENTIONS), for the correct and add forms."""
    if hasattr(review.ops, "g"):
        g = review.ops.g
        ends = [g.nodes[e] for _, e, d in g.out_edges(article, data="type") if d == "MENTIONS"]
    else:
        ends = [{**r["p"], "labels": r["labels"]} for r in review.cg.store.run(
            "MATCH (:Article {id: $id})-[:MENTIONS]->(n) RETURN properties(n) AS p, labels(n) AS labels", {"id": article})]
    out = {"actors": [], "attacks": []}
    for n in ends:
        kind = "attacks" if "Attack" in n.get("labels", ()) else "actors"
        out[kind].append({"id": n["id"], "name": n.get("name") or n["id"], "aliases": list(n.get("aliases") or [])})
    for v in out.values():
        v.sort(key=lambda n: n["name"].casefold())
    return out


class ReviewServer:
    """The review app under uvicorn on 127.0.0.1, in this thread (``run``) or a background one (``start``)."""

    def __init__(self, cg: ClaimGraph, port: int, token: str | None = None, reviewer: str | None = None,
                 attack: str | None = None):
        self.token = token or new_token()
        self.port = port
        app = make_app(cg, self.token, reviewer=reviewer, attack=attack)
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                                                    access_log=False))
        self.thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/?token={self.token}"

    def run(self) -> None:
        self.server.run()

    def start(self) -> ReviewServer:
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        while not self.server.started:
            if not self.thread.is_alive():
                raise ClaimgraphError(f"The review page could not start on 127.0.0.1:{self.port}. Give another --port.")
            threading.Event().wait(0.05)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        if self.thread is not None:
            self.thread.join(timeout=10)
