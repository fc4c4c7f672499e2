"""The review page (claimgraph review) in headless Chromium against a real store, embedded and Neo4j:
keyboard decisions land in the store exactly, two browsers at once lose nothing, bad requests change
nothing."""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from claimgraph.graph.nx_store import NetworkXStore
from claimgraph.queries.api import ClaimGraph
from claimgraph.review import ClaimReview
from claimgraph.review.web import ReviewServer, make_app

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"  # ignored by git; CLAIMGRAPH_UPDATE_DOCS=1 also refreshes docs/review.png


@pytest.fixture(params=["embedded", "neo4j"])
def loaded(request, tmp_path, crocus_extractions, free_port):
    """(ClaimGraph, how to open the store again, a running review server) on each store."""
    if request.param == "embedded":
        path = tmp_path / "review.graph"
        cg = ClaimGraph(NetworkXStore(path))
        reopen = lambda: ClaimGraph(NetworkXStore(path))  # noqa: E731 - what is on disk, not in memory
    else:
        server = request.getfixturevalue("neo4j_server")
        cg = ClaimGraph(request.getfixturevalue("fresh_neo4j_store"))
        reopen = lambda: ClaimGraph.open(server.uri, user=server.user, password=server.password)  # noqa: E731
    cg.load(crocus_extractions)
    web = ReviewServer(cg, free_port(), reviewer="ana").start()
    yield cg, reopen, web, request.param
    web.stop()


def _state(cg: ClaimGraph) -> dict[str, tuple[str, str | None]]:
    return {s["id"]: (s["review"], s["reviewed_by"]) for s in ClaimReview(cg).statements()}


def _select(page, text: str) -> None:
    """Select the first occurrence of ``text`` in the article, as a mouse would."""
    page.evaluate("""(wanted) => {
      const box = document.querySelector('#text'), at = box.textContent.indexOf(wanted);
      const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
      let seen = 0, start = null, end = null, node;
      while ((node = walker.nextNode())) {
        const n = node.textContent.length;
        if (start === null && at < seen + n) start = [node, at - seen];
        if (at + wanted.length <= seen + n) { end = [node, at + wanted.length - seen]; break; }
        seen += n;
      }
      const r = document.createRange(); r.setStart(...start); r.setEnd(...end);
      const sel = window.getSelection(); sel.removeAllRanges(); sel.addRange(r);
    }""", text)


def _count(page, status: str) -> int:
    return int(page.inner_text(f"#count-{status}"))


def _wait_count(page, status: str, n: int) -> None:
    try:
        page.wait_for_function("([s, n]) => document.querySelector('#count-' + s)?.textContent === String(n)",
                               arg=[status, n], timeout=30_000)
    except Exception as exc:
        raise AssertionError(f"{status} never reached {n}; the page says: {page.inner_text('#error')!r}") from exc


def _wait_moved(page, old: str) -> str:
    """The statement shown after a decision moves the page on from ``old``."""
    page.wait_for_function("old => { const li = document.querySelector('#queue li.current');"
                           " return li && li.dataset.id !== old; }", arg=old, timeout=30_000)
    return page.get_attribute("#queue li.current", "data-id")


def _wait_text(page, selector: str, text: str) -> None:
    page.wait_for_function("([s, t]) => document.querySelector(s)?.textContent === t", arg=[selector, text],
                           timeout=20_000)


def test_keyboard_decisions_land_in_the_store(loaded, chromium):
    cg, reopen, web, kind = loaded
    before = _state(cg)
    page = chromium.new_page(viewport={"width": 1400, "height": 900})
    page.goto(web.url)
    page.wait_for_selector("#queue li.current")
    current = lambda: page.get_attribute("#queue li.current", "data-id")  # noqa: E731

    accepted = current()
    page.keyboard.press("a")
    _wait_count(page, "accepted", 1)
    rejected = _wait_moved(page, accepted)
    page.keyboard.press("r")
    _wait_count(page, "rejected", 1)
    corrected = _wait_moved(page, rejected)
    page.keyboard.press("c")
    page.fill("#correct-form [name=accused]", "Russia")
    page.click("#correct-form button[type=submit]")
    _wait_count(page, "corrected", 1)
    _wait_text(page, "#s-accused", "Russia")  # the corrected statement is shown

    article_text = page.evaluate("() => document.querySelector('#text').textContent")
    span = "Ukraine denied any involvement" if "Ukraine denied any involvement" in article_text else article_text[:40]
    _select(page, span)
    page.keyboard.press("n")
    page.fill("#add-form [name=claimant]", "Ukraine")
    page.fill("#add-form [name=accused]", "Islamic State")  # not the correction's accused: another statement
    page.fill("#add-form [name=attack]", "Crocus City Hall attack")
    page.select_option("#add-form [name=polarity]", "denies")
    page.click("#add-form button[type=submit]")
    _wait_count(page, "added", 1)
    _wait_text(page, "#s-review", "added")

    last = page.locator("#queue li:has(span.badge.machine)").last
    undone = last.get_attribute("data-id")
    last.click()
    page.wait_for_function("id => document.querySelector('#queue li.current')?.dataset.id === id", arg=undone)
    page.keyboard.press("a")
    _wait_count(page, "accepted", 2)
    page.keyboard.press("u")  # the reviewer's latest decision: that second accept
    _wait_count(page, "accepted", 1)
    page.keyboard.press("h")
    page.wait_for_selector("#history tr:nth-child(7)")
    actions = page.eval_on_selector_all("#history tr td:nth-child(3)", "tds => tds.map(t => t.textContent)")
    assert actions == ["undo", "accept", "add", "correct", "reject", "accept"]

    if kind == "embedded":  # one screenshot for the README: a statement with its marks
        page.click(f"#queue li[data-id='{accepted}']")
        page.wait_for_selector("#text .quote")
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "review.png"))
        if os.environ.get("CLAIMGRAPH_UPDATE_DOCS"):
            page.screenshot(path=str(REPO / "docs" / "review.png"))
    page.close()

    with reopen() as again:
        after = _state(again)
        review = ClaimReview(again)
        # The corrected statement may be one the machine also made (the same claimant blaming
        # Russia in this article): it then carries the correction under that statement's id.
        changed = {sid: v for sid, v in after.items() if v[0] in ("added", "corrected")}
        assert after[accepted] == ("accepted", "ana")
        assert after[rejected] == ("rejected", "ana")
        assert after[undone] == ("machine", None)
        assert corrected not in after  # the machine original is superseded, hidden
        assert sorted(changed.values()) == [("added", "ana"), ("corrected", "ana")]
        fixed = next(review.statement(sid) for sid, v in changed.items() if v[0] == "corrected")
        assert fixed["accused_name"] == "Russia"
        added = next(review.statement(sid) for sid, v in changed.items() if v[0] == "added")
        assert added["id"] not in before
        assert (added["claimant_name"], added["accused_name"], added["polarity"], added["quote"]) == (
            "Ukraine", "Islamic State", "denies", span)
        untouched = {sid for sid in before if sid not in (accepted, rejected, corrected, undone, *changed)}
        assert all(after[sid] == ("machine", None) for sid in untouched)
        assert len(review.history()) == 6


