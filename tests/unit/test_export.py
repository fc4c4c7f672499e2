"""Exports (GraphML, node-link JSON, HTML, STIX 2.1), the Browser stylesheet and guide, and the
export/view commands; the HTML page is also opened in headless Chromium when it is installed."""

from __future__ import annotations

import json
import re
from pathlib import Path

import networkx as nx
import pytest
import typer
from typer.testing import CliRunner

from claimgraph import export_cli
from claimgraph.graph import export as ex
from claimgraph.graph.errors import UnknownName
from claimgraph.graph.model import Actor, Article, Attack, Extraction, Source, Statement, actor_id, article_id, \
    attack_id
from claimgraph.graph.nx_store import NetworkXStore
from claimgraph.queries.api import ClaimGraph, _example_records

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"
EVIL = "<script>alert(1)</script>"
CROCUS = "attack/crocus-city-hall-attack"


@pytest.fixture
def example() -> nx.MultiDiGraph:
    return ex.to_networkx(ClaimGraph.example().store)


def _evil_records() -> list[Extraction]:
    """An article whose title, actor name and quote carry markup."""
    attack = Attack(attack_id("Market bombing"), "Market bombing", "bombing", "2024-01-02", "Town", [])
    bad = Actor(actor_id("Bad Actor"), f"Bad {EVIL} Actor", "armed_group", [], [])
    speaker = Actor(actor_id("Speaker"), "Speaker", "person", [], [])
    quote = f'Speaker said "{EVIL}" & the Bad Actor was behind the bombing.'
    text = f"Title {EVIL}\n\n{quote}"
    art = Article(article_id(text), text, title=f"Title {EVIL}", published="2024-01-03", outlet="Wire")
    st = Statement(speaker.id, bad.id, attack.id, "asserts", "said", quote, 0, len(quote), art.id)
    return [Extraction(art, [bad, speaker], [attack], [st], [Source(actor_id("Wire"), "Wire", "published_by")])]


def _evil_graph() -> nx.MultiDiGraph:
    store = NetworkXStore(None)
    store.load(_evil_records())
    return store.graph


# --- the embedded form and the attack subgraph ---------------------------------------------------


def test_to_networkx_copies_the_embedded_store():
    cg = ClaimGraph.example()
    g = ex.to_networkx(cg.store)
    assert g is not cg.store.graph
    assert nx.utils.graphs_equal(g, cg.store.graph)


def test_to_networkx_reads_a_cypher_store_into_the_same_form(example):
    """A fake Cypher store answering the two queries from the example graph gives the same graph back."""

    class FakeCypherStore:
        def run(self, text, params=None):
            if "MATCH (n)" in text:
                return [{"id": n, "labels": list(d["labels"]),
                         "props": {k: v for k, v in d.items() if k != "labels"}} for n, d in example.nodes(data=True)]
            return [{"start": a, "end": b, "type": d["type"], "props": {k: v for k, v in d.items() if k != "type"}}
                    for a, b, d in example.edges(data=True)]

    g = ex.to_networkx(FakeCypherStore())
    assert dict(g.nodes(data=True)) == dict(example.nodes(data=True))
    assert sorted(g.edges(keys=True)) == sorted(example.edges(keys=True))


def test_attack_subgraph_keeps_the_claims_their_actors_and_articles(example):
    sub = ex.attack_subgraph(example, "CROCUS ATTACK")
    assert CROCUS in sub
    claims = {n for n, d in sub.nodes(data=True) if "Claim" in d["labels"]}
    assert claims == {n for n, d in example.nodes(data=True) if "Claim" in d["labels"]}
    assert {"actor/john-kirby", "actor/vladimir-putin", "actor/ukraine", "actor/sample-wire"} <= set(sub)
    # Russia is only a PART_OF parent, neither accused nor claimant.
    assert "actor/russia" not in sub


def test_attack_subgraph_leaves_other_attacks_out(example):
    example.add_node("attack/other", id="attack/other", labels=("Attack",), name="Other attack")
    example.add_node("claim/other/x", id="claim/other/x", labels=("Claim",), text="X responsible for Other attack")
    example.add_edge("claim/other/x", "attack/other", "ABOUT", type="ABOUT")
    assert "claim/other/x" not in ex.attack_subgraph(example, "Crocus City Hall attack")
    assert set(ex.attack_subgraph(example, "other attack")) == {"attack/other", "claim/other/x"}


