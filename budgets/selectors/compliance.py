"""How each department meets the purchasing rules: each rule's compliance per department and
year, the years to offer, and the lines that count or do not count for a rule.

Every sum is a database aggregate: the number of queries does not grow with the purchases."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q, QuerySet
from django.utils import timezone

from accounts.models import Department, Organisation

from ..models import (
    COMPLIANCE_STATUS_TONES,
    ZERO,
    Budget,
    ComplianceStatus,
    Purchase,
    PurchasingRule,
    RuleBasis,
)
from .common import amount_sum, current_year, in_year, year_bounds

CENT = Decimal("0.01")
HUNDRED = Decimal("100")


def _cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def _percent(part: Decimal, whole: Decimal) -> Decimal:
    return _cents(part * HUNDRED / whole)


@dataclass(frozen=True)
class Compliance:
    """How far a department meets a rule in a year, as of a date.

    Amounts are euros excluding VAT with two decimals; `threshold`, `ratio` and `forecast_ratio`
    are percentages. `ratio`, `forecast_amount` and `forecast_ratio` are None when the rule does
    not apply (no budget, or no spend, to measure against) and the forecasts are None for a year
    that has not begun."""

    rule: PurchasingRule
    department: Department
    year: int
    basis: str
    threshold: Decimal
    budget_amount: Decimal
    total_spend: Decimal
    qualifying_amount: Decimal
    base_amount: Decimal
    target_amount: Decimal
    ratio: Decimal | None
    forecast_amount: Decimal | None
    forecast_ratio: Decimal | None
    status: ComplianceStatus
    as_of: datetime.date

    @property
    def family(self):
        return self.rule.family

    @property
    def status_label(self) -> str:
        return ComplianceStatus(self.status).label

    @property
    def status_tone(self) -> str:
        return COMPLIANCE_STATUS_TONES[self.status]

    @property
    def non_qualifying_amount(self) -> Decimal:
        return self.total_spend - self.qualifying_amount

    @property
    def progress_percent(self) -> Decimal:
        """The ratio held between 0 and 100, for the width of a progress bar
        (render it with `|unlocalize` in attributes: a French comma is not a CSS number)."""
        if self.ratio is None:
            return ZERO
        return min(max(self.ratio, ZERO), HUNDRED)

    @property
    def threshold_mark(self) -> Decimal:
        """Where the threshold sits on the same 0–100 bar."""
        return min(max(self.threshold, ZERO), HUNDRED)


def _status_and_forecast(
    *,
    basis: str,
    threshold: Decimal,
    qualifying: Decimal,
    base: Decimal,
    year: int,
    as_of: datetime.date,
) -> tuple[ComplianceStatus, Decimal | None, Decimal | None]:
    """The status, the year-end qualifying amount forecast and its ratio.

    Comparisons use exact amounts (qualifying × 100 ≥ threshold × base), not the rounded ratio,
    so that 19.996 % is not taken for 20 %."""
    if base <= 0:
        return ComplianceStatus.NOT_APPLICABLE, None, None
    reaches = qualifying * HUNDRED >= threshold * base
    if year < as_of.year:
        status = ComplianceStatus.MET if reaches else ComplianceStatus.MISSED
        return status, qualifying, _percent(qualifying, base)
    if year > as_of.year:
        return ComplianceStatus.ON_TRACK, None, None
    first, last = year_bounds(year)
    days_in_year = (last - first).days + 1
    days_elapsed = (as_of - first).days + 1
    forecast = qualifying * days_in_year / days_elapsed
    if basis == RuleBasis.SPEND:
        # Qualifying spend and total spend grow at the same pace: the share stays as it is, and
        # it can still fall before the year ends, so it is never "met" early.
        status = ComplianceStatus.ON_TRACK if reaches else ComplianceStatus.AT_RISK
        return status, _cents(forecast), _percent(qualifying, base)
    if reaches:
        status = ComplianceStatus.MET
    elif forecast * HUNDRED >= threshold * base:
        status = ComplianceStatus.ON_TRACK
    else:
        status = ComplianceStatus.AT_RISK
    return status, _cents(forecast), _percent(forecast, base)


def _rules_in_force(organisation: Organisation, year: int, rules) -> list[PurchasingRule]:
    if rules is None:
        rules = (
            PurchasingRule.objects.filter(organisation=organisation, first_year__lte=year)
            .filter(Q(last_year__isnull=True) | Q(last_year__gte=year))
            .select_related("family")
        )
    return [
        rule for rule in rules if rule.organisation_id == organisation.pk and rule.in_force(year)
    ]


# The seed's two rules (DESIGN.md §4), known by the code of their purchase family.
SEED_RULE_KINDS = {"office-supplies": "eco_supplies", "paper": "recycled_paper"}


def rule_kind(rule: PurchasingRule) -> str:
    """Which of the seed's rules `rule` is, for those who report on them (the steering
    committee shows them first): "eco_supplies" (office supplies), "recycled_paper" (paper) or
    "other". Reads the rule's family: select it."""
    return SEED_RULE_KINDS.get(rule.family.code, "other")


