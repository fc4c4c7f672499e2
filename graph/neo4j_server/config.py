"""Where a local instance lives and how it is configured: its home, its ports and its ``neo4j.conf``.

Layout of one instance::

    <data-dir>/neo4j/    conf/ data/ logs/ run/ plugins/ import/ and the password file
"""

from __future__ import annotations

import re
import socket
from collections.abc import Callable
from pathlib import Path

from .. import paths
from ..errors import ServerError

USER = "neo4j"
DEFAULT_BOLT_PORT = 7687
DEFAULT_HTTP_PORT = 7474
# The Browser stylesheet and guide (graph/data/), served by browser_assets.py.
ASSETS = ("claimgraph.grass", "claimgraph-guide.html")

Progress = Callable[[str], None]


def report(progress: Progress | None, message: str) -> None:
    if progress:
        progress(message)


def home_dir(data_dir: Path | str | None = None) -> Path:
    """The instance home: ``<data-dir>/neo4j``, where data-dir defaults to claimgraph's data directory."""
    return (Path(data_dir) if data_dir else paths.data_dir()) / "neo4j"


def make_home(data_dir: Path | str | None = None) -> Path:
    """The instance home with its folders, created when missing; returns it."""
    home = home_dir(data_dir)
    home.mkdir(mode=0o700, parents=True, exist_ok=True)  # the graph and its auth store are private
    for sub in ("conf", "data", "logs", "run", "plugins", "import"):
        (home / sub).mkdir(parents=True, exist_ok=True)
    return home


def bolt_uri(port: int) -> str:
    return f"bolt://127.0.0.1:{port}"


def configured_ports(home: Path) -> tuple[int, int]:
    """(bolt, http) ports from the neo4j.conf that start() wrote."""
    try:
        text = (home / "conf" / "neo4j.conf").read_text()
    except FileNotFoundError:
        raise ServerError(f"No local Neo4j is set up in {home}; run `claimgraph neo4j start`.") from None
    ports = dict(re.findall(r"^server\.(bolt|http)\.listen_address=.*:(\d+)$", text, re.MULTILINE))
    return int(ports["bolt"]), int(ports["http"])


def check_port_free(port: int, flag: str) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        # Neo4j's listener sets SO_REUSEADDR too, so a port in TIME_WAIT is no conflict.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            raise ServerError(
                f"Port {port} on 127.0.0.1 is already in use; choose another with {flag} (e.g. {flag} {port + 1})."
            ) from None


def write_conf(home: Path, bolt_port: int, http_port: int, assets_port: int | None = None) -> None:
    """Write neo4j.conf; every key must be valid, since Neo4j's strict validation stops on unknown ones.

    With ``assets_port`` (the loopback server of :func:`browser_assets.serve_assets`), the Browser
    applies claimgraph's stylesheet and opens its guide after connecting. The
    Browser splits ``browser.post_connect_cmd`` on ``;``, so both go by URL; the
    allow-list matches host names (any port), so 127.0.0.1 covers that server.
    """
    settings = {
        "server.default_listen_address": "127.0.0.1",
        "server.bolt.listen_address": f"127.0.0.1:{bolt_port}",
        # Advertised addresses feed the discovery document the Browser connects with.
        "server.bolt.advertised_address": f"127.0.0.1:{bolt_port}",
        "server.http.listen_address": f"127.0.0.1:{http_port}",
        "server.http.advertised_address": f"127.0.0.1:{http_port}",
        "server.https.enabled": "false",
        "server.directories.data": home / "data",
        "server.directories.logs": home / "logs",
        "server.directories.run": home / "run",
        "server.directories.plugins": home / "plugins",
        "server.directories.import": home / "import",
        "server.memory.pagecache.size": "256m",
        "dbms.security.auth_enabled": "true",
        "dbms.usage_report.enabled": "false",
        "browser.remote_content_hostname_whitelist": "localhost,127.0.0.1",
    }
    if assets_port:
        base = f"http://127.0.0.1:{assets_port}"
        settings["browser.post_connect_cmd"] = f"style {base}/{ASSETS[0]}; play {base}/{ASSETS[1]}"
    lines = ["# Written by `claimgraph neo4j start` on every start; edits here are overwritten."]
    lines += [f"{key}={value}" for key, value in settings.items()]
    (home / "conf" / "neo4j.conf").write_text("\n".join(lines) + "\n")
