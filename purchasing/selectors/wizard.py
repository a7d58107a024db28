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


@dataclass(frozen=True)
class LegalChecks:
    """What the 2026 rules say of a contract at the criteria step: the rules with their dates
    and references (`legal`), whether each applies, what it lacks, and whether its
    justification field is shown (the rule is not met, or a justification was recorded)."""

    legal: rules.LegalRules
    climate_applies: bool
    climate_gaps: list[str]
    social_applies: bool
    social_gaps: list[str]
    climate_form_shown: bool
    social_form_shown: bool


def legal_checks(*, contract: Contract) -> LegalChecks:
    market = contract.market
    legal = rules.LegalRules.load()
    climate_applies = rules.climate_law_applies(market, legal)
    climate_gaps = rules.climate_law_gaps(
        market=market, lots=contract.lots, clauses=contract.clauses, legal=legal
    )
    social_gaps = rules.social_law_gaps(market=market, clauses=contract.clauses, legal=legal)
    return LegalChecks(
        legal=legal,
        climate_applies=climate_applies,
        climate_gaps=climate_gaps,
        social_applies=rules.social_rule_applies(market, legal),
        social_gaps=social_gaps,
        climate_form_shown=climate_applies and bool(climate_gaps or market.climate_justification),
        social_form_shown=bool(social_gaps or market.social_justification),
    )
