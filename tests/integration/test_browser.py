"""Neo4j Browser on the local test server, in headless Chromium: the claimgraph stylesheet and guide
arrive by themselves after connecting, and the Crocus City Hall trace draws Claim, Actor and Attack nodes."""

from __future__ import annotations

import urllib.request
from pathlib import Path

import pytest

from claimgraph.graph import export
from claimgraph.graph import neo4j_server as server
from claimgraph.graph.neo4j_store import Neo4jStore
from claimgraph.queries.api import _example_records

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
TRACE = ("MATCH (t:Attack) WHERE toLower(t.name) = 'crocus city hall attack' "
         "MATCH p = (t)<-[:ABOUT]-(c:Claim)-[:BLAMES]->(:Actor) "
         "OPTIONAL MATCH q = (c)-[:ATTRIBUTED_BY|DISPUTED_BY]->(:Actor) RETURN p, q")


@pytest.fixture(scope="module")
def local_server(neo4j_server):
    if not isinstance(neo4j_server, server.ServerInfo):
        pytest.skip("NEO4J_URI points at another server: the Browser checks need the local one")
    return neo4j_server




def _assets_base(info: server.ServerInfo) -> str:
    conf = (info.home / "conf" / "neo4j.conf").read_text()
    line = next(x for x in conf.splitlines() if x.startswith("browser.post_connect_cmd="))
    return line.split("style ", 1)[1].split("/claimgraph.grass", 1)[0]


def test_conf_styles_the_browser_and_serves_the_files(local_server):
    base = _assets_base(local_server)
    assert base.startswith("http://127.0.0.1:")
    conf = (local_server.home / "conf" / "neo4j.conf").read_text()
    assert "browser.remote_content_hostname_whitelist=localhost,127.0.0.1" in conf
    for name, text in (("claimgraph.grass", export.grass()), ("claimgraph-guide.html", export.guide_html())):
        with urllib.request.urlopen(f"{base}/{name}", timeout=10) as response:
            assert response.headers["Access-Control-Allow-Origin"] == "*"
            assert response.read().decode() == text
    with pytest.raises(urllib.error.HTTPError):
        urllib.request.urlopen(f"{base}/password", timeout=10)  # only the two files


def test_browser_shows_the_crocus_trace_styled(local_server, chromium):
    with Neo4jStore(local_server.uri, local_server.user, local_server.password) as store:
        store.clear()
        store.load(_example_records())
    page = chromium.new_page(viewport={"width": 1500, "height": 950})
    page.goto(f"{local_server.browser_url}?dbms={local_server.uri}")
    page.wait_for_selector("[data-testid=password]", timeout=60_000)
    page.fill("[data-testid=username]", local_server.user)
    page.fill("[data-testid=password]", local_server.password)
    page.click("[data-testid=connect]")
    # browser.post_connect_cmd: the guide and the stylesheet open by themselves.
    page.wait_for_selector("text=claimgraph: who said who did it", timeout=60_000)
    page.wait_for_selector("[data-testid=frameCommand] >> text=:style", timeout=30_000)
    page.click("[data-testid=activeEditor]")
    page.keyboard.type(TRACE)
    page.click("[data-testid=editor-Run]")
    page.wait_for_selector("svg g.node", timeout=60_000)
    page.wait_for_timeout(3000)  # let the force layout settle for the screenshot
    nodes = page.evaluate("() => [...document.querySelectorAll('svg g.node')].map(g => ({text: g.textContent.trim(),"
                          " fills: [...g.querySelectorAll('circle')].map(c => c.getAttribute('fill'))}))")
    colours = {fill.upper() for n in nodes for fill in n["fills"] if fill}
    for label in ("Attack", "Claim", "Actor"):  # each label in its stylesheet colour
        assert export.NODE_STYLE[label]["color"].upper() in colours, (label, colours)
    texts = " ".join(n["text"] for n in nodes)
    assert "Crocus City Hall attack" in texts and "Vladimir Putin" in texts and "Ukraine responsible" in texts
    captions = page.evaluate("() => [...document.querySelectorAll('svg g.relationship text')].map(t => t.textContent)")
    # ATTRIBUTED_BY / DISPUTED_BY show the cue, then the confidence when the statement has one
    assert any(c.startswith("denied") for c in captions) and any(c.startswith("accused") for c in captions)
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator("[data-testid=frame]").first.screenshot(path=str(ARTIFACTS / "browser.png"))
    page.close()
