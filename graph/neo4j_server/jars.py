"""The pinned Neo4j jars: the lock file, the cache shared by every instance, and fetching them.

The jars listed in ``graph/data/neo4j-5.26.lock.json`` (each with its SHA-256)
are fetched once into ``<data_dir()>/neo4j-jars/<version>/``
(``CLAIMGRAPH_NEO4J_JARS`` moves it) and checked against the lock file.

Jars come through ``mvn`` when it is installed (it honours the machine's
Maven settings and mirrors), else over HTTPS from Maven Central;
``CLAIMGRAPH_MAVEN_URL`` names another repository and forces HTTPS.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import subprocess
import tempfile
import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .. import paths
from ..errors import ServerError
from .config import Progress, report

LOCK_FILE = Path(__file__).parent.parent / "data" / "neo4j-5.26.lock.json"
DEFAULT_MAVEN_URL = "https://repo1.maven.org/maven2"
# Pinned because Maven 3.8's default dependency plugin is too old for these goals.
DEPENDENCY_PLUGIN = "org.apache.maven.plugins:maven-dependency-plugin:3.6.1"


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
            report(progress, f"Downloading {len(missing)} Neo4j jars ({megabytes:.0f} MB)")
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
