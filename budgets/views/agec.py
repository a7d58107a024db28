"""The yearly AGEC declaration of the organisation (loi AGEC art. 58): the table, and the CSV file
of the official schema. For finance officers."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from core.access import ensure

from .. import access, agec
from ..forms.common import YearForm
from ..models import ZERO
from ..selectors.agec import agec_declaration
from ..selectors.compliance import report_years
from .common import section_context, year_choices, year_param


def _declaration(request):
    user = request.user
    ensure(access.can_manage_budgets(user))
    year = year_param(request)
    return year, agec_declaration(organisation=user.organisation, year=year)


@login_required
@require_GET
def agec_page(request):
    year, rows = _declaration(request)
    years = year_choices(report_years(viewer=request.user), year)
    return render(
        request,
        "budgets/agec/declaration.html",
        {
            "year": year,
            "rows": rows,
            "filters": YearForm(initial={"annee": year}, years=years),
            "totals": {
                name: sum((getattr(row, name) for row in rows), ZERO)
                for name in ("total_amount", "reuse_amount", "donation_amount", "recycled_amount")
            },
            **section_context(request, "agec"),
        },
    )


@login_required
@require_GET
def agec_export(request):
    year, rows = _declaration(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(
        True, agec.agec_file_name(organisation=request.user.organisation, year=year)
    )
    agec.write_agec_csv(rows, response)
    return response
