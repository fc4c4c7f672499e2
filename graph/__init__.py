"""claimgraph.graph: the intermediate records, the schema, the two stores and the local Neo4j server."""

from .errors import ClaimgraphError
from .model import Actor, Article, Attack, Claim, Extraction, Source, Statement, read_jsonl, write_jsonl
from .nx_store import NetworkXStore
from .store import open_store

__all__ = [
    "Actor",
    "Article",
    "Attack",
    "Claim",
    "ClaimgraphError",
    "Extraction",
    "NetworkXStore",
    "Source",
    "Statement",
    "open_store",
    "read_jsonl",
    "write_jsonl",
]
