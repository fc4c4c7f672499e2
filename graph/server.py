"""A local Neo4j Community 5.26 LTS server run from Maven Central jars.

No tarball, no Docker: the jars listed in ``data/neo4j-5.26.lock.json``
(each with its SHA-256) are fetched once into a cache shared by every
instance, and the server's Java entry point is launched directly.

Layout::

    <data_dir()>/neo4j-jars/<version>/   the jars, checked against the lock file
                                         (``CLAIMGRAPH_NEO4J_JARS`` moves it)
    <data-dir>/neo4j/                    one instance: conf/ data/ logs/ run/
                                         plugins/ import/ and the password file

Jars come through ``mvn`` when it is installed (it honours the machine's
Maven settings and mirrors), else over HTTPS from Maven Central;
``CLAIMGRAPH_MAVEN_URL`` names another repository and forces HTTPS.

The server binds to 127.0.0.1 only and has authentication on; the password
of the ``neo4j`` user is generated on the first start and kept in
``<home>/password`` (mode 0600).
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlsplit

from neo4j import GraphDatabase
from neo4j.exceptions import AuthError, ServiceUnavailable, SessionExpired, TransientError

from . import paths
from .errors import ServerError

__all__ = [
    "Jar",
    "Lock",
    "ServerInfo",
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

LOCK_FILE = Path(__file__).with_name("data") / "neo4j-5.26.lock.json"
DEFAULT_MAVEN_URL = "https://repo1.maven.org/maven2"
# Pinned because Maven 3.8's default dependency plugin is too old for these goals.
DEPENDENCY_PLUGIN = "org.apache.maven.plugins:maven-dependency-plugin:3.6.1"
USER = "neo4j"
DEFAULT_BOLT_PORT = 7687
DEFAULT_HTTP_PORT = 7474
SUPPORTED_JAVA = (17, 21)

# Heap sized for a laptop; the page cache is set in neo4j.conf.
HEAP_FLAGS = ("-Xms512m", "-Xmx1g")
# The flags the 5.26 launcher passes (its default server.jvm.additional),
# minus -XX:+AlwaysPreTouch, which would commit the whole heap up front.
JVM_FLAGS = (
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields",
    "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Djdk.tls.ephemeralDHKeySize=2048",
    "-Djdk.tls.rejectClientInitiatedRenegotiation=true",
    "-XX:FlightRecorderOptions=stackdepth=256",
    "-XX:+UnlockDiagnosticVMOptions",
    "-XX:+DebugNonSafepoints",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED",
    "-Dlog4j2.disable.jmx=true",
    "-Dlog4j.layout.jsonTemplate.maxStringLength=32768",
    "-Dfile.encoding=UTF-8",
)

Progress = Callable[[str], None]


# --- the lock file and the shared jar cache ---------------------------------------------------


@dataclass(frozen=True)
class Jar:
    """One locked artifact."""

    group_id: str
    artifact_id: str
    version: str
    sha256: str
    size: int
    classifier: str | None = None

    @property
    def filename(self) -> str:
        """The name Maven gives the file (and the name it has in the cache)."""
        suffix = f"-{self.classifier}" if self.classifier else ""
        return f"{self.artifact_id}-{self.version}{suffix}.jar"

    @property
    def repository_path(self) -> str:
        """Where the file lives in a Maven 2 layout repository."""
        return f"{self.group_id.replace('.', '/')}/{self.artifact_id}/{self.version}/{self.filename}"

    @property
    def coordinates(self) -> str:
        """groupId:artifactId:jar[:classifier]:version, as Maven writes it."""
        classifier = f":{self.classifier}" if self.classifier else ""
        return f"{self.group_id}:{self.artifact_id}:jar{classifier}:{self.version}"


@dataclass(frozen=True)
class Lock:
    """The pinned runtime closure; ``digest`` identifies this exact lock file."""

    neo4j: str
    browser: str
    jars: tuple[Jar, ...]
    digest: str


def load_lock(path: Path = LOCK_FILE) -> Lock:
    """Read the lock file shipped with the package."""
    raw = path.read_bytes()
    data = json.loads(raw)
    jars = tuple(
        Jar(j["groupId"], j["artifactId"], j["version"], j["sha256"], j["size"], j.get("classifier"))
        for j in data["jars"]
    )
    return Lock(data["neo4j"], data["browser"], jars, hashlib.sha256(raw).hexdigest())


def jar_cache(lock: Lock) -> Path:
    """The jar cache shared by all instances: ``$CLAIMGRAPH_NEO4J_JARS/<version>``, by default
    ``<data_dir()>/neo4j-jars/<version>`` (whatever ``--data-dir`` an instance uses)."""
    root = os.environ.get("CLAIMGRAPH_NEO4J_JARS")
    return (Path(root) if root else paths.data_dir() / "neo4j-jars") / lock.neo4j


def verify_jar(path: Path, jar: Jar) -> None:
    """Raise ServerError (and delete the file) unless ``path`` has the locked SHA-256."""
    digest = _sha256(path)
    if digest != jar.sha256:
        path.unlink(missing_ok=True)
        raise ServerError(
            f"{path.name} ({jar.coordinates}) has SHA-256 {digest}, but the lock file says {jar.sha256}; "
            "the download is corrupt or the repository serves a different file. "
            "It was deleted; run the command again, or check CLAIMGRAPH_MAVEN_URL / your Maven mirror."
        )


def ensure_jars(lock: Lock | None = None, progress: Progress | None = None) -> Path:
    """Return the cache directory holding every locked jar, fetching what is missing.

    A marker holding the lock's digest is written after a full verification,
    so later starts only check that the files are there with the right size.
    """
    lock = lock or load_lock()
    cache = jar_cache(lock)
    cache.mkdir(parents=True, exist_ok=True)
    marker = cache / ".verified"
    with _exclusive(cache / ".lock"):  # instances starting together download once
        if marker.exists() and marker.read_text() == lock.digest and _sizes_match(cache, lock.jars):
            return cache
        marker.unlink(missing_ok=True)
        _remove_unlocked_jars(cache, lock)
        missing = [jar for jar in lock.jars if not _is_good(cache / jar.filename, jar)]
        if missing:
            megabytes = sum(jar.size for jar in missing) / 1e6
            _report(progress, f"Downloading {len(missing)} Neo4j jars ({megabytes:.0f} MB)")
            _fetch(missing, cache)
            for jar in missing:
                verify_jar(cache / jar.filename, jar)
        marker.write_text(lock.digest)
    return cache


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _sizes_match(cache: Path, jars: tuple[Jar, ...]) -> bool:
    try:
        return all((cache / jar.filename).stat().st_size == jar.size for jar in jars)
    except FileNotFoundError:
        return False


def _is_good(path: Path, jar: Jar) -> bool:
    """True when the cached file is intact; a damaged one is removed so it is fetched again."""
    if path.exists() and path.stat().st_size == jar.size and _sha256(path) == jar.sha256:
        return True
    path.unlink(missing_ok=True)
    return False


def _remove_unlocked_jars(cache: Path, lock: Lock) -> None:
    """The classpath is ``<cache>/*``: a jar left over from an older lock must not be on it."""
    wanted = {jar.filename for jar in lock.jars}
    for path in cache.glob("*.jar"):
        if path.name not in wanted:
            path.unlink()


@contextlib.contextmanager
def _exclusive(lock_path: Path) -> Iterator[None]:
    with lock_path.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def _fetch(jars: list[Jar], dest: Path) -> None:
    """Fetch through mvn (which honours the machine's Maven settings and mirrors) when it is
    installed, else over HTTPS; CLAIMGRAPH_MAVEN_URL forces HTTPS from that repository."""
    base_url = os.environ.get("CLAIMGRAPH_MAVEN_URL")
    mvn = shutil.which("mvn")
    if mvn and not base_url:
        _fetch_with_maven(mvn, jars, dest)
    else:
        _fetch_over_https((base_url or DEFAULT_MAVEN_URL).rstrip("/"), jars, dest)


def _fetch_with_maven(mvn: str, jars: list[Jar], dest: Path) -> None:
    # Every locked jar is a direct dependency with its own dependencies excluded,
    # so Maven copies exactly the lock's closure and resolves nothing else.
    dependencies = "\n".join(
        f"<dependency><groupId>{jar.group_id}</groupId><artifactId>{jar.artifact_id}</artifactId>"
        f"<version>{jar.version}</version>"
        + (f"<classifier>{jar.classifier}</classifier>" if jar.classifier else "")
        + "<exclusions><exclusion><groupId>*</groupId><artifactId>*</artifactId></exclusion></exclusions>"
        "</dependency>"
        for jar in jars
    )
    pom = (
        "<project><modelVersion>4.0.0</modelVersion><groupId>local.claimgraph</groupId>"
        "<artifactId>neo4j-jars</artifactId><version>1</version><packaging>pom</packaging>"
        f"<dependencies>{dependencies}</dependencies></project>"
    )
    with tempfile.TemporaryDirectory(prefix="claimgraph-mvn-") as work:
        (Path(work) / "pom.xml").write_text(pom)
        result = subprocess.run(
            [mvn, "-B", "-q", f"{DEPENDENCY_PLUGIN}:copy-dependencies", f"-DoutputDirectory={dest}"],
            cwd=work,
            capture_output=True,
            text=True,
        )
    if result.returncode != 0:
        output = "\n".join((result.stdout + result.stderr).strip().splitlines()[-15:])
        raise ServerError(
            f"mvn could not fetch the Neo4j jars (exit {result.returncode}); check your Maven settings, "
            f"or set CLAIMGRAPH_MAVEN_URL to download over HTTPS instead.\n{output}"
        )


def _fetch_over_https(base_url: str, jars: list[Jar], dest: Path) -> None:
    def download(jar: Jar) -> None:
        url = f"{base_url}/{jar.repository_path}"
        try:
            with urllib.request.urlopen(url, timeout=60) as response, (dest / jar.filename).open("wb") as out:
                shutil.copyfileobj(response, out, 1 << 20)
        except (urllib.error.URLError, OSError) as error:
            (dest / jar.filename).unlink(missing_ok=True)
            reason = getattr(error, "reason", error)
            raise ServerError(
                f"Cannot download {url}: {reason}. Set CLAIMGRAPH_MAVEN_URL to a reachable Maven repository."
            ) from error

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(download, jars))  # list() re-raises the first failure


# --- Java --------------------------------------------------------------------------------------


def find_java() -> str:
    """The java executable to use: $JAVA_HOME/bin/java, then java on PATH, if it is 17 or 21."""
    candidates = []
    if os.environ.get("JAVA_HOME"):
        candidates.append(str(Path(os.environ["JAVA_HOME"]) / "bin" / "java"))
    on_path = shutil.which("java")
    if on_path:
        candidates.append(on_path)
    found = []
    for java in candidates:
        major = _java_major(java)
        if major in SUPPORTED_JAVA:
            return java
        found.append(f"{java} (Java {major or 'unknown'})")
    raise ServerError(
        "Neo4j 5.26 needs Java 17 or 21, but found "
        + (", ".join(found) if found else "no java on JAVA_HOME or PATH")
        + ". Install one (e.g. `sudo apt-get install openjdk-17-jre-headless`) or point JAVA_HOME at it."
    )


def _java_major(java: str) -> int | None:
    try:
        result = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    match = re.search(r'version "(\d+)(?:\.(\d+))?', result.stderr)
    if not match:
        return None
    major = int(match.group(1))
    return int(match.group(2) or 0) if major == 1 else major  # "1.8.0" is Java 8


# --- the instance ------------------------------------------------------------------------------


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


def home_dir(data_dir: Path | str | None = None) -> Path:
    """The instance home: ``<data-dir>/neo4j``, where data-dir defaults to claimgraph's data directory."""
    return (Path(data_dir) if data_dir else paths.data_dir()) / "neo4j"


def read_password(data_dir: Path | str | None = None) -> str:
    """The generated password of the ``neo4j`` user."""
    password_file = home_dir(data_dir) / "password"
    try:
        return password_file.read_text().strip()
    except FileNotFoundError:
        raise ServerError(
            f"No local Neo4j is set up in {password_file.parent}; run `claimgraph neo4j start`."
        ) from None


def connection(data_dir: Path | str | None = None) -> tuple[str, str, str]:
    """(Bolt URI, user, password) of the local server, whether or not it is running."""
    bolt_port, _ = _configured_ports(home_dir(data_dir))
    return _bolt_uri(bolt_port), USER, read_password(data_dir)


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
    pid = _running_pid(home)
    if pid is None:
        return None
    info = _info(home, pid, *_configured_ports(home), read_password(data_dir))
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
    _check_port_free(bolt_port, "--bolt-port")
    _check_port_free(http_port, "--http-port")
    lock = load_lock()
    jars = ensure_jars(lock, progress)
    java = find_java()

    make_home(data_dir)
    assets_port = _start_assets(home, http_port)
    try:
        _write_conf(home, bolt_port, http_port, assets_port)
        password = _initial_password(java, jars, home, progress)

        _report(progress, f"Starting Neo4j {lock.neo4j}")
        pid = _launch(java, jars, home)
    except BaseException:
        _stop_assets(home)
        raise
    (home / "run" / "claimgraph.pid").write_text(f"{pid}\n")
    info = _info(home, pid, bolt_port, http_port, password)
    _wait_for_bolt(info, timeout, progress)
    return info


def stop(data_dir: Path | str | None = None, timeout: float = 60) -> bool:
    """Stop the server gracefully (SIGTERM), killing it after ``timeout`` seconds.

    Returns False when no server was running.
    """
    home = home_dir(data_dir)
    pid = _running_pid(home)
    if pid is None:
        return False
    _terminate(pid, timeout)
    (home / "run" / "claimgraph.pid").unlink(missing_ok=True)
    _stop_assets(home)
    return True


def running_pid(data_dir: Path | str | None = None) -> int | None:
    """The pid of this data directory's server while it runs, else None (no Bolt check: for offline tools)."""
    return _running_pid(home_dir(data_dir))


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
        _write_conf(home, DEFAULT_BOLT_PORT, DEFAULT_HTTP_PORT)
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


def make_home(data_dir: Path | str | None = None) -> Path:
    """The instance home with its folders, created when missing; returns it."""
    home = home_dir(data_dir)
    home.mkdir(mode=0o700, parents=True, exist_ok=True)  # the graph and its auth store are private
    for sub in ("conf", "data", "logs", "run", "plugins", "import"):
        (home / sub).mkdir(parents=True, exist_ok=True)
    return home


def _report(progress: Progress | None, message: str) -> None:
    if progress:
        progress(message)


def _bolt_uri(port: int) -> str:
    return f"bolt://127.0.0.1:{port}"


def _info(home: Path, pid: int, bolt_port: int, http_port: int, password: str) -> ServerInfo:
    http_url = f"http://127.0.0.1:{http_port}"
    return ServerInfo(
        uri=_bolt_uri(bolt_port),
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


def _check_port_free(port: int, flag: str) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        # Neo4j's listener sets SO_REUSEADDR too, so a port in TIME_WAIT is no conflict.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            raise ServerError(
                f"Port {port} on 127.0.0.1 is already in use; choose another with {flag} (e.g. {flag} {port + 1})."
            ) from None


def _write_conf(home: Path, bolt_port: int, http_port: int, assets_port: int | None = None) -> None:
    """Write neo4j.conf; every key must be valid, since Neo4j's strict validation stops on unknown ones.

    With ``assets_port`` (the loopback server of :func:`_serve_assets`), the Browser
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


# --- the Browser's stylesheet and guide, from a loopback HTTP server ---------------------------

ASSETS = ("claimgraph.grass", "claimgraph-guide.html")
_ASSETS_PID = "assets.pid"
_ASSETS_GRACE = 600  # seconds the asset server waits for the Neo4j pid file to appear


def assets_url(data_dir: Path | str | None = None) -> str | None:
    """The base URL of the running asset server of this data directory (the guide is ``<url>/claimgraph-guide.html``)."""
    home = home_dir(data_dir)
    try:
        pid, port = map(int, (home / "run" / _ASSETS_PID).read_text().split())
    except (FileNotFoundError, ValueError):
        return None
    return f"http://127.0.0.1:{port}" if _alive(pid) else None


def _start_assets(home: Path, http_port: int) -> int | None:
    """Start the asset server (detached, like the JVM) on http_port + 1, else any free port; returns its port.

    It serves only the packaged stylesheet and guide, exits when the Neo4j
    process of this home is gone, and is stopped with it. None when it cannot
    start (the server then runs without the automatic style; ``claimgraph neo4j
    style`` still prints it).
    """
    _stop_assets(home)
    port = http_port + 1 if http_port < 65535 else 0
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    code = "import sys; from claimgraph.graph.server import _serve_assets; _serve_assets(sys.argv[1], int(sys.argv[2]))"
    with open(home / "logs" / "assets.log", "ab") as log:
        child = subprocess.Popen([sys.executable, "-c", code, str(home), str(port)], stdin=subprocess.DEVNULL,
                                 stdout=log, stderr=log, cwd=home, start_new_session=True)
    pid_file = home / "run" / _ASSETS_PID
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and child.poll() is None:
        if pid_file.exists():
            return port
        time.sleep(0.05)
    if child.poll() is None:
        child.kill()
    return None


def _stop_assets(home: Path) -> None:
    pid_file = home / "run" / _ASSETS_PID
    try:
        pid = int(pid_file.read_text().split()[0])
    except (FileNotFoundError, ValueError, IndexError):
        return
    try:  # guard against a reused pid; where there is no /proc, trust the pid file
        arguments = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        ours = b"_serve_assets" in b" ".join(arguments) and str(home).encode() in arguments
    except FileNotFoundError:
        ours = not Path("/proc/self").exists() and _alive(pid)
    if ours:
        with contextlib.suppress(ServerError):
            _terminate(pid, 5)
    pid_file.unlink(missing_ok=True)


def _serve_assets(home: str | Path, port: int) -> None:
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
    neo4j_pid = home / "run" / "claimgraph.pid"
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
        if not _alive(pid):
            break
    httpd.shutdown()
    with contextlib.suppress(FileNotFoundError, ValueError):
        if int((home / "run" / _ASSETS_PID).read_text().split()[0]) == os.getpid():
            (home / "run" / _ASSETS_PID).unlink()


def _configured_ports(home: Path) -> tuple[int, int]:
    """(bolt, http) ports from the neo4j.conf that start() wrote."""
    try:
        text = (home / "conf" / "neo4j.conf").read_text()
    except FileNotFoundError:
        raise ServerError(f"No local Neo4j is set up in {home}; run `claimgraph neo4j start`.") from None
    ports = dict(re.findall(r"^server\.(bolt|http)\.listen_address=.*:(\d+)$", text, re.MULTILINE))
    return int(ports["bolt"]), int(ports["http"])


def _initial_password(java: str, jars: Path, home: Path, progress: Progress | None) -> str:
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
        _report(progress, "Setting the initial password")
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
    _report(progress, f"Waiting for Neo4j to answer on {info.uri}")
    deadline = time.monotonic() + timeout
    while not _bolt_answers(info):
        if not _alive(info.pid):
            raise ServerError(f"Neo4j exited while starting; last lines of {info.log_file}:\n{_tail(info.log_file)}")
        if time.monotonic() > deadline:
            _terminate(info.pid, 60)
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


def _running_pid(home: Path) -> int | None:
    """The pid from the pid file if that process is alive and is this home's server.

    A stale pid file is removed.
    """
    pid_file = home / "run" / "claimgraph.pid"
    try:
        pid = int(pid_file.read_text())
    except (FileNotFoundError, ValueError):
        return None
    if _alive(pid) and _is_server_of(pid, home):
        return pid
    pid_file.unlink(missing_ok=True)
    return None


def _is_server_of(pid: int, home: Path) -> bool:
    """Guards against a reused pid; where there is no /proc, trust the pid file."""
    try:
        arguments = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except FileNotFoundError:
        return not Path("/proc/self").exists()
    return f"--home-dir={home}".encode() in arguments


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _terminate(pid: int, timeout: float) -> None:
    """SIGTERM (Neo4j shuts down cleanly), then SIGKILL if it is still there after ``timeout``."""
    for sig, wait in ((signal.SIGTERM, timeout), (signal.SIGKILL, 10)):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, sig)
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            if not _alive(pid):
                return
            time.sleep(0.2)
    raise ServerError(f"Neo4j (pid {pid}) did not stop, even after SIGKILL.")
