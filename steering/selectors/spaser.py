"""The SPASER's figures for a year: the purchase volume that decides the obligation, and every
indicator of the catalogue (`models.Indicator`) in number and in value.

One computation of each figure: the contracts' considerations, reserved and flagged contracts
are read with purchasing's own conditions (as the dashboard's contract figures); the budget
rules, insertion hours and training come from the dashboard's selectors; the spend by kind of
supplier, AGEC shares and supply chain from the selectors of budgets and network. A year's
figures take a fixed number of queries whatever the data."""

import datetime
from dataclasses import asdict, dataclass
from decimal import Decimal

from django.db.models import BooleanField, Count, ExpressionWrapper, Q, Sum
from django.utils.translation import gettext as _

from accounts.models import Department
from budgets.models import Purchase
from budgets.selectors.agec import agec_declaration
from budgets.selectors.suppliers import supplier_spend
from core.quarters import Quarter
from network.selectors.supply_chain import audits_done, findings_closed
from network.selectors.training import buyers_trained_share
from purchasing import selectors as market_selectors
from purchasing.models import (
    BENEFICIARY_CATEGORIES,
    BENEFICIARY_FIELDS,
    CONTRACT_KINDS,
    ExecutionFollowUp,
    Market,
    MarketStatus,
)

from ..models import UNITS, Indicator, Scheme, SchemeStatus, SpaserThreshold
from .dashboard.common import amount_sum, percent
from .dashboard.insertion import insertion_figures
from .dashboard.rules import rule_figures

ZERO = Decimal("0")
# Below this many people, a category of beneficiaries is shown as "< 5" on public pages.
SMALL_COUNT = 5


