"""The server process: start, stop and status of one instance, the admin tool, and how to reach it.

The server's Java entry point is launched directly (no ``neo4j console``), detached
from this process, bound to 127.0.0.1 with authentication on.
"""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlsplit

from neo4j import GraphDatabase
from neo4j.exceptions import AuthError, ServiceUnavailable, SessionExpired, TransientError

from ..errors import ServerError
from .browser_assets import start_assets, stop_assets
from .config import (DEFAULT_BOLT_PORT, DEFAULT_HTTP_PORT, USER, Progress, bolt_uri, check_port_free,
                     configured_ports, home_dir, make_home, report, write_conf)
from .jars import ensure_jars, load_lock
from .java import HEAP_FLAGS, JVM_FLAGS, find_java
from .password import initial_password, read_password
from .pids import alive, pid_file, server_pid, terminate


@dataclass(frozen=True)
class ServerInfo:
    """How to reach a local server, and where its files are."""

    uri: str
    user: str
    password: str = field(repr=False)
    password_file: Path
    http_url: str
    browser_url: str
    pid: int
    home: Path
    log_file: Path
    version: str
    ready: bool = True  # Bolt answers (False while it is still starting)
    already_running: bool = False  # start() found it running and left it alone


def connection(data_dir: Path | str | None = None) -> tuple[str, str, str]:
    """(Bolt URI, user, password) of the local server, whether or not it is running."""
    bolt_port, _ = configured_ports(home_dir(data_dir))
    return bolt_uri(bolt_port), USER, read_password(data_dir)


def local_credentials(uri: str, data_dir: Path | str | None = None) -> tuple[str, str] | None:
    """(user, password) when ``uri`` points at the local server's Bolt port, else None.

    Lets ``--store bolt://127.0.0.1:7687`` work without the user typing a password.
    """
    parts = urlsplit(uri)
    if parts.scheme not in ("bolt", "neo4j") or parts.hostname not in ("127.0.0.1", "localhost", "::1"):
        return None
    try:
        local_uri, user, password = connection(data_dir)
    except ServerError:
        return None
    return (user, password) if (parts.port or DEFAULT_BOLT_PORT) == urlsplit(local_uri).port else None


def status(data_dir: Path | str | None = None) -> ServerInfo | None:
    """The running server of this data directory (``ready`` says whether Bolt answers), or None."""
    home = home_dir(data_dir)
    pid = server_pid(home)
    if pid is None:
        return None
    info = _info(home, pid, *configured_ports(home), read_password(data_dir))
    return replace(info, ready=_bolt_answers(info))


def start(
    data_dir: Path | str | None = None,
    bolt_port: int = DEFAULT_BOLT_PORT,
    http_port: int = DEFAULT_HTTP_PORT,
    timeout: float = 180,
    progress: Progress | None = None,
) -> ServerInfo:
    """Start the server (fetching jars and setting the password the first time) and wait for Bolt.

    A server already running for this data directory is left alone and
    reported with ``already_running=True``.
    """
    home = home_dir(data_dir)
    running = status(data_dir)
    if running:
        if not running.ready:
            _wait_for_bolt(running, timeout, progress)
        return replace(running, ready=True, already_running=True)

    if bolt_port == http_port:
        raise ServerError(f"--bolt-port and --http-port are both {bolt_port}; give them different ports.")
    check_port_free(bolt_port, "--bolt-port")
    check_port_free(http_port, "--http-port")
    lock = load_lock()
    jars = ensure_jars(lock, progress)
    java = find_java()

    make_home(data_dir)
    assets_port = start_assets(home, http_port)
    try:
        write_conf(home, bolt_port, http_port, assets_port)
        password = initial_password(java, jars, home, progress)

        report(progress, f"Starting Neo4j {lock.neo4j}")
        pid = _launch(java, jars, home)
    except BaseException:
        stop_assets(home)
        raise
    pid_file(home).write_text(f"{pid}\n")
    info = _info(home, pid, bolt_port, http_port, password)
    _wait_for_bolt(info, timeout, progress)
    return info


def stop(data_dir: Path | str | None = None, timeout: float = 60) -> bool:
    """Stop the server gracefully (SIGTERM), killing it after ``timeout`` seconds.

    Returns False when no server was running.
    """
    home = home_dir(data_dir)
    pid = server_pid(home)
    if pid is None:
        return False
    terminate(pid, timeout)
    pid_file(home).unlink(missing_ok=True)
    stop_assets(home)
    return True


