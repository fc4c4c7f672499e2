"""`claimgraph neo4j`: run a local Neo4j server (Community 5.26, Bolt + Browser) for claimgraph."""

from __future__ import annotations

import contextlib
import shlex
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, List, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from claimgraph.graph import neo4j_server as server
from claimgraph.graph.errors import ClaimgraphError, InputError
from claimgraph.graph.model import Extraction, read_jsonl

app = typer.Typer(
    help="Run a local Neo4j Community server (Bolt, HTTP, Neo4j Browser) on 127.0.0.1.\n\n"
    'Example: claimgraph neo4j start && eval "$(claimgraph neo4j env)"',
    no_args_is_help=True,
)
out = Console()
err = Console(stderr=True)

DataDir = Annotated[
    Optional[Path],
    typer.Option(
        "--data-dir",
        help="Directory that holds the server in a neo4j/ folder (default: claimgraph's data directory, "
        "or $CLAIMGRAPH_DATA_DIR).",
        file_okay=False,
    ),
]
BoltPort = Annotated[int, typer.Option("--bolt-port", min=1, max=65535, help="Bolt port on 127.0.0.1.")]
HttpPort = Annotated[
    int, typer.Option("--http-port", min=1, max=65535, help="HTTP port on 127.0.0.1 (API and Neo4j Browser).")
]

NOT_RUNNING = 3  # the LSB exit status for "program is not running"


@contextlib.contextmanager
def _errors() -> Iterator[None]:
    """Print claimgraph's own errors as a message on stderr (no traceback) and exit 1."""
    try:
        yield
    except ClaimgraphError as error:
        err.print(f"[bold red]error:[/] {escape(str(error))}", highlight=False, soft_wrap=True)
        raise typer.Exit(1) from None


def _show(info: server.ServerInfo, headline: str) -> None:
    """Print where to connect; the password itself stays in its file."""
    out.print(headline, highlight=False)
    table = Table.grid(padding=(0, 2))
    table.add_row("  Bolt URI", info.uri)
    table.add_row("  User", info.user)
    table.add_row("  Password", f"in {info.password_file}")
    table.add_row("  Browser", info.browser_url)
    table.add_row("  Logs", str(info.log_file.parent))
    out.print(table, highlight=False)


@app.command()
def start(
    data_dir: DataDir = None,
    bolt_port: BoltPort = server.DEFAULT_BOLT_PORT,
    http_port: HttpPort = server.DEFAULT_HTTP_PORT,
    timeout: Annotated[float, typer.Option(help="Seconds to wait for Bolt to answer.")] = 180,
) -> None:
    """Start the server and wait until Bolt answers.

    The first start downloads the Neo4j jars from Maven Central (about 140 MB,
    checked against their SHA-256) and generates the password of the neo4j
    user; a server that is already running is just reported.

    Example: claimgraph neo4j start --bolt-port 7688 --http-port 7475
    """
    with _errors(), err.status("Starting Neo4j") as spinner:
        info = server.start(data_dir, bolt_port, http_port, timeout, progress=spinner.update)
    state = "was already running" if info.already_running else "is running"
    _show(info, f"Neo4j {info.version} {state} (pid {info.pid}).")
    out.print('  Export the connection with: eval "$(claimgraph neo4j env)"', highlight=False)


@app.command()
def stop(data_dir: DataDir = None) -> None:
    """Stop the server: a clean shutdown, forced after 60 seconds.

    Example: claimgraph neo4j stop
    """
    with _errors(), err.status("Stopping Neo4j"):
        stopped = server.stop(data_dir)
    out.print("Neo4j stopped." if stopped else "Neo4j was not running.")


