"""``claimgraph export`` and ``claimgraph view``: the graph as GraphML, JSON, HTML or STIX, and in a web browser.

``claimgraph.cli`` calls :func:`register` once its shared helpers are defined;
they are imported inside ``register`` so that importing this module never
imports the CLI.
"""

# No `from __future__ import annotations`: Typer reads the commands' annotations at run time.
import os
import sys
import tempfile
import webbrowser
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

__all__ = ["ExportFormat", "has_display", "register"]


class ExportFormat(str, Enum):
    graphml = "graphml"
    json = "json"
    html = "html"
    stix = "stix"
    gold = "gold"


def has_display() -> bool:
    """Whether a browser window can open: always on macOS and Windows, on Linux only with
    ``DISPLAY`` or ``WAYLAND_DISPLAY``."""
    if not sys.platform.startswith("linux"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _graph(store, attack):
    """(the store's graph as a MultiDiGraph, the attack's id or None)."""
    from .graph.export import to_networkx
    from .queries.api import ClaimGraph

    with ClaimGraph.open(store) as cg:
        attack_id = cg.resolve(attack, "Attack") if attack else None
        return to_networkx(cg.store), attack_id


def register(app: typer.Typer) -> None:
    """Add the ``export`` and ``view`` commands to the main app."""
    from .cli import StoreOpt, _errors, err

    AttackOpt = Annotated[Optional[str], typer.Option(
        "--attack", "-a", help="Only this attack (name or alias, any case): its claims, their actors and articles.")]

    @app.command("export")
    def export_cmd(
        output: Annotated[Path, typer.Option("--output", "-o", help="The file to write (a directory for gold).")],
        format: Annotated[ExportFormat, typer.Option(
            "--format", "-f", help="graphml (Gephi, Cytoscape, yEd), json (node-link), html (an interactive "
            "page that works offline), stix (a STIX 2.1 bundle) or gold (training data for 'claimgraph "
            "train': DIR/gold.jsonl and DIR/texts/).")] = ExportFormat.graphml,
        attack: AttackOpt = None,
        reviewed_only: Annotated[bool, typer.Option(
            "--reviewed-only", help="gold: only the statements an analyst verified (accepted, corrected, added), "
            "of the articles reviewed.")] = False,
        store: StoreOpt = None,
    ):
        """Export the graph (or one attack's part of it) to a file, or the statements as gold training data.

        Example: claimgraph export --format html -o crocus.html --attack "Crocus City Hall attack"
        """
        from .graph.errors import ParameterError
        from .graph.export import export

        with _errors():
            if format is ExportFormat.gold:
                from .queries.api import ClaimGraph
                from .review.gold import export_gold

                if attack:
                    raise ParameterError("--attack does not apply to --format gold: it exports whole articles.")
                with ClaimGraph.open(store) as cg:
                    gold, docs, statements = export_gold(cg, output, reviewed_only=reviewed_only)
                err.print(f"wrote {gold} ({docs} articles, {statements} statements) and their texts in "
                          f"{output / 'texts'}", highlight=False)
                return
            if output.is_dir():
                raise ParameterError(f"{output} is a directory. Give a file name for --format {format.value}.")
            g, attack_id = _graph(store, attack)
            path = export(g, format.value, output, attack=attack_id)
        err.print(f"wrote {path} ({format.value}{', ' + attack_id if attack_id else ''})", highlight=False)

    @app.command("view")
    def view_cmd(
        attack: Annotated[Optional[str], typer.Argument(
            help="Only this attack (name or alias, any case); all attacks when left out.")] = None,
        store: StoreOpt = None,
    ):
        """Open the graph as an interactive page in your web browser (prints its path where there is no display).

        Example: claimgraph view "Crocus City Hall attack"
        """
        from .graph.export import export

        with _errors():
            g, attack_id = _graph(store, attack)
            fd, name = tempfile.mkstemp(prefix="claimgraph-", suffix=".html")
            os.close(fd)
            path = export(g, "html", name, attack=attack_id).resolve()
        if has_display() and webbrowser.open(path.as_uri()):
            err.print(f"opened {path}", highlight=False)
        else:
            print(path)
