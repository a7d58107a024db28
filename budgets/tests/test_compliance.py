"""Compliance with the seed's two rules, computed by hand on small cases."""

import datetime
from decimal import Decimal

import pytest

from budgets.models import ComplianceStatus, RuleBasis
from budgets.selectors.compliance import compliance_for, rule_purchases
from budgets.services.rules import rule_create, rule_update
from budgets.tests.data import TOURCOING_SIRET, add_purchases, line, set_budget
from clauses.tests.factories import PurchaseFamilyFactory

pytestmark = pytest.mark.django_db

# A past year: statuses are final.
AFTER_2025 = datetime.date(2026, 3, 1)


def one(rows, rule, department):
    (found,) = [c for c in rows if c.rule == rule and c.department == department]
    return found


@pytest.fixture
def office_2025(organisation, fanny, lyc, office, paper):
    """LYC's office supplies in 2025 against a budget of 10,000.00 €."""
    set_budget(fanny, lyc, office, 2025, "10000.00")
    add_purchases(
        organisation,
        [
            line(lyc, office, "2025-03-10", "1000.00", labels=["eu-ecolabel"]),
            # Two labels: counted once.
            line(lyc, office, "2025-05-01", "500.00", labels=["eu-ecolabel", "nf-environnement"]),
            line(lyc, office, "2025-06-01", "3000.00"),
            # A credit note on an eco-labelled line takes its amount back.
            line(lyc, office, "2025-07-01", "-200.00", labels=["eu-ecolabel"]),
            # The last day of the year counts for the year, the first of the next does not.
            line(lyc, office, "2025-12-31", "400.00", labels=["eu-ecolabel"]),
            line(lyc, office, "2026-01-01", "700.00", labels=["eu-ecolabel"]),
            line(lyc, office, "2024-12-31", "800.00", labels=["eu-ecolabel"]),
            # A recycled-content label does not prove an eco-responsible product.
            line(lyc, office, "2025-08-01", "300.00", labels=["recycled-100"]),
            # Paper is another family.
            line(lyc, paper, "2025-08-01", "900.00", labels=["eu-ecolabel"]),
        ],
    )


def test_the_office_supplies_rule_counts_eco_labelled_lines_once_against_the_budget(
    organisation, lyc, office_rule, office_2025
):
    compliance = one(
        compliance_for(organisation=organisation, year=2025, as_of=AFTER_2025), office_rule, lyc
    )

    assert compliance.basis == RuleBasis.BUDGET
    assert compliance.threshold == Decimal("20.00")
    assert compliance.budget_amount == Decimal("10000.00")
    assert compliance.total_spend == Decimal("5000.00")
    assert compliance.qualifying_amount == Decimal("1700.00")
    assert compliance.base_amount == Decimal("10000.00")
    assert compliance.target_amount == Decimal("2000.00")
    assert compliance.ratio == Decimal("17.00")
    assert compliance.status == ComplianceStatus.MISSED
    assert compliance.forecast_amount == Decimal("1700.00")
    assert compliance.forecast_ratio == Decimal("17.00")
    assert compliance.progress_percent == Decimal("17.00")
    assert compliance.threshold_mark == Decimal("20.00")


def test_a_purchase_of_1_january_counts_for_its_own_year(
    organisation, fanny, lyc, office, office_rule, office_2025
):
    set_budget(fanny, lyc, office, 2026, "1000.00")
    set_budget(fanny, lyc, office, 2024, "1000.00")

    in_2026 = one(
        compliance_for(organisation=organisation, year=2026, as_of=datetime.date(2026, 1, 1)),
        office_rule,
        lyc,
    )
    in_2024 = one(
        compliance_for(organisation=organisation, year=2024, as_of=AFTER_2025), office_rule, lyc
    )

    assert (in_2026.qualifying_amount, in_2026.ratio) == (Decimal("700.00"), Decimal("70.00"))
    assert in_2026.status == ComplianceStatus.MET
    assert (in_2024.qualifying_amount, in_2024.ratio) == (Decimal("800.00"), Decimal("80.00"))


def test_a_department_without_budget_or_with_a_zero_budget_is_not_concerned(
    organisation, fanny, lyc, dsi, office, office_rule
):
    set_budget(fanny, dsi, office, 2025, "0.00")
    add_purchases(organisation, [line(dsi, office, "2025-02-01", "100.00", labels=["eu-ecolabel"])])

    rows = compliance_for(organisation=organisation, year=2025, as_of=AFTER_2025)

    for department in (dsi, lyc):
        compliance = one(rows, office_rule, department)
        assert compliance.status == ComplianceStatus.NOT_APPLICABLE
        assert compliance.ratio is None
        assert compliance.forecast_amount is None
        assert compliance.forecast_ratio is None
        assert compliance.target_amount == Decimal("0.00")
        assert compliance.progress_percent == Decimal("0")
    assert one(rows, office_rule, dsi).qualifying_amount == Decimal("100.00")
    assert one(rows, office_rule, lyc).total_spend == Decimal("0.00")


