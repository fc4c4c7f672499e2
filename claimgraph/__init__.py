"""claimgraph: who said who was (or was not) responsible for which attack."""

from .queries.api import ClaimGraph

__all__ = ["ClaimGraph", "__version__"]
__version__ = "0.1.0"
