"""The Java runtime the server and its admin tool run on, and the JVM flags they get."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

from ..errors import ServerError

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
