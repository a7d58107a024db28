"""Statuses as of a fixed day: met, on track, at risk, missed, not applicable; the forecast."""

import datetime
from decimal import Decimal

import pytest

from budgets.models import ComplianceStatus
from budgets.selectors.compliance import compliance_for
from budgets.tests.data import add_purchases, line, set_budget

pytestmark = pytest.mark.django_db

# 1 July 2026 is the 182nd day of a 365-day year.
JULY_1 = datetime.date(2026, 7, 1)


def office_compliance(organisation, rule, department, year=2026, as_of=JULY_1):
    (found,) = [
        c
        for c in compliance_for(organisation=organisation, year=year, as_of=as_of)
        if c.rule == rule and c.department == department
    ]
    return found


@pytest.fixture
def budget_2026(fanny, lyc, office):
    set_budget(fanny, lyc, office, 2026, "10000.00")


def eco(department, family, amount, day="2026-03-01"):
    return line(department, family, day, amount, labels=["eu-ecolabel"])


@pytest.mark.parametrize(
    ("qualifying", "status", "forecast", "forecast_ratio"),
    [
        # Already at the target: met, whatever the rest of the year brings.
        ("2000.00", ComplianceStatus.MET, "4010.99", "40.11"),
        # 1,000 × 365 ÷ 182 = 2,005.49 by 31 December: 20.05 % ≥ 20 %.
        ("1000.00", ComplianceStatus.ON_TRACK, "2005.49", "20.05"),
        # 900 × 365 ÷ 182 = 1,804.95: 18.05 % < 20 %.
        ("900.00", ComplianceStatus.AT_RISK, "1804.95", "18.05"),
    ],
)
def test_the_current_year_s_status_follows_the_year_end_forecast_at_the_current_pace(
    organisation,
    lyc,
    office,
    office_rule,
    budget_2026,
    qualifying,
    status,
    forecast,
    forecast_ratio,
):
    add_purchases(
        organisation, [eco(lyc, office, qualifying), line(lyc, office, "2026-03-02", "50")]
    )

    compliance = office_compliance(organisation, office_rule, lyc)

    assert compliance.status == status
    assert compliance.forecast_amount == Decimal(forecast)
    assert compliance.forecast_ratio == Decimal(forecast_ratio)
    assert compliance.ratio == Decimal(qualifying) / 100
    assert compliance.as_of == JULY_1


def test_the_day_of_the_computation_counts_as_elapsed(
    organisation, lyc, office, office_rule, budget_2026
):
    add_purchases(organisation, [eco(lyc, office, "100.00", day="2026-01-01")])

    on_new_year = office_compliance(organisation, office_rule, lyc, as_of=datetime.date(2026, 1, 1))
    on_new_year_s_eve = office_compliance(
        organisation, office_rule, lyc, as_of=datetime.date(2026, 12, 31)
    )

    assert on_new_year.forecast_amount == Decimal("36500.00")
    assert on_new_year.status == ComplianceStatus.ON_TRACK
    assert on_new_year_s_eve.forecast_amount == Decimal("100.00")
    assert on_new_year_s_eve.status == ComplianceStatus.AT_RISK


def test_a_past_year_is_met_or_missed_on_the_exact_amounts(
    organisation, fanny, lyc, office, office_rule
):
    set_budget(fanny, lyc, office, 2025, "10000.00")
    add_purchases(organisation, [eco(lyc, office, "1999.99", day="2025-06-01")])

    missed = office_compliance(organisation, office_rule, lyc, year=2025)
    add_purchases(organisation, [eco(lyc, office, "0.01", day="2025-06-02")])
    met = office_compliance(organisation, office_rule, lyc, year=2025)

    # 19.9999 % shows as 20.00 % but is not 20 %.
    assert (missed.ratio, missed.status) == (Decimal("20.00"), ComplianceStatus.MISSED)
    assert (met.ratio, met.status) == (Decimal("20.00"), ComplianceStatus.MET)


def test_a_future_year_is_on_track_without_forecast(organisation, fanny, lyc, office, office_rule):
    set_budget(fanny, lyc, office, 2027, "10000.00")

    compliance = office_compliance(organisation, office_rule, lyc, year=2027)

    assert compliance.status == ComplianceStatus.ON_TRACK
    assert compliance.ratio == Decimal("0.00")
    assert compliance.forecast_amount is None
    assert compliance.forecast_ratio is None


def test_a_year_without_budget_is_not_applicable(organisation, lyc, office, office_rule):
    add_purchases(organisation, [eco(lyc, office, "100.00")])

    compliance = office_compliance(organisation, office_rule, lyc)

    assert compliance.status == ComplianceStatus.NOT_APPLICABLE
    assert compliance.ratio is None


@pytest.mark.parametrize(
    ("recycled", "status", "ratio"),
    [
        # A share of spend can still fall before 31 December: never met early.
        ("1000.00", ComplianceStatus.ON_TRACK, "100.00"),
        ("999.00", ComplianceStatus.AT_RISK, "99.90"),
    ],
)
def test_a_share_of_spend_is_on_track_or_at_risk_on_the_current_share(
    organisation, lyc, paper, paper_rule, recycled, status, ratio
):
    other = str(Decimal("1000.00") - Decimal(recycled))
    add_purchases(
        organisation,
        [
            line(lyc, paper, "2026-02-01", recycled, recycled_content=100),
            line(lyc, paper, "2026-02-02", other),
        ],
    )

    compliance = office_compliance(organisation, paper_rule, lyc)

    assert (compliance.status, compliance.ratio, compliance.forecast_ratio) == (
        status,
        Decimal(ratio),
        Decimal(ratio),
    )
    # The qualifying amount by 31 December at the pace of the first 182 days.
    assert compliance.forecast_amount == (Decimal(recycled) * 365 / 182).quantize(Decimal("0.01"))


def test_the_progress_bar_is_held_between_0_and_100(
    organisation, fanny, lyc, office, office_rule, budget_2026
):
    add_purchases(organisation, [eco(lyc, office, "25000.00")])

    compliance = office_compliance(organisation, office_rule, lyc)

    assert compliance.ratio == Decimal("250.00")
    assert compliance.progress_percent == Decimal("100")
    assert compliance.threshold_mark == Decimal("20.00")
