"""Where claimgraph keeps its files: the user's data directory.

``CLAIMGRAPH_DATA_DIR`` overrides the platform default (tests and CI use it).
"""

import os
from pathlib import Path

import platformdirs


def data_dir() -> Path:
    """The directory for the default graph file and the local Neo4j server."""
    override = os.environ.get("CLAIMGRAPH_DATA_DIR")
    path = Path(override) if override else Path(platformdirs.user_data_dir("claimgraph"))
    path.mkdir(parents=True, exist_ok=True)
    return path
