"""The SPASER's catalogue on hand-computed data, in number and in value, an empty year, and
the same figures as the dashboard's for the same period; the obligation; the spend with SMEs
and inclusive structures from the lines' SIRET, unmatched lines counted; the beneficiaries."""

import datetime
from decimal import Decimal

import pytest

from budgets.imports import OPTIONAL_PURCHASE_COLUMNS, PURCHASE_COLUMNS
from budgets.tests.factories import csv_bytes, import_file, purchase_row
from core.quarters import Quarter
from core.siret import make_siret
from purchasing import services as purchasing_services
from purchasing.models import InclusiveStructure

# alice is the advisor of Roubaix in these tests.
from purchasing.tests.factories import admin_role  # noqa: F401
from steering.models import Indicator
from steering.selectors import dashboard as indicators
from steering.selectors import spaser as selectors
from steering.tests.factories import insertion_follow_up, notified_market

pytestmark = pytest.mark.django_db

d = datetime.date
COLUMNS = (*PURCHASE_COLUMNS, *OPTIONAL_PURCHASE_COLUMNS)


@pytest.fixture(autouse=True)
def _january_2027(freeze_clock):
    freeze_clock(d(2027, 1, 15))


def year(organisation, number=2026):
    return selectors.year_figures(organisation=organisation, year=number)


def test_the_contract_shares_by_count_and_by_amount(alice, bob, dora, library):
    notified_market(bob, alice, library, notified_on=d(2026, 3, 2), amounts=(Decimal("100000"),))
    notified_market(
        dora,
        alice,
        library,
        notified_on=d(2026, 11, 20),
        amounts=(Decimal("30000"), Decimal("20000")),
        environmental=False,
        reserved=True,
    )
    notified_market(bob, alice, library, notified_on=d(2025, 12, 31))

    figures = year(alice.organisation).indicators
    environmental = figures[Indicator.ENVIRONMENTAL_CONTRACTS]
    assert (environmental.number, environmental.number_total) == (1, 2)
    assert environmental.number_share == Decimal("50.0")
    assert (environmental.value, environmental.value_total) == (
        Decimal("100000"),
        Decimal("150000"),
    )
    assert environmental.value_share == Decimal("66.7")
    assert environmental.headline == Decimal("50.0")
    social = figures[Indicator.SOCIAL_CONTRACTS]
    assert (social.number, social.number_share, social.value_share) == (
        2,
        Decimal("100.0"),
        Decimal("100.0"),
    )
    reserved = figures[Indicator.RESERVED_CONTRACTS]
    assert (reserved.number, reserved.value) == (1, Decimal("50000"))
    # Launched in 2024: art. 35 did not apply yet.
    assert figures[Indicator.CLIMATE_FLAGGED].number == 0


def test_an_empty_year_has_no_share_and_zero_counts(alice):
    figures = year(alice.organisation, 2024)
    for code in Indicator.values:
        item = figures.indicators[code]
        assert item.number in (0, None), code
        if item.unit == "share":
            assert item.number_share is None and item.headline is None, code
    assert figures.obligation.spend == Decimal("0")
    assert figures.unmatched_lines == 0
    assert all(count == 0 for _name, _label, count in figures.beneficiaries.categories)


def test_a_quarter_of_contracts_is_the_dashboards_figure(alice, bob, library):
    notified_market(bob, alice, library, notified_on=d(2026, 8, 4), amounts=(Decimal("512345.67"),))
    notified_market(
        bob, alice, library, notified_on=d(2026, 9, 1), environmental=False, social=False
    )
    quarter = Quarter(2026, 3)
    board = indicators.dashboard(organisation=alice.organisation, quarter=quarter).contracts
    sums = selectors.contract_sums(
        organisation=alice.organisation, first=quarter.start, last=quarter.end
    )
    assert sums["notified_count"] == board.notified
    assert sums["notified_amount"] == board.amount
    assert sums["environmental_count"] == board.environmental.count
    assert sums["environmental_amount"] == board.environmental.amount
    assert sums["social_count"] == board.social.count
    assert sums["social_amount"] == board.social.amount


