"""The named queries: their files, the Python API, the CLI, and their answers on the embedded store.

Facts asserted on the sample articles are ones the articles state (Ukraine's
role is asserted and disputed; Islamic State claimed the attack on Telegram),
not row counts, because extraction keeps improving. Exact semantics (since,
limit, PART_OF depth, COPY_OF origins, changed positions, several outlets,
unnamed nodes) are checked on a small hand-written graph, :func:`edge_case_records`,
which tests/integration/test_query_parity.py also loads into Neo4j.
"""

from __future__ import annotations

import json
from importlib.resources import files

import networkx as nx
import pytest
import typer
from typer.testing import CliRunner

from claimgraph import ClaimGraph
from claimgraph.graph.errors import QueryFileError, StoreError, UnknownName
from claimgraph.graph.model import Actor, Article, Attack, Extraction, Source, Statement, actor_id, article_id
from claimgraph.graph.nx_store import NetworkXStore
from claimgraph.graph.errors import ParameterError
from claimgraph.queries.nx_queries import NX_QUERIES
from claimgraph.queries.registry import load_queries, parse_query

QUERIES = sorted(load_queries())
EVIL = ["x'}) DETACH DELETE n //", "$param", "') MATCH (n) DETACH DELETE n RETURN 1 AS x //", "\\u0027 OR 1=1"]


# -- the hand-written edge-case graph ---------------------------------------------------------

EDGE_ATTACK = Attack("attack/test-attack", "Test attack", "bombing", "2020-01-01", "Testville", ["the blast"])


def _actor(name, kind="organisation", *aliases, part_of=()):
    return Actor(actor_id(name), name, kind, list(aliases), list(part_of))


GROUP = _actor("Group A", "armed_group", "the group", part_of=["actor/unnamed-parent"])  # parent has no name
WING = _actor("Wing A", "armed_group", part_of=[GROUP.id])
CELL = _actor("Cell A", "armed_group", part_of=[WING.id])  # a part of a part
B, C, D = _actor("Agency B", "government_body"), _actor("State C", "state"), _actor("Minister D", "person")


def _article(title, published, outlet, statements, actors):
    text = title + "\n\n" + " ".join(q for *_, q in statements)
    art = Article(article_id(text), text, title=title, published=published, outlet=outlet)
    stmts, offset = [], len(title) + 2
    for claimant, accused, polarity, channel, quote in statements:
        stmts.append(Statement(claimant.id, accused.id, EDGE_ATTACK.id, polarity, "said", quote, offset,
                               offset + len(quote), art.id, channel=channel))
        offset += len(quote) + 1
    sources = [Source(actor_id(outlet), outlet, "published_by")] if outlet else []
    return Extraction(art, actors, [EDGE_ATTACK], stmts, sources)


def edge_case_records() -> tuple[list[Extraction], list[tuple[str, str]]]:
    """Extractions plus (copy, original) article id pairs to link with COPY_OF."""
    first = [(CELL, GROUP, "asserts", "Telegram", "Cell A claimed the bombing for Group A on Telegram."),
             (B, GROUP, "asserts", None, "Agency B said Group A carried out the bombing."),
             (C, GROUP, "denies", None, "State C said Group A had no role."),
             (B, C, "asserts", None, "Agency B also said State C was behind the blast."),
             (D, C, "asserts", None, "Minister D blamed State C.")]
    actors = [GROUP, WING, CELL, B, C, D]
    one = _article("Bombing claimed", "2020-01-02", "Outlet Y", first, actors)
    # The same article from a second outlet: one Article with two PUBLISHED_BY edges.
    one_again = Extraction(one.article, one.actors, one.attacks, one.statements,
                           [Source(actor_id("Outlet X"), "Outlet X", "published_by")])
    two = _article("Minister changes his mind", "2020-02-01", None,
                   [(D, C, "denies", None, "Minister D now said State C had nothing to do with it."),
                    (B, GROUP, "asserts", None, "Agency B repeated that Group A did it."),
                    (C, GROUP, "denies", None, "State C again denied that Group A was involved.")], actors)
    undated = _article("Undated wire copy", None, "Outlet X",
                       [(B, GROUP, "asserts", None, "Agency B said Group A did it, the wire copy says.")], actors)
    copy = _article("Bombing claimed (syndicated)", "2020-01-03", "Outlet Z",
                    [(B, GROUP, "asserts", None, "Agency B said Group A carried out the bombing, again.")], actors)
    return [one, one_again, two, undated, copy], [(copy.article.id, one.article.id)]


