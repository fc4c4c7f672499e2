"""The generated Neo4j password: long, URL-safe, never mistaken for an option by the admin tool."""

from claimgraph.graph.neo4j_server.password import _new_password


def test_generated_passwords_never_start_with_a_dash():
    passwords = {_new_password() for _ in range(2000)}
    assert len(passwords) == 2000
    assert all(len(p) >= 16 and not p.startswith("-") for p in passwords)
