"""Imports of files from the finance system, for finance officers: upload → check in the
background → preview (counts, every bad line, the first lines) → confirm in the background; the
list of imports; an import's page, with the progress of its job; reversal of a purchases import
after a confirmation page.

Nothing is written but the import's own row until the person confirms (`import_jobs`: the file
kept in the storage, its check and its confirmation run by core's job mechanism; the
confirmation re-reads and re-checks it, all or nothing)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.access import ensure
from core.forms import add_service_errors
from core.views import job_status_response

from .. import access, imports
from ..forms.imports import ImportUploadForm
from ..models import IMPORT_CONFIRM_JOB, ImportBatch, ImportKind, ImportStatus
from ..selectors import imports as selectors
from ..services import import_jobs
from ..services import imports as services
from .common import section_context

IMPORTS_PER_PAGE = 25
ERRORS_PER_PAGE = 200
PREVIEW_ROWS = 10
COLUMNS = imports.COLUMNS


def _detail_url(batch: ImportBatch) -> str:
    return reverse("budgets:import-detail", kwargs={"public_id": batch.public_id})


@login_required
@require_GET
def import_list(request):
    ensure(access.can_manage_budgets(request.user))
    # `?statut=preview`: the imports read but not confirmed (the home page's task links here).
    status = request.GET.get("statut")
    status = status if status in ImportStatus.values else None
    batches = selectors.import_list(viewer=request.user, status=status)
    page = Paginator(batches, IMPORTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "budgets/imports/list.html",
        {
            "page": page,
            "status": status,
            "statuses": ImportStatus.choices,
            "query": f"statut={status}" if status else "",
            **section_context(request, "imports"),
        },
    )


def _upload(request, form: ImportUploadForm):
    """Read and check the file; the import's page then shows the preview or the errors."""
    upload = form.cleaned_data["file"]
    try:
        batch = import_jobs.import_upload(
            actor=request.user,
            organisation=request.user.organisation,
            kind=form.cleaned_data["kind"],
            content=upload.read(),
            file_name=upload.name,
        )
    except ValidationError as error:
        add_service_errors(form, error)
        return None
    if batch.job is not None and batch.job.awaits_broker:
        messages.warning(request, broker_down_message())
    return redirect(_detail_url(batch))


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request):
    ensure(access.can_manage_budgets(request.user))
    if request.method == "POST":
        form = ImportUploadForm(request.POST, request.FILES)
        if form.is_valid() and (response := _upload(request, form)) is not None:
            return response
    else:
        kind = request.GET.get("type")
        form = ImportUploadForm(initial={"kind": kind} if kind in ImportKind.values else None)
    return render(
        request,
        "budgets/imports/upload.html",
        {"form": form, "columns": COLUMNS, **section_context(request, "imports")},
    )


