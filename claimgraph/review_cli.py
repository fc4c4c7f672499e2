"""``claimgraph review``: the local review page (claimgraph.review.web) for one store.

``claimgraph.cli`` calls :func:`register` once its shared helpers are defined.
"""

# No `from __future__ import annotations`: Typer reads the commands' annotations at run time.
import socket
from typing import Annotated, Optional

import typer

__all__ = ["register"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))  # the OS picks a port nobody listens on
        return probe.getsockname()[1]


def register(app: typer.Typer) -> None:
    """Add the ``review`` command to the main app."""
    from .cli import StoreOpt, _errors, err

    @app.command("review")
    def review_cmd(
        store: StoreOpt = None,
        attack: Annotated[Optional[str], typer.Option(
            "--attack", "-a", help="Start with this attack's statements (name or alias, any case).")] = None,
        port: Annotated[Optional[int], typer.Option(
            "--port", "-p", min=1, max=65535, help="Port on 127.0.0.1 (default: a free one).")] = None,
        reviewer: Annotated[Optional[str], typer.Option(
            "--reviewer", help="Your name in the decisions (default: the OS user).")] = None,
    ):
        """Review statements in your browser: accept, reject, correct, add, undo; decisions stay in the graph.

        The page is served on 127.0.0.1 only, and the URL printed carries a random token that every
        request must show. Keys: a accept, r reject, c correct, s skip, u undo, n add from the selected
        text, h history.

        Example: claimgraph review --store crocus.graph --attack "Crocus City Hall attack"
        """
        from .queries.api import ClaimGraph
        from .review.web import ReviewServer

        with _errors():
            cg = ClaimGraph.open(store)
            try:
                if attack:
                    cg.resolve(attack, "Attack")  # an unknown attack is an error now, not an empty page
                # Started first, then the URL printed: whoever opens it finds the page listening.
                server = ReviewServer(cg, port or free_port(), reviewer=reviewer, attack=attack).start()
                err.print(f"review page: {server.url}\n(Ctrl-C stops it)", highlight=False)
                try:
                    while server.thread.is_alive():
                        server.thread.join(0.5)
                except KeyboardInterrupt:
                    server.stop()
            finally:
                cg.close()
