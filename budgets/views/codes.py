"""What a finance officer needs to fill an import file: the page of every accepted code of the
coded columns with its label, and the XLSX template with drop-down lists of those codes (the CSV
template is `imports.import_template`)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from core.access import ensure

from .. import access, codes, imports
from ..models import ImportKind
from .common import section_context

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
@require_GET
def import_codes(request):
    ensure(access.can_manage_budgets(request.user))
    return render(
        request,
        "budgets/codes/list.html",
        {
            "coded_columns": codes.coded_columns(request.user.organisation),
            "separator": imports.LABEL_SEPARATOR,
            **section_context(request, "imports"),
        },
    )


@login_required
@require_GET
def import_template_xlsx(request, kind: str):
    ensure(access.can_manage_budgets(request.user))
    if kind not in ImportKind.values:
        raise Http404
    response = HttpResponse(
        codes.template_workbook(request.user.organisation, kind, imports.COLUMNS[kind]),
        content_type=XLSX_TYPE,
    )
    response["Content-Disposition"] = content_disposition_header(True, f"modele-{kind}.xlsx")
    return response
