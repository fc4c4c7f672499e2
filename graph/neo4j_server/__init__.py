"""A local Neo4j Community 5.26 LTS server run from Maven Central jars.

No tarball, no Docker: the jars listed in ``data/neo4j-5.26.lock.json``
(each with its SHA-256) are fetched once into a cache shared by every
instance, and the server's Java entry point is launched directly.

Layout::

    <data_dir()>/neo4j-jars/<version>/   the jars, checked against the lock file
                                         (``CLAIMGRAPH_NEO4J_JARS`` moves it)
    <data-dir>/neo4j/                    one instance: conf/ data/ logs/ run/
                                         plugins/ import/ and the password file

The server binds to 127.0.0.1 only and has authentication on; the password
of the ``neo4j`` user is generated on the first start and kept in
``<home>/password`` (mode 0600).

Where things are:

| module | what it does |
| --- | --- |
| ``jars`` | the lock file, the shared jar cache, fetching (mvn or HTTPS) and SHA-256 checks |
| ``java`` | finding Java 17 or 21, the JVM flags |
| ``config`` | the instance home, its ports and its ``neo4j.conf`` |
| ``password`` | the generated password and the admin tool's ``set-initial-password`` |
| ``process`` | ``start``, ``stop``, ``status``, ``run_admin``, connection details |
| ``pids`` | pid files, liveness, SIGTERM then SIGKILL |
| ``browser_assets`` | the loopback server of the Browser stylesheet and guide |
"""

from .browser_assets import assets_url
from .config import DEFAULT_BOLT_PORT, DEFAULT_HTTP_PORT, home_dir, make_home
from .jars import Jar, Lock, ensure_jars, jar_cache, load_lock, verify_jar
from .java import find_java
from .password import read_password
from .process import ServerInfo, connection, local_credentials, run_admin, running_pid, start, status, stop

__all__ = [
    "DEFAULT_BOLT_PORT",
    "DEFAULT_HTTP_PORT",
    "Jar",
    "Lock",
    "ServerInfo",
    "assets_url",
    "connection",
    "ensure_jars",
    "find_java",
    "home_dir",
    "jar_cache",
    "load_lock",
    "local_credentials",
    "make_home",
    "read_password",
    "run_admin",
    "running_pid",
    "start",
    "status",
    "stop",
    "verify_jar",
]