@login_required
@require_GET
def import_template(request, kind: str):
    """An empty file with the header row the import expects, to fill in a spreadsheet."""
    ensure(access.can_manage_budgets(request.user))
    if kind not in ImportKind.values:
        raise Http404
    response = HttpResponse(
        ";".join(COLUMNS[kind]) + "\r\n", content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = content_disposition_header(True, f"modele-{kind}.csv")
    return response


@login_required
@require_GET
def import_detail(request, public_id):
    user = request.user
    batch = access.get_import_for_user(user, public_id)
    context = {
        "batch": batch,
        "columns": COLUMNS[batch.kind],
        "job": batch.job if batch.status == ImportStatus.CHECKING or batch.confirming else None,
    }
    if context["job"] is not None:
        context["job_title"] = (
            _("Vérification du fichier")
            if batch.status == ImportStatus.CHECKING
            else _("Confirmation de l'import")
        )
        context["retry_url"] = reverse(
            "budgets:import-check-retry"
            if batch.status == ImportStatus.CHECKING
            else "budgets:import-confirm",
            kwargs={"public_id": batch.public_id},
        )
    if batch.status == ImportStatus.IMPORTED:
        context["outcome"] = confirmed_message(batch)
    elif (
        batch.status == ImportStatus.REJECTED
        and batch.job_id
        and batch.job.kind == (IMPORT_CONFIRM_JOB)
    ):
        context["outcome"] = services.recheck_failed_message(batch.errors_total)
    if batch.status == ImportStatus.PREVIEW:
        context["preview"] = selectors.preview_rows(batch, limit=PREVIEW_ROWS)
    if batch.errors:
        context["errors"] = Paginator(batch.errors, ERRORS_PER_PAGE).get_page(
            request.GET.get("page")
        )
        context["errors_omitted"] = batch.errors_total - len(batch.errors)
    if batch.status == ImportStatus.REJECTED:
        context["form"] = ImportUploadForm(initial={"kind": batch.kind})
    return render(
        request, "budgets/imports/detail.html", {**context, **section_context(request, "imports")}
    )


@login_required
@require_GET
def import_status(request, public_id):
    """What the import's page polls while its file is checked or confirmed."""
    batch = access.get_import_for_user(request.user, public_id)
    if batch.job is None:
        raise Http404
    return job_status_response(batch.job)


@login_required
@require_POST
def import_confirm(request, public_id):
    batch = access.get_import_for_user(request.user, public_id)
    try:
        batch, queued = import_jobs.import_confirm_request(actor=request.user, batch=batch)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(_detail_url(batch))
    batch.refresh_from_db()
    if batch.job.awaits_broker:
        messages.warning(request, broker_down_message())
    elif not queued:
        messages.info(request, _("La confirmation de cet import est déjà en cours."))
    return redirect(_detail_url(batch))


@login_required
@require_POST
def import_check_retry(request, public_id):
    batch = access.get_import_for_user(request.user, public_id)
    try:
        import_jobs.import_check_retry(actor=request.user, batch=batch)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("La vérification du fichier est relancée."))
    return redirect(_detail_url(batch))


def broker_down_message() -> str:
    return _(
        "Le service des travaux en arrière-plan est momentanément indisponible : la demande est "
        "enregistrée, le travail démarrera dès son retour."
    )


def confirmed_message(batch: ImportBatch) -> str:
    """What the import did: lines added, and budgets changed or lines skipped when there are."""
    parts = [
        ngettext("%(count)d ligne ajoutée", "%(count)d lignes ajoutées", batch.rows_created)
        % {"count": batch.rows_created}
    ]
    if batch.rows_updated:
        parts.append(
            ngettext("%(count)d budget modifié", "%(count)d budgets modifiés", batch.rows_updated)
            % {"count": batch.rows_updated}
        )
    if batch.rows_skipped:
        parts.append(
            ngettext(
                "%(count)d ligne déjà importée (ignorée)",
                "%(count)d lignes déjà importées (ignorées)",
                batch.rows_skipped,
            )
            % {"count": batch.rows_skipped}
        )
    return _("Import terminé : %(counts)s.") % {"counts": ", ".join(parts)}


@login_required
@require_http_methods(["GET", "POST"])
def import_reverse(request, public_id):
    batch = access.get_import_for_user(request.user, public_id)
    errors = []
    if request.method == "POST":
        try:
            batch = services.import_reverse(actor=request.user, batch=batch)
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(
                request,
                ngettext(
                    "Import annulé : %(count)d achat supprimé.",
                    "Import annulé : %(count)d achats supprimés.",
                    batch.rows_created,
                )
                % {"count": batch.rows_created},
            )
            return redirect(_detail_url(batch))
    return render(
        request,
        "budgets/imports/reverse.html",
        {
            "batch": batch,
            "errors": errors,
            "reversible": batch.kind == ImportKind.PURCHASES
            and batch.status == ImportStatus.IMPORTED,
            **section_context(request, "imports"),
        },
    )
