"""Quarterly reports' pages: the archive, asking for a quarter's report, a report with its
progress while it builds (polled as JSON by static/js/job-progress.js, or refreshed by hand),
its error and a retry when it failed, its figures, the download of the PDF.

The committee, department heads and the advisor read them; the committee asks for them and
retries them. Another organisation's report does not exist (404); a person without the right
is refused (403)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.access import ensure
from core.files import attachment_response
from core.views import redirect_with_errors, restore_form

from .. import access
from ..forms.reports import ReportRequestForm
from ..models import ReportStatus
from ..selectors import reports as selectors
from ..services import reports as services
from . import steering_tabs

REPORTS_PER_PAGE = 25


def duration_label(report) -> str:
    """How long the last build took: "42 s", "3 min 05 s"; empty while none finished."""
    if report.started_at is None or report.finished_at is None:
        return ""
    seconds = max(int((report.finished_at - report.started_at).total_seconds()), 0)
    if seconds < 60:
        return _("%(seconds)s s") % {"seconds": seconds}
    return _("%(minutes)s min %(seconds)02d s") % {
        "minutes": seconds // 60,
        "seconds": seconds % 60,
    }


def broker_down_message(report) -> str:
    return _(
        "Le service des travaux en arrière-plan est momentanément indisponible : la demande du "
        "rapport du %(quarter)s est enregistrée, sa construction démarrera dès son retour."
    ) % {"quarter": report.period.label}


def _render_list(request, form, *, http_status=200):
    user = request.user
    # `?statut=ready`: the reports ready to read (the home page's task links here).
    status = request.GET.get("statut")
    status = status if status in ReportStatus.values else None
    page = Paginator(
        selectors.report_archive(organisation=user.organisation, status=status), REPORTS_PER_PAGE
    ).get_page(request.GET.get("page"))
    for report in page.object_list:
        report.duration_label = duration_label(report)
    return render(
        request,
        "steering/reports/list.html",
        {
            "page": page,
            "form": form,
            "can_request": form is not None,
            "steering_tabs": steering_tabs(user),
            "status": status,
            "statuses": ReportStatus.choices,
            "query": f"statut={status}" if status else "",
        },
        status=http_status,
    )


@login_required
@require_GET
def report_list(request):
    ensure(access.can_read_reports(request.user))
    form = None
    if access.can_request_reports(request.user):
        form = restore_form(request, "report-request", ReportRequestForm) or ReportRequestForm()
    return _render_list(request, form)


@login_required
@require_POST
def report_request(request):
    user = request.user
    ensure(access.can_request_reports(user))
    form = ReportRequestForm(request.POST)
    if form.is_valid():
        try:
            report, created = services.report_request(
                actor=user, organisation=user.organisation, quarter=form.cleaned_data["period"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            report.refresh_from_db()
            report.job.refresh_from_db()
            if report.job.awaits_broker:
                messages.warning(request, broker_down_message(report))
            elif report.status == ReportStatus.READY:
                # Built within the request (jobs run in process): say so, not « en construction ».
                messages.success(
                    request,
                    _("Le rapport du %(quarter)s est prêt.") % {"quarter": report.period.label},
                )
            elif created:
                messages.success(
                    request,
                    _("Le rapport du %(quarter)s est en construction.")
                    % {"quarter": report.period.label},
                )
            else:
                messages.info(
                    request,
                    _("Le rapport du %(quarter)s est déjà en construction : voici son avancement.")
                    % {"quarter": report.period.label},
                )
            return redirect("steering:report-detail", pk=report.pk)
    return redirect_with_errors(
        request, form, reverse("steering:report-list"), key="report-request"
    )


@login_required
@require_GET
def report_detail(request, pk):
    report = access.get_report_for_user(request.user, pk)
    report.duration_label = duration_label(report)
    return render(
        request,
        "steering/reports/detail.html",
        {
            "report": report,
            "can_retry": report.status == ReportStatus.FAILED
            and access.can_request_reports(request.user),
            "key_figures": selectors.key_figures(report.figures),
            "steering_tabs": steering_tabs(request.user),
        },
    )


@login_required
@require_GET
def report_status(request, pk):
    """What the detail page polls while the report builds."""
    report = access.get_report_for_user(request.user, pk)
    response = JsonResponse(
        {
            "status": report.status,
            "state": report.state,
            "status_label": report.state_label,
            "progress": report.progress,
            "step": report.step,
            "active": report.is_active,
            "download_url": (
                reverse("steering:report-download", args=[report.pk])
                if report.status == ReportStatus.READY
                else ""
            ),
        }
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_GET
def report_download(request, pk):
    report = access.get_report_for_user(request.user, pk)
    if report.status != ReportStatus.READY:
        raise Http404
    return attachment_response(report.file)


@login_required
@require_POST
def report_retry(request, pk):
    report = access.get_report_for_user(request.user, pk)
    ensure(access.can_request_reports(request.user))
    try:
        services.report_retry(actor=request.user, report=report)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("La construction du rapport est relancée."))
    return redirect("steering:report-detail", pk=report.pk)
