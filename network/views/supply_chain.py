"""The supply chain of suppliers: the suppliers a person follows, a supplier's production sites,
audits and findings, audits and their findings recorded by advisors, findings' status and
closure with evidence, and the audit reports and evidence files, served only to readers.

A supplier, site, audit or finding the person does not follow does not exist for them (404);
a role that takes no part in groups, or that may not record or change, is refused (403)."""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.access import ensure
from core.files import attachment_response
from core.views import form_page

from .. import access
from ..forms.supply_chain import (
    AuditForm,
    FindingCloseForm,
    FindingForm,
    FindingStatusForm,
    PeriodForm,
    SiteForm,
)
from ..models import SEVERITY_ORDER, Finding, ProductionSite, PurchasingGroup
from ..selectors import supply_chain as selectors
from ..services import supply_chain as services

SUPPLIERS_PER_PAGE = 50


def _supplier(request, pk):
    supplier = access.get_supplier_for_user(request.user, pk)
    ensure(access.can_follow_groups(request.user))
    return supplier


def _site(request, supplier, site_pk) -> ProductionSite:
    return access.get_site_for_user(
        request.user,
        site_pk,
        queryset=ProductionSite.objects.filter(supplier=supplier).select_related(
            "supplier", "recorded_by"
        ),
    )


def _audit(request, public_id):
    audit = access.get_audit_for_user(request.user, public_id)
    ensure(access.can_follow_groups(request.user))
    return audit


def _finding(request, audit, pk) -> Finding:
    return get_object_or_404(audit.findings.select_related("closed_by"), pk=pk)


def _editable_audit(request, public_id):
    """An audit the person sees (404 otherwise) and may change (403 otherwise)."""
    audit = _audit(request, public_id)
    ensure(access.can_edit_audit(request.user, audit))
    return audit


def _editable_finding(request, public_id, pk) -> tuple:
    """A finding of an audit the person sees (404 otherwise) and may change (403 otherwise)."""
    audit = _audit(request, public_id)
    finding = _finding(request, audit, pk)
    ensure(access.can_edit_audit(request.user, audit))
    return audit, finding


def _audit_url(audit, anchor: str = "") -> str:
    url = reverse("network:audit-detail", kwargs={"public_id": audit.public_id})
    return f"{url}#{anchor}" if anchor else url


def _supplier_url(supplier) -> str:
    return reverse("network:supplier-detail", kwargs={"pk": supplier.pk})


# --- Suppliers ---------------------------------------------------------------------------------