def test_two_browsers_at_once_lose_no_decision(loaded, chromium):
    cg, reopen, web, _ = loaded
    ids = sorted(_state(cg))
    assert len(ids) >= 8
    mine, yours, shared = ids[0:3], ids[3:6], ids[6]
    pages = []
    for who, batch, verdict in (("ana", mine + [shared], "accept"), ("bo", yours + [shared], "reject")):
        context = chromium.new_context()
        page = context.new_page()
        page.goto(web.url)
        page.wait_for_selector("#queue li.current")
        # each browser fires its decisions together, without waiting for the other's
        page.evaluate("""([batch, verdict, token]) => { window.done = Promise.all(batch.map(id =>
            fetch('/api/decide', {method: 'POST', headers: {'X-Claimgraph-Token': token, 'Content-Type': 'application/json'},
                                  body: JSON.stringify({action: verdict, id: id})})
                .then(async r => [r.status, r.ok ? '' : await r.text()]))); }""",
                      [batch, verdict, web.token])
        pages.append((context, page))
    answers = [page.evaluate("() => window.done") for _, page in pages]
    # the error bodies name what went wrong when a decision is refused
    assert [[status for status, _ in a] for a in answers] == [[200] * 4, [200] * 4], answers
    for context, _ in pages:
        context.close()
    with reopen() as again:
        state, review = _state(again), ClaimReview(again)
        assert all(state[s] == ("accepted", "ana") for s in mine)
        assert all(state[s] == ("rejected", "ana") for s in yours)  # the server's reviewer, not the browser's
        on_shared = review.history(shared)
        assert sorted(h["action"] for h in on_shared) == ["accept", "reject"]
        last = on_shared[-1]["action"]
        assert state[shared][0] == {"accept": "accepted", "reject": "rejected"}[last]  # last write wins
        assert len(review.history()) == 8


def _call(url: str, data: dict | None = None, headers: dict | None = None) -> tuple[int, dict]:
    req = urllib.request.Request(url, data=json.dumps(data).encode() if data is not None else None,
                                 headers={"Content-Type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(req, timeout=20) as res:
            return res.status, json.loads(res.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


def test_bad_requests_get_a_clear_error_and_change_nothing(loaded):
    cg, reopen, web, _ = loaded
    base, token = f"http://127.0.0.1:{web.port}", {"X-Claimgraph-Token": web.token}
    some = sorted(_state(cg))[0]
    before, stats = _state(cg), cg.stats()
    cases = [
        (_call(f"{base}/api/decide", {"action": "accept", "id": "ATTRIBUTED_BY|claim/x/y|actor/z|article/0"}, token),
         404, "No statement"),
        (_call(f"{base}/api/decide", {"action": "correct", "id": some, "accused": "Nobody Whatsoever"}, token),
         404, "No actor called 'Nobody Whatsoever'"),
        (_call(f"{base}/api/decide", {"action": "add", "article": "article/none", "claimant": "Putin",
                                      "accused": "Ukraine", "attack": "Crocus", "start": 0, "end": 4}, token),
         404, "No article"),
        (_call(f"{base}/api/decide", {"action": "explode", "id": some}, token), 400, "Give an action"),
        (_call(f"{base}/api/decide", {"action": "accept", "id": some}), 403, "token"),
        (_call(f"{base}/api/decide", {"action": "accept", "id": some}, {"X-Claimgraph-Token": "wrong"}), 403, "token"),
        # the token in the URL is not enough for a POST: a forged cross-site form could carry it
        (_call(f"{base}/api/decide?token={web.token}", {"action": "accept", "id": some}), 403, "token"),
        (_call(f"{base}/api/statements"), 403, "token"),
        (_call(f"{base}/api/statements", headers={**token, "Host": "evil.example:80"}), 403, "Host"),
    ]
    for (status, body), want, words in cases:
        assert status == want and words in body["error"], (status, body)
    from starlette.testclient import TestClient  # its requests come from a client that is not loopback

    remote = TestClient(make_app(cg, web.token), base_url="http://127.0.0.1")
    res = remote.post("/api/decide", json={"action": "accept", "id": some}, headers=token)
    assert res.status_code == 403 and "only this machine" in res.json()["error"]
    assert _state(cg) == before and cg.stats() == stats
    with reopen() as again:
        assert _state(again) == before
