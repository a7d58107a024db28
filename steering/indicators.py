"""The figures of the steering committee for one quarter: read-only selectors over the other
apps, gathered in one `Dashboard` tree that the dashboard page and the quarterly PDF report
both show, and that `figures_json` turns into the JSON archived with a report.

Every family of figures is read with a fixed number of database aggregates: the number of
queries does not grow with the contracts, purchases or registrations. Each figure carries the
address of the list behind it (`url`, empty when there is no such list)."""

import dataclasses
import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from urllib.parse import urlencode

from django.db.models import Count, DecimalField, Exists, OuterRef, Q, Sum, Value
from django.db.models.functions import Coalesce, ExtractQuarter, ExtractYear
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Department
from budgets.models import Budget, Purchase, RuleBasis
from budgets.selectors.compliance import compliance_for
from core.quarters import Quarter
from network.selectors.meetings import attendance_by_organisation
from network.selectors.projects import projects_by_status
from network.selectors.supply_chain import (
    audits_done,
    open_findings_by_severity,
    overdue_corrective_actions,
)
from network.selectors.training import buyers_trained_share, people_trained, sessions_held
from purchasing import rules, selectors
from purchasing.models import (
    AppliedClause,
    AwardCriterion,
    CriterionKind,
    ExecutionFollowUp,
    Lot,
    Market,
    MarketStatus,
)

from .models import PNAD_ENVIRONMENTAL_TARGET, PNAD_SOCIAL_TARGET, Committee

TREND_LENGTH = 8


# --- Statuses against a target ------------------------------------------------------------------


class TargetStatus:
    """How a share stands against its target (values stored in the JSON, labels shown)."""

    MET = "met"
    BELOW = "below"
    NO_DATA = "no_data"


# --- The tree ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Targets:
    """The committee's targets in percent, PNAD 2022-2025 defaults without a committee.

    - environmental: share of notified contracts with an environmental consideration.
    - social: share of notified contracts with a social consideration.
    - from_committee: True when the organisation's committee set them."""

    environmental: Decimal
    social: Decimal
    from_committee: bool


@dataclass(frozen=True)
class ConsiderationShare:
    """The notified contracts with at least one consideration of a kind, against the target.

    - count / amount: contracts with the consideration and the sum of their awards (€ HT).
    - share_by_count / share_by_amount: percent (one decimal) of all contracts notified in the
      quarter, None when none was notified (or their amount is zero).
    - target: the committee's target in percent.
    - status / status_label: `TargetStatus` value of the share by count, and its words.
    - url: the contract list of those contracts."""

    count: int
    amount: Decimal
    share_by_count: Decimal | None
    share_by_amount: Decimal | None
    target: Decimal
    status: str
    status_label: str
    url: str


@dataclass(frozen=True)
class ContractTrendPoint:
    """One quarter of the contracts' trend (the oldest first in the lists).

    - quarter: "2026-T3"; label: "T3 2026".
    - notified / amount: contracts notified in that quarter and their awarded amount.
    - environmental / social: how many of them have the consideration.
    - environmental_share / social_share: percent by count, None without any contract.
    - url: the contract list of the contracts notified that quarter."""

    quarter: str
    label: str
    notified: int
    amount: Decimal
    environmental: int
    social: int
    environmental_share: Decimal | None
    social_share: Decimal | None
    url: str


@dataclass(frozen=True)
class DepartmentContracts:
    """The notified contracts of one department in the quarter (annex of the report).

    - code / name: the department; notified / amount: contracts notified and their amount.
    - environmental / social: count with the consideration; *_share: percent by count.
    - url: the department's contracts notified in the quarter."""

    code: str
    name: str
    notified: int
    amount: Decimal
    environmental: int
    environmental_share: Decimal | None
    social: int
    social_share: Decimal | None
    url: str


@dataclass(frozen=True)
class ContractIndicators:
    """Contracts notified in the quarter.

    A contract is notified on the earliest notification date of its lots' awards, and its
    amount is the sum of its awards (abandoned contracts are left out).

    - notified / amount / url: all contracts notified in the quarter, their amount, their list.
    - environmental / social: `ConsiderationShare` of each kind.
    - trend: the last 8 quarters, ending with this one (`ContractTrendPoint`).
    - by_department: one row per department of the organisation (the filtered one only when a
      department is chosen), by code."""

    notified: int
    amount: Decimal
    url: str
    environmental: ConsiderationShare
    social: ConsiderationShare
    trend: list[ContractTrendPoint]
    by_department: list[DepartmentContracts]


