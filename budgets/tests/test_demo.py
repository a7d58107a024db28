"""The demo budgets, purchases and rules: every council department has budgets for three years
and purchases from 1 January 2024 up to today, imported by the finance officer; some
departments meet the 20 % office-supplies rule and some do not; some paper is not recycled;
every demo organisation has the seed's two rules; loading again adds nothing."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.db.models import Sum
from django.utils import timezone

from accounts import demo as accounts_demo
from accounts.models import Organisation
from budgets import demo
from budgets.models import Budget, ImportBatch, ImportKind, ImportStatus, Purchase, PurchasingRule
from core import demo as core_demo

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 26)
PARIS = ZoneInfo("Europe/Paris")
COUNCIL_DEPARTMENTS = {"LYC", "TRA", "ENV", "ACH", "RH", "DSI"}


@pytest.fixture
def lines(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    accounts_demo.load()
    counts = demo.load(today=TODAY)
    return counts


def council():
    return Organisation.objects.get(slug="npdc")


def ratio(rule, department: str, year: int) -> Decimal:
    """The rule's ratio in percent, from database sums (as the compliance pages compute it)."""
    purchases = Purchase.objects.filter(
        organisation=rule.organisation,
        department__code=department,
        family=rule.family,
        date__year=year,
    )
    qualifying = purchases.filter(rule.qualifying_condition()).aggregate(total=Sum("amount"))
    if rule.basis == "budget":
        base = Budget.objects.get(
            department__organisation=rule.organisation,
            department__code=department,
            family=rule.family,
            year=year,
        ).amount
    else:
        base = purchases.aggregate(total=Sum("amount"))["total"]
    return 100 * (qualifying["total"] or 0) / base


def test_the_loader_runs_after_the_contracts():
    order = {loader.name: loader.order for loader in core_demo.loaders()}

    assert order["budgets"] == 40 > order["purchasing"]


def test_every_council_department_has_budgets_for_three_years(lines):
    budgets = Budget.objects.filter(organisation=council())

    assert lines["budgets"] == budgets.count() == 6 * 5 * 3
    assert set(budgets.values_list("department__code", flat=True)) == COUNCIL_DEPARTMENTS
    assert set(budgets.values_list("year", flat=True)) == {2024, 2025, 2026}
    assert set(budgets.values_list("family__code", flat=True)) == {
        "office-supplies",
        "paper",
        "it-equipment",
        "furniture",
        "cleaning-products",
    }
    lyc_office = budgets.get(department__code="LYC", family__code="office-supplies", year=2025)
    assert lyc_office.amount == Decimal("49400.00")
    assert lyc_office.history.get().history_user.email == demo.FINANCE_OFFICER


def test_about_three_years_of_purchases_are_imported_by_the_finance_officer(lines):
    purchases = Purchase.objects.filter(organisation=council())
    first, last = purchases.order_by("date").first(), purchases.order_by("date").last()

    assert 1800 < lines["purchases"] == purchases.count() < 3000
    assert first.date >= datetime.date(2024, 1, 1) and first.date.month == 1
    assert last.date <= TODAY and last.date.month == 11
    assert set(purchases.values_list("department__code", flat=True)) == COUNCIL_DEPARTMENTS
    assert purchases.filter(amount__lt=0).count() >= 20  # credit notes
    assert purchases.filter(eco_labels__code="eu-ecolabel").exists()
    assert purchases.filter(eco_labels__code="fsc").filter(eco_labels__code="eu-ecolabel").exists()
    assert purchases.filter(recycled_content=100).exists()
    assert purchases.filter(reuse=True, family__code="it-equipment").exists()
    batches = ImportBatch.objects.filter(organisation=council())
    assert sorted(batches.values_list("kind", "file_name")) == [
        (ImportKind.BUDGETS, "budgets-2024-2026.csv"),
        (ImportKind.PURCHASES, "export-mandats-2024.csv"),
        (ImportKind.PURCHASES, "export-mandats-2025.csv"),
        (ImportKind.PURCHASES, "export-mandats-2026.xlsx"),
    ]
    assert {batch.status for batch in batches} == {ImportStatus.IMPORTED}
    assert {batch.uploaded_by.email for batch in batches} == {demo.FINANCE_OFFICER}
    assert sum(batches.values_list("rows_created", flat=True)) == lines["purchases"] + 90


def test_some_departments_meet_the_20_percent_rule_and_some_do_not(lines):
    office = PurchasingRule.objects.get(organisation=council(), family__code="office-supplies")

    for year in (2024, 2025):
        ratios = {code: ratio(office, code, year) for code in COUNCIL_DEPARTMENTS}
        assert {code for code, value in ratios.items() if value >= 20} == {"LYC", "ENV", "ACH"}
    # This year, by late November, the three are already past 20 % and the others far below.
    ratios = {code: ratio(office, code, 2026) for code in COUNCIL_DEPARTMENTS}
    assert all(ratios[code] >= 20 for code in ("LYC", "ENV", "ACH"))
    assert all(ratios[code] < 17 for code in ("TRA", "RH", "DSI"))


def test_only_env_buys_nothing_but_recycled_paper(lines):
    paper = PurchasingRule.objects.get(organisation=council(), family__code="paper")

    ratios = {code: ratio(paper, code, 2025) for code in COUNCIL_DEPARTMENTS}

    assert ratios["ENV"] == 100
    assert all(value < 100 for code, value in ratios.items() if code not in {"ENV", "ACH"})
    assert Purchase.objects.filter(family__code="paper", eco_labels__code="pefc").exists()


def test_every_demo_organisation_has_the_seed_rules(lines):
    rules = PurchasingRule.objects.all()

    assert lines["rules"] == rules.count() == 2 * len(accounts_demo.ORGANISATIONS)
    for organisation in Organisation.objects.all():
        assert sorted(
            rules.filter(organisation=organisation).values_list(
                "family__code", "basis", "threshold_percent"
            )
        ) == [
            ("office-supplies", "budget", Decimal("20.00")),
            ("paper", "spend", Decimal("100.00")),
        ]
    council_rule = rules.get(organisation=council(), family__code="paper")
    assert (council_rule.accepts_recycled, council_rule.min_recycled_percent) == (True, 100)
    assert council_rule.history.get().history_user.email == demo.CLAUSE_ADMIN


@pytest.mark.parametrize(
    "day",
    [datetime.date(2026, 1, 1), datetime.date(2026, 12, 31), None],
    ids=["1-january", "31-december", "today"],
)
def test_loading_the_demo_again_adds_nothing(settings, tmp_path, freeze_clock, day):
    settings.MEDIA_ROOT = tmp_path
    freeze_clock(day or timezone.localdate())
    accounts_demo.load()
    demo.load_and_describe()

    def totals():
        return (
            Purchase.objects.count(),
            Purchase.eco_labels.through.objects.count(),
            Budget.objects.count(),
            Budget.history.count(),
            ImportBatch.objects.count(),
            PurchasingRule.objects.count(),
        )

    before = totals()

    again = demo.load_and_describe()

    assert totals() == before
    assert again == [
        f"Budgets: 0 seed rules added, 0 budgets set, 0 purchase lines added "
        f"({before[0]} in the council's, 2024–2026)."
    ]


def test_a_later_day_adds_only_the_lines_of_the_days_since(lines):
    before = set(Purchase.objects.values_list("reference", "amount"))

    counts = demo.load(today=datetime.date(2026, 12, 31))

    after = set(Purchase.objects.values_list("reference", "amount"))
    assert before < after
    assert counts["purchases"] == len(after - before) > 0
    assert Purchase.objects.filter(date__gt=TODAY).count() == counts["purchases"]