def load_edge_cases(cg: ClaimGraph) -> None:
    records, copies = edge_case_records()
    cg.load(records)
    for copy, original in copies:
        if isinstance(cg.store, NetworkXStore):
            cg.store.graph.add_edge(copy, original, "COPY_OF", type="COPY_OF")
        else:
            cg.cypher("MATCH (a:Article {id: $a}), (b:Article {id: $b}) MERGE (a)-[:COPY_OF]->(b)",
                      a=copy, b=original, write=True)


@pytest.fixture
def edge_graph():
    cg = ClaimGraph(NetworkXStore(None))
    load_edge_cases(cg)
    return cg


@pytest.fixture(scope="session")
def sample_store(nlp, tmp_path_factory):
    """The three demo sample articles, extracted and loaded into a graph file."""
    from claimgraph.graph.errors import InputError
    from claimgraph.loaders.extract import extract
    from claimgraph.loaders.read import read_inputs

    path = tmp_path_factory.mktemp("samples") / "samples.graph"
    folder = files("claimgraph.loaders") / "data" / "samples"
    NetworkXStore(path).load(extract((a for a in read_inputs([str(folder)]) if not isinstance(a, InputError)), nlp))
    return path


@pytest.fixture
def samples(sample_store):
    with ClaimGraph.open(str(sample_store)) as cg:
        yield cg


def _snapshot(cg: ClaimGraph):
    g = cg.store.graph
    return (sorted(g.nodes(data="labels")), sorted((a, b, k) for a, b, k in g.edges(keys=True)))


# -- the query files ------------------------------------------------------------------------------

GOOD = """// name: q
// params: a, b?
// columns: x
// What it answers.
MATCH (n {id: $a}) WHERE $b IS NULL
RETURN n.id AS x
"""


def test_a_good_header_parses():
    q = parse_query(GOOD, "q.cypher")
    assert (q.name, q.params, q.optional, q.columns, q.description) == ("q", ("a", "b"), ("b",), ("x",),
                                                                         "What it answers.")
    assert q.text.startswith("MATCH")


def test_a_declared_parameter_the_query_never_uses_points_at_the_params_line():
    source = GOOD.replace("WHERE $b IS NULL", "")
    with pytest.raises(QueryFileError, match=r"^q\.cypher:2: parameter 'b' is declared but the query never uses"):
        parse_query(source, "q.cypher")


def test_an_undeclared_parameter_points_at_its_line():
    source = GOOD.replace("RETURN n.id AS x", "RETURN n.id AS x, $c AS y")
    with pytest.raises(QueryFileError, match=r"^q\.cypher:6: \$c is not declared. Add it to '// params:'"):
        parse_query(source, "q.cypher")


@pytest.mark.parametrize("drop, message", [("// name: q\n", "no '// name:' line"),
                                           ("// columns: x\n", "no '// columns:' line")])
def test_a_header_without_name_or_columns_is_refused(drop, message):
    with pytest.raises(QueryFileError, match=f"^q.cypher:1: the header has {message}"):
        parse_query(GOOD.replace(drop, ""), "q.cypher")


def test_a_header_without_a_query_is_refused():
    with pytest.raises(QueryFileError, match="has a header but no query"):
        parse_query("// name: q\n// columns: x\n", "q.cypher")


def test_the_analysts_queries_are_all_there():
    assert set(QUERIES) >= {"trace_attack", "contested_claims", "accusations_by", "accusations_against",
                            "self_claims", "claim_timeline", "claimant_alignment", "source_reach",
                            "actor_profile", "search_entities"}


@pytest.mark.parametrize("name", QUERIES)
def test_every_query_file_has_a_description_an_nx_twin_and_a_method(name):
    q = load_queries()[name]
    assert q.description and q.columns
    assert all(c.isidentifier() for c in q.columns)
    assert name in NX_QUERIES
    method = getattr(ClaimGraph, name)
    assert q.description.split()[0] in method.__doc__ and ">>>" in method.__doc__
    assert set(q.optional) <= set(q.params)


@pytest.mark.parametrize("name", QUERIES)
def test_every_query_returns_its_columns_on_the_embedded_store(name, edge_graph):
    q = load_queries()[name]
    params = {"attack": "Test attack", "actor": "Group A", "text": "a", "claim": None, "since": None,
              "limit": None, "include_rejected": None}
    rows = edge_graph.query(name, **{p: params[p] for p in q.params})
    assert rows, f"{name} gave no rows on the edge-case graph"
    assert all(type(r).__name__.endswith("Row") and r._fields == q.columns for r in rows)


