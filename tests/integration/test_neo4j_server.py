"""The local Neo4j server (claimgraph.graph.neo4j_server) against a real JVM, plus its lock file."""

from __future__ import annotations

import hashlib
import ipaddress
import os
import re
import stat
import urllib.request
from pathlib import Path

import pytest
from neo4j import GraphDatabase
from neo4j.exceptions import AuthError

from claimgraph.graph import neo4j_server as server
from claimgraph.graph.errors import ServerError

# --- the lock file (no server needed) ----------------------------------------------------------


def test_lock_pins_one_neo4j_version_and_the_browser():
    lock = server.load_lock()
    versions = {(jar.group_id, jar.artifact_id): jar.version for jar in lock.jars}
    assert versions[("org.neo4j", "neo4j")] == lock.neo4j
    assert versions[("org.neo4j.app", "neo4j-server")] == lock.neo4j
    assert versions[("org.neo4j.client", "neo4j-browser")] == lock.browser
    assert lock.neo4j.startswith("5.26.")
    assert all(re.fullmatch(r"[0-9a-f]{64}", jar.sha256) for jar in lock.jars)
    filenames = [jar.filename for jar in lock.jars]
    assert len(filenames) == len(set(filenames))


def test_checksum_mismatch_is_a_clear_error(tmp_path):
    jar = server.Jar("org.example", "thing", "1.0", hashlib.sha256(b"genuine").hexdigest(), 7)
    path = tmp_path / jar.filename
    path.write_bytes(b"genuine")
    server.verify_jar(path, jar)  # intact: no error

    path.write_bytes(b"tampered")
    with pytest.raises(ServerError, match=r"thing-1\.0\.jar .*SHA-256.*lock file"):
        server.verify_jar(path, jar)
    assert not path.exists()


# --- the running server --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def local(neo4j_server) -> server.ServerInfo:
    """The session's server, when it is the local one this module is about."""
    if not isinstance(neo4j_server, server.ServerInfo):
        pytest.skip("NEO4J_URI is set, so no local server was started")
    return neo4j_server


def _ports(info: server.ServerInfo) -> tuple[int, int]:
    return int(info.uri.rsplit(":", 1)[1]), int(info.http_url.rsplit(":", 1)[1])


def test_bolt_answers_with_the_generated_password(local):
    with GraphDatabase.driver(local.uri, auth=(local.user, local.password)) as driver:
        records, _, _ = driver.execute_query("RETURN 1 AS one")
    assert records[0]["one"] == 1


@pytest.mark.parametrize("auth", [None, ("neo4j", "not-the-password")], ids=["no-password", "wrong-password"])
def test_bolt_refuses_other_credentials(local, auth):
    with GraphDatabase.driver(local.uri, auth=auth) as driver, pytest.raises(AuthError):
        driver.verify_connectivity()


def _listening_addresses(port: int) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    """Local addresses of the LISTEN sockets on ``port``, read from /proc/net/tcp and tcp6."""
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local_address, state = line.split()[1], line.split()[3]
            address_hex, port_hex = local_address.split(":")
            if state != "0A" or int(port_hex, 16) != port:  # 0A = LISTEN
                continue
            # The kernel prints each 32-bit word in host (little-endian) order.
            raw = b"".join(bytes.fromhex(address_hex[i : i + 8])[::-1] for i in range(0, len(address_hex), 8))
            found.append(ipaddress.ip_address(raw))
    return found


@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="needs Linux /proc/net")
def test_listens_on_loopback_only(local):
    for port in _ports(local):
        addresses = _listening_addresses(port)
        assert addresses, f"nothing listens on port {port}"
        for address in addresses:
            mapped = getattr(address, "ipv4_mapped", None)  # Java binds IPv4 as ::ffff:127.0.0.1
            assert (mapped or address).is_loopback, f"port {port} is bound to {address}"


def test_password_file_is_private_and_long_enough(local):
    mode = stat.S_IMODE(local.password_file.stat().st_mode)
    assert mode == 0o600
    assert len(local.password) >= 8
    assert server.read_password(local.home.parent) == local.password


def test_browser_is_served(local):
    with urllib.request.urlopen(local.browser_url, timeout=30) as response:
        assert response.status == 200
        assert response.headers.get_content_type() == "text/html"
        assert "<title>Neo4j Browser</title>" in response.read().decode()


def test_status_reports_running(local):
    info = server.status(local.home.parent)
    assert info is not None and info.ready
    assert info.pid == local.pid and info.uri == local.uri


def test_second_start_is_harmless(local):
    bolt_port, http_port = _ports(local)
    again = server.start(local.home.parent, bolt_port=bolt_port, http_port=http_port)
    assert again.already_running and again.pid == local.pid


def test_local_credentials_only_for_the_local_bolt_uri(local, free_port):
    data_dir = local.home.parent
    assert server.local_credentials(local.uri, data_dir) == ("neo4j", local.password)
    assert server.local_credentials(local.uri.replace("127.0.0.1", "localhost"), data_dir) == ("neo4j", local.password)
    assert server.local_credentials("bolt://db.example.org:7687", data_dir) is None
    assert server.local_credentials(f"bolt://127.0.0.1:{free_port()}", data_dir) is None


def test_taken_port_is_a_clear_error(local, tmp_path, free_port):
    bolt_port, _ = _ports(local)
    with pytest.raises(ServerError, match=rf"Port {bolt_port} .*--bolt-port"):
        server.start(tmp_path, bolt_port=bolt_port, http_port=free_port())


def test_start_from_cache_then_stop_leaves_no_process(local, tmp_path, free_port):
    """A second instance reuses the shared jar cache, and stop() leaves no JVM behind."""
    messages: list[str] = []
    info = server.start(tmp_path, bolt_port=free_port(), http_port=free_port(), progress=messages.append)
    try:
        assert not any("Downloading" in message for message in messages)
        assert info.pid != local.pid
    finally:
        assert server.stop(tmp_path)
    with pytest.raises(ProcessLookupError):
        os.kill(info.pid, 0)
    assert server.status(tmp_path) is None
    assert server.stop(tmp_path) is False
