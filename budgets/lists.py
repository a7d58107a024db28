"""Reads for the budgets pages that are not compliance (that is `selectors.py`): the budget grid
of a year, the years to offer, the import list, the rules. Each is a fixed number of queries
whatever the number of rows."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Func, IntegerField, QuerySet
from django.utils import timezone

from accounts.models import Department
from clauses.models import PurchaseFamily
from core.tabular import TableRejected, cell_text

from . import access, imports
from .models import ZERO, Budget, ImportBatch, Purchase, PurchasingRule


def current_year() -> int:
    """This year in the organisation's time zone (Europe/Paris): on 31 December at 23:30 UTC
    it is already next year in Lille."""
    return timezone.localdate().year


@dataclass(frozen=True)
class BudgetCell:
    family: PurchaseFamily
    amount: Decimal | None


@dataclass(frozen=True)
class BudgetRow:
    department: Department
    cells: list[BudgetCell]
    total: Decimal


@dataclass(frozen=True)
class BudgetGrid:
    """Departments (rows) × purchase families with a budget that year (columns)."""

    year: int
    families: list[PurchaseFamily]
    rows: list[BudgetRow]
    family_totals: list[Decimal]
    total: Decimal

    @property
    def is_empty(self) -> bool:
        return not self.families


def budget_grid(*, viewer, year: int) -> BudgetGrid:
    """The budgets of a year for the departments the viewer may read: two queries."""
    departments = list(access.compliance_departments(viewer).order_by("code"))
    budgets = list(
        Budget.objects.filter(
            organisation_id=viewer.organisation_id,
            year=year,
            department_id__in=[department.pk for department in departments],
        ).select_related("family")
    )
    families = sorted({budget.family for budget in budgets}, key=lambda f: (f.name, f.code))
    amounts = {(budget.department_id, budget.family_id): budget.amount for budget in budgets}
    rows = []
    for department in departments:
        cells = [
            BudgetCell(family=family, amount=amounts.get((department.pk, family.pk)))
            for family in families
        ]
        total = sum((cell.amount for cell in cells if cell.amount is not None), ZERO)
        rows.append(BudgetRow(department=department, cells=cells, total=total))
    family_totals = [
        sum(
            (
                amounts[(department.pk, family.pk)]
                for department in departments
                if (department.pk, family.pk) in amounts
            ),
            ZERO,
        )
        for family in families
    ]
    return BudgetGrid(
        year=year,
        families=families,
        rows=rows,
        family_totals=family_totals,
        total=sum(family_totals, ZERO),
    )


def budget_years(*, organisation_id: int) -> list[int]:
    """The years that have budgets, with this year and the next one, newest first: one query."""
    years = set(
        Budget.objects.filter(organisation_id=organisation_id)
        .values_list("year", flat=True)
        .distinct()
    )
    this_year = current_year()
    years.update({this_year, this_year + 1})
    return sorted(years, reverse=True)


def report_years(*, organisation_id: int) -> list[int]:
    """The years to offer on the compliance and AGEC pages: from the first year with a
    purchase or a rule in force, up to this year, newest first. Two queries."""
    this_year = current_year()
    starts = [this_year]
    first_purchase = (
        Purchase.objects.filter(organisation_id=organisation_id)
        .order_by("date")
        .values_list("date", flat=True)
        .first()
    )
    if first_purchase is not None:
        starts.append(first_purchase.year)
    first_rule = (
        PurchasingRule.objects.filter(organisation_id=organisation_id)
        .order_by("first_year")
        .values_list("first_year", flat=True)
        .first()
    )
    if first_rule is not None:
        starts.append(first_rule)
    return list(range(this_year, min(starts) - 1, -1))


def preview_rows(batch: ImportBatch, *, limit: int) -> list[tuple[int, list[str]]]:
    """The first data lines of an import's stored file, as (line, values in the order of the
    contract's columns), for the preview before confirming. No query."""
    if not batch.file:
        return []
    with batch.file.open("rb") as stored:
        content = stored.read()
    try:
        rows = imports.read_rows(content, batch.file_name, imports.COLUMNS[batch.kind])
    except TableRejected:
        return []
    return [(line, [cell_text(value) for value in values]) for line, values in rows[:limit]]


class JSONArrayLength(Func):
    """The number of items of a JSON array column, counted by the database."""

    function = "JSON_ARRAY_LENGTH"
    output_field = IntegerField()

    def as_postgresql(self, compiler, connection, **extra):
        return super().as_sql(compiler, connection, function="JSONB_ARRAY_LENGTH", **extra)


def import_list(*, viewer) -> QuerySet[ImportBatch]:
    """The imports of the viewer's organisation, newest first, with who sent them and their
    number of errors (`error_count`), without loading the errors themselves."""
    return (
        ImportBatch.objects.visible_to(viewer)
        .select_related("uploaded_by")
        .defer("errors")
        .annotate(error_count=JSONArrayLength("errors"))
        .order_by("-uploaded_at", "-pk")
    )


def rule_list(*, viewer) -> QuerySet[PurchasingRule]:
    """The purchasing rules of the viewer's organisation, by family and name."""
    return (
        PurchasingRule.objects.visible_to(viewer)
        .select_related("family")
        .order_by("family__name", "name", "pk")
    )