# -- facts from the sample articles --------------------------------------------------------------

def test_trace_shows_ukraine_contested(samples):
    rows = samples.trace("crocus city hall attack")
    ukraine = [r for r in rows if r.accused == "Ukraine"]
    assert {r.stance for r in ukraine} == {"asserts", "disputes"}
    assert all(r.contested for r in ukraine)
    assert [r.contested for r in rows] == sorted((r.contested for r in rows), reverse=True)


def test_self_claims_list_islamic_state_on_telegram(samples):
    rows = samples.self_claims()
    assert ("Islamic State", "Telegram") in {(r.actor, r.channel) for r in rows}
    assert [r.actor for r in samples.self_claims("Islamic State")] and not samples.self_claims("Ukraine")


def test_accusations_against_ukraine_include_putin_and_the_denials(samples):
    rows = samples.accusations_against("ukraine")
    assert ("asserts", "Vladimir Putin") in {(r.stance, r.claimant) for r in rows}
    assert any(r.stance == "disputes" for r in rows)
    assert all(r.accused == "Ukraine" or r.accused for r in rows)


def test_accusations_by_putin_name_ukraine(samples):
    rows = samples.accusations_by("Putin")
    assert "Ukraine" in {r.accused for r in rows}
    assert {r.claimant for r in rows} == {"Vladimir Putin"}


def test_contested_claims_rank_ukraine_as_disputed(samples):
    rows = samples.contested_claims()
    ukraine = [r for r in rows if r.accused == "Ukraine" and r.disputers]
    assert ukraine and ukraine[0].asserters >= 1 and "Vladimir Putin" in ukraine[0].asserted_by
    assert [r.score for r in rows] == sorted((r.score for r in rows), reverse=True)
    assert len(samples.contested_claims(limit=1)) == 1


def test_claim_timeline_holds_both_stances(samples):
    rows = samples.claim_timeline("Crocus City Hall attack")
    assert {"asserts", "disputes"} <= {r.stance for r in rows}
    assert all(r.article.startswith("article/") for r in rows)


def test_claimant_alignment_opposes_putin_to_a_defender_of_ukraine(samples):
    rows = samples.claimant_alignment()
    assert any("Vladimir Putin" in (r.claimant_a, r.claimant_b) and r.oppose for r in rows)
    assert all(r.a_id < r.b_id for r in rows)


def test_source_reach_counts_the_articles_that_carry_the_ukraine_claim(samples):
    rows = [r for r in samples.source_reach() if r.accused == "Ukraine"]
    assert max(r.articles for r in rows) >= 2
    assert all(r.origins == r.articles for r in rows)  # no COPY_OF links yet


def test_actor_profile_of_islamic_state(samples):
    (p,) = samples.actor_profile("islamic state")
    assert p.name == "Islamic State" and p.self_claims >= 1
    assert "Islamic State-Khorasan Province" in p.parts


def test_search_entities_finds_aliases(samples):
    assert "actor/islamic-state-khorasan-province" in {r.id for r in samples.search_entities("isis-k")}


def test_camps_split_the_accusers_of_ukraine_from_its_defenders(samples):
    camps = samples.camps()
    camp_of = {name: c.camp for c in camps for name in c.members}
    assert camp_of["Vladimir Putin"] != camp_of["John Kirby"]
    assert any(c.opposed_camps for c in camps)
    central = samples.centrality()
    assert {r.claimant for r in central} == set(camp_of)


# -- exact semantics on the edge-case graph ---------------------------------------------------

def test_accusations_by_count_parts_of_parts(edge_graph):
    rows = edge_graph.accusations_by("Group A")
    assert [(r.claimant, r.accused) for r in rows] == [("Cell A", "Group A")]
    assert rows[0].outlet == "Outlet X"  # two publishers: the first by name


def test_accusations_against_count_claims_against_parts(edge_graph):
    rows = edge_graph.accusations_against("Group A")
    assert {r.accused for r in rows} == {"Group A"}
    assert [r.stance for r in rows] == sorted(r.stance for r in rows)
    disputes = [r for r in rows if r.stance == "disputes"]
    assert [(r.claimant, r.published) for r in disputes] == [("State C", "2020-01-02"), ("State C", "2020-02-01")]
    dated = [r.published for r in rows if r.stance == "asserts"]
    assert dated == sorted(dated, key=lambda d: (d is None, d or ""))  # nulls last


