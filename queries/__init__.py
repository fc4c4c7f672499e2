"""claimgraph.queries: the named Cypher queries, their networkx twins and the Python API."""

from .api import ClaimGraph
from .registry import Query, load_queries

__all__ = ["ClaimGraph", "Query", "load_queries"]
