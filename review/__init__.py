"""claimgraph.review: analysts verify, reject, correct and add statements; the decisions stay in the graph
and become training data (:mod:`.gold`)."""

from .decisions import REVIEW_STATUSES, ClaimReview

__all__ = ["REVIEW_STATUSES", "ClaimReview"]
