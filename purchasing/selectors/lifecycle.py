"""Reads of one contract's life: everything its pages show, the advisor's review queue."""

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from .. import rules
from ..models import AppliedClause, ExecutionFollowUp, Lot, Market, MarketStatus


def review_queue(*, viewer) -> QuerySet[Market]:
    """Contracts waiting for the advisor, the oldest submission first."""
    return (
        Market.objects.visible_to(viewer)
        .filter(status=MarketStatus.IN_REVIEW)
        .select_related("department", "buyer", "purchase_family")
        .order_by("updated_at", "pk")
    )


@dataclass
class MarketFile:
    """A contract with everything its pages show, loaded in a fixed number of queries."""

    market: Market
    lots: list[Lot]
    assessments: dict
    clauses: list[AppliedClause]
    comments: list
    events: list
    considerations: rules.DecpConsiderations
    missing: list[rules.Missing]
    climate_gaps: list[str]
    social_gaps: list[str]
    legal: rules.LegalRules
    insertion_hours_committed: object
    insertion_hours_achieved: object


def market_file(*, market: Market) -> MarketFile:
    """The contract with its lots and awards, assessment, clauses and follow-ups, comments and
    events, and what the rules say of it (considerations, what is missing, art. 35, insertion
    hours)."""
    lots = list(
        market.lots.select_related("award__supplier")
        .prefetch_related("criteria")
        .order_by("number")
    )
    clauses = list(
        market.clauses.select_related("clause_version__clause", "lot", "added_by").prefetch_related(
            Prefetch(
                "follow_ups",
                queryset=ExecutionFollowUp.objects.select_related("recorded_by").order_by(
                    "period_start", "pk"
                ),
            )
        )
    )
    assessments = {a.theme: a for a in market.assessments.all()}
    legal = rules.LegalRules.load()
    criteria = [criterion for lot in lots for criterion in lot.criteria.all()]
    committed = [rules.clause_insertion_hours(clause, market) for clause in clauses]
    committed = [hours for hours in committed if hours is not None]
    achieved = [
        follow_up.achieved
        for clause in clauses
        for follow_up in clause.follow_ups.all()
        if follow_up.is_insertion_hours and follow_up.achieved is not None
    ]
    return MarketFile(
        market=market,
        lots=lots,
        assessments=assessments,
        clauses=clauses,
        comments=list(market.comments.select_related("author")),
        events=list(market.events.select_related("actor")),
        considerations=rules.decp_considerations(clauses=clauses, criteria=criteria),
        missing=rules.missing(
            market=market,
            lots=lots,
            assessments=list(assessments.values()),
            clauses=clauses,
            legal=legal,
        ),
        climate_gaps=rules.climate_law_gaps(market=market, lots=lots, clauses=clauses, legal=legal),
        social_gaps=rules.social_law_gaps(market=market, clauses=clauses, legal=legal),
        legal=legal,
        insertion_hours_committed=sum(committed) if committed else None,
        insertion_hours_achieved=sum(achieved) if achieved else None,
    )


def market_clauses(*, market: Market) -> tuple[list[Lot], list[AppliedClause]]:
    """The contract's lots by number and its chosen clauses with their version, clause and lot,
    in two queries (the clause extract)."""
    lots = list(market.lots.order_by("number"))
    clauses = list(market.clauses.select_related("clause_version__clause", "lot"))
    return lots, clauses
