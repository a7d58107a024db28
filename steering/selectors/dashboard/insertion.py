"""Social insertion in the contracts: hours committed by the insertion clauses, hours achieved
in the follow-ups, contracts reserved to inclusive structures."""

from django.db.models import Sum

from purchasing import rules, selectors
from purchasing.models import AppliedClause, ExecutionFollowUp, MarketStatus

from .common import HOURS, ZERO, markets_url, year_and_quarter
from .figures import InsertionIndicators, InsertionTrendPoint

COMMITTED_STATUSES = (MarketStatus.AWARDED, MarketStatus.IN_EXECUTION)


def insertion_figures(markets, quarter, trend, code, current: dict) -> InsertionIndicators:
    """Two queries: the applied clauses of contracts awarded or in execution (their hours
    computed by `rules.clause_insertion_hours`) and the hours achieved grouped by quarter. The
    reserved contracts come from the quarter's row of the contracts (`current`)."""
    committed_markets = (
        markets.filter(status__in=COMMITTED_STATUSES)
        .alias(notified=selectors.notified_on())
        .filter(notified__lte=quarter.end)
    )
    clauses = (
        AppliedClause.objects.filter(market__in=committed_markets.values("pk"))
        .filter(clause_version__parameters__icontains="insertion_rate")
        .select_related("clause_version", "lot", "market")
        .order_by()
    )
    hours = ZERO
    contracts = set()
    for clause in clauses:
        value = rules.clause_insertion_hours(clause, clause.market)
        if value is not None:
            hours += value
            contracts.add(clause.market_id)

    first = trend[0].start
    achieved = {
        (row["year"], row["number"]): row["total"]
        for row in ExecutionFollowUp.objects.filter(
            is_insertion_hours=True,
            achieved__isnull=False,
            applied_clause__market__in=markets.values("pk"),
            period_end__gte=first,
            period_end__lte=quarter.end,
        )
        .order_by()
        .values(**year_and_quarter("period_end"))
        .annotate(total=Sum("achieved", output_field=HOURS))
    }
    points = [
        InsertionTrendPoint(
            quarter=str(period),
            label=period.short_label,
            achieved=achieved.get((period.year, period.number), ZERO),
        )
        for period in trend
    ]
    year_to_date = sum(
        (
            point.achieved
            for period, point in zip(trend, points, strict=True)
            if period.year == quarter.year
        ),
        ZERO,
    )
    return InsertionIndicators(
        hours_committed=hours,
        committed_contracts=len(contracts),
        committed_url=markets_url(code, insertion="oui"),
        hours_achieved=points[-1].achieved,
        hours_achieved_year=year_to_date,
        reserved=current["reserved_count"],
        reserved_amount=current["reserved_amount"],
        reserved_url=markets_url(code, notifie=str(quarter), reserve="oui"),
        trend=points,
    )
