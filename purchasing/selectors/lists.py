"""The contract list (pages and exports) and the conditions it filters on, in SQL: social and
environmental considerations, award figures, reserved contracts, insertion clauses, art. 35
of the loi Climat et résilience. The dashboards and the open-data files use the same ones."""

from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, F, Min, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from accounts.models import OrganisationKind
from clauses.calculations import INSERTION_PARAMETERS
from clauses.models import ClauseCategory, ClauseKind, DecpConsideration
from core.quarters import Quarter

from .. import rules
from ..models import (
    AppliedClause,
    Award,
    AwardCriterion,
    CriterionKind,
    Lot,
    Market,
    MarketStatus,
)
from ..models.legal import DEFAULT_RULES, EuThreshold, LegalRule, LegalRuleCode, ThresholdKind

SOCIAL_CLAUSE_VALUES = [str(v) for v in rules.SOCIAL_VALUES]
ENVIRONMENTAL_CLAUSE_VALUES = [str(v) for v in rules.ENVIRONMENTAL_VALUES]


def has_social_consideration() -> Q:
    """True for a contract with a social clause, a social criterion or a reserved clause: the
    figure stored on the contract (`computed_social_consideration`)."""
    return Q(social_consideration=True)


def has_environmental_consideration() -> Q:
    """True for a contract with an environmental clause or an environmental criterion: the
    figure stored on the contract (`computed_environmental_consideration`)."""
    return Q(environmental_consideration=True)


def notified_on() -> F:
    """The day a contract is notified: the earliest notification of its lots' awards (None
    before the first award), stored on the contract (`computed_notified_on`)."""
    return F("first_notified_on")


def computed_social_consideration() -> Q:
    """The rule of `has_social_consideration`, from the rows: a social clause, a social
    criterion or a reserved clause."""
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


def computed_environmental_consideration() -> Q:
    """The rule of `has_environmental_consideration`, from the rows: an environmental clause
    or an environmental criterion."""
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


def _of_awards(aggregate) -> Subquery:
    """An aggregate of a contract's awards, as a column of the contract (None without any)."""
    return Subquery(
        Award.objects.filter(lot__market=OuterRef("pk"))
        .order_by()
        .values("lot__market")
        .annotate(value=aggregate)
        .values("value")
    )


def computed_notified_on() -> Subquery:
    """The rule of `notified_on`, from the rows: the earliest notification of the awards."""
    return _of_awards(Min("notified_on"))


def awarded_amount() -> F:
    """The amount of a contract: the sum of its awards (None before the first award), stored
    on the contract (`computed_awarded_amount`)."""
    return F("awarded_total")


def computed_awarded_amount() -> Subquery:
    """The rule of `awarded_amount`, from the rows: the sum of the awards."""
    return _of_awards(Sum("amount"))


def awarded_lots() -> Subquery:
    """How many lots of a contract are awarded (None before the first award)."""
    return _of_awards(Count("pk"))


def is_reserved() -> Exists:
    """True for a contract reserved to inclusive structures (art. L2113-12 and L2113-13): one
    with a reserved-contract clause, the DECP's "Marché réservé". A lot won by a SIAE, an EA or
    an ESAT in open competition does not make the contract reserved."""
    return Exists(
        AppliedClause.objects.filter(
            market=OuterRef("pk"),
            clause_version__decp_consideration=DecpConsideration.RESERVED_CONTRACT,
        )
    )


def has_environmental_execution_clause() -> Exists:
    """The condition of `rules.is_environmental_execution_clause`, for a contract."""
    return Exists(
        AppliedClause.objects.filter(
            Q(clause_version__category=ClauseCategory.ENVIRONMENTAL)
            | Q(clause_version__decp_consideration=DecpConsideration.ENVIRONMENTAL_CLAUSE),
            market=OuterRef("pk"),
            clause_version__kind=ClauseKind.EXECUTION_CONDITION,
        )
    )


def lots_without_environmental_criterion(market_ref="pk") -> QuerySet[Lot]:
    """The lots of a contract without an environmental award criterion."""
    return Lot.objects.filter(market=OuterRef(market_ref)).exclude(
        Exists(AwardCriterion.objects.filter(lot=OuterRef("pk"), kind=CriterionKind.ENVIRONMENTAL))
    )


def has_insertion_clause() -> Exists:
    """True for a contract with a clause whose hours of insertion can be computed (its
    version has the insertion parameters: `calculations.INSERTION_PARAMETERS`)."""
    clauses = AppliedClause.objects.filter(market=OuterRef("pk"))
    for name in sorted(INSERTION_PARAMETERS):
        clauses = clauses.filter(clause_version__parameters__icontains=f'"{name}"')
    return Exists(clauses)


def has_social_execution_clause() -> Exists:
    """The condition of `rules.is_social_execution_clause`, for a contract."""
    return Exists(
        AppliedClause.objects.filter(
            Q(
                clause_version__category__in=[
                    ClauseCategory.SOCIAL_INSERTION,
                    ClauseCategory.WORKING_CONDITIONS,
                ]
            )
            | Q(clause_version__decp_consideration=DecpConsideration.SOCIAL_CLAUSE),
            market=OuterRef("pk"),
            clause_version__kind=ClauseKind.EXECUTION_CONDITION,
        )
    )


