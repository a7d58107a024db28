"""How each department meets the purchasing rules in a year, and the purchases that count or do
not count for a rule.

Department heads read their own department; committee members, finance officers and advisors
read every department, all of them at once by default or one chosen in the filter. Asking for a
department of the organisation one may not read is refused (403), for a department of another
organisation answered as unknown (404)."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from core.access import ensure

from .. import access
from ..forms.compliance import ComplianceFilterForm
from ..models import MAX_YEAR, MIN_YEAR
from ..selectors import compliance as selectors
from .common import section_context, year_choices, year_param

PURCHASES_PER_PAGE = 50
YES, NO = "oui", "non"


def _by_rule(rows: list[selectors.Compliance]) -> list[tuple[object, list]]:
    """[(rule, its rows by department)], in the selector's order."""
    groups: dict[int, tuple[object, list]] = {}
    for row in rows:
        groups.setdefault(row.rule.pk, (row.rule, []))[1].append(row)
    return list(groups.values())


@login_required
@require_GET
def compliance(request):
    user = request.user
    ensure(access.can_view_compliance(user))
    year = year_param(request)
    readable = list(access.compliance_departments(user).order_by("code"))
    code = request.GET.get("direction", "")
    departments = [access.get_department_for_compliance(user, code)] if code else readable
    today = timezone.localdate()
    rows = selectors.compliance_for(
        organisation=user.organisation, year=year, departments=departments, as_of=today
    )
    years = year_choices(selectors.report_years(viewer=user), year)
    filters = ComplianceFilterForm(
        initial={"annee": year, "direction": code}, years=years, departments=readable
    )
    return render(
        request,
        "budgets/compliance/compliance.html",
        {
            "year": year,
            "filters": filters,
            "show_department_filter": len(readable) > 1,
            "department": departments[0] if code or len(readable) == 1 else None,
            "rules": _by_rule(rows),
            "as_of": today,
            # Forecasts only mean something while the year runs.
            "current_year": year == today.year,
            "past_year": year < today.year,
            **section_context(request, "compliance", readers=True),
        },
    )


@login_required
@require_GET
def rule_purchases(request, year: int, department: str, rule: int):
    user = request.user
    ensure(access.can_view_compliance(user))
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise Http404
    department = access.get_department_for_compliance(user, department)
    rule = access.get_rule_for_user(user, rule)
    qualifying = request.GET.get("comptent", YES) != NO
    summary = selectors.compliance_for(
        organisation=user.organisation, year=year, departments=[department], rules=[rule]
    )
    purchases = selectors.rule_purchases(
        rule=rule, department=department, year=year, qualifying=qualifying
    )
    page = Paginator(purchases, PURCHASES_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "budgets/compliance/purchases.html",
        {
            "year": year,
            "department": department,
            "rule": rule,
            "row": summary[0] if summary else None,
            "qualifying": qualifying,
            "page": page,
            "query": f"comptent={YES if qualifying else NO}",
            "title": (
                _("Achats qui comptent pour la règle")
                if qualifying
                else _("Achats qui ne comptent pas pour la règle")
            ),
            **section_context(request, "compliance", readers=True),
        },
    )