@dataclass(frozen=True)
class RuleLine:
    """One department's compliance with a purchasing rule (budgets app).

    - department_code / department_name.
    - ratio: percent reached (None when the rule does not apply: no budget or no spend).
    - qualifying_amount / base_amount / target_amount: € HT (base = budget or total spend).
    - status / status_label: the budgets app's compliance status (met, on_track, at_risk,
      missed, not_applicable) and its words.
    - url: the compliance page of this rule and department."""

    department_code: str
    department_name: str
    ratio: Decimal | None
    qualifying_amount: Decimal
    base_amount: Decimal
    target_amount: Decimal
    status: str
    status_label: str
    url: str


@dataclass(frozen=True)
class RuleTrendPoint:
    """The rule over the shown departments as of one quarter's end (year to date).

    - quarter / label: as in `ContractTrendPoint`.
    - ratio: percent (qualifying ÷ base) over the departments, None without base."""

    quarter: str
    label: str
    ratio: Decimal | None


@dataclass(frozen=True)
class RuleIndicators:
    """One purchasing rule in force in the quarter's year, as of the quarter's end.

    - name / family: the rule's title and purchase family name.
    - kind: "eco_supplies" (office supplies, the 20 % rule), "recycled_paper" (the 100 %
      rule) or "other".
    - basis: "budget" or "spend"; threshold: percent.
    - ratio: percent over the departments shown where the rule applies (None without base);
      status / status_label: `TargetStatus` of that ratio against the threshold;
      met / applicable: departments meeting it (budgets' status "met") / where it applies.
    - lines: one `RuleLine` per department.
    - trend: `RuleTrendPoint` for the last 8 quarters (year to date at each quarter's end,
      over the departments where the rule then applies; None in a year the rule is not in
      force).
    - url: the compliance page of the rule for the year."""

    name: str
    family: str
    kind: str
    basis: str
    threshold: Decimal
    ratio: Decimal | None
    status: str
    status_label: str
    met: int
    applicable: int
    lines: list[RuleLine]
    trend: list[RuleTrendPoint]
    url: str


@dataclass(frozen=True)
class BudgetIndicators:
    """The budget rules of the quarter's year as of the quarter's end.

    - year / as_of: the year and the day the compliance is computed on.
    - rules: one `RuleIndicators` per rule in force (eco-supplies first, then recycled
      paper, then the others).
    - url: the compliance page of the year."""

    year: int
    as_of: datetime.date
    rules: list[RuleIndicators]
    url: str


@dataclass(frozen=True)
class InsertionTrendPoint:
    """Insertion hours achieved over the periods ending in one quarter."""

    quarter: str
    label: str
    achieved: Decimal


@dataclass(frozen=True)
class InsertionIndicators:
    """Social insertion in the contracts.

    - hours_committed: hours of the insertion clauses of contracts awarded or in execution
      (notified by the quarter's end); committed_contracts: how many such contracts;
      committed_url: their list.
    - hours_achieved: hours recorded in follow-ups whose period ends in the quarter;
      hours_achieved_year: the same from 1 January to the quarter's end.
    - reserved: contracts notified in the quarter reserved to inclusive structures (a
      "Marché réservé" clause, art. L2113-12 and L2113-13); reserved_amount: their
      amount; reserved_url: their list.
    - trend: hours achieved over the last 8 quarters."""

    hours_committed: Decimal
    committed_contracts: int
    committed_url: str
    hours_achieved: Decimal
    hours_achieved_year: Decimal
    reserved: int
    reserved_amount: Decimal
    reserved_url: str
    trend: list[InsertionTrendPoint]


@dataclass(frozen=True)
class TrainingIndicators:
    """Training of buyers (network app); organisation-wide, not per department.

    - sessions_held / sessions_attendances: sessions organised by the organisation, held in
      the quarter, and the presences at them; sessions_url: the past sessions.
    - people_trained / people_attendances: distinct people of the organisation present at a
      session (any organiser) of the quarter, and their presences.
    - buyers / buyers_trained / buyers_trained_share: active buyers, those trained in the three
      years up to the quarter's end, percent (None without buyers)."""

    sessions_held: int
    sessions_attendances: int
    sessions_url: str
    people_trained: int
    people_attendances: int
    buyers: int
    buyers_trained: int
    buyers_trained_share: Decimal | None
    url: str