def compliance_for(
    *,
    organisation: Organisation,
    year: int,
    departments: Iterable[Department] | None = None,
    rules: Iterable[PurchasingRule] | None = None,
    as_of: datetime.date | None = None,
) -> list[Compliance]:
    """Each rule in force in `year` × each department (all of the organisation's by default),
    ordered by rule then department code, as of `as_of` (today in the site's time zone).

    Four queries whatever the number of purchases: departments, rules (none when both are given,
    pass rules with their family selected), budgets, and one grouped sum of the purchases per
    department and family with one conditional sum per rule."""
    as_of = as_of or timezone.localdate()
    if departments is None:
        departments = Department.objects.filter(organisation=organisation).order_by("code")
    departments = sorted(
        (d for d in departments if d.organisation_id == organisation.pk), key=lambda d: d.code
    )
    rules = _rules_in_force(organisation, year, rules)
    if not rules or not departments:
        return []
    department_ids = [d.pk for d in departments]
    family_ids = {rule.family_id for rule in rules}

    budgets = {
        (department_id, family_id): amount
        for department_id, family_id, amount in Budget.objects.filter(
            organisation=organisation,
            year=year,
            department_id__in=department_ids,
            family_id__in=family_ids,
        )
        .values_list("department_id", "family_id", "amount")
        .order_by()
    }
    # Every group gets every rule's sum; only the group of the rule's own family is read.
    sums = {f"rule_{rule.pk}": amount_sum(rule.qualifying_condition()) for rule in rules}
    purchases = Purchase.objects.filter(
        in_year(year),
        organisation=organisation,
        department_id__in=department_ids,
        family_id__in=family_ids,
    )
    if as_of.year == year:
        # As the year stood on that day: a past quarter's figures leave out later lines.
        purchases = purchases.filter(date__lte=as_of)
    spend = {
        (row["department_id"], row["family_id"]): row
        for row in purchases.values("department_id", "family_id")
        .annotate(total=amount_sum(), **sums)
        .order_by()
    }

    result = []
    for rule in rules:
        threshold = rule.threshold_percent
        for department in departments:
            budget = budgets.get((department.pk, rule.family_id), ZERO)
            row = spend.get((department.pk, rule.family_id), {})
            total = row.get("total", ZERO)
            qualifying = row.get(f"rule_{rule.pk}", ZERO)
            base = budget if rule.basis == RuleBasis.BUDGET else total
            status, forecast, forecast_ratio = _status_and_forecast(
                basis=rule.basis,
                threshold=threshold,
                qualifying=qualifying,
                base=base,
                year=year,
                as_of=as_of,
            )
            applies = status != ComplianceStatus.NOT_APPLICABLE
            result.append(
                Compliance(
                    rule=rule,
                    department=department,
                    year=year,
                    basis=rule.basis,
                    threshold=threshold,
                    budget_amount=budget,
                    total_spend=total,
                    qualifying_amount=qualifying,
                    base_amount=base,
                    target_amount=_cents(threshold * base / HUNDRED) if applies else ZERO,
                    ratio=_percent(qualifying, base) if applies else None,
                    forecast_amount=forecast,
                    forecast_ratio=forecast_ratio,
                    status=status,
                    as_of=as_of,
                )
            )
    return result


def rule_purchases(
    *, rule: PurchasingRule, department: Department, year: int, qualifying: bool
) -> QuerySet[Purchase]:
    """The department's lines of the rule's family in `year` that count for the rule
    (`qualifying=True`) or do not (a line without recycled content does not count), by date."""
    condition = rule.qualifying_condition()
    return (
        Purchase.objects.filter(
            in_year(year),
            organisation_id=rule.organisation_id,
            department=department,
            family_id=rule.family_id,
        )
        .filter(condition if qualifying else ~condition)
        .prefetch_related("eco_labels")
        .order_by("date", "reference")
    )


def report_years(*, viewer) -> list[int]:
    """The years to offer on the compliance and AGEC pages: from the first year with a
    purchase or a rule in force, up to this year, newest first. Two queries."""
    this_year = current_year()
    starts = [this_year]
    first_purchase = (
        Purchase.objects.visible_to(viewer).order_by("date").values_list("date", flat=True).first()
    )
    if first_purchase is not None:
        starts.append(first_purchase.year)
    first_rule = (
        PurchasingRule.objects.visible_to(viewer)
        .order_by("first_year")
        .values_list("first_year", flat=True)
        .first()
    )
    if first_rule is not None:
        starts.append(first_rule)
    return list(range(this_year, min(starts) - 1, -1))
