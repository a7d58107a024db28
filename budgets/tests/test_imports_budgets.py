"""Budget files: each line creates or changes the budget of a department, year and family,
with history; bad values are reported with their line and column and nothing is written; a
budget file is not reversible."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from budgets.imports import BUDGET_COLUMNS
from budgets.models import Budget, ImportKind, ImportStatus
from budgets.services import imports as services
from budgets.tests.factories import csv_bytes, make_budgets
from core.tabular import RowError

pytestmark = pytest.mark.django_db


def preview(organisation, content: bytes, actor=None, file_name="budgets.csv"):
    return services.import_preview(
        actor=actor,
        organisation=organisation,
        kind=ImportKind.BUDGETS,
        content=content,
        file_name=file_name,
    )


def budgets(organisation) -> list[tuple]:
    return list(
        Budget.objects.filter(organisation=organisation)
        .order_by("year", "department__code", "family__code")
        .values_list("department__code", "year", "family__code", "amount")
    )


def test_a_budget_file_creates_the_budgets_with_their_history(organisation, lyc, dsi, fanny):
    content = (
        b"department;year;family;amount\r\n"
        b"LYC;2025;office-supplies;12 000,00\r\n"
        b"dsi;2025;paper;3500.5\r\n"
        b"LYC;2026;office-supplies;12500\r\n"
    )
    batch = preview(organisation, content, actor=fanny)
    assert (batch.status, batch.rows_total, batch.rows_created, batch.rows_updated) == (
        ImportStatus.PREVIEW,
        3,
        3,
        0,
    )
    assert not Budget.objects.exists()

    batch = services.import_confirm(actor=fanny, batch=batch)

    assert batch.status == ImportStatus.IMPORTED
    assert budgets(organisation) == [
        ("DSI", 2025, "paper", Decimal("3500.50")),
        ("LYC", 2025, "office-supplies", Decimal("12000.00")),
        ("LYC", 2026, "office-supplies", Decimal("12500.00")),
    ]
    history = Budget.history.filter(organisation=organisation)
    assert history.count() == 3
    assert {(row.history_user_id, row.history_type) for row in history} == {(fanny.pk, "+")}


def test_a_second_file_changes_amounts_through_history_and_skips_unchanged_ones(
    organisation, lyc, dsi, fanny
):
    make_budgets(
        organisation,
        [
            {"department": "LYC", "year": 2025, "family": "paper", "amount": "1000"},
            {"department": "DSI", "year": 2025, "family": "paper", "amount": "2000"},
        ],
    )
    rows = [
        {"department": "LYC", "year": 2025, "family": "paper", "amount": "1000,00"},
        {"department": "DSI", "year": 2025, "family": "paper", "amount": "2500"},
        {"department": "DSI", "year": 2026, "family": "paper", "amount": "2600"},
    ]

    batch = preview(organisation, csv_bytes(rows, BUDGET_COLUMNS), actor=fanny)
    assert (batch.rows_created, batch.rows_updated, batch.rows_skipped) == (1, 1, 1)
    services.import_confirm(actor=fanny, batch=batch)

    assert budgets(organisation) == [
        ("DSI", 2025, "paper", Decimal("2500.00")),
        ("LYC", 2025, "paper", Decimal("1000.00")),
        ("DSI", 2026, "paper", Decimal("2600.00")),
    ]
    changed = Budget.objects.get(department=dsi, year=2025)
    assert [
        (row.amount, row.history_type, row.history_user_id) for row in changed.history.all()
    ] == [(Decimal("2500.00"), "~", fanny.pk), (Decimal("2000.00"), "+", None)]
    assert Budget.objects.get(department=lyc, year=2025).history.count() == 1


def test_importing_the_same_budget_file_again_changes_nothing(organisation, lyc):
    rows = [{"department": "LYC", "year": 2025, "family": "paper", "amount": "1000"}]
    make_budgets(organisation, rows)

    batch = make_budgets(organisation, rows)

    assert (batch.rows_created, batch.rows_updated, batch.rows_skipped) == (0, 0, 1)
    assert Budget.history.count() == 1


BAD_BUDGETS = [
    ("department", "XYZ", "Direction inconnue dans votre organisation : « XYZ »."),
    ("year", "1999", "« 1999 » n'est pas une année de 2000 à 2100."),
    ("year", "2025,5", "« 2025,5 » n'est pas une année de 2000 à 2100."),
    ("year", "", "Valeur obligatoire."),
    ("family", "chaussettes", "Famille d'achat inconnue : « chaussettes »."),
    ("amount", "-1", "Un budget ne peut pas être négatif."),
    ("amount", "1000,001", "« 1000,001 » a plus de deux décimales."),
    (
        "amount",
        "mille",
        "« mille » n'est pas un montant : écrivez par exemple 1234,56 (ou -80,00 pour un avoir).",
    ),
]


@pytest.mark.parametrize(("column", "value", "message"), BAD_BUDGETS)
def test_a_bad_budget_value_is_reported_with_its_line_and_column_and_nothing_is_written(
    organisation, lyc, column, value, message
):
    rows = [
        {"department": "LYC", "year": 2025, "family": "paper", "amount": "1000"},
        {"department": "LYC", "year": 2026, "family": "paper", "amount": "1000", column: value},
    ]

    batch = preview(organisation, csv_bytes(rows, BUDGET_COLUMNS))

    assert batch.status == ImportStatus.REJECTED
    assert [str(RowError(**error)) for error in batch.errors] == [
        f"line 3, column {column}: {message}"
    ]
    assert not Budget.objects.exists()


def test_the_same_budget_twice_in_a_file_is_an_error_naming_the_first_line(organisation, lyc):
    rows = [
        {"department": "LYC", "year": 2025, "family": "paper", "amount": "1000"},
        {"department": "LYC", "year": 2026, "family": "paper", "amount": "1000"},
        {"department": "lyc", "year": "2025", "family": "PAPER", "amount": "1200"},
    ]

    batch = preview(organisation, csv_bytes(rows, BUDGET_COLUMNS))

    assert [str(RowError(**error)) for error in batch.errors] == [
        "line 4, column department: Budget en double : la même direction, la même année et la "
        "même famille figurent déjà ligne 2."
    ]
    assert not Budget.objects.exists()


def test_a_budget_file_cannot_be_reversed(organisation, lyc):
    batch = make_budgets(
        organisation, [{"department": "LYC", "year": 2025, "family": "paper", "amount": "1"}]
    )

    with pytest.raises(ValidationError) as refused:
        services.import_reverse(actor=None, batch=batch)

    assert refused.value.messages == [
        "Un import de budgets ne s'annule pas : importez un fichier avec les montants voulus."
    ]
    assert Budget.objects.count() == 1