@dataclass(frozen=True)
class CountItem:
    """A count with its code, its words and its list (a status, a severity, a result)."""

    code: str
    label: str
    count: int
    url: str = ""


@dataclass(frozen=True)
class NetworkIndicators:
    """The buyers' network and purchasing groups; organisation-wide.

    - meetings_held: network meetings held in the quarter while the organisation took part;
      meetings_attended: those its people attended; people_present: its presences;
      meetings_url: the meeting list.
    - projects: common projects by status (`CountItem`), projects_total, projects_url.
    - audits_done: social audits that concern the organisation done in the quarter, by result;
      audits_total; audits_url.
    - open_findings: findings still to correct at the quarter's end, by severity;
      open_findings_total; overdue_actions: corrective actions past their deadline then, by
      severity; overdue_total; findings_url."""

    meetings_held: int
    meetings_attended: int
    people_present: int
    meetings_url: str
    projects: list[CountItem]
    projects_total: int
    projects_url: str
    audits_done: list[CountItem]
    audits_total: int
    audits_url: str
    open_findings: list[CountItem]
    open_findings_total: int
    overdue_actions: list[CountItem]
    overdue_total: int
    findings_url: str


@dataclass(frozen=True)
class FlaggedContract:
    """A contract launched from 22 August 2026 that lacks what art. 35 of the loi Climat et
    Résilience asks (not abandoned).

    - reference, title, department_code, department_name, buyer: as in the contract list.
    - launch_date; justified: True when the buyer recorded a justification.
    - missing: what is lacking, in words; url: the contract's page."""

    reference: str
    title: str
    department_code: str
    department_name: str
    buyer: str
    launch_date: datetime.date
    justified: bool
    missing: list[str]
    url: str


@dataclass(frozen=True)
class FlaggedContracts:
    """The flagged contracts (whatever the quarter: a contract stays flagged until fixed).

    - count; contracts: the list, by launch date; url: the contract list filtered on them."""

    count: int
    contracts: list[FlaggedContract]
    url: str


@dataclass(frozen=True)
class Dashboard:
    """Every figure of the committee dashboard for one quarter.

    - organisation_name / organisation_slug.
    - quarter: the `Quarter`; quarter_label: "3e trimestre 2026"; start / end: its days.
    - department_code / department_name: the department filter ("" for all departments).
    - targets: `Targets`.
    - contracts, budgets, insertion: figures of the chosen department when one is chosen.
    - training, network: organisation-wide whatever the department.
    - flagged: `FlaggedContracts` (of the chosen department when one is chosen).
    - trend_quarters: the labels of the 8 quarters of the trends, the oldest first."""

    organisation_name: str
    organisation_slug: str
    quarter: Quarter
    quarter_label: str
    start: datetime.date
    end: datetime.date
    department_code: str
    department_name: str
    targets: Targets
    contracts: ContractIndicators
    budgets: BudgetIndicators
    insertion: InsertionIndicators
    training: TrainingIndicators
    network: NetworkIndicators
    flagged: FlaggedContracts
    trend_quarters: list[str] = field(default_factory=list)


def dashboard(*, organisation, quarter: Quarter, department=None) -> Dashboard:
    """The figures of `organisation` for `quarter`, of one department when given (contracts,
    budgets, insertion, flagged contracts; training and network stay organisation-wide).

    About 25 queries whatever the amount of data."""
    trend = quarter.trend(TREND_LENGTH)
    if department is not None:
        departments = [department]
    else:
        departments = list(Department.objects.filter(organisation=organisation).order_by("code"))
    targets = _targets(organisation)
    markets = Market.objects.filter(organisation=organisation).exclude(
        status=MarketStatus.ABANDONED
    )
    if department is not None:
        markets = markets.filter(department=department)
    code = department.code if department is not None else ""
    current, contracts = _contracts(markets, quarter, trend, departments, targets, code)
    return Dashboard(
        organisation_name=organisation.name,
        organisation_slug=organisation.slug,
        quarter=quarter,
        quarter_label=quarter.label,
        start=quarter.start,
        end=quarter.end,
        department_code=code,
        department_name=department.name if department is not None else "",
        targets=targets,
        contracts=contracts,
        budgets=_budgets(organisation, quarter, trend, departments, code),
        insertion=_insertion(markets, quarter, trend, code, current),
        training=_training(organisation, quarter),
        network=_network(organisation, quarter),
        flagged=_flagged(markets, code),
        trend_quarters=[point.short_label for point in trend],
    )


