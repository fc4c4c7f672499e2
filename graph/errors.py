"""Every error claimgraph raises on purpose, in one place.

Messages name the input that failed and say how to fix it; the CLI prints
them without a traceback.
"""

__all__ = [
    "ClaimgraphError",
    "InputError",
    "ModelNotFound",
    "ParameterError",
    "QueryFileError",
    "ServerError",
    "StoreError",
    "StoreUnavailable",
    "UnknownName",
]


class ClaimgraphError(Exception):
    """Base class: an error whose message is fit to show a user as is."""


class InputError(ClaimgraphError, ValueError):
    """An input (file, URL, JSON line) that cannot be read; other inputs go on."""

    def __init__(self, source: str, problem: str, fix: str = "", reason: str = "unreadable"):
        self.source, self.problem, self.fix, self.reason = source, problem, fix, reason
        super().__init__(f"{source}: {problem}" + (f" {fix}" if fix else ""))


class ModelNotFound(ClaimgraphError, OSError):
    """No spaCy English model is installed under any of the names tried."""


class StoreError(ClaimgraphError):
    """A store file or URI that cannot be used."""


class StoreUnavailable(StoreError, ConnectionError):
    """The database does not answer."""


class ServerError(ClaimgraphError):
    """The local Neo4j server cannot be provisioned, started or stopped."""


class ParameterError(ClaimgraphError, ValueError):
    """A query parameter that is unknown, missing or of the wrong form."""


class QueryFileError(ClaimgraphError, ValueError):
    """A packaged .cypher file whose header and body disagree."""


class UnknownName(ClaimgraphError, LookupError):
    """A name (attack, actor, query) that is not in the graph; lists the closest matches."""