def running_pid(data_dir: Path | str | None = None) -> int | None:
    """The pid of this data directory's server while it runs, else None (no Bolt check: for offline tools)."""
    return server_pid(home_dir(data_dir))


def run_admin(data_dir: Path | str | None, arguments: list[str], cwd: Path | None = None,
              on_output: Callable[[str], None] | None = None, progress: Progress | None = None) -> tuple[int, str]:
    """Run ``neo4j-admin ARGUMENTS`` for this instance; returns its exit status and output (stdout and stderr).

    The server's Java, jars and neo4j.conf, so the tool finds the instance's
    data directory; a home that never started gets its folders and a conf
    with the default ports (``start`` rewrites it with its own). ``on_output``
    sees each line as it comes (the import's long runs report their stages).
    For offline tools such as ``database import full``: the caller makes sure
    the server is stopped.
    """
    lock = load_lock()
    jars = ensure_jars(lock, progress)
    java = find_java()
    home = make_home(data_dir)
    if not (home / "conf" / "neo4j.conf").exists():
        write_conf(home, DEFAULT_BOLT_PORT, DEFAULT_HTTP_PORT)
    # The launcher's JVM flags, without the server's heap: the admin tool sizes its own memory.
    command = [java, "-cp", f"{jars}/*", *JVM_FLAGS, "org.neo4j.cli.AdminTool", *arguments]
    lines = []
    with subprocess.Popen(command, env={**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(home / "conf")},
                          cwd=cwd or home, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, encoding="utf-8", errors="replace") as child:
        for line in child.stdout:
            lines.append(line)
            if on_output:
                on_output(line.rstrip("\n"))
    return child.returncode, "".join(lines)


def _info(home: Path, pid: int, bolt_port: int, http_port: int, password: str) -> ServerInfo:
    http_url = f"http://127.0.0.1:{http_port}"
    return ServerInfo(
        uri=bolt_uri(bolt_port),
        user=USER,
        password=password,
        password_file=home / "password",
        http_url=http_url,
        browser_url=f"{http_url}/browser/",
        pid=pid,
        home=home,
        log_file=home / "logs" / "console.log",
        version=load_lock().neo4j,
    )


def _launch(java: str, jars: Path, home: Path) -> int:
    """Start the JVM in its own session, detached from this process; returns its pid."""
    classpath = os.pathsep.join([f"{home / 'plugins'}/*", f"{home / 'conf'}/*", f"{jars}/*"])
    command = [
        java,
        "-cp",
        classpath,
        *HEAP_FLAGS,
        *JVM_FLAGS,
        "org.neo4j.server.CommunityEntryPoint",
        f"--home-dir={home}",
        f"--config-dir={home / 'conf'}",
        "--console-mode",  # the log and any start-up exception both go to console.log
    ]
    # sh backgrounds the JVM and exits at once, so the JVM is never this process's
    # child: it outlives the CLI and leaves no zombie behind.
    detach = 'log=$1; shift; "$@" </dev/null >"$log" 2>&1 & echo $!'
    launcher = subprocess.run(
        ["/bin/sh", "-c", detach, "sh", str(home / "logs" / "console.log"), *command],
        cwd=home,
        capture_output=True,
        text=True,
        check=True,
        start_new_session=True,
    )
    return int(launcher.stdout)


def _wait_for_bolt(info: ServerInfo, timeout: float, progress: Progress | None) -> None:
    """Return once Bolt accepts the password; on failure stop the server and show its log."""
    report(progress, f"Waiting for Neo4j to answer on {info.uri}")
    deadline = time.monotonic() + timeout
    while not _bolt_answers(info):
        if not alive(info.pid):
            raise ServerError(f"Neo4j exited while starting; last lines of {info.log_file}:\n{_tail(info.log_file)}")
        if time.monotonic() > deadline:
            terminate(info.pid, 60)
            raise ServerError(
                f"Neo4j did not answer on {info.uri} within {timeout:.0f} s and was stopped; "
                f"last lines of {info.log_file}:\n{_tail(info.log_file)}"
            )
        time.sleep(1)


def _bolt_answers(info: ServerInfo) -> bool:
    try:
        with GraphDatabase.driver(info.uri, auth=(info.user, info.password), connection_timeout=5) as driver:
            driver.verify_connectivity()
        return True
    except AuthError:
        raise ServerError(
            f"Neo4j at {info.uri} rejects the password in {info.password_file}; "
            "was it changed in the Browser? Put the current one in that file."
        ) from None
    except (ServiceUnavailable, SessionExpired, TransientError):
        return False


def _tail(path: Path, lines: int = 20) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except FileNotFoundError:
        return "(no log written)"
