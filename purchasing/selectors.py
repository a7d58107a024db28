"""Reads of contracts: the filtered list (pages and exports), one contract with all it holds,
the advisor's review queue."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum

from . import rules
from .models import (
    AppliedClause,
    Award,
    AwardCriterion,
    CriterionKind,
    ExecutionFollowUp,
    Lot,
    Market,
    MarketStatus,
)

SOCIAL_CLAUSE_VALUES = [str(v) for v in rules.SOCIAL_VALUES]
ENVIRONMENTAL_CLAUSE_VALUES = [str(v) for v in rules.ENVIRONMENTAL_VALUES]


def has_social_consideration() -> Exists | Q:
    """True for a contract with a social clause, a social criterion or a reserved clause."""
    return Q(
        Exists(
            AppliedClause.objects.filter(
                market=OuterRef("pk"),
                clause_version__decp_consideration__in=SOCIAL_CLAUSE_VALUES,
            )
        )
    ) | Q(
        Exists(AwardCriterion.objects.filter(lot__market=OuterRef("pk"), kind=CriterionKind.SOCIAL))
    )


def has_environmental_consideration() -> Q:
    return Q(
        Exists(
            AppliedClause.objects.filter(
                market=OuterRef("pk"),
                clause_version__decp_consideration__in=ENVIRONMENTAL_CLAUSE_VALUES,
            )
        )
    ) | Q(
        Exists(
            AwardCriterion.objects.filter(
                lot__market=OuterRef("pk"), kind=CriterionKind.ENVIRONMENTAL
            )
        )
    )


SORTS = {
    "reference": ("reference",),
    "-reference": ("-reference",),
    "title": ("title", "pk"),
    "-title": ("-title", "-pk"),
    "amount": ("estimated_amount", "pk"),
    "-amount": ("-estimated_amount", "-pk"),
    "launch": ("launch_date", "pk"),
    "-launch": ("-launch_date", "-pk"),
    "updated": ("updated_at", "pk"),
    "-updated": ("-updated_at", "-pk"),
}
DEFAULT_SORT = "-updated"


def market_list(
    *,
    viewer,
    search: str = "",
    status: str = "",
    department=None,
    family=None,
    year: int | None = None,
    social: bool | None = None,
    environmental: bool | None = None,
    buyer=None,
    sort: str = DEFAULT_SORT,
) -> QuerySet[Market]:
    """The contracts the viewer may read, filtered and sorted; each row carries what the list
    and its exports show, in a fixed number of queries.

    `year` is the year of the consultation launch (or, without one, of creation)."""
    markets = (
        Market.objects.visible_to(viewer)
        .select_related("department", "buyer", "purchase_family", "main_cpv")
        .annotate(
            has_social=has_social_consideration(),
            has_environmental=has_environmental_consideration(),
            awarded_amount=Subquery(
                Award.objects.filter(lot__market=OuterRef("pk"))
                .values("lot__market")
                .annotate(total=Sum("amount"))
                .values("total")
            ),
        )
    )
    for word in search.split():
        markets = markets.filter(
            Q(reference__icontains=word)
            | Q(title__icontains=word)
            | Q(description__icontains=word)
            | Q(main_cpv__code__startswith=word)
        )
    if status:
        markets = markets.filter(status=status)
    if department is not None:
        markets = markets.filter(department=department)
    if family is not None:
        markets = markets.filter(purchase_family=family)
    if year is not None:
        markets = markets.filter(
            Q(launch_date__year=year) | Q(launch_date__isnull=True, created_at__year=year)
        )
    if social is not None:
        markets = markets.filter(has_social=social)
    if environmental is not None:
        markets = markets.filter(has_environmental=environmental)
    if buyer is not None:
        markets = markets.filter(buyer=buyer)
    return markets.order_by(*SORTS.get(sort, SORTS[DEFAULT_SORT]))


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
    insertion_hours_committed: object
    insertion_hours_achieved: object


def market_file(*, market: Market) -> MarketFile:
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
            market=market, lots=lots, assessments=list(assessments.values()), clauses=clauses
        ),
        climate_gaps=rules.climate_law_gaps(market=market, lots=lots, clauses=clauses),
        insertion_hours_committed=sum(committed) if committed else None,
        insertion_hours_achieved=sum(achieved) if achieved else None,
    )