def test_self_claims_by_a_part_with_who_accepted_and_disputed(edge_graph):
    (row,) = edge_graph.self_claims()
    assert (row.actor, row.claimant, row.channel) == ("Group A", "Cell A", "Telegram")
    assert (row.accepted_by, row.disputed_by) == (["Agency B"], ["State C"])


def test_contested_claims_since_and_limit(edge_graph):
    rows = edge_graph.contested_claims()
    assert [(r.accused, r.asserters, r.disputers, r.rivals) for r in rows] == [
        ("Group A", 2, 1, 1), ("State C", 2, 1, 1)]
    assert rows[0].first_published == "2020-01-02" and rows[0].last_published == "2020-02-01"
    later = edge_graph.contested_claims(since="2020-01-15")
    assert [(r.accused, r.asserted_by, r.disputed_by, r.rivals) for r in later] == [
        ("Group A", ["Agency B"], ["State C"], 0)]
    assert later == edge_graph.contested_claims(since="2020-01-15", limit=5)
    assert edge_graph.contested_claims(limit=0) == []


def test_claim_timeline_orders_by_date_with_undated_last_and_flags_a_change_of_position(edge_graph):
    rows = edge_graph.claim_timeline("the blast")
    assert rows[-1].published is None and rows[0].published == "2020-01-02"
    assert {r.attack_date for r in rows} == {"2020-01-01"}
    changed = {(r.claimant, r.stance) for r in rows if r.changed_position}
    assert changed == {("Minister D", "asserts"), ("Minister D", "disputes")}


def test_claimant_alignment_counts_agreement_and_opposition(edge_graph):
    rows = {(r.claimant_a, r.claimant_b): r for r in edge_graph.claimant_alignment("Test attack")}
    assert rows["Agency B", "Minister D"].relation == "mixed"  # D asserted, then disputed, B's claim
    assert rows["Agency B", "State C"].oppose_on == ["Group A responsible for Test attack"]


def test_source_reach_counts_a_copy_as_its_original(edge_graph):
    rows = {r.accused: r for r in edge_graph.source_reach()}
    assert (rows["Group A"].articles, rows["Group A"].origins) == (4, 3)
    assert rows["Group A"].outlets == ["Outlet X", "Outlet Y", "Outlet Z"]
    claim = rows["Group A"].claim
    assert edge_graph.source_reach(claim) == edge_graph.source_reach("group a responsible for test attack")
    with pytest.raises(UnknownName, match="No claim"):
        edge_graph.source_reach("Group B responsible for nothing")


def test_actor_profile_links_and_counts(edge_graph):
    (p,) = edge_graph.actor_profile("the group")
    assert (p.name, p.kind, p.source) == ("Group A", "armed_group", False)
    assert p.part_of == ["actor/unnamed-parent"] and p.parts == ["Wing A"]
    assert (p.asserts_received, p.disputes_received, p.self_claims) == (5, 2, 0)
    (wire,) = edge_graph.actor_profile("Outlet X")
    assert wire.source


def test_names_resolve_by_id_name_and_alias_in_any_case(edge_graph):
    for name in ("actor/group-a", "GROUP A", "the group"):
        assert edge_graph.resolve(name, "Actor") == "actor/group-a"
    with pytest.raises(UnknownName, match="Closest: Group A"):
        edge_graph.resolve("Grup A", "Actor")


def test_parameters_are_checked(edge_graph):
    with pytest.raises(ParameterError, match="has no parameter 'attack'"):
        edge_graph.query("contested_claims", attack="x")
    with pytest.raises(ParameterError, match="needs the parameter"):
        edge_graph.query("trace_attack")
    with pytest.raises(ParameterError, match="not a date"):
        edge_graph.contested_claims(since="last week")
    with pytest.raises(ParameterError, match="whole number"):
        edge_graph.contested_claims(limit=-1)
    assert edge_graph.contested_claims(limit="1") == edge_graph.contested_claims()[:1]
    with pytest.raises(UnknownName, match="No query named"):
        edge_graph.query("drop_everything")


def test_cypher_on_the_embedded_store_says_it_needs_neo4j(edge_graph):
    with pytest.raises(StoreError, match="Cypher needs Neo4j"):
        edge_graph.cypher("MATCH (n) RETURN n")


