"""``claimgraph query``, ``claimgraph queries`` and ``claimgraph cypher``: the named queries and raw Cypher.

``claimgraph.cli`` calls :func:`register` once its shared helpers are defined
(``_errors``, ``_print_rows``, ``StoreOpt``, ``FormatOpt``); they are imported
inside ``register`` so that importing this module never imports the CLI.
"""

# No `from __future__ import annotations`: Typer reads the commands' annotations at run
# time, and StoreOpt / FormatOpt are local names of register().
import json
from typing import Annotated, List, Optional

import typer

from .graph.errors import ParameterError

__all__ = ["parse_params", "pick_columns", "register"]


def parse_params(items: list[str] | None) -> dict:
    """``--param`` values as a dict: ``key=value`` gives a string, ``key:=json`` a JSON value.

    >>> parse_params(["attack=Crocus City Hall attack", "limit:=5", "names:=[\\"a\\", \\"b\\"]"])
    {'attack': 'Crocus City Hall attack', 'limit': 5, 'names': ['a', 'b']}
    """
    params: dict = {}
    for item in items or []:
        key, sep, value = item.partition("=")
        if not sep or not key.rstrip(":").strip():
            raise ParameterError(f"--param {item!r} is not KEY=VALUE. Write e.g. --param attack='Crocus City Hall "
                             "attack' (a string) or --param limit:=10 (a JSON value).")
        if key.endswith(":"):
            try:
                params[key[:-1].strip()] = json.loads(value)
            except json.JSONDecodeError as exc:
                raise ParameterError(f"--param {item!r}: {value!r} is not JSON ({exc.msg}). Use KEY=VALUE for a "
                                 "string.") from exc
        else:
            params[key.strip()] = value
    return params


def pick_columns(spec: str | None, columns: tuple[str, ...]) -> tuple[str, ...]:
    """The columns named in ``--columns a,b`` (all when None); an unknown one lists the valid ones.

    >>> pick_columns("stance, claimant", ("attack", "claimant", "stance"))
    ('stance', 'claimant')
    """
    if spec is None:
        return columns
    wanted = tuple(c.strip() for c in spec.split(",") if c.strip())
    unknown = [c for c in wanted if c not in columns]
    if unknown or not wanted:
        raise ParameterError(f"--columns {spec!r}: no column {', '.join(map(repr, unknown)) or 'given'}. "
                             f"This query has: {', '.join(columns)}.")
    return wanted


def _plain(value):
    """A cell for a table or CSV: lists joined with '; ', anything else as is."""
    if isinstance(value, list):
        return "; ".join("" if v is None else str(v) for v in value)
    return value


def _jsonable(row: dict) -> dict:
    # Neo4j values without a JSON form (temporal types, points) become their string form.
    return json.loads(json.dumps(row, default=str, ensure_ascii=False))


ParamOpt = Annotated[Optional[List[str]], typer.Option(
    "--param", "-p", metavar="KEY=VALUE",
    help="A query parameter; repeat for more. KEY=VALUE gives a string, KEY:=JSON a number, list or null.")]


def register(app: typer.Typer) -> None:
    """Add the ``query``, ``queries`` and ``cypher`` commands to the main app."""
    from .cli import Format, FormatOpt, IncludeRejectedOpt, MinConfidenceOpt, StoreOpt, _errors, _print_rows, confident

    def show(rows: list, columns: tuple[str, ...], format: Format, title: str | None = None) -> None:
        dicts = [r._asdict() if hasattr(r, "_asdict") else dict(r) for r in rows]
        if format is Format.json:
            dicts = [_jsonable(d) for d in dicts]
        else:
            dicts = [{k: _plain(v) for k, v in d.items()} for d in dicts]
        _print_rows(dicts, columns, format, title=title)

    @app.command("query")
    def query_cmd(
        name: Annotated[str, typer.Argument(help="The query's name; 'claimgraph queries' lists them.")],
        param: ParamOpt = None,
        columns: Annotated[Optional[str], typer.Option(
            "--columns", "-c", metavar="A,B,...", help="Show only these columns, in this order.")] = None,
        min_confidence: MinConfidenceOpt = 0.0,
        include_rejected: IncludeRejectedOpt = False,
        store: StoreOpt = None,
        format: FormatOpt = Format.table,
    ):
        """Run a named query. Attack and actor parameters take names or aliases in any case.

        Statements an analyst rejected are left out; --include-rejected shows them (queries with a
        review column).

        --min-confidence keeps the statement rows (queries with a confidence column) at least that sure.

        Example: claimgraph query accusations_against --param actor=Ukraine --columns attack,stance,claimant
        """
        from .queries.api import ClaimGraph
        from .graph.errors import ParameterError
        from .queries.registry import get_query, load_queries

        with _errors():
            q = get_query(name)
            params = parse_params(param)
            if include_rejected:
                if "include_rejected" not in q.params:
                    takes = sorted(n for n, x in load_queries().items() if "include_rejected" in x.params)
                    raise ParameterError(f"Query {name!r} counts only the statements in force; --include-rejected "
                                         f"applies to {', '.join(takes)}.")
                params["include_rejected"] = True
            wanted = pick_columns(columns, q.columns)
            with ClaimGraph.open(store) as cg:
                rows = confident(cg.query(name, **params), min_confidence)
        show([{c: getattr(r, c) for c in wanted} for r in rows], wanted, format, title=q.name)

    @app.command("queries")
    def queries_cmd(format: FormatOpt = Format.table):
        """List the named queries with their parameters (? marks an optional one) and what they answer.

        Example: claimgraph queries
        """
        from .queries.api import ClaimGraph

        with _errors():
            rows = [{"name": q.name,
                     "params": ", ".join(p + ("?" if p in q.optional else "") for p in q.params),
                     "columns": ", ".join(q.columns), "description": q.description}
                    for q in ClaimGraph.queries()]
        _print_rows(rows, ("name", "params", "description"), format)

    @app.command("cypher")
    def cypher_cmd(
        text: Annotated[str, typer.Argument(help="Cypher; values go in as $parameters.")],
        param: ParamOpt = None,
        write: Annotated[bool, typer.Option("--write", help="Allow the query to write (it is read-only "
                                                             "otherwise).")] = False,
        store: StoreOpt = None,
        format: FormatOpt = Format.table,
    ):
        """Run your own Cypher on Neo4j, read-only unless --write.

        Example: claimgraph cypher 'MATCH (c:Claim)-[:BLAMES]->(:Actor {name: $name}) RETURN c.text AS claim' --param name=Ukraine
        """
        from .queries.api import ClaimGraph

        with _errors():
            params = parse_params(param)
            with ClaimGraph.open(store) as cg:
                rows = cg.cypher(text, params, write=write)
        columns: tuple[str, ...] = tuple(rows[0]) if rows else ()
        show(rows, columns, format)
