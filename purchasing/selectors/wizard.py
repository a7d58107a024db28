"""Reads of the buyer's contract form: the contract with what every step shows of it."""

from dataclasses import dataclass

from .. import rules
from ..models import AppliedClause, Lot, Market


@dataclass
class Contract:
    """A contract and what every step shows of it (steps navigation included); `editable`
    is what the page lets the viewer do (`access.can_edit`)."""

    market: Market
    lots: list[Lot]
    assessments: dict
    clauses: list[AppliedClause]
    missing: list[rules.Missing]
    editable: bool


def contract_steps(*, market: Market, editable: bool) -> Contract:
    """The lots with their criteria, the assessment by theme, the applied clauses, and what
    is still missing before submission, in a fixed number of queries."""
    lots = list(market.lots.prefetch_related("criteria").order_by("number"))
    assessments = {assessment.theme: assessment for assessment in market.assessments.all()}
    clauses = list(market.clauses.select_related("clause_version__clause", "lot"))
    missing = rules.missing(
        market=market, lots=lots, assessments=list(assessments.values()), clauses=clauses
    )
    return Contract(market, lots, assessments, clauses, missing, editable)
