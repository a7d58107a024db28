"""The budgets of a year (departments × purchase families) and the form that sets one.

Compliance readers read the budgets of the departments they may read (a department head: their
own); finance officers read them all and set them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core.access import ensure
from core.forms import add_service_errors
from core.templatetags.formatting import euros

from .. import access
from ..forms.budgets import BudgetForm
from ..models import MAX_YEAR, MIN_YEAR, Budget, ImportKind
from ..selectors.budgets import budget_grid, budget_years
from ..selectors.common import current_year
from ..services import budgets as services
from .common import section_context


@login_required
@require_GET
def budget_list(request, year: int | None = None):
    user = request.user
    ensure(access.can_view_compliance(user))
    if year is None:
        year = current_year()
    elif not MIN_YEAR <= year <= MAX_YEAR:
        raise Http404
    return render(
        request,
        "budgets/budgets/list.html",
        {
            "year": year,
            "grid": budget_grid(viewer=user, year=year),
            "years": budget_years(viewer=user),
            "can_manage": access.can_manage_budgets(user),
            "budgets_kind": ImportKind.BUDGETS,
            **section_context(request, "budgets", readers=True),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def budget_set(request):
    user = request.user
    ensure(access.can_manage_budgets(user))
    form = BudgetForm(
        request.POST or None,
        organisation=user.organisation,
        initial=_initial(request, user),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            budget = services.budget_set(
                actor=user,
                department=data["department"],
                year=data["year"],
                family=data["family"],
                amount=data["amount"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Budget enregistré : %(department)s, %(family)s, %(year)s : %(amount)s.")
                % {
                    "department": budget.department.code,
                    "family": budget.family.name,
                    "year": budget.year,
                    "amount": euros(budget.amount),
                },
            )
            return redirect(reverse("budgets:budget-year", kwargs={"year": budget.year}))
    return render(
        request,
        "budgets/budgets/form.html",
        {"form": form, **section_context(request, "budgets", readers=True)},
    )


def _initial(request, user) -> dict:
    """The department, year and family given in the address (from a cell of the grid), and
    the amount already set for them."""
    initial = {"year": current_year()}
    department = request.GET.get("direction")
    family = request.GET.get("famille")
    year = request.GET.get("annee", "")
    if year.isdigit() and MIN_YEAR <= int(year) <= MAX_YEAR:
        initial["year"] = int(year)
    if department:
        initial["department"] = department
    if family:
        initial["family"] = family
    if department and family:
        amount = (
            Budget.objects.visible_to(user)
            .filter(
                department__code=department,
                family__code=family,
                year=initial["year"],
            )
            .values_list("amount", flat=True)
            .first()
        )
        if amount is not None:
            initial["amount"] = amount
    return initial
