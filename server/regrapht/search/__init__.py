"""Search strategies over candidate rewrites. The model and the evaluator are passed in."""

from regrapht.search.repair import Attempt, SearchOutcome, repair_search

__all__ = ["Attempt", "SearchOutcome", "repair_search"]