def test_unknown_attack_names_the_closest(example):
    with pytest.raises(UnknownName, match="Crocus City Hall attack"):
        ex.attack_subgraph(example, "Crocus Hall atack")


# --- GraphML and JSON --------------------------------------------------------------------------


def test_graphml_reads_back_with_counts_labels_and_typed_properties(example, tmp_path):
    path = ex.export(example, "graphml", tmp_path / "g.graphml")
    raw = nx.read_graphml(path)
    assert raw.number_of_nodes() == example.number_of_nodes()
    assert raw.number_of_edges() == example.number_of_edges()
    assert raw.nodes["actor/sample-wire"]["labels"] == ":Actor:Source"
    assert json.loads(raw.nodes["actor/vladimir-putin"]["aliases"]) == ["Putin"]
    assert raw.nodes["actor/vladimir-putin"]["label"] == "Vladimir Putin"
    back = ex.read_graphml(path)
    for node, data in example.nodes(data=True):
        assert back.nodes[node] == data
    for start, end, key, data in example.edges(keys=True, data=True):
        assert back.edges[start, end, key] == data  # ints stay ints, booleans booleans
    edge = next(d for _, _, d in back.edges(data=True) if d["type"] == "ATTRIBUTED_BY")
    assert isinstance(edge["start"], int) and isinstance(edge["hedged"], bool)


def test_node_link_json(example, tmp_path):
    data = json.loads(ex.export(example, "json", tmp_path / "g.json").read_text())
    assert len(data["nodes"]) == example.number_of_nodes() and len(data["links"]) == example.number_of_edges()
    putin = next(n for n in data["nodes"] if n["id"] == "actor/vladimir-putin")
    assert putin["labels"] == ["Actor"] and putin["aliases"] == ["Putin"]
    assert nx.node_link_graph(data, edges="links", multigraph=True, directed=True).number_of_edges() == \
        example.number_of_edges()


def test_json_of_one_attack_is_smaller(example, tmp_path):
    example.add_node("attack/other", id="attack/other", labels=("Attack",), name="Other attack")
    data = json.loads(ex.export(example, "json", tmp_path / "g.json", attack=CROCUS).read_text())
    assert "attack/other" not in {n["id"] for n in data["nodes"]}


# --- STIX 2.1 ----------------------------------------------------------------------------------


def _stix(g) -> dict:
    return json.loads(ex.to_stix(g).serialize())


def test_stix_bundle_validates_without_errors(example):
    from stix2validator import validate_string

    result = validate_string(ex.to_stix(example).serialize())
    assert result.is_valid, [str(e) for e in result.errors]


def test_stix_actors_attacks_articles(example):
    objs = _stix(example)["objects"]
    by_type = {}
    for o in objs:
        by_type.setdefault(o["type"], []).append(o)
    assert [o["name"] for o in by_type["incident"]] == ["Crocus City Hall attack"]
    assert {o["name"] for o in by_type["threat-actor"]} == {"Islamic State"}
    assert {o["name"] for o in by_type["intrusion-set"]} == {"Islamic State-Khorasan Province"}
    people = {o["name"]: o["identity_class"] for o in by_type["identity"]}
    assert people["Vladimir Putin"] == "individual" and people["Ukraine"] == "organization"
    assert len(by_type["report"]) == 3