# --- Helpers -----------------------------------------------------------------------------------

ZERO = Decimal("0")
HUNDRED = Decimal("100")
TENTH = Decimal("0.1")
AMOUNT = DecimalField(max_digits=20, decimal_places=2)
HOURS = DecimalField(max_digits=20, decimal_places=2)


def _percent(part, whole) -> Decimal | None:
    """part ÷ whole in percent with one decimal, None when whole is zero."""
    if not whole:
        return None
    return (Decimal(part) * HUNDRED / Decimal(whole)).quantize(TENTH, rounding=ROUND_HALF_UP)


def _amount(condition: Q | None = None) -> Coalesce:
    return Coalesce(
        Sum("amount", filter=condition, output_field=AMOUNT), Value(ZERO), output_field=AMOUNT
    )


def _url(name: str, *args, **params) -> str:
    address = reverse(name, args=args)
    params = {key: value for key, value in params.items() if value not in ("", None)}
    return f"{address}?{urlencode(params)}" if params else address


def _markets_url(code: str = "", **params) -> str:
    return _url("purchasing:list", direction=code, **params)


def _by_quarter(field_name: str) -> dict:
    """The year and quarter of a date, computed by the database (for grouping)."""
    return {"year": ExtractYear(field_name), "number": ExtractQuarter(field_name)}


STATUS_LABELS = {
    TargetStatus.MET: gettext_lazy("Objectif atteint"),
    TargetStatus.BELOW: gettext_lazy("En dessous de l'objectif"),
    TargetStatus.NO_DATA: gettext_lazy("Aucun marché notifié"),
}


def target_status(part, whole, target: Decimal) -> str:
    """MET when part ÷ whole reaches the target (compared exactly, not on the rounded share),
    BELOW otherwise, NO_DATA when whole is zero."""
    if not whole:
        return TargetStatus.NO_DATA
    return TargetStatus.MET if Decimal(part) * HUNDRED >= target * whole else TargetStatus.BELOW


def _targets(organisation) -> Targets:
    row = (
        Committee.objects.filter(organisation=organisation)
        .values_list("environmental_target", "social_target")
        .first()
    )
    if row is None:
        return Targets(PNAD_ENVIRONMENTAL_TARGET, PNAD_SOCIAL_TARGET, from_committee=False)
    return Targets(environmental=row[0], social=row[1], from_committee=True)


# --- Contracts ---------------------------------------------------------------------------------


def _notified(markets, first: datetime.date, last: datetime.date):
    """The contracts notified from `first` to `last` (included), and the sums to read of them:
    count and amount, with each consideration and reserved."""
    notified = (
        markets.annotate(
            notified=selectors.notified_on(),
            amount=selectors.awarded_amount(),
            environmental=selectors.has_environmental_consideration(),
            social=selectors.has_social_consideration(),
            reserved=selectors.is_reserved(),
        )
        .filter(notified__gte=first, notified__lte=last)
        .order_by()
    )
    sums = {"notified_count": Count("pk"), "notified_amount": _amount()}
    for kind in ("environmental", "social", "reserved"):
        sums[f"{kind}_count"] = Count("pk", filter=Q(**{kind: True}))
        sums[f"{kind}_amount"] = _amount(Q(**{kind: True}))
    return notified, sums


def _share(row: dict, kind: str, target: Decimal, url: str) -> ConsiderationShare:
    count, amount = row[f"{kind}_count"], row[f"{kind}_amount"]
    status = target_status(count, row["notified_count"], target)
    return ConsiderationShare(
        count=count,
        amount=amount,
        share_by_count=_percent(count, row["notified_count"]),
        share_by_amount=_percent(amount, row["notified_amount"]),
        target=target,
        status=status,
        status_label=str(STATUS_LABELS[status]),
        url=url,
    )


EMPTY_ROW = {
    "notified_count": 0,
    "notified_amount": Decimal("0.00"),
    "environmental_count": 0,
    "environmental_amount": Decimal("0.00"),
    "social_count": 0,
    "social_amount": Decimal("0.00"),
    "reserved_count": 0,
    "reserved_amount": Decimal("0.00"),
}


CENT = Decimal("0.01")


def _cents(row: dict) -> dict:
    """The amounts of a grouped row with two decimals, whatever the database returns."""
    return {
        key: value.quantize(CENT) if key.endswith("_amount") else value
        for key, value in row.items()
    }