def test_a_budget_without_purchases_is_a_ratio_of_zero(
    organisation, fanny, lyc, office, office_rule
):
    set_budget(fanny, lyc, office, 2025, "5000.00")

    compliance = one(
        compliance_for(organisation=organisation, year=2025, as_of=AFTER_2025), office_rule, lyc
    )

    assert compliance.qualifying_amount == Decimal("0.00")
    assert compliance.total_spend == Decimal("0.00")
    assert compliance.target_amount == Decimal("1000.00")
    assert compliance.ratio == Decimal("0.00")
    assert compliance.status == ComplianceStatus.MISSED


def test_the_paper_rule_counts_recycled_content_from_the_line_or_from_a_label(
    organisation, lyc, dsi, paper, paper_rule
):
    add_purchases(
        organisation,
        [
            line(lyc, paper, "2025-01-15", "600.00", labels=["recycled-100"]),
            line(lyc, paper, "2025-02-15", "400.00", recycled_content=100),
            # Both the label and the field: counted once.
            line(lyc, paper, "2025-03-15", "100.00", labels=["recycled-100"], recycled_content=100),
            line(lyc, paper, "2025-04-15", "250.00", recycled_content=80),
            line(lyc, paper, "2025-05-15", "-50.00", recycled_content=100),
            # An eco-label alone does not prove recycled fibres.
            line(lyc, paper, "2025-06-15", "100.00", labels=["blue-angel"]),
            line(dsi, paper, "2025-06-15", "500.00", labels=["recycled-100"]),
            line(dsi, paper, "2025-07-15", "500.00", recycled_content=100),
        ],
    )

    rows = compliance_for(organisation=organisation, year=2025, as_of=AFTER_2025)
    at_lyc, at_dsi = one(rows, paper_rule, lyc), one(rows, paper_rule, dsi)

    assert at_lyc.basis == RuleBasis.SPEND
    assert at_lyc.budget_amount == Decimal("0.00")
    assert at_lyc.total_spend == at_lyc.base_amount == at_lyc.target_amount == Decimal("1400.00")
    assert at_lyc.qualifying_amount == Decimal("1050.00")
    assert at_lyc.ratio == Decimal("75.00")
    assert at_lyc.status == ComplianceStatus.MISSED
    assert (at_dsi.qualifying_amount, at_dsi.ratio) == (Decimal("1000.00"), Decimal("100.00"))
    assert at_dsi.status == ComplianceStatus.MET


def test_the_paper_rule_is_not_applicable_without_paper_purchases(organisation, lyc, paper_rule):
    compliance = one(
        compliance_for(organisation=organisation, year=2025, as_of=AFTER_2025), paper_rule, lyc
    )

    assert compliance.status == ComplianceStatus.NOT_APPLICABLE
    assert compliance.ratio is None


def test_credit_notes_exceeding_the_spend_make_the_rule_not_applicable(
    organisation, lyc, paper, paper_rule
):
    add_purchases(
        organisation,
        [
            line(lyc, paper, "2025-01-15", "100.00", recycled_content=100),
            line(lyc, paper, "2025-02-15", "-300.00"),
        ],
    )

    compliance = one(
        compliance_for(organisation=organisation, year=2025, as_of=AFTER_2025), paper_rule, lyc
    )

    assert compliance.total_spend == Decimal("-200.00")
    assert compliance.status == ComplianceStatus.NOT_APPLICABLE


def test_reuse_counts_from_the_flag_or_from_a_reuse_label(organisation, clement, lyc, reuse_label):
    furniture = PurchaseFamilyFactory(code="furniture")
    rule = rule_create(
        actor=clement,
        name="30 % de mobilier de réemploi",
        family=furniture,
        basis=RuleBasis.SPEND,
        threshold_percent=Decimal("30"),
        accepts_reuse=True,
        first_year=2025,
    )
    add_purchases(
        organisation,
        [
            line(lyc, furniture, "2025-01-15", "300.00", reuse=True),
            line(lyc, furniture, "2025-02-15", "200.00", labels=["reemploi"]),
            line(lyc, furniture, "2025-03-15", "400.00", labels=["eu-ecolabel"]),
            line(lyc, furniture, "2025-04-15", "100.00", recycled_content=100),
        ],
    )

    compliance = one(
        compliance_for(organisation=organisation, year=2025, as_of=AFTER_2025), rule, lyc
    )

    assert compliance.qualifying_amount == Decimal("500.00")
    assert compliance.ratio == Decimal("50.00")
    assert compliance.status == ComplianceStatus.MET


