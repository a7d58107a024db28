"""The budgets of a year (departments × purchase families) and the years that have budgets.
A fixed number of queries whatever the number of rows."""

from dataclasses import dataclass
from decimal import Decimal

from accounts.models import Department
from clauses.models import PurchaseFamily

from .. import access
from ..models import ZERO, Budget
from .common import current_year


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
        Budget.objects.visible_to(viewer)
        .filter(
            year=year,
            department_id__in=[department.pk for department in departments],
        )
        .select_related("family")
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


def budget_years(*, viewer) -> list[int]:
    """The years that have budgets in the viewer's organisation, with this year and the next
    one, newest first: one query."""
    years = set(Budget.objects.visible_to(viewer).values_list("year", flat=True).distinct())
    this_year = current_year()
    years.update({this_year, this_year + 1})
    return sorted(years, reverse=True)
