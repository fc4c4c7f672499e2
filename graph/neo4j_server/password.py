"""The password of the ``neo4j`` user: generated on the first start, handed to the admin tool
before the database is initialised, and kept in ``<home>/password`` (mode 0600)."""

from __future__ import annotations

import os
import secrets
import subprocess
from pathlib import Path

from ..errors import ServerError
from .config import Progress, home_dir, report


def read_password(data_dir: Path | str | None = None) -> str:
    """The generated password of the ``neo4j`` user."""
    password_file = home_dir(data_dir) / "password"
    try:
        return password_file.read_text().strip()
    except FileNotFoundError:
        raise ServerError(
            f"No local Neo4j is set up in {password_file.parent}; run `claimgraph neo4j start`."
        ) from None


def initial_password(java: str, jars: Path, home: Path, progress: Progress | None) -> str:
    """The password, generated and handed to the admin tool before the first start."""
    password_file = home / "password"
    initialised = (home / "data" / "databases" / "system").exists()
    if password_file.exists():
        password = password_file.read_text().strip()
    elif initialised:
        raise ServerError(
            f"{password_file} is missing but the database was already started with a password; "
            f"restore the file, or delete {home} to start over (this deletes the local graph)."
        )
    else:
        password = _new_password()
        fd = os.open(password_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as file:
            file.write(password + "\n")
    if not initialised:  # set-initial-password only takes effect before the first start
        report(progress, "Setting the initial password")
        _set_initial_password(java, jars, home, password)
    return password


def _new_password() -> str:
    """24 URL-safe characters; never starting with "-", which the admin tool would read as an option."""
    return "p" + secrets.token_urlsafe(18)[1:]


def _set_initial_password(java: str, jars: Path, home: Path, password: str) -> None:
    # The arguments go through a private @file (picocli expands it) so that the
    # password never shows up in the process list.
    args_file = home / "run" / "set-initial-password.args"
    fd = os.open(args_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as file:
        file.write(f"dbms\nset-initial-password\n--\n{password}\n")  # "--": what follows is no option
    try:
        result = subprocess.run(
            [java, "-cp", f"{jars}/*", "org.neo4j.cli.AdminTool", f"@{args_file}"],
            env={**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(home / "conf")},
            capture_output=True,
            text=True,
            timeout=300,
        )
    finally:
        args_file.unlink(missing_ok=True)
    if result.returncode != 0:
        raise ServerError(f"neo4j-admin could not set the initial password:\n{(result.stdout + result.stderr).strip()}")