def test_stix_attributions_and_disputes(example):
    objs = {o["id"]: o for o in _stix(example)["objects"]}
    names = {o["id"]: o.get("name") for o in objs.values()}
    rels = [o for o in objs.values() if o["type"] == "relationship" and o["source_ref"].startswith("incident--")]
    # one attributed-to per asserting statement: IS (self-claim, Macron), ISIS-K (US officials), Ukraine (Putin, media)
    assert sorted((names[r["target_ref"]], names[r["created_by_ref"]]) for r in rels) == [
        ("Islamic State", "Emmanuel Macron"), ("Islamic State", "Islamic State"),
        ("Islamic State-Khorasan Province", "US officials"),
        ("Ukraine", "Russian state media"), ("Ukraine", "Vladimir Putin")]
    assert all(r["relationship_type"] == "attributed-to" and r["confidence"] == 85 for r in rels)
    putin = next(r for r in rels if names[r["created_by_ref"]] == "Vladimir Putin")
    assert putin["external_references"][0]["description"] == "Putin accused Ukraine of preparing the attackers' escape."
    assert putin["external_references"][0]["external_id"].startswith("article/")
    opinions = [o for o in objs.values() if o["type"] == "opinion"]
    assert sorted(names[o["created_by_ref"]] for o in opinions) == ["John Kirby", "Ukraine"]
    for o in opinions:
        assert o["opinion"] == "strongly-disagree"
        # The disputes point at exactly the relationships that blame Ukraine.
        assert sorted(o["object_refs"]) == sorted(r["id"] for r in rels if names[r["target_ref"]] == "Ukraine")
    kirby = next(o for o in opinions if names[o["created_by_ref"]] == "John Kirby")
    assert "no evidence" in kirby["explanation"]


def test_stix_confidence_from_certainty_and_a_dispute_nobody_asserted(example):
    for _, _, d in example.edges(data=True):
        if d["type"] == "ATTRIBUTED_BY" and d["quote"].startswith("Putin"):
            d["certainty"] = "possible"
    # a claim only disputed
    example.add_node("claim/crocus-city-hall-attack/russia", id="claim/crocus-city-hall-attack/russia",
                     labels=("Claim",), text="Russia responsible for Crocus City Hall attack")
    example.add_edge("claim/crocus-city-hall-attack/russia", CROCUS, "ABOUT", type="ABOUT")
    example.add_edge("claim/crocus-city-hall-attack/russia", "actor/russia", "BLAMES", type="BLAMES")
    example.add_edge("claim/crocus-city-hall-attack/russia", "actor/russia", "DISPUTED_BY|a", type="DISPUTED_BY",
                     article="a", quote="Russia denied it.", cue="denied")
    objs = {o["id"]: o for o in _stix(example)["objects"]}
    names = {i: o.get("name") for i, o in objs.items()}
    rels = [o for o in objs.values() if o["type"] == "relationship" and o["source_ref"].startswith("incident--")]
    assert next(r for r in rels if r.get("created_by_ref") and names[r["created_by_ref"]] == "Vladimir Putin"
                )["confidence"] == 30
    lone = next(r for r in rels if names[r["target_ref"]] == "Russia")
    assert "created_by_ref" not in lone and "confidence" not in lone
    assert any(o["type"] == "opinion" and o["object_refs"] == [lone["id"]] for o in objs.values())
    from stix2validator import validate_string
    assert validate_string(ex.to_stix(example).serialize()).is_valid


def test_stix_ids_are_stable(example):
    a = sorted(o["id"] for o in _stix(example)["objects"])
    assert a == sorted(o["id"] for o in _stix(example)["objects"])


# --- HTML --------------------------------------------------------------------------------------


def test_html_is_self_contained_with_legend_and_hover_text(example):
    page = ex.to_html(example, "claimgraph: Crocus")
    assert "vis-network" in page and "@license" in page  # the library inline, with its licence header
    assert not re.search(r"""<(script|link|img)[^>]+(src|href)=["']?https?:""", page)  # nothing fetched
    data = json.loads(re.search(r'id="claimgraph-data">(.*?)</script>', page, re.S).group(1))
    assert len(data["nodes"]) == example.number_of_nodes()
    assert set(data["legend"]["nodes"]) == {"Actor", "Article", "Attack", "Claim", "Source"}
    kirby = next(e for e in data["edges"] if e["type"] == "DISPUTED_BY" and "Kirby" in e["title"])
    assert "no evidence that Ukraine" in kirby["title"] and "West rejects Kremlin claim" in kirby["title"]
    assert kirby["color"]["color"] == ex.EDGE_STYLE["DISPUTED_BY"]["color"]
    assert [a["name"] for a in data["attacks"]] == ["Crocus City Hall attack"]