@app.command()
def status(data_dir: DataDir = None) -> None:
    """Say whether the server is running and answering on Bolt (exit status 3 when it is not running).

    Example: claimgraph neo4j status --data-dir ~/graphs/project-a
    """
    with _errors():
        info = server.status(data_dir)
    if info is None:
        out.print("Neo4j is not running; start it with: claimgraph neo4j start")
        raise typer.Exit(NOT_RUNNING)
    state = "is running" if info.ready else "is starting (Bolt does not answer yet)"
    _show(info, f"Neo4j {info.version} {state} (pid {info.pid}).")


@app.command()
def env(data_dir: DataDir = None) -> None:
    """Print shell exports of NEO4J_URI, NEO4J_USERNAME and NEO4J_PASSWORD for the local server.

    Example: eval "$(claimgraph neo4j env)"
    """
    with _errors():
        uri, user, password = server.connection(data_dir)
    exports = {"NEO4J_URI": uri, "NEO4J_USERNAME": user, "NEO4J_PASSWORD": password}
    print("export " + " ".join(f"{name}={shlex.quote(value)}" for name, value in exports.items()))


@app.command()
def style() -> None:
    """Print claimgraph's Neo4j Browser stylesheet (GraSS): colours and captions per label and relationship.

    The local server applies it on connect; for another server, type :style in
    Neo4j Browser and paste this, or drop the file on the Browser window.

    Example: claimgraph neo4j style > claimgraph.grass
    """
    from claimgraph.graph.export import grass

    print(grass(), end="")


@app.command("import")
def import_(
    files: Annotated[List[Path], typer.Argument(
        help="JSON Lines written by 'claimgraph extract' (- for stdin), loaded in this order.", allow_dash=True)],
    data_dir: DataDir = None,
    overwrite: Annotated[bool, typer.Option(
        "--overwrite", help="Replace the database when it already holds data (everything in it is lost).")] = False,
) -> None:
    """Bulk-import extraction records into the local server's database with neo4j-admin: an initial load.

    Far faster than 'claimgraph load' for large graphs (it writes the store
    files directly), with the same graph as a result; the server must be
    stopped, and an existing database is replaced only with --overwrite.
    Start the server afterwards: the first connection creates the constraints and indexes.
    Bad lines are reported and skipped (exit status 2).

    Example: claimgraph neo4j stop && claimgraph neo4j import statements.jsonl --overwrite && claimgraph neo4j start
    """
    from claimgraph.graph.neo4j_import import bulk_import

    skipped: list[InputError] = []
    read = 0

    def skip(error: InputError) -> None:
        skipped.append(error)
        err.print(f"[yellow]skipped:[/] {escape(str(error))}", highlight=False, soft_wrap=True)

    def records() -> Iterator[Extraction]:
        nonlocal read
        for file in files:
            try:  # binary: read_jsonl decodes line by line, so one non-UTF-8 line is one bad line
                fh = sys.stdin.buffer if str(file) == "-" else file.open("rb")
            except OSError as exc:
                skip(InputError(str(file), f"cannot be opened ({exc.strerror}).", "Check the path.",
                                reason="unreadable"))
                continue
            with fh:
                for record in read_jsonl(fh, str(file), on_error=skip):
                    read += 1
                    yield record

    with _errors(), err.status("Importing") as spinner:
        result = bulk_import(records(), data_dir, overwrite=overwrite, progress=spinner.update)
    where = f" --data-dir {shlex.quote(str(data_dir))}" if data_dir else ""
    out.print(f"Imported {result['articles']:,} articles: {result['nodes']:,} nodes, "
              f"{result['relationships']:,} relationships ({result['copies']:,} COPY_OF) in {result['seconds']} s "
              f"into {server.home_dir(data_dir)}.", highlight=False, soft_wrap=True)
    out.print(f"  Start the server with: claimgraph neo4j start{where}", highlight=False)
    if skipped:
        reasons = Counter(e.reason for e in skipped)
        err.print(f"read {read}, skipped {len(skipped)} "
                  f"({', '.join(f'{n} {r}' for r, n in sorted(reasons.items()))})", highlight=False)
        raise typer.Exit(2)