def _contracts(markets, quarter, trend, departments, targets, code):
    """The `ContractIndicators` and the quarter's grouped row (reserved contracts are read
    from it). Two queries: the 8 quarters grouped by quarter of notification, and the quarter
    grouped by department."""
    notified, sums = _notified(markets, trend[0].start, quarter.end)
    by_quarter = {
        (row["year"], row["number"]): _cents(row)
        for row in notified.values(**_by_quarter("notified")).annotate(**sums)
    }
    notified, sums = _notified(markets, quarter.start, quarter.end)
    by_department = {
        row["department_id"]: _cents(row)
        for row in notified.values("department_id").annotate(**sums)
    }

    points = []
    for period in trend:
        row = by_quarter.get((period.year, period.number), EMPTY_ROW)
        points.append(
            ContractTrendPoint(
                quarter=str(period),
                label=period.short_label,
                notified=row["notified_count"],
                amount=row["notified_amount"],
                environmental=row["environmental_count"],
                social=row["social_count"],
                environmental_share=_percent(row["environmental_count"], row["notified_count"]),
                social_share=_percent(row["social_count"], row["notified_count"]),
                url=_markets_url(code, notifie=str(period)),
            )
        )
    current = by_quarter.get((quarter.year, quarter.number), EMPTY_ROW)
    period = str(quarter)
    rows = []
    for department in departments:
        row = by_department.get(department.pk, EMPTY_ROW)
        rows.append(
            DepartmentContracts(
                code=department.code,
                name=department.name,
                notified=row["notified_count"],
                amount=row["notified_amount"],
                environmental=row["environmental_count"],
                environmental_share=_percent(row["environmental_count"], row["notified_count"]),
                social=row["social_count"],
                social_share=_percent(row["social_count"], row["notified_count"]),
                url=_markets_url(department.code, notifie=period),
            )
        )
    return current, ContractIndicators(
        notified=current["notified_count"],
        amount=current["notified_amount"],
        url=_markets_url(code, notifie=period),
        environmental=_share(
            current,
            "environmental",
            targets.environmental,
            _markets_url(code, notifie=period, environnement="oui"),
        ),
        social=_share(
            current, "social", targets.social, _markets_url(code, notifie=period, social="oui")
        ),
        trend=points,
        by_department=rows,
    )


# --- Budgets -----------------------------------------------------------------------------------

RULE_KINDS = {"office-supplies": "eco_supplies", "paper": "recycled_paper"}
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
        .values("department_id", "family_id", **_by_quarter("date"))
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
                    ratio=_percent(qualifying, base) if rule.in_force(period.year) else None,
                )
            )
        result[rule.pk] = points
    return result


def _budgets(organisation, quarter, trend, departments, code) -> BudgetIndicators:
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
        kind = RULE_KINDS.get(rule.family.code, "other")
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
                ratio=_percent(qualifying, base),
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
                        url=_url(
                            "budgets:rule-purchases", quarter.year, line.department.code, rule.pk
                        ),
                    )
                    for line in lines
                ],
                trend=trends.get(rule.pk, []),
                url=_url("budgets:compliance", annee=quarter.year, direction=code),
            )
        )
    rules.sort(key=lambda item: (RULE_ORDER[item.kind], item.name))
    return BudgetIndicators(
        year=quarter.year,
        as_of=as_of,
        rules=rules,
        url=_url("budgets:compliance", annee=quarter.year, direction=code),
    )


# --- Insertion ---------------------------------------------------------------------------------

COMMITTED_STATUSES = (MarketStatus.AWARDED, MarketStatus.IN_EXECUTION)


def _insertion(markets, quarter, trend, code, current: dict) -> InsertionIndicators:
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
        .values(**_by_quarter("period_end"))
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
        committed_url=_markets_url(code, insertion="oui"),
        hours_achieved=points[-1].achieved,
        hours_achieved_year=year_to_date,
        reserved=current["reserved_count"],
        reserved_amount=current["reserved_amount"],
        reserved_url=_markets_url(code, notifie=str(quarter), reserve="oui"),
        trend=points,
    )


# --- Training and network ----------------------------------------------------------------------


