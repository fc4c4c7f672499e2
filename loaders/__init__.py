"""claimgraph.loaders: reading articles and extracting attribution statements with spaCy.

The spaCy pipeline is in ``claimgraph.loaders.extract`` (imported on use: it loads spaCy).
"""

from .evaluate import evaluate
from .read import read_inputs

__all__ = ["evaluate", "read_inputs"]
