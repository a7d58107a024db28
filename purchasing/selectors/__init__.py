"""Reads of contracts, by sub-domain: `lists` (the list and the SQL conditions it filters on),
`lifecycle` (one contract's file, the review queue) and `opendata` (the contracts of the DECP
and OCDS files). The first two are named here too, for the apps that read contracts (steering,
api) through `selectors.<name>`."""

from .lifecycle import market_file
from .lists import (
    DEFAULT_SORT,
    SORTS,
    awarded_amount,
    has_environmental_consideration,
    has_environmental_execution_clause,
    has_social_consideration,
    has_social_execution_clause,
    is_climate_flagged,
    is_flagged,
    is_reserved,
    is_social_flagged,
    market_list,
    notified_on,
)

__all__ = [
    "DEFAULT_SORT",
    "SORTS",
    "awarded_amount",
    "has_environmental_consideration",
    "has_environmental_execution_clause",
    "has_social_consideration",
    "has_social_execution_clause",
    "is_climate_flagged",
    "is_flagged",
    "is_reserved",
    "is_social_flagged",
    "market_file",
    "market_list",
    "notified_on",
]