def _training(organisation, quarter) -> TrainingIndicators:
    """Three queries."""
    held = sessions_held(start=quarter.start, end=quarter.end, organisations=[organisation])
    trained = people_trained(start=quarter.start, end=quarter.end, organisations=[organisation])
    share = buyers_trained_share(organisation=organisation, on=quarter.end)
    url = _url("network:training-list", periode="passees")
    return TrainingIndicators(
        sessions_held=sum(row.sessions for row in held),
        sessions_attendances=sum(row.attendances for row in held),
        sessions_url=url,
        people_trained=sum(row.people for row in trained),
        people_attendances=sum(row.attendances for row in trained),
        buyers=share.buyers,
        buyers_trained=share.trained,
        buyers_trained_share=_percent(share.trained, share.buyers),
        url=url,
    )


def _severities(counts, url: str) -> list[CountItem]:
    return [
        CountItem(code=str(severity.value), label=str(severity.label), count=count, url=url)
        for severity, count in counts.by_severity
    ]


def _network(organisation, quarter) -> NetworkIndicators:
    """Eight queries: attendance (four), projects, audits, open and overdue findings."""
    attendance = next(
        (
            row
            for row in attendance_by_organisation(
                organisation=organisation, start=quarter.start, end=quarter.end
            )
            if row.organisation.pk == organisation.pk
        ),
        None,
    )
    projects = projects_by_status(organisation=organisation)
    audits = audits_done(organisation=organisation, start=quarter.start, end=quarter.end)
    on = min(quarter.end, timezone.localdate())
    open_findings = open_findings_by_severity(organisation=organisation, on=on)
    overdue = overdue_corrective_actions(organisation=organisation, on=on)
    suppliers = _url("network:supplier-list")
    return NetworkIndicators(
        meetings_held=attendance.meetings_held if attendance else 0,
        meetings_attended=attendance.meetings_attended if attendance else 0,
        people_present=attendance.people_present if attendance else 0,
        meetings_url=_url("network:meeting-list", annee=quarter.year),
        projects=[
            CountItem(
                code=item.status,
                label=item.label,
                count=item.count,
                url=_url("network:project-list", statut=item.status),
            )
            for item in projects
        ],
        projects_total=sum(item.count for item in projects),
        projects_url=_url("network:project-list"),
        audits_done=[
            CountItem(code=str(result.value), label=str(result.label), count=count, url=suppliers)
            for result, count in audits.by_result
        ],
        audits_total=audits.total,
        audits_url=suppliers,
        open_findings=_severities(open_findings, suppliers),
        open_findings_total=open_findings.total,
        overdue_actions=_severities(overdue, suppliers),
        overdue_total=overdue.total,
        findings_url=suppliers,
    )


# --- Flagged contracts -------------------------------------------------------------------------


def _flagged(markets, code) -> FlaggedContracts:
    """Two queries: the flagged contracts, and the numbers of their lots without an
    environmental award criterion."""
    flagged = (
        markets.filter(selectors.is_climate_flagged())
        .annotate(has_clause=selectors.has_environmental_execution_clause())
        .select_related("department", "buyer")
        .order_by("launch_date", "reference", "pk")
    )
    flagged = list(flagged)
    lots: dict[int, list[int]] = {}
    for market_id, number in (
        Lot.objects.filter(market__in=[market.pk for market in flagged])
        .exclude(
            Exists(
                AwardCriterion.objects.filter(lot=OuterRef("pk"), kind=CriterionKind.ENVIRONMENTAL)
            )
        )
        .order_by("market", "number")
        .values_list("market_id", "number")
    ):
        lots.setdefault(market_id, []).append(number)
    contracts = []
    for market in flagged:
        missing = [] if market.has_clause else [_("aucune condition d'exécution environnementale")]
        missing += [
            _("le lot %(number)s n'a pas de critère d'attribution environnemental")
            % {"number": number}
            for number in lots.get(market.pk, [])
        ]
        contracts.append(
            FlaggedContract(
                reference=market.reference,
                title=market.title,
                department_code=market.department.code,
                department_name=market.department.name,
                buyer=market.buyer.get_full_name() or market.buyer.email,
                launch_date=market.launch_date,
                justified=bool(market.climate_justification.strip()),
                missing=[str(item) for item in missing],
                url=reverse("purchasing:detail", args=[market.pk]),
            )
        )
    return FlaggedContracts(
        count=len(contracts), contracts=contracts, url=_markets_url(code, signale="oui")
    )


def _plain(value):
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Quarter):
        return str(value)
    if dataclasses.is_dataclass(value):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def figures_json(d: Dashboard) -> dict:
    """The dashboard as plain JSON: Decimals as strings, dates in ISO, the quarter as
    "2026-T3"; the same keys as the dataclass fields."""
    return _plain(d)