def test_the_alignment_graph_and_camps(edge_graph):
    g = edge_graph.alignment_graph()
    assert isinstance(g, nx.Graph) and g.nodes["actor/agency-b"]["name"] == "Agency B"
    assert g.edges["actor/agency-b", "actor/state-c"] == {"agree": 0, "oppose": 1, "sign": -1}
    camps = edge_graph.camps()
    assert sum(c.size for c in camps) == g.number_of_nodes()
    assert [c.camp for c in camps] == list(range(1, len(camps) + 1))


# -- injection ----------------------------------------------------------------------------------

@pytest.mark.parametrize("name", QUERIES)
@pytest.mark.parametrize("evil", EVIL)
def test_hostile_names_change_nothing(name, evil, edge_graph):
    q = load_queries()[name]
    before = _snapshot(edge_graph)
    for param in q.params:
        try:
            rows = edge_graph.query(name, **{param: evil})
        except (UnknownName, ParameterError):
            continue
        assert rows == [], (name, param, evil)
    assert _snapshot(edge_graph) == before


# -- the CLI ---------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def cli():
    from claimgraph import query_cli

    app = typer.Typer()
    query_cli.register(app)
    runner = CliRunner()
    return lambda *args: runner.invoke(app, list(args))


@pytest.fixture
def edge_file(tmp_path):
    path = tmp_path / "edge.graph"
    store = NetworkXStore(path)
    load_edge_cases(ClaimGraph(store))
    store.save()
    return str(path)


def test_cli_query_json(cli, edge_file):
    run = cli("query", "self_claims", "--param", "actor=group a", "--store", edge_file, "--format", "json")
    assert run.exit_code == 0, run.output
    (row,) = json.loads(run.stdout)
    assert row["channel"] == "Telegram" and row["accepted_by"] == ["Agency B"]


def test_cli_query_csv_and_table(cli, edge_file):
    run = cli("query", "contested_claims", "-p", "limit:=1", "-s", edge_file, "-f", "csv")
    assert run.exit_code == 0, run.output
    lines = run.stdout.splitlines()
    assert lines[0].startswith("attack,accused,claim,score") and len(lines) == 2
    assert "Agency B; Cell A" in lines[1]  # lists joined for CSV
    run = cli("query", "actor_profile", "-p", "actor=Agency B", "-s", edge_file)
    assert run.exit_code == 0 and "Agency" in run.stdout


def test_cli_query_picks_columns(cli, edge_file):
    run = cli("query", "accusations_against", "-p", "actor=Group A", "-c", "stance,claimant", "-s", edge_file,
              "-f", "csv")
    assert run.exit_code == 0, run.output
    assert run.stdout.splitlines()[:2] == ["stance,claimant", "asserts,Agency B"]
    run = cli("query", "accusations_against", "-p", "actor=Group A", "-c", "stance,nope", "-s", edge_file)
    assert run.exit_code == 1 and "no column 'nope'" in run.output


def test_cli_lists_the_queries(cli):
    run = cli("queries", "--format", "json")
    rows = json.loads(run.stdout)
    assert [r["name"] for r in rows] == QUERIES
    assert {"name": "contested_claims", "params": "since?, limit?"}.items() <= rows[QUERIES.index(
        "contested_claims")].items()


@pytest.mark.parametrize("args, words", [
    (("query", "nope"), "No query named 'nope'"),
    (("query", "trace_attack", "-p", "attack=Atlantis"), "No attack called 'Atlantis'"),
    (("query", "trace_attack", "-p", "attack"), "is not KEY=VALUE"),
    (("query", "contested_claims", "-p", "limit:=[1"), "is not JSON"),
    (("cypher", "MATCH (n) RETURN n"), "Cypher needs Neo4j"),
])
def test_cli_errors_are_one_line_and_exit_1(cli, edge_file, args, words):
    run = cli(*args, "--store", edge_file)
    assert run.exit_code == 1
    assert words in run.output and "Traceback" not in run.output


@pytest.mark.parametrize("command", ["query", "queries", "cypher"])
def test_cli_help_ends_with_an_example(cli, command):
    run = cli(command, "--help")
    assert run.exit_code == 0
    assert f"Example: claimgraph {command}" in run.stdout


@pytest.mark.parametrize("module", ["claimgraph.queries.api", "claimgraph.queries.analytics",
                                    "claimgraph.queries.nx_queries", "claimgraph.queries.registry",
                                    "claimgraph.query_cli"])
def test_docstring_examples_run(module):
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