def test_insertion_hours_and_beneficiaries_of_the_year(alice, bob, library):
    market = notified_market(bob, alice, library, notified_on=d(2026, 2, 2))
    follow_up = insertion_follow_up(
        bob, market, period_start=d(2026, 1, 1), period_end=d(2026, 6, 30), achieved="120"
    )
    purchasing_services.follow_up_save(
        actor=bob,
        applied=follow_up.applied_clause,
        follow_up=follow_up,
        period_start=follow_up.period_start,
        period_end=follow_up.period_end,
        indicator=follow_up.indicator,
        status=follow_up.status,
        target=follow_up.target,
        achieved=follow_up.achieved,
        is_insertion_hours=True,
        beneficiaries={
            "beneficiaries_under_26": 3,
            "beneficiaries_qpv": 7,
            "contracts_insertion": 6,
        },
    )
    insertion_follow_up(
        bob, market, period_start=d(2026, 7, 1), period_end=d(2026, 12, 31), achieved="80.5"
    )
    insertion_follow_up(
        bob, market, period_start=d(2027, 1, 1), period_end=d(2027, 1, 10), achieved="1000"
    )

    figures = year(alice.organisation)
    achieved = figures.indicators[Indicator.INSERTION_HOURS_ACHIEVED]
    assert (achieved.number, achieved.value) == (1, Decimal("200.5"))
    committed = figures.indicators[Indicator.INSERTION_HOURS_COMMITTED]
    assert (committed.number, committed.value) == (1, Decimal("833"))
    counts = {name: count for name, _label, count in figures.beneficiaries.categories}
    assert counts["beneficiaries_under_26"] == 3 and counts["beneficiaries_qpv"] == 7
    assert {n: c for n, _l, c in figures.beneficiaries.contracts}["contracts_insertion"] == 6
    assert selectors.public_count(3) == "< 5" and selectors.public_count(7) == "7"


def test_beneficiaries_are_counted_only_on_insertion_hours(alice, bob, library):
    market = notified_market(bob, alice, library, notified_on=d(2026, 2, 2))
    follow_up = insertion_follow_up(
        bob, market, period_start=d(2026, 1, 1), period_end=d(2026, 6, 30), achieved="10"
    )
    with pytest.raises(Exception, match="heures d'insertion"):
        purchasing_services.follow_up_save(
            actor=bob,
            applied=follow_up.applied_clause,
            follow_up=follow_up,
            period_start=follow_up.period_start,
            period_end=follow_up.period_end,
            indicator="Autre",
            status=follow_up.status,
            is_insertion_hours=False,
            beneficiaries={"beneficiaries_rsa": 2},
        )


def test_the_spend_with_smes_and_inclusive_structures_comes_from_the_lines(alice, bob, library):
    sme, inclusive = make_siret(11), make_siret(12)
    for siret, is_sme, structure in (
        (sme, True, InclusiveStructure.NONE),
        (inclusive, False, InclusiveStructure.ESAT),
    ):
        purchasing_services.supplier_for(
            actor=bob, name="Fournisseur", siret=siret, is_sme=is_sme, inclusive_structure=structure
        )
    rows = [
        purchase_row(
            department="LYC", date="2026-02-01", amount_excl_vat="600,00", supplier_siret=sme
        ),
        purchase_row(
            department="LYC", date="2026-03-01", amount_excl_vat="250,00", supplier_siret=inclusive
        ),
        purchase_row(department="LYC", date="2026-04-01", amount_excl_vat="100,00"),
        purchase_row(
            department="LYC",
            date="2026-05-01",
            amount_excl_vat="50,00",
            supplier_siret=make_siret(13),
        ),
        purchase_row(
            department="LYC", date="2025-05-01", amount_excl_vat="9999,00", supplier_siret=sme
        ),
    ]
    import_file(alice.organisation, csv_bytes(rows, COLUMNS))

    figures = year(alice.organisation)
    smes = figures.indicators[Indicator.SME_SPEND]
    assert (smes.number, smes.number_total) == (1, 4)
    assert (smes.value, smes.value_total, smes.value_share) == (
        Decimal("600.00"),
        Decimal("1000.00"),
        Decimal("60.0"),
    )
    assert smes.headline == Decimal("60.0")
    shares = figures.indicators[Indicator.INCLUSIVE_SPEND]
    assert (shares.number, shares.value_share) == (1, Decimal("25.0"))
    # No SIRET, or one no supplier record has: counted, never guessed.
    assert (figures.unmatched_lines, figures.unmatched_amount) == (2, Decimal("150.00"))
    assert figures.obligation.spend == Decimal("1000.00")
    assert figures.obligation.applies is False
    assert figures.obligation.threshold == Decimal("50000000.00")


def test_a_wrong_siret_key_is_a_line_error(alice):
    from budgets.services.imports import import_preview

    content = csv_bytes([purchase_row(department="DSI", supplier_siret="12345678901234")], COLUMNS)
    batch = import_preview(
        actor=None,
        organisation=alice.organisation,
        kind="purchases",
        content=content,
        file_name="export.csv",
    )
    assert batch.errors[0]["column"] == "supplier_siret"
    assert "SIRET" in batch.errors[0]["message"]


def test_year_figures_take_a_fixed_number_of_queries(
    alice, bob, library, django_assert_max_num_queries
):
    with django_assert_max_num_queries(40) as few:
        year(alice.organisation)
    for day in (d(2026, 2, 2), d(2026, 6, 3), d(2026, 10, 5)):
        notified_market(bob, alice, library, notified_on=day)
    with django_assert_max_num_queries(len(few.captured_queries)):
        year(alice.organisation)