def test_html_escapes_every_string_from_an_article():
    page = ex.to_html(_evil_graph(), f"title {EVIL}")
    head, _, rest = page.partition('<script type="application/json"')
    data_part = rest.split("</script>", 1)[0]
    assert "<script>alert" not in page and "</script>alert" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in head  # the page title
    assert "<" not in data_part.split(">", 1)[1] and "\\u003cscript\\u003e" in data_part
    data = json.loads(data_part.split(">", 1)[1])
    assert any(EVIL in e["title"] for e in data["edges"])  # the text itself survives, as text


# --- the Browser stylesheet and guide ----------------------------------------------------------


def _grass_rules(text: str) -> dict[str, dict[str, str]]:
    return {sel.strip(): dict(re.findall(r"([\w-]+):\s*([^;]+);", body))
            for sel, body in re.findall(r"([\w.]+)\s*\{(.*?)\n\}", text, re.S)}


def test_grass_matches_the_html_colours_and_captions():
    rules = _grass_rules(ex.grass())
    for label, style in ex.NODE_STYLE.items():
        assert rules[f"node.{label}"]["color"].upper() == style["color"].upper()
        assert rules[f"node.{label}"]["caption"] == f'"{{{style["caption"]}}}"'
    for rel in ("ATTRIBUTED_BY", "DISPUTED_BY"):
        assert rules[f"relationship.{rel}"]["color"].upper() == ex.EDGE_STYLE[rel]["color"].upper()
        # GraSS has no selector on property values: the review status shows in the caption
        assert rules[f"relationship.{rel}"]["caption"] == '"{cue} {confidence} {review}"'
    assert rules["relationship.BLAMES"]["shaft-width"] == rules["relationship.ABOUT"]["shaft-width"] == "1px"


def test_guide_has_slides_of_runnable_queries():
    guide = ex.guide_html()
    assert guide.count("<slide") >= 4
    queries = re.findall(r'<pre class="code runnable">(.*?)</pre>', guide, re.S)
    assert len(queries) >= 6 and any("crocus city hall attack" in q for q in queries)
    assert any("claimant" in q for q in queries)


def test_neo4j_style_prints_the_grass():
    from claimgraph.neo4j_cli import app

    result = CliRunner().invoke(app, ["style"])
    assert result.exit_code == 0 and result.output == ex.grass()


# --- the commands ------------------------------------------------------------------------------


@pytest.fixture
def cli(tmp_path):
    app = typer.Typer()
    export_cli.register(app)
    store = tmp_path / "ex.graph"
    NetworkXStore(store).load(_example_records())
    return app, str(store)


@pytest.mark.parametrize("fmt", ["graphml", "json", "html", "stix"])
def test_export_command(cli, tmp_path, fmt):
    app, store = cli
    out = tmp_path / f"out.{fmt}"
    result = CliRunner().invoke(app, ["export", "-f", fmt, "-o", str(out), "--attack", "crocus attack",
                                      "--store", store])
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 0


def test_export_command_unknown_attack(cli, tmp_path):
    app, store = cli
    result = CliRunner().invoke(app, ["export", "-o", str(tmp_path / "x"), "--attack", "nope", "--store", store])
    assert result.exit_code == 1 and "No attack called 'nope'" in result.output


def test_view_prints_the_path_without_a_display(cli, monkeypatch):
    app, store = cli
    monkeypatch.setattr(export_cli.sys, "platform", "linux")
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    opened = []
    monkeypatch.setattr(export_cli.webbrowser, "open", opened.append)
    result = CliRunner().invoke(app, ["view", "Crocus City Hall attack", "--store", store])
    assert result.exit_code == 0, result.output
    path = Path(result.stdout.strip())
    assert path.suffix == ".html" and "Crocus City Hall attack" in path.read_text()
    assert not opened
    path.unlink()


def test_view_opens_a_browser_with_a_display(cli, monkeypatch):
    app, store = cli
    monkeypatch.setattr(export_cli.sys, "platform", "linux")
    monkeypatch.setenv("DISPLAY", ":0")
    opened = []
    monkeypatch.setattr(export_cli.webbrowser, "open", lambda url: opened.append(url) or True)
    result = CliRunner().invoke(app, ["view", "--store", store])
    assert result.exit_code == 0, result.output
    assert opened and opened[0].startswith("file://")
    Path(opened[0][len("file://"):]).unlink()


