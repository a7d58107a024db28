"""The SPASER's pages under /pilotage/spaser/: the obligation, the versions of the scheme, a
version with its axes and objectives (edited while a draft, adopted, replaced by a new
version), the yearly reports (asked for, built in the background, read as HTML, downloaded as
PDF, published). Committee readers read; committee members and administrators write. Another
organisation's scheme or report does not exist (404)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from budgets.selectors.suppliers import supplier_spend, unmatched_purchases
from core.access import ensure
from core.files import attachment_response
from core.forms import add_service_errors

from .. import access, pdf
from ..forms import spaser as forms
from ..models import Axis, Objective, Scheme, SpaserReport, SpaserReportStatus
from ..selectors import spaser as selectors
from ..services import spaser as services
from . import steering_tabs

# The largest unmatched spend lines listed on the page (all are counted).
UNMATCHED_SHOWN = 50


def _refused(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def _form_errors(request, form) -> None:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label} : {error}" if label else error)


@login_required
@require_GET
def spaser(request):
    user = request.user
    ensure(access.can_view_spaser(user))
    organisation = user.organisation
    year = timezone.localdate().year - 1
    can_manage = access.can_manage_spaser(user)
    schemes = list(Scheme.objects.filter(organisation=organisation).select_related("decision"))
    adopted = next((scheme for scheme in schemes if scheme.status == "adopted"), None)
    spend = supplier_spend(organisation=organisation, year=year)
    return render(
        request,
        "steering/spaser/index.html",
        {
            "obligation": selectors.obligation(organisation=organisation, year=year),
            "spend": spend,
            "unmatched": list(
                unmatched_purchases(organisation=organisation, year=year)[:UNMATCHED_SHOWN]
            ),
            "schemes": schemes,
            "reports": SpaserReport.objects.filter(organisation=organisation).select_related(
                "job", "scheme"
            ),
            "can_manage": can_manage,
            "create_form": forms.SchemeCreateForm() if can_manage else None,
            "report_form": forms.ReportRequestForm() if can_manage and adopted else None,
            "adopted": adopted,
            "steering_tabs": steering_tabs(user),
        },
    )


@login_required
@require_POST
def scheme_create(request):
    ensure(access.can_manage_spaser(request.user))
    form = forms.SchemeCreateForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return redirect("steering:spaser")
    try:
        scheme = services.scheme_create(actor=request.user, **form.cleaned_data)
    except ValidationError as error:
        _refused(request, error)
        return redirect("steering:spaser")
    messages.success(request, _("Le projet de SPASER est créé avec les objectifs du PNAD."))
    return redirect("steering:spaser-scheme", pk=scheme.pk)


def objective_form(scheme, axis, data=None):
    return forms.ObjectiveForm(
        data, prefix=f"axe-{axis.pk}", initial={"target_year": scheme.last_year}
    )


def _scheme_page(request, scheme, *, status=200, bound=None, axis_pk=None):
    """A version with its axes and objectives; while a draft, to its managers, the forms to
    change it, `bound` (name → form) holding one sent back with its errors."""
    can_manage = access.can_manage_spaser(request.user)
    can_edit = can_manage and not scheme.is_frozen
    forms_ = {}
    if can_edit:
        forms_ = {
            "edit_form": forms.SchemeEditForm(
                initial={
                    "title": scheme.title,
                    "summary": scheme.summary,
                    "signatory_name": scheme.signatory_name,
                    "signatory_title": scheme.signatory_title,
                }
            ),
            "adopt_form": forms.AdoptForm(user=request.user),
        }
        forms_.update(bound or {})
    sent = forms_.pop("objective_form", None)
    axes = list(scheme.axes.prefetch_related("objectives"))
    for axis in axes:
        # One form per axis, each with its own field ids; the one sent back keeps its errors.
        if not can_edit:
            axis.objective_form = None
        elif sent is not None and axis.pk == axis_pk:
            axis.objective_form = sent
        else:
            axis.objective_form = objective_form(scheme, axis)
    return render(
        request,
        "steering/spaser/scheme.html",
        {
            "scheme": scheme,
            "axes": axes,
            "can_edit": can_edit,
            "can_manage": can_manage,
            "open_axis": axis_pk,
            "steering_tabs": steering_tabs(request.user),
            **forms_,
        },
        status=status,
    )


@login_required
@require_GET
def scheme_detail(request, pk):
    return _scheme_page(request, access.get_scheme_for_user(request.user, pk))


def _back(scheme):
    return redirect("steering:spaser-scheme", pk=scheme.pk)


def _submit(request, scheme, name, form, perform, success, *, axis_pk=None):
    """A form of the version's page: done → back to the page with `success`; refused → the
    page again (400) with the form's errors on their fields."""
    if form.is_valid():
        try:
            result = perform(form)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, success)
            return redirect("steering:spaser-scheme", pk=getattr(result, "pk", scheme.pk))
    scheme.refresh_from_db()
    return _scheme_page(request, scheme, status=400, bound={name: form}, axis_pk=axis_pk)


