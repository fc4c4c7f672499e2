"""The Browser's stylesheet and guide, from a loopback HTTP server beside the Neo4j process.

``neo4j.conf``'s ``browser.post_connect_cmd`` (config.write_conf) points the
Browser at this server, so it applies claimgraph's style and opens the guide
after connecting.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

from ..errors import ServerError
from .config import ASSETS, home_dir
from .pids import alive, pid_file, terminate

_ASSETS_PID = "assets.pid"
_ASSETS_GRACE = 600  # seconds the asset server waits for the Neo4j pid file to appear


def assets_url(data_dir: Path | str | None = None) -> str | None:
    """The base URL of the running asset server of this data directory (the guide is ``<url>/claimgraph-guide.html``)."""
    home = home_dir(data_dir)
    try:
        pid, port = map(int, (home / "run" / _ASSETS_PID).read_text().split())
    except (FileNotFoundError, ValueError):
        return None
    return f"http://127.0.0.1:{port}" if alive(pid) else None


def start_assets(home: Path, http_port: int) -> int | None:
    """Start the asset server (detached, like the JVM) on http_port + 1, else any free port; returns its port.

    It serves only the packaged stylesheet and guide, exits when the Neo4j
    process of this home is gone, and is stopped with it. None when it cannot
    start (the server then runs without the automatic style; ``claimgraph neo4j
    style`` still prints it).
    """
    stop_assets(home)
    port = http_port + 1 if http_port < 65535 else 0
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    code = ("import sys; from claimgraph.graph.neo4j_server.browser_assets import serve_assets; "
            "serve_assets(sys.argv[1], int(sys.argv[2]))")
    with open(home / "logs" / "assets.log", "ab") as log:
        child = subprocess.Popen([sys.executable, "-c", code, str(home), str(port)], stdin=subprocess.DEVNULL,
                                 stdout=log, stderr=log, cwd=home, start_new_session=True)
    assets_pid = home / "run" / _ASSETS_PID
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and child.poll() is None:
        if assets_pid.exists():
            return port
        time.sleep(0.05)
    if child.poll() is None:
        child.kill()
    return None


def stop_assets(home: Path) -> None:
    assets_pid = home / "run" / _ASSETS_PID
    try:
        pid = int(assets_pid.read_text().split()[0])
    except (FileNotFoundError, ValueError, IndexError):
        return
    try:  # guard against a reused pid; where there is no /proc, trust the pid file
        arguments = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        ours = b"serve_assets" in b" ".join(arguments) and str(home).encode() in arguments
    except FileNotFoundError:
        ours = not Path("/proc/self").exists() and alive(pid)
    if ours:
        with contextlib.suppress(ServerError):
            terminate(pid, 5)
    assets_pid.unlink(missing_ok=True)


def serve_assets(home: str | Path, port: int) -> None:
    """Serve the packaged stylesheet and guide on 127.0.0.1:port (the Browser fetches them cross-origin)."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
    from importlib.resources import files

    home = Path(home)
    data = files("claimgraph.graph") / "data"
    bodies = {f"/{name}": (data / name).read_bytes() for name in ASSETS}
    types = {".grass": "text/plain; charset=utf-8", ".html": "text/html; charset=utf-8"}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the http.server API
            body = bodies.get(self.path.split("?", 1)[0])
            self.send_response(200 if body is not None else 404)
            self.send_header("Access-Control-Allow-Origin", "*")
            self.send_header("Content-Type", types.get(Path(self.path).suffix, "text/plain") if body else "text/plain")
            self.send_header("Content-Length", str(len(body or b"")))
            self.send_header("Cache-Control", "no-cache")
            self.end_headers()
            self.wfile.write(body or b"")

        def do_OPTIONS(self):  # noqa: N802
            self.send_response(204)
            self.send_header("Access-Control-Allow-Origin", "*")
            self.send_header("Access-Control-Allow-Methods", "GET, OPTIONS")
            self.send_header("Access-Control-Allow-Headers", "*")
            self.end_headers()

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    (home / "run" / _ASSETS_PID).write_text(f"{os.getpid()} {port}\n")
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    neo4j_pid = pid_file(home)
    started, seen = time.monotonic(), False
    while True:  # live as long as the Neo4j server of this home
        time.sleep(1)
        try:
            pid = int(neo4j_pid.read_text())
        except (FileNotFoundError, ValueError):
            if seen or time.monotonic() - started > _ASSETS_GRACE:
                break
            continue
        seen = True
        if not alive(pid):
            break
    httpd.shutdown()
    with contextlib.suppress(FileNotFoundError, ValueError):
        if int((home / "run" / _ASSETS_PID).read_text().split()[0]) == os.getpid():
            (home / "run" / _ASSETS_PID).unlink()
