"""The figures of the steering committee for one quarter: read-only selectors over the other
apps, gathered in one `Dashboard` tree (`figures`) that the dashboard page and the quarterly PDF
report both show, and that `figures_json` turns into the JSON archived with a report. One
module per theme: contracts, rules (budgets), insertion, training, network and supply chain,
flagged contracts.

Every family of figures is read with a fixed number of database aggregates: the number of
queries does not grow with the contracts, purchases or registrations."""

from accounts.models import Department
from budgets.models import Purchase
from core.quarters import Quarter
from purchasing.models import Market, MarketStatus

from .common import TREND_LENGTH
from .contracts import committee_targets, contract_figures
from .figures import Dashboard, Targets, TargetStatus, figures_json
from .flagged import flagged_contracts
from .insertion import insertion_figures
from .network import network_figures
from .rules import rule_figures
from .training import training_figures

__all__ = ["Dashboard", "TargetStatus", "Targets", "dashboard", "figures_json"]


def dashboard(*, organisation, quarter: Quarter, department=None) -> Dashboard:
    """The figures of `organisation` for `quarter`, of one department when given (contracts,
    budgets, insertion, flagged contracts; training and network stay organisation-wide).

    About 25 queries whatever the amount of data."""
    trend = quarter.trend(TREND_LENGTH)
    if department is not None:
        departments = [department]
    else:
        departments = list(Department.objects.filter(organisation=organisation).order_by("code"))
    targets = committee_targets(organisation)
    markets = Market.objects.filter(organisation=organisation).exclude(
        status=MarketStatus.ABANDONED
    )
    if department is not None:
        markets = markets.filter(department=department)
    code = department.code if department is not None else ""
    current, contracts = contract_figures(markets, quarter, trend, departments, targets, code)
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
        budgets=rule_figures(organisation, quarter, trend, departments, code),
        insertion=insertion_figures(markets, quarter, trend, code, current),
        training=training_figures(organisation, quarter),
        network=network_figures(organisation, quarter),
        flagged=flagged_contracts(markets, code),
        trend_quarters=[point.short_label for point in trend],
    )


def years_with_data(*, organisation) -> list[int]:
    """The years the dashboard can say something about: those of the organisation's contracts
    (created) and purchases, newest first (two queries)."""
    years = {
        day.year
        for day in Market.objects.filter(organisation=organisation).dates("created_at", "year")
    }
    years |= {
        day.year for day in Purchase.objects.filter(organisation=organisation).dates("date", "year")
    }
    return sorted(years, reverse=True)