def rule_start(code: str) -> Coalesce:
    """The start date of a legal rule (`LegalRule`), its legal default when the row is missing."""
    return Coalesce(
        Subquery(LegalRule.objects.filter(code=code).values("starts_on")[:1]),
        Value(DEFAULT_RULES[code]["starts_on"]),
    )


def eu_threshold(kind: str) -> Subquery:
    """The European threshold of this kind in force at the contract's launch."""
    return Subquery(
        EuThreshold.objects.filter(kind=kind, valid_from__lte=OuterRef("launch_date"))
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=OuterRef("launch_date")))
        .order_by("-valid_from")
        .values("amount")[:1]
    )


def reaches_eu_threshold() -> Q:
    """The condition of `rules.social_rule_applies` on the amount, in SQL: the kind of
    threshold as `rules.threshold_kind` decides it."""
    works = Q(main_cpv__code__startswith=rules.WORKS_CPV_DIVISION) | Q(
        main_cpv__isnull=True, purchase_family__code=rules.WORKS_FAMILY
    )
    state = Q(organisation__kind=OrganisationKind.STATE)
    return (
        (works & Q(estimated_amount__gte=eu_threshold(ThresholdKind.WORKS)))
        | (~works & state & Q(estimated_amount__gte=eu_threshold(ThresholdKind.STATE_SUPPLIES)))
        | (~works & ~state & Q(estimated_amount__gte=eu_threshold(ThresholdKind.LOCAL_SUPPLIES)))
    )


def is_social_flagged() -> Q:
    """The rule of `rules.social_law_gaps` in SQL: launched from the start of art. L2112-2-1,
    estimated at or above the European threshold, without a social execution clause;
    abandoned contracts left out (a recorded justification does not lift the flag)."""
    return (
        Q(launch_date__gte=rule_start(LegalRuleCode.SOCIAL))
        & ~Q(status=MarketStatus.ABANDONED)
        & reaches_eu_threshold()
        & ~Q(has_social_execution_clause())
    )


def is_flagged() -> Q:
    """A contract that lacks what art. 35 or art. L2112-2-1 asks."""
    return is_climate_flagged() | is_social_flagged()


def is_climate_flagged() -> Q:
    """The rule of `rules.climate_law_gaps` in SQL: launched from the rule's start (21 August
    2026) without an environmental execution clause, or with a lot without an environmental
    award criterion; abandoned contracts are left out (with or without a recorded
    justification: the contract stays flagged)."""
    return (
        Q(launch_date__gte=rule_start(LegalRuleCode.ENVIRONMENTAL))
        & ~Q(status=MarketStatus.ABANDONED)
        & (
            ~Q(has_environmental_execution_clause())
            | Q(Exists(lots_without_environmental_criterion()))
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
    notified: Quarter | None = None,
    flagged: bool | None = None,
    reserved: bool | None = None,
    insertion: bool | None = None,
    sort: str = DEFAULT_SORT,
) -> QuerySet[Market]:
    """The contracts the viewer may read, filtered and sorted; each row carries what the list
    and its exports show, in a fixed number of queries.

    `year` is the year of the consultation launch (or, without one, of creation); `notified`
    the quarter of the notification (`notified_on`); `flagged` the
    contracts missing what art. 35 of the loi Climat et résilience or art. L2112-2-1 asks
    (`is_flagged`);
    `reserved` those reserved to inclusive structures (`is_reserved`); `insertion` those with
    an insertion clause (`has_insertion_clause`)."""
    markets = (
        Market.objects.visible_to(viewer)
        .select_related("organisation", "department", "buyer", "purchase_family", "main_cpv")
        .annotate(
            has_social=has_social_consideration(),
            has_environmental=has_environmental_consideration(),
            awarded_amount=awarded_amount(),
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
    if notified is not None:
        markets = markets.alias(notified_on=notified_on()).filter(
            notified_on__gte=notified.start, notified_on__lte=notified.end
        )
    if flagged is not None:
        markets = markets.filter(is_flagged() if flagged else ~is_flagged())
    if reserved is not None:
        markets = markets.filter(is_reserved() if reserved else ~is_reserved())
    if insertion is not None:
        markets = markets.filter(has_insertion_clause() if insertion else ~has_insertion_clause())
    return markets.order_by(*SORTS.get(sort, SORTS[DEFAULT_SORT]))


def market_page(markets: QuerySet[Market], number, *, per_page: int) -> Page:
    """Page `number` of a `market_list` queryset (the last one past the end, the first one for
    a number that is not one), its rows read in two steps: the keys of the page, sorted and
    cut on the contract's own columns only, then the full rows of those keys.

    Sorting the whole list's wide rows (joins and every column) to keep 25 of them is what a
    single query costs at the size of a region (30,000 contracts for the council); the keys
    alone sort in a fraction of it, and a deep page skips keys, not rows."""
    page = Paginator(markets.values_list("pk", flat=True), per_page).get_page(number)
    keys = list(page.object_list)
    rows = {market.pk: market for market in markets.filter(pk__in=keys).order_by()}
    page.object_list = [rows[key] for key in keys if key in rows]
    return page
