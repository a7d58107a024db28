"""The figures of the committee dashboard as a tree of frozen dataclasses: what the dashboard
page and the quarterly PDF report show, and what `figures_json` turns into the JSON archived with
a report. The selectors that fill them are the other modules of this package, one per theme.

Each figure carries the address of the list behind it (`url`, empty when there is no such
list)."""

import dataclasses
import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from core.quarters import Quarter

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
    """A contract launched from the start of the 2026 rules (21 August 2026) that lacks what
    art. 35 of the loi Climat et Résilience or art. L2112-2-1 asks (not abandoned).

    - reference, title, department_code, department_name, buyer: as in the contract list.
    - launch_date; justified: True when the buyer recorded a justification for each rule.
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

    - count: all of them; contracts: the first `FLAGGED_SHOWN` by launch date (a long list
      belongs in a file: `csv_url`); url: the contract list filtered on them; csv_url: the
      same list as CSV."""

    count: int
    contracts: list[FlaggedContract]
    url: str
    csv_url: str = ""

    @property
    def truncated(self) -> bool:
        return self.count > len(self.contracts)


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