def test_a_rule_with_several_criteria_counts_a_line_meeting_several_once(
    organisation, clement, lyc, reuse_label
):
    furniture = PurchaseFamilyFactory(code="furniture")
    rule = rule_create(
        actor=clement,
        name="Mobilier responsable",
        family=furniture,
        basis=RuleBasis.SPEND,
        threshold_percent=Decimal("50"),
        accepts_eco_label=True,
        accepts_recycled=True,
        min_recycled_percent=50,
        accepts_reuse=True,
        first_year=2025,
    )
    add_purchases(
        organisation,
        [
            line(
                lyc,
                furniture,
                "2025-01-15",
                "300.00",
                labels=["eu-ecolabel", "reemploi", "recycled-100"],
                recycled_content=60,
                reuse=True,
            ),
            line(lyc, furniture, "2025-02-15", "100.00", recycled_content=40),
            line(lyc, furniture, "2025-03-15", "100.00"),
        ],
    )

    compliance = one(
        compliance_for(organisation=organisation, year=2025, as_of=AFTER_2025), rule, lyc
    )

    assert compliance.qualifying_amount == Decimal("300.00")
    assert compliance.ratio == Decimal("60.00")


def test_rows_are_one_per_rule_in_force_and_department_by_department_code(
    organisation, clement, lyc, dsi, office, office_rule, paper_rule
):
    rule_update(actor=clement, rule=paper_rule, first_year=2024, last_year=2024)
    rule_create(
        actor=clement,
        name="Plus tard",
        family=office,
        basis=RuleBasis.BUDGET,
        threshold_percent=Decimal("30"),
        accepts_eco_label=True,
        first_year=2026,
    )

    rows = compliance_for(organisation=organisation, year=2025, as_of=AFTER_2025)
    in_2024 = compliance_for(organisation=organisation, year=2024, as_of=AFTER_2025)

    assert [(c.rule, c.department.code) for c in rows] == [
        (office_rule, "DSI"),
        (office_rule, "LYC"),
    ]
    assert {c.rule for c in in_2024} == {office_rule, paper_rule}


def test_other_organisations_purchases_budgets_and_departments_are_left_out(
    organisation, fanny, lyc, office, office_rule, paper_rule
):
    from accounts.tests.factories import DepartmentFactory, OrganisationFactory

    elsewhere = OrganisationFactory(
        name="Ville de Tourcoing", slug="tourcoing", siret=TOURCOING_SIRET
    )
    their_department = DepartmentFactory(organisation=elsewhere, code="LYC")
    set_budget(fanny, lyc, office, 2025, "1000.00")
    add_purchases(
        elsewhere,
        [line(their_department, office, "2025-01-15", "900.00", labels=["eu-ecolabel"])],
    )

    rows = compliance_for(
        organisation=organisation,
        year=2025,
        departments=[lyc, their_department],
        as_of=AFTER_2025,
    )

    assert [(c.rule, c.department, c.qualifying_amount) for c in rows] == [
        (office_rule, lyc, Decimal("0.00")),
        (paper_rule, lyc, Decimal("0.00")),
    ]
    assert compliance_for(organisation=elsewhere, year=2025, as_of=AFTER_2025) == []


def test_the_lists_of_lines_that_count_and_do_not_count_split_the_family_s_lines(
    organisation, lyc, office_rule, office_2025
):
    counting = rule_purchases(rule=office_rule, department=lyc, year=2025, qualifying=True)
    other = rule_purchases(rule=office_rule, department=lyc, year=2025, qualifying=False)

    assert [(p.date.isoformat(), str(p.amount)) for p in counting] == [
        ("2025-03-10", "1000.00"),
        ("2025-05-01", "500.00"),
        ("2025-07-01", "-200.00"),
        ("2025-12-31", "400.00"),
    ]
    assert [(p.date.isoformat(), str(p.amount)) for p in other] == [
        ("2025-06-01", "3000.00"),
        ("2025-08-01", "300.00"),
    ]


def test_a_line_without_recycled_content_is_listed_among_those_that_do_not_count(
    organisation, lyc, paper, paper_rule
):
    add_purchases(
        organisation,
        [
            line(lyc, paper, "2025-01-15", "100.00"),
            line(lyc, paper, "2025-02-15", "200.00", recycled_content=100),
        ],
    )

    other = rule_purchases(rule=paper_rule, department=lyc, year=2025, qualifying=False)

    assert [p.amount for p in other] == [Decimal("100.00")]


def test_the_lists_of_lines_come_with_their_labels_in_two_queries(
    organisation, lyc, office_rule, office_2025, django_assert_num_queries
):
    with django_assert_num_queries(2):
        labels = [
            sorted(label.code for label in purchase.eco_labels.all())
            for purchase in rule_purchases(
                rule=office_rule, department=lyc, year=2025, qualifying=True
            )
        ]

    assert labels[1] == ["eu-ecolabel", "nf-environnement"]


def test_a_day_inside_the_year_counts_only_the_lines_dated_up_to_that_day(
    organisation, lyc, office_rule, office_2025
):
    """The figures of a past quarter of the year leave out the lines bought after it."""
    compliance = one(
        compliance_for(organisation=organisation, year=2025, as_of=datetime.date(2025, 6, 30)),
        office_rule,
        lyc,
    )

    # 1,000.00 + 500.00 eco-labelled by 30 June; the July credit note and December line not yet.
    assert compliance.qualifying_amount == Decimal("1500.00")
    assert compliance.total_spend == Decimal("4500.00")