def year_bounds(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def _markets(organisation):
    return Market.objects.filter(organisation=organisation).exclude(status=MarketStatus.ABANDONED)


def contract_sums(*, organisation, first: datetime.date, last: datetime.date) -> dict:
    """The contracts notified from `first` to `last`: count and amount, and those with an
    environmental consideration, a social one, reserved, flagged under art. 35. The conditions
    are purchasing's, as the dashboard's (`dashboard.contracts`): the same figure for the same
    period. One query."""
    conditions = {
        "environmental": Q(environmental=True),
        "social": Q(social=True),
        "reserved": Q(reserved=True),
        "flagged": Q(flagged=True),
    }
    sums = {"notified_count": Count("pk"), "notified_amount": amount_sum()}
    for kind, condition in conditions.items():
        sums[f"{kind}_count"] = Count("pk", filter=condition)
        sums[f"{kind}_amount"] = amount_sum(condition)
    rows = list(
        _markets(organisation)
        .annotate(
            notified=market_selectors.notified_on(),
            amount=market_selectors.awarded_amount(),
            environmental=market_selectors.has_environmental_consideration(),
            social=market_selectors.has_social_consideration(),
            reserved=market_selectors.is_reserved(),
            flagged=ExpressionWrapper(
                market_selectors.is_climate_flagged(), output_field=BooleanField()
            ),
        )
        .filter(notified__gte=first, notified__lte=last)
        .order_by()
        # Grouped by the one organisation, as the dashboard groups (an aggregate() cannot
        # sum the awarded amount, itself a sum).
        .values("organisation_id")
        .annotate(**sums)
    )
    if rows:
        return {key: value for key, value in rows[0].items() if key != "organisation_id"}
    return {key: (0 if key.endswith("_count") else ZERO) for key in sums}


# --- Obligation ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Obligation:
    year: int
    spend: Decimal  # the finance lines of the year, excl. VAT
    notified_count: int  # the contracts notified in the year, beside
    notified_amount: Decimal
    threshold: Decimal | None
    reference: str
    applies: bool | None  # None: no threshold in force


def obligation(*, organisation, year: int) -> Obligation:
    """The yearly purchase volume and whether the SPASER is due (the threshold in force on
    31 December of the year). Three queries."""
    first, last = year_bounds(year)
    spend = Purchase.objects.filter(
        organisation=organisation, date__gte=first, date__lte=last
    ).aggregate(total=amount_sum())["total"]
    contracts = contract_sums(organisation=organisation, first=first, last=last)
    threshold = SpaserThreshold.in_force(last)
    return Obligation(
        year=year,
        spend=spend,
        notified_count=contracts["notified_count"],
        notified_amount=contracts["notified_amount"],
        threshold=threshold.amount if threshold else None,
        reference=threshold.reference if threshold else "",
        applies=(spend > threshold.amount) if threshold else None,
    )


# --- The catalogue ------------------------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorValue:
    """An indicator of a year. `number` of `number_total` (what is counted is `counted`),
    `value` of `value_total` (euros, or hours); `headline` is the figure set against the
    objective's target (a share in %, hours or a count). None: nothing to count that year."""

    code: str
    label: str
    unit: str
    counted: str
    number: int | None = None
    number_total: int | None = None
    number_share: Decimal | None = None
    value: Decimal | None = None
    value_total: Decimal | None = None
    value_share: Decimal | None = None
    value_unit: str = "€"
    headline: Decimal | None = None


def _share(code, counted, number, number_total, value, value_total, *, by="number", **extra):
    number_share = percent(number, number_total)
    value_share = percent(value, value_total) if value is not None else None
    return IndicatorValue(
        code=code,
        label=str(Indicator(code).label),
        unit=UNITS[code],
        counted=counted,
        number=number,
        number_total=number_total,
        number_share=number_share,
        value=value,
        value_total=value_total,
        value_share=value_share,
        headline=number_share if by == "number" else value_share,
        **extra,
    )


def _plain(code, counted, number, value=None, *, headline, value_unit="€"):
    return IndicatorValue(
        code=code,
        label=str(Indicator(code).label),
        unit=UNITS[code],
        counted=counted,
        number=number,
        value=value,
        value_unit=value_unit,
        headline=headline,
    )


@dataclass(frozen=True)
class Beneficiaries:
    """The people the insertion hours employed in the year, counts only."""

    categories: list[tuple[str, str, int]]  # (field, label, count)
    contracts: list[tuple[str, str, int]]


def _follow_ups(organisation, year):
    first, last = year_bounds(year)
    return ExecutionFollowUp.objects.filter(
        is_insertion_hours=True,
        applied_clause__market__in=_markets(organisation).values("pk"),
        period_end__gte=first,
        period_end__lte=last,
    ).order_by()


def beneficiaries(*, organisation, year: int) -> tuple[Beneficiaries, int]:
    """The beneficiaries of the year's insertion follow-ups by category and kind of contract,
    and the number of contracts with insertion hours achieved. One query."""
    row = _follow_ups(organisation, year).aggregate(
        contracts=Count("applied_clause__market", distinct=True, filter=Q(achieved__isnull=False)),
        **{name: Sum(name) for name in BENEFICIARY_FIELDS},
    )

    def label(name):
        return str(ExecutionFollowUp._meta.get_field(name).verbose_name)

    return (
        Beneficiaries(
            categories=[(name, label(name), row[name] or 0) for name in BENEFICIARY_CATEGORIES],
            contracts=[(name, label(name), row[name] or 0) for name in CONTRACT_KINDS],
        ),
        row["contracts"],
    )


@dataclass(frozen=True)
class YearFigures:
    year: int
    indicators: dict[str, IndicatorValue]
    obligation: Obligation
    beneficiaries: Beneficiaries
    unmatched_lines: int
    unmatched_amount: Decimal


def _rules(organisation, year) -> dict[str, tuple]:
    """The budget rules of the seed as the dashboard reads them at the year's end: per kind,
    (departments meeting, departments where it applies, qualifying amount, base amount)."""
    quarter = Quarter(year, 4)
    departments = list(Department.objects.filter(organisation=organisation).order_by("code"))
    budgets = rule_figures(organisation, quarter, [quarter], departments, "")
    result = {}
    for rule in budgets.rules:
        if rule.kind in result:
            continue
        applicable = [line for line in rule.lines if line.ratio is not None]
        result[rule.kind] = (
            rule.met,
            rule.applicable,
            sum((line.qualifying_amount for line in applicable), ZERO),
            sum((line.base_amount for line in applicable), ZERO),
        )
    return result


def year_figures(*, organisation, year: int) -> YearFigures:
    """Every indicator of the catalogue for `year`, with the obligation and the beneficiaries.
    About 25 queries whatever the data."""
    first, last = year_bounds(year)
    contracts = contract_sums(organisation=organisation, first=first, last=last)
    notified, amount = contracts["notified_count"], contracts["notified_amount"]
    quarters = [Quarter(year, number) for number in (1, 2, 3, 4)]
    current = {
        "reserved_count": contracts["reserved_count"],
        "reserved_amount": contracts["reserved_amount"],
    }
    insertion = insertion_figures(_markets(organisation), quarters[-1], quarters, "", current)
    people, achieved_contracts = beneficiaries(organisation=organisation, year=year)
    spend = supplier_spend(organisation=organisation, year=year)
    rules = _rules(organisation, year)
    agec = agec_declaration(organisation=organisation, year=year)
    agec_total = sum((row.total_amount for row in agec), ZERO)
    trained = buyers_trained_share(organisation=organisation, on=last)
    audits = audits_done(organisation=organisation, start=first, end=last)
    closed = findings_closed(organisation=organisation, start=first, end=last)
    contracts_word, lines_word = _("marchés notifiés"), _("lignes de dépense")

    def contract_share(code, kind):
        return _share(
            code,
            contracts_word,
            contracts[f"{kind}_count"],
            notified,
            contracts[f"{kind}_amount"],
            amount,
        )

    def rule_share(code, kind):
        met, applicable, qualifying, base = rules.get(kind, (0, 0, ZERO, ZERO))
        return _share(
            code, _("directions atteignant le seuil"), met, applicable, qualifying, base, by="value"
        )

    indicators = [
        contract_share(Indicator.ENVIRONMENTAL_CONTRACTS, "environmental"),
        contract_share(Indicator.SOCIAL_CONTRACTS, "social"),
        _plain(
            Indicator.INSERTION_HOURS_COMMITTED,
            _("marchés avec des heures d'insertion"),
            insertion.committed_contracts,
            insertion.hours_committed,
            headline=insertion.hours_committed,
            value_unit="h",
        ),
        _plain(
            Indicator.INSERTION_HOURS_ACHIEVED,
            _("marchés avec des heures réalisées"),
            achieved_contracts,
            insertion.hours_achieved_year,
            headline=insertion.hours_achieved_year,
            value_unit="h",
        ),
        _plain(
            Indicator.RESERVED_CONTRACTS,
            contracts_word,
            contracts["reserved_count"],
            contracts["reserved_amount"],
            headline=Decimal(contracts["reserved_count"]),
        ),
        _share(
            Indicator.INCLUSIVE_SPEND,
            lines_word,
            spend.inclusive_lines,
            spend.lines,
            spend.inclusive_amount,
            spend.amount,
            by="value",
        ),
        _share(
            Indicator.SME_SPEND,
            lines_word,
            spend.sme_lines,
            spend.lines,
            spend.sme_amount,
            spend.amount,
            by="value",
        ),
        rule_share(Indicator.ECO_SUPPLIES, "eco_supplies"),
        rule_share(Indicator.RECYCLED_PAPER, "recycled_paper"),
        _share(
            Indicator.AGEC_REUSE,
            _("catégories AGEC concernées"),
            sum(1 for row in agec if row.reuse_amount > 0),
            len(agec),
            sum((row.reuse_amount for row in agec), ZERO),
            agec_total,
            by="value",
        ),
        _share(
            Indicator.AGEC_RECYCLED,
            _("catégories AGEC concernées"),
            sum(1 for row in agec if row.recycled_amount > 0),
            len(agec),
            sum((row.recycled_amount for row in agec), ZERO),
            agec_total,
            by="value",
        ),
        _share(
            Indicator.BUYERS_TRAINED,
            _("acheteurs formés"),
            trained.trained,
            trained.buyers,
            None,
            None,
        ),
        _plain(
            Indicator.AUDITS_DONE,
            _("audits"),
            audits.total,
            headline=Decimal(audits.total),
        ),
        _plain(
            Indicator.FINDINGS_CLOSED,
            _("non-conformités closes"),
            closed,
            headline=Decimal(closed),
        ),
        _plain(
            Indicator.CLIMATE_FLAGGED,
            contracts_word,
            contracts["flagged_count"],
            contracts["flagged_amount"],
            headline=Decimal(contracts["flagged_count"]),
        ),
    ]
    return YearFigures(
        year=year,
        indicators={item.code: item for item in indicators},
        obligation=obligation(organisation=organisation, year=year),
        beneficiaries=people,
        unmatched_lines=spend.unmatched_lines,
        unmatched_amount=spend.unmatched_amount,
    )


# --- The report's figures ---------------------------------------------------------------------


def _number(value) -> str | None:
    return None if value is None else str(value)


def indicator_json(item: IndicatorValue) -> dict:
    return {
        key: (_number(value) if isinstance(value, Decimal) else value)
        for key, value in asdict(item).items()
    }


def report_figures(*, scheme: Scheme, year: int, trend_years: int = 3) -> dict:
    """What a yearly report shows and archives, as JSON: each axis's objectives with their
    indicator of `year` against baseline and target, the indicator's trend over the years
    before (as far as `trend_years`), the obligation and the beneficiaries."""
    organisation = scheme.organisation
    years = list(range(year - trend_years + 1, year + 1))
    by_year = {each: year_figures(organisation=organisation, year=each) for each in years}
    figures = by_year[year]
    axes = []
    for axis in scheme.axes.prefetch_related("objectives").order_by("pk"):
        objectives = []
        for objective in axis.objectives.all():
            item = figures.indicators[objective.indicator]
            objectives.append(
                {
                    "title": objective.title,
                    "unit": objective.unit,
                    "indicator": indicator_json(item),
                    "baseline": _number(objective.baseline),
                    "baseline_year": objective.baseline_year,
                    "target": _number(objective.target),
                    "target_year": objective.target_year,
                    "met": (
                        None
                        if item.headline is None
                        else item.headline >= objective.target
                        if objective.indicator != Indicator.CLIMATE_FLAGGED
                        else item.headline <= objective.target
                    ),
                    "trend": [
                        [each, _number(by_year[each].indicators[objective.indicator].headline)]
                        for each in years
                    ],
                }
            )
        axes.append(
            {"kind": axis.kind, "title": axis.title, "id": axis.pk, "objectives": objectives}
        )
    duty = figures.obligation
    return {
        "year": year,
        "scheme": {
            "period": scheme.period_label,
            "version": scheme.version,
            "adopted_on": scheme.adopted_on.isoformat() if scheme.adopted_on else None,
            "signatory": scheme.signatory_name,
            "signatory_title": scheme.signatory_title,
        },
        "axes": axes,
        "catalogue": [indicator_json(item) for item in figures.indicators.values()],
        "obligation": {
            "spend": _number(duty.spend),
            "notified_count": duty.notified_count,
            "notified_amount": _number(duty.notified_amount),
            "threshold": _number(duty.threshold),
            "reference": duty.reference,
            "applies": duty.applies,
        },
        "beneficiaries": {
            "categories": [
                [label, count] for _name, label, count in figures.beneficiaries.categories
            ],
            "contracts": [
                [label, count] for _name, label, count in figures.beneficiaries.contracts
            ],
        },
        "unmatched_lines": figures.unmatched_lines,
        "unmatched_amount": _number(figures.unmatched_amount),
    }


def public_count(count: int) -> str:
    """A count of people as a public page shows it: "< 5" below five, none otherwise hidden."""
    return "< 5" if 0 < count < SMALL_COUNT else str(count)


def adopted_scheme(organisation) -> Scheme | None:
    """The adopted version of the organisation's latest period, with its axes' objectives."""
    return (
        Scheme.objects.filter(organisation=organisation, status=SchemeStatus.ADOPTED)
        .select_related("decision")
        .order_by("-first_year")
        .first()
    )