# --- the page in headless Chromium -------------------------------------------------------------





def _open(chromium, path: Path):
    page = chromium.new_page(viewport={"width": 1400, "height": 900})
    dialogs, requests = [], []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("request", lambda r: requests.append(r.url))
    page.goto(path.as_uri())
    page.wait_for_selector("body[data-ready='1']", timeout=90_000)
    return page, dialogs, requests


def test_html_page_in_chromium(chromium, example, tmp_path):
    path = tmp_path / "crocus.html"
    ex.export(example, "html", path, attack=CROCUS)
    page, dialogs, requests = _open(chromium, path)
    assert [u for u in requests if not u.startswith(("file:", "data:"))] == []  # works offline
    crocus = ex.attack_subgraph(example, CROCUS).number_of_nodes()
    assert page.evaluate("claimgraph.nodeView.length") == crocus
    legend = page.inner_text("#legend")
    for name in ("Actor", "Attack", "Claim", "ATTRIBUTED_BY", "DISPUTED_BY"):
        assert name in legend
    # Hover over Kirby's dispute: the tooltip shows the quote and the article. Points along the
    # drawn (curved) edge are tried in turn, since a label or a crossing edge may cover one.
    tip = ""
    for t in (0.3, 0.7, 0.2, 0.8, 0.4, 0.6):
        point = page.evaluate("""t => {
            const e = claimgraph.edges.get({filter: x => x.type === 'DISPUTED_BY' && x.title.includes('Kirby')})[0];
            const dom = claimgraph.network.canvasToDOM(claimgraph.network.body.edges[e.id].edgeType.getPoint(t));
            const box = document.getElementById('graph').getBoundingClientRect();
            return {x: dom.x + box.left, y: dom.y + box.top};
        }""", t)
        page.mouse.move(point["x"] - 4, point["y"] - 4)
        page.mouse.move(point["x"], point["y"], steps=4)
        try:
            page.wait_for_selector("div.vis-tooltip", state="visible", timeout=3_000)
        except Exception:
            continue
        tip = page.inner_text("div.vis-tooltip")
        if "Kirby" in tip:
            break
    assert "no evidence that Ukraine" in tip and "West rejects Kremlin claim" in tip
    assert "no evidence that Ukraine" in page.inner_text("#details")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "html-view.png"))
    # The attack filter: choosing the attack keeps its nodes, "all attacks" brings the rest back.
    assert page.eval_on_selector_all("#attack option", "os => os.map(o => o.textContent)") == \
        ["all attacks", "Crocus City Hall attack"]
    page.select_option("#attack", CROCUS)
    assert page.evaluate("claimgraph.nodeView.length") == crocus
    assert dialogs == []
    page.close()


def test_html_filter_by_attack_in_chromium(chromium, example, tmp_path):
    example.add_node("attack/other", id="attack/other", labels=("Attack",), name="Other attack")
    path = tmp_path / "all.html"
    ex.export(example, "html", path)
    page, dialogs, _ = _open(chromium, path)
    total = page.evaluate("claimgraph.nodeView.length")
    assert total == example.number_of_nodes()
    page.select_option("#attack", "attack/other")
    assert page.evaluate("claimgraph.nodeView.length") == 1
    page.select_option("#attack", "")
    assert page.evaluate("claimgraph.nodeView.length") == total
    page.close()


def test_markup_in_articles_is_not_executed_in_chromium(chromium, tmp_path):
    path = tmp_path / "evil.html"
    path.write_text(ex.to_html(_evil_graph(), f"title {EVIL}"), encoding="utf-8")
    page, dialogs, _ = _open(chromium, path)
    assert dialogs == []
    assert page.title() == f"title {EVIL}"
    assert page.locator("script", has_text="alert(1)").count() == 0
    labels = page.evaluate("claimgraph.nodes.get().map(n => n.label + n.title).join(' ')")
    assert EVIL in labels  # shown as text
    # Clicking shows the details as text, not markup.
    page.evaluate("""() => { const n = claimgraph.nodes.get({filter: x => x.title.includes('Bad')})[0];
                            document.getElementById('details').textContent = n.title; }""")
    assert EVIL in page.inner_text("#details") and dialogs == []
    page.close()