@login_required
@require_GET
def supplier_list(request):
    user = request.user
    ensure(access.can_follow_groups(user))
    page = Paginator(selectors.supplier_list(viewer=user), SUPPLIERS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    summaries = selectors.supplier_summaries(
        viewer=user, supplier_ids=[supplier.pk for supplier in page]
    )
    empty = selectors.empty_summary()
    return render(
        request,
        "network/supply_chain/supplier_list.html",
        {
            "page": page,
            "rows": [(supplier, summaries.get(supplier.pk, empty)) for supplier in page],
            "severities": SEVERITY_ORDER,
        },
    )


@login_required
@require_GET
def supplier_detail(request, pk):
    user = request.user
    supplier = _supplier(request, pk)
    period = PeriodForm(request.GET or None)
    start, end = period.period()
    data = selectors.supplier_page(supplier=supplier, viewer=user, start=start, end=end)
    return render(
        request,
        "network/supply_chain/supplier_detail.html",
        {
            "supplier": supplier,
            "data": data,
            "period_form": period,
            "can_record_audits": access.can_record_audits(user),
            "group_param": _group_param(request),
            "editable_sites": {site.pk for site in data.sites if access.can_edit_site(user, site)},
        },
    )


# --- Production sites --------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def site_create(request, pk):
    user = request.user
    supplier = _supplier(request, pk)
    ensure(access.can_record_site(user, supplier))
    return form_page(
        request,
        form=SiteForm(request.POST or None),
        template="network/supply_chain/site_form.html",
        perform=lambda form: services.site_create(
            actor=user, supplier=supplier, **form.service_fields()
        ),
        success=_("Le site de production est enregistré."),
        redirect_to=_supplier_url(supplier),
        context={"supplier": supplier, "site": None},
    )


@login_required
@require_http_methods(["GET", "POST"])
def site_edit(request, pk, site_pk):
    user = request.user
    supplier = _supplier(request, pk)
    site = _site(request, supplier, site_pk)
    ensure(access.can_edit_site(user, site))
    return form_page(
        request,
        form=SiteForm(request.POST or None, instance=site),
        template="network/supply_chain/site_form.html",
        perform=lambda form: services.site_update(actor=user, site=site, **form.service_fields()),
        success=_("Le site de production est modifié."),
        redirect_to=_supplier_url(supplier),
        context={"supplier": supplier, "site": site},
    )


# --- Audits ------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def audit_create(request, pk, site_pk):
    user = request.user
    supplier = _supplier(request, pk)
    site = _site(request, supplier, site_pk)
    ensure(access.can_record_audits(user))
    initial = {}
    group_id = _group_param(request)
    if group_id:
        initial["group"] = (
            PurchasingGroup.objects.visible_to(user).filter(public_id=group_id).first()
        )
    return form_page(
        request,
        form=AuditForm(request.POST or None, request.FILES or None, actor=user, initial=initial),
        template="network/supply_chain/audit_form.html",
        perform=lambda form: services.audit_record(actor=user, site=site, **form.service_fields()),
        success=_("L'audit est enregistré : ajoutez ses constats."),
        redirect_to=_audit_url,
        context={"supplier": supplier, "site": site, "audit": None},
    )


def _group_param(request) -> str:
    """The group a page was reached from (?groupement=<public id>), to preselect it; "" when
    missing or malformed."""
    value = request.GET.get("groupement", "")
    try:
        return str(uuid.UUID(value))
    except ValueError:
        return ""


@login_required
@require_GET
def audit_detail(request, public_id):
    user = request.user
    audit = _audit(request, public_id)
    editable = access.can_edit_audit(user, audit)
    return render(
        request,
        "network/supply_chain/audit_detail.html",
        {
            "audit": audit,
            "findings": selectors.audit_findings(audit),
            "can_edit": editable,
            "status_choices": FindingStatusForm.base_fields["status"].choices,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def audit_edit(request, public_id):
    user = request.user
    audit = _editable_audit(request, public_id)
    return form_page(
        request,
        form=AuditForm(request.POST or None, request.FILES or None, instance=audit, actor=user),
        template="network/supply_chain/audit_form.html",
        perform=lambda form: services.audit_update(
            actor=user, audit=audit, **form.service_fields()
        ),
        success=_("L'audit est modifié."),
        redirect_to=_audit_url(audit),
        context={"supplier": audit.site.supplier, "site": audit.site, "audit": audit},
    )


@login_required
@require_GET
def audit_report(request, public_id):
    return attachment_response(_audit(request, public_id).report)


# --- Findings ----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def finding_create(request, public_id):
    user = request.user
    audit = _editable_audit(request, public_id)
    return form_page(
        request,
        form=FindingForm(request.POST or None),
        template="network/supply_chain/finding_form.html",
        perform=lambda form: services.finding_add(actor=user, audit=audit, **form.service_fields()),
        success=_("Le constat est enregistré."),
        redirect_to=_audit_url(audit, "constats"),
        context={"audit": audit, "finding": None},
    )


@login_required
@require_http_methods(["GET", "POST"])
def finding_edit(request, public_id, pk):
    user = request.user
    audit, finding = _editable_finding(request, public_id, pk)
    return form_page(
        request,
        form=FindingForm(request.POST or None, instance=finding),
        template="network/supply_chain/finding_form.html",
        perform=lambda form: services.finding_update(
            actor=user, finding=finding, **form.service_fields()
        ),
        success=_("Le constat est modifié."),
        redirect_to=_audit_url(audit, f"constat-{finding.pk}"),
        context={"audit": audit, "finding": finding},
    )


@login_required
@require_POST
def finding_status(request, public_id, pk):
    user = request.user
    audit, finding = _editable_finding(request, public_id, pk)
    form = FindingStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choisissez l'état « Ouvert » ou « En cours de correction »."))
    else:
        try:
            finding = services.finding_status_change(
                actor=user, finding=finding, status=form.cleaned_data["status"]
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(
                request,
                _("Le constat est maintenant « %(status)s ».")
                % {"status": finding.get_status_display()},
            )
    return redirect(_audit_url(audit, f"constat-{finding.pk}"))


@login_required
@require_http_methods(["GET", "POST"])
def finding_close(request, public_id, pk):
    user = request.user
    audit, finding = _editable_finding(request, public_id, pk)
    return form_page(
        request,
        form=FindingCloseForm(request.POST or None, request.FILES or None),
        template="network/supply_chain/finding_close.html",
        perform=lambda form: services.finding_close(
            actor=user,
            finding=finding,
            evidence=form.cleaned_data["evidence"],
            closed_on=form.cleaned_data["closed_on"],
        ),
        success=_("Le constat est clos avec sa preuve de correction."),
        redirect_to=_audit_url(audit, f"constat-{finding.pk}"),
        context={"audit": audit, "finding": finding},
    )


@login_required
@require_GET
def finding_evidence(request, public_id, pk):
    audit = _audit(request, public_id)
    return attachment_response(_finding(request, audit, pk).evidence)
