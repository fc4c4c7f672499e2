"""Processes by pid: whether one is alive, stopping one, and the server's pid file."""

from __future__ import annotations

import contextlib
import os
import signal
import time
from pathlib import Path

from ..errors import ServerError


def pid_file(home: Path) -> Path:
    """Where ``start`` records the JVM's pid."""
    return home / "run" / "claimgraph.pid"


def server_pid(home: Path) -> int | None:
    """The pid from the pid file if that process is alive and is this home's server.

    A stale pid file is removed.
    """
    path = pid_file(home)
    try:
        pid = int(path.read_text())
    except (FileNotFoundError, ValueError):
        return None
    if alive(pid) and is_server_of(pid, home):
        return pid
    path.unlink(missing_ok=True)
    return None


def is_server_of(pid: int, home: Path) -> bool:
    """Guards against a reused pid; where there is no /proc, trust the pid file."""
    try:
        arguments = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except FileNotFoundError:
        return not Path("/proc/self").exists()
    return f"--home-dir={home}".encode() in arguments


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def terminate(pid: int, timeout: float) -> None:
    """SIGTERM (Neo4j shuts down cleanly), then SIGKILL if it is still there after ``timeout``."""
    for sig, wait in ((signal.SIGTERM, timeout), (signal.SIGKILL, 10)):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, sig)
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            if not alive(pid):
                return
            time.sleep(0.2)
    raise ServerError(f"Neo4j (pid {pid}) did not stop, even after SIGKILL.")
