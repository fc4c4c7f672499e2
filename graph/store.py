"""Opening a store from what the user typed: a file path or a Neo4j URI.

Default: ``$NEO4J_URI`` when set, else ``claimgraph.graph`` in the user's
data directory (the embedded store).
"""

from __future__ import annotations

import os
from pathlib import Path

from .errors import StoreError
from .nx_store import NetworkXStore
from .paths import data_dir

__all__ = ["NEO4J_SCHEMES", "default_store", "is_neo4j_uri", "open_store"]

NEO4J_SCHEMES = ("bolt://", "bolt+s://", "bolt+ssc://", "neo4j://", "neo4j+s://", "neo4j+ssc://")


def default_store() -> str:
    """What ``--store`` means when it is not given."""
    return os.environ.get("NEO4J_URI") or str(data_dir() / "claimgraph.graph")


def is_neo4j_uri(spec: str) -> bool:
    return spec.startswith(NEO4J_SCHEMES)


def open_store(spec: str | os.PathLike | None = None, **neo4j_options):
    """A store for ``spec``: a Neo4j URI gives a Neo4jStore, anything else a graph file.

    >>> open_store(None).__class__.__name__ in ("NetworkXStore", "Neo4jStore")
    True
    """
    spec = str(spec) if spec is not None else default_store()
    if is_neo4j_uri(spec):
        try:
            from .neo4j_store import Neo4jStore
        except ImportError as exc:  # pragma: no cover - the module ships with the package
            raise StoreError(f"Neo4j store unavailable: {exc}") from exc
        return Neo4jStore(spec, **neo4j_options)
    if "://" in spec:
        raise StoreError(f"{spec}: unknown store scheme. Give a file path or a URI starting with "
                         f"{', '.join(NEO4J_SCHEMES)}.")
    path = Path(spec).expanduser()
    if path.is_dir():
        raise StoreError(f"{spec} is a directory. Give a file path for the graph, e.g. {path / 'claimgraph.graph'}.")
    return NetworkXStore(path)
