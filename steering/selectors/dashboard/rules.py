"""The budget rules of the quarter's year as of the quarter's end: each rule's compliance per
department, read from the budgets app, and its trend over the last quarters. Which rule is one
of the seed's two (shown first) is the budgets app's to say (`budgets.selectors.rule_kind`)."""

import datetime
from decimal import Decimal

from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy

from budgets.models import Budget, Purchase, RuleBasis
from budgets.selectors.compliance import compliance_for, rule_kind

from .common import ZERO, page_url, percent, target_status, year_and_quarter
from .figures import BudgetIndicators, RuleIndicators, RuleLine, RuleTrendPoint, TargetStatus

RULE_ORDER = {"eco_supplies": 0, "recycled_paper": 1, "other": 2}
RULE_STATUS_LABELS = {
    TargetStatus.MET: gettext_lazy("Objectif atteint"),
    TargetStatus.BELOW: gettext_lazy("En dessous de l'objectif"),
    TargetStatus.NO_DATA: gettext_lazy("Sans objet"),
}


def _rule_trends(organisation, trend, departments, rules) -> dict[int, list[RuleTrendPoint]]:
    """For each rule, its ratio over the departments as of each quarter's end (year to date:
    the lines dated from 1 January to the quarter's end; a department counts where the rule
    applies to it then). Two queries: budgets by year, and the purchases grouped by
    department, family, year and quarter with one conditional sum per rule."""
    if not rules or not departments:
        return {}
    department_ids = [department.pk for department in departments]
    family_ids = {rule.family_id for rule in rules}
    first, last = trend[0], trend[-1]
    budgets = {
        (row["department_id"], row["family_id"], row["year"]): row["amount"]
        for row in Budget.objects.filter(
            organisation=organisation,
            year__gte=first.year,
            year__lte=last.year,
            department_id__in=department_ids,
            family_id__in=family_ids,
        )
        .order_by()
        .values("department_id", "family_id", "year", "amount")
    }
    sums = {f"rule_{rule.pk}": Sum("amount", filter=rule.qualifying_condition()) for rule in rules}
    spend = list(
        Purchase.objects.filter(
            organisation=organisation,
            department_id__in=department_ids,
            family_id__in=family_ids,
            date__gte=datetime.date(first.year, 1, 1),
            date__lte=last.end,
        )
        .order_by()
        .values("department_id", "family_id", **year_and_quarter("date"))
        .annotate(total=Sum("amount"), **sums)
    )
    # Quarterly sums per department, family and year, to be added up from 1 January.
    quarters: dict[tuple, dict[int, dict]] = {}
    for row in spend:
        key = (row["department_id"], row["family_id"], row["year"])
        quarters.setdefault(key, {})[row["number"]] = row

    def year_to_date(department_id, rule, period) -> tuple[Decimal, Decimal]:
        rows = quarters.get((department_id, rule.family_id, period.year), {})
        done = [row for number, row in rows.items() if number <= period.number]
        total = sum((row["total"] or ZERO for row in done), ZERO)
        qualifying = sum((row[f"rule_{rule.pk}"] or ZERO for row in done), ZERO)
        return total, qualifying

    result = {}
    for rule in rules:
        points = []
        for period in trend:
            qualifying = base = ZERO
            for department_id in department_ids:
                total, counted = year_to_date(department_id, rule, period)
                if rule.basis == RuleBasis.BUDGET:
                    department_base = budgets.get(
                        (department_id, rule.family_id, period.year), ZERO
                    )
                else:
                    department_base = total
                if department_base > 0:
                    base += department_base
                    qualifying += counted
            points.append(
                RuleTrendPoint(
                    quarter=str(period),
                    label=period.short_label,
                    ratio=percent(qualifying, base) if rule.in_force(period.year) else None,
                )
            )
        result[rule.pk] = points
    return result


def rule_figures(organisation, quarter, trend, departments, code) -> BudgetIndicators:
    """The compliance of the budgets app (three queries: rules, budgets, grouped sums), and
    each rule's trend (two more)."""
    today = timezone.localdate()
    # The fourth quarter closes the year: its report gives the year's final statuses.
    as_of = quarter.end + datetime.timedelta(days=1) if quarter.number == 4 else quarter.end
    as_of = min(as_of, today)
    rows = compliance_for(
        organisation=organisation, year=quarter.year, departments=departments, as_of=as_of
    )
    by_rule: dict[int, list] = {}
    for row in rows:
        by_rule.setdefault(row.rule.pk, []).append(row)
    trends = _rule_trends(
        organisation, trend, departments, [lines[0].rule for lines in by_rule.values()]
    )
    rules = []
    for lines in by_rule.values():
        rule = lines[0].rule
        kind = rule_kind(rule)
        applicable = [line for line in lines if line.ratio is not None]
        qualifying = sum((line.qualifying_amount for line in applicable), ZERO)
        base = sum((line.base_amount for line in applicable), ZERO)
        status = target_status(qualifying, base, rule.threshold_percent)
        rules.append(
            RuleIndicators(
                name=rule.name,
                family=rule.family.name,
                kind=kind,
                basis=rule.basis,
                threshold=rule.threshold_percent,
                ratio=percent(qualifying, base),
                status=status,
                status_label=str(RULE_STATUS_LABELS[status]),
                # The threshold reached so far, whatever the forecast says of the year's end.
                met=sum(
                    1
                    for line in applicable
                    if target_status(
                        line.qualifying_amount, line.base_amount, rule.threshold_percent
                    )
                    == TargetStatus.MET
                ),
                applicable=len(applicable),
                lines=[
                    RuleLine(
                        department_code=line.department.code,
                        department_name=line.department.name,
                        ratio=line.ratio,
                        qualifying_amount=line.qualifying_amount,
                        base_amount=line.base_amount,
                        target_amount=line.target_amount,
                        status=str(line.status),
                        status_label=str(line.status_label),
                        url=page_url(
                            "budgets:rule-purchases", quarter.year, line.department.code, rule.pk
                        ),
                    )
                    for line in lines
                ],
                trend=trends.get(rule.pk, []),
                url=page_url("budgets:compliance", annee=quarter.year, direction=code),
            )
        )
    rules.sort(key=lambda item: (RULE_ORDER[item.kind], item.name))
    return BudgetIndicators(
        year=quarter.year,
        as_of=as_of,
        rules=rules,
        url=page_url("budgets:compliance", annee=quarter.year, direction=code),
    )