def _run(request, scheme, action, success):
    try:
        result = action()
    except ValidationError as error:
        _refused(request, error)
        return _back(scheme)
    messages.success(request, success)
    return redirect("steering:spaser-scheme", pk=result.pk)


@login_required
@require_POST
def scheme_edit(request, pk):
    scheme = access.get_scheme_for_user(request.user, pk, manage=True)
    return _submit(
        request,
        scheme,
        "edit_form",
        forms.SchemeEditForm(request.POST),
        lambda form: services.scheme_update(actor=request.user, scheme=scheme, **form.cleaned_data),
        _("Le projet est enregistré."),
    )


@login_required
@require_POST
def objective_add(request, pk, axis_pk):
    scheme = access.get_scheme_for_user(request.user, pk, manage=True)
    axis = get_object_or_404(Axis.objects.filter(scheme=scheme), pk=axis_pk)
    return _submit(
        request,
        scheme,
        "objective_form",
        objective_form(scheme, axis, request.POST),
        lambda form: (
            services.objective_save(actor=request.user, axis=axis, **form.cleaned_data) and scheme
        ),
        _("L'objectif est ajouté."),
        axis_pk=axis.pk,
    )


@login_required
@require_POST
def objective_delete(request, pk, objective_pk):
    scheme = access.get_scheme_for_user(request.user, pk, manage=True)
    objective = get_object_or_404(Objective.objects.filter(axis__scheme=scheme), pk=objective_pk)
    return _run(
        request,
        scheme,
        lambda: services.objective_delete(actor=request.user, objective=objective) or scheme,
        _("L'objectif est retiré."),
    )


@login_required
@require_POST
def scheme_adopt(request, pk):
    scheme = access.get_scheme_for_user(request.user, pk, manage=True)
    return _submit(
        request,
        scheme,
        "adopt_form",
        forms.AdoptForm(request.POST, user=request.user),
        lambda form: services.scheme_adopt(actor=request.user, scheme=scheme, **form.cleaned_data),
        _("Le SPASER est adopté : cette version est désormais figée."),
    )


@login_required
@require_POST
def scheme_new_version(request, pk):
    scheme = access.get_scheme_for_user(request.user, pk, manage=True)
    return _run(
        request,
        scheme,
        lambda: services.scheme_new_version(actor=request.user, scheme=scheme),
        _("Une nouvelle version est en projet ; elle remplacera l'actuelle une fois adoptée."),
    )


# --- Yearly reports ----------------------------------------------------------------------------


@login_required
@require_POST
def report_request(request):
    user = request.user
    ensure(access.can_manage_spaser(user))
    scheme = selectors.adopted_scheme(user.organisation)
    form = forms.ReportRequestForm(request.POST)
    if scheme is None:
        messages.error(
            request, _("Adoptez d'abord le schéma : le rapport suit sa version adoptée.")
        )
        return redirect("steering:spaser")
    if not form.is_valid():
        _form_errors(request, form)
        return redirect("steering:spaser")
    try:
        report, _created = services.report_request(
            actor=user, scheme=scheme, year=form.cleaned_data["year"], comments=form.comments()
        )
    except ValidationError as error:
        _refused(request, error)
        return redirect("steering:spaser")
    messages.success(request, _("Le rapport annuel est en construction."))
    return redirect("steering:spaser-report", pk=report.pk)


@login_required
@require_GET
def report_detail(request, pk):
    report = access.get_spaser_report_for_user(request.user, pk)
    context = pdf.spaser_context(report=report, figures=report.figures) if report.figures else {}
    return render(
        request,
        "steering/spaser/report.html",
        {
            **context,
            "report": report,
            "can_manage": access.can_manage_spaser(request.user),
            "steering_tabs": steering_tabs(request.user),
        },
    )


@login_required
@require_GET
def report_download(request, pk):
    report = access.get_spaser_report_for_user(request.user, pk)
    if report.status != SpaserReportStatus.READY:
        raise Http404
    return attachment_response(report.file)


@login_required
@require_POST
def report_publish(request, pk):
    report = access.get_spaser_report_for_user(request.user, pk, manage=True)
    published = request.POST.get("published") == "1"
    try:
        services.report_publish(actor=request.user, report=report, published=published)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(
            request,
            _("Le rapport est publié sur la page publique.")
            if published
            else _("Le rapport est retiré de la page publique."),
        )
    return redirect("steering:spaser-report", pk=report.pk)


@login_required
@require_POST
def report_retry(request, pk):
    report = access.get_spaser_report_for_user(request.user, pk, manage=True)
    try:
        services.report_retry(actor=request.user, report=report)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("La construction du rapport est relancée."))
    return redirect("steering:spaser-report", pk=report.pk)
