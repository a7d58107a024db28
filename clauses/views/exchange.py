"""Pages of the library exchange: download the library, upload another organisation's."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from core.forms import add_service_errors

from .. import access, exchange
from ..forms.exchange import LibraryImportForm
from ..models import (
    ClauseCategory,
    ClauseKind,
    DecpConsideration,
    OcdsSustainabilityGoal,
    OcdsSustainabilityStrategy,
)
from ..selectors.exchange import EXPORTERS
from ..selectors.library import StatusFilter
from ..selectors.reference import active_families
from ..services.exchange import library_import as library_import_service


@login_required
@require_GET
def library_export(request):
    access.ensure_can_manage_clauses(request.user)
    exporter = EXPORTERS.get(request.GET.get("format", "json"))
    if exporter is None:
        raise Http404(_("Format d'export inconnu : choisissez json ou csv."))
    export = exporter(actor=request.user)
    response = HttpResponse(export.content, content_type=export.content_type)
    response["Content-Disposition"] = content_disposition_header(True, export.file_name)
    return response


@login_required
@require_http_methods(["GET", "POST"])
def library_import(request):
    access.ensure_can_manage_clauses(request.user)
    if request.method == "POST":
        form = LibraryImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                clauses = library_import_service(
                    actor=request.user, file_name=upload.name, content=upload.read()
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    ngettext(
                        "%(count)d clause importée en brouillon : relisez-la puis approuvez-la.",
                        "%(count)d clauses importées en brouillon : relisez-les puis "
                        "approuvez-les.",
                        len(clauses),
                    )
                    % {"count": len(clauses)},
                )
                return redirect(f"{reverse('clauses:list')}?status={StatusFilter.DRAFT}")
    else:
        form = LibraryImportForm()
    return render(
        request,
        "clauses/exchange/library_import.html",
        {
            "form": form,
            "max_size": exchange.MAX_IMPORT_BYTES,
            "families": active_families(viewer=request.user),
            "choices": [
                ("category", ClauseCategory.choices),
                ("kind", ClauseKind.choices),
                ("decp_consideration", DecpConsideration.choices),
                ("ocds_goal", OcdsSustainabilityGoal.choices),
                ("ocds_strategies", OcdsSustainabilityStrategy.choices),
            ],
        },
    )
