"""Pages with which clause library administrators keep the reference data every organisation
shares: purchase families, eco-labels and CPV codes.

Every view checks the right first (403 for anyone else), before reading any row."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core.forms import add_service_errors

from . import reference_services as services
from . import selectors
from .access import ensure_can_manage_reference_data
from .models import Clause, CpvCode, EcoLabel, PurchaseFamily
from .reference_forms import CpvCodeForm, CpvSearchForm, EcoLabelForm, PurchaseFamilyForm
from .selectors import FieldChange, HistoryEntry

CPV_CODES_PER_PAGE = 50
# What a person types for the start of a code: digits, then maybe the hyphen and check digit.
HISTORY_LIMIT = 100


# Reads --------------------------------------------------------------------------------------


def families_list(*, viewer):
    """Every family, active or not, with the number of clauses the viewer can see that use it:
    one query whatever the number of families."""
    visible = Clause.objects.visible_to(viewer).values("pk")
    return PurchaseFamily.objects.annotate(
        clause_count=Count("clauses", filter=Q(clauses__in=visible), distinct=True)
    ).order_by("-is_active", "name")


def _display(field, value) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return _("Oui") if value else _("Non")
    if isinstance(value, list):
        return " ".join(str(item) for item in value)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    return str(value)


def reference_history(row, *, limit: int = HISTORY_LIMIT) -> list[HistoryEntry]:
    """Each recorded change of a family or eco-label, newest first, with the fields it changed
    against the record before it. One query."""
    records = list(
        row.history.select_related("history_user").order_by("-history_date", "-history_id")[
            : limit + 1
        ]
    )
    fields = {field.name: field for field in row._meta.concrete_fields}
    entries = []
    for index, record in enumerate(records[:limit]):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes = []
        if previous is not None:
            for change in record.diff_against(previous).changes:
                field = fields[change.field]
                changes.append(
                    FieldChange(
                        label=str(field.verbose_name),
                        old=_display(field, change.old),
                        new=_display(field, change.new),
                    )
                )
        entries.append(
            HistoryEntry(
                date=record.history_date,
                user=record.history_user,
                reason=record.history_change_reason or "",
                changes=changes,
            )
        )
    return entries


# Purchase families --------------------------------------------------------------------------


@require_GET
@login_required
def family_list(request):
    ensure_can_manage_reference_data(request.user)
    return render(
        request,
        "clauses/reference/family_list.html",
        {"families": families_list(viewer=request.user), "section": "families"},
    )


def _family_form_page(request, family: PurchaseFamily | None):
    form = PurchaseFamilyForm(request.POST or None, instance=family)
    if request.method == "POST" and form.is_valid():
        try:
            if family is None:
                family = services.family_create(actor=request.user, **form.service_fields())
                message = _("La famille d'achat « %(name)s » est créée.")
            else:
                services.family_update(actor=request.user, family=family, **form.service_fields())
                message = _(
                    "Les modifications de la famille d'achat « %(name)s » sont enregistrées."
                )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, message % {"name": family.name})
            return redirect("clauses:family-list")
    return render(
        request,
        "clauses/reference/family_form.html",
        {"form": form, "family": family, "section": "families"},
    )


@require_http_methods(["GET", "POST"])
@login_required
def family_create(request):
    ensure_can_manage_reference_data(request.user)
    return _family_form_page(request, None)


@require_http_methods(["GET", "POST"])
@login_required
def family_edit(request, code):
    ensure_can_manage_reference_data(request.user)
    return _family_form_page(request, get_object_or_404(PurchaseFamily, code=code))


@require_GET
@login_required
def family_history(request, code):
    ensure_can_manage_reference_data(request.user)
    family = get_object_or_404(PurchaseFamily, code=code)
    return render(
        request,
        "clauses/reference/history.html",
        {
            "row": family,
            "entries": reference_history(family),
            "section": "families",
            "list_url_name": "clauses:family-list",
            "list_title": _("Familles d'achat"),
        },
    )


# Eco-labels ---------------------------------------------------------------------------------


@require_GET
@login_required
def eco_label_list(request):
    ensure_can_manage_reference_data(request.user)
    return render(
        request,
        "clauses/reference/eco_label_list.html",
        {"eco_labels": EcoLabel.objects.order_by("name"), "section": "eco-labels"},
    )


def _eco_label_form_page(request, eco_label: EcoLabel | None):
    form = EcoLabelForm(request.POST or None, instance=eco_label)
    if request.method == "POST" and form.is_valid():
        try:
            if eco_label is None:
                eco_label = services.eco_label_create(actor=request.user, **form.service_fields())
                message = _("L'écolabel « %(name)s » est créé.")
            else:
                services.eco_label_update(
                    actor=request.user, eco_label=eco_label, **form.service_fields()
                )
                message = _("Les modifications de l'écolabel « %(name)s » sont enregistrées.")
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, message % {"name": eco_label.name})
            return redirect("clauses:eco-label-list")
    return render(
        request,
        "clauses/reference/eco_label_form.html",
        {"form": form, "eco_label": eco_label, "section": "eco-labels"},
    )


@require_http_methods(["GET", "POST"])
@login_required
def eco_label_create(request):
    ensure_can_manage_reference_data(request.user)
    return _eco_label_form_page(request, None)


@require_http_methods(["GET", "POST"])
@login_required
def eco_label_edit(request, code):
    ensure_can_manage_reference_data(request.user)
    return _eco_label_form_page(request, get_object_or_404(EcoLabel, code=code))


@require_GET
@login_required
def eco_label_history(request, code):
    ensure_can_manage_reference_data(request.user)
    eco_label = get_object_or_404(EcoLabel, code=code)
    return render(
        request,
        "clauses/reference/history.html",
        {
            "row": eco_label,
            "entries": reference_history(eco_label),
            "section": "eco-labels",
            "list_url_name": "clauses:eco-label-list",
            "list_title": _("Écolabels"),
        },
    )


# CPV codes ----------------------------------------------------------------------------------


@require_GET
@login_required
def cpv_list(request):
    ensure_can_manage_reference_data(request.user)
    search = CpvSearchForm(request.GET or None)
    query = search.cleaned_data["q"] if search.is_valid() else ""
    page = Paginator(selectors.cpv_codes_search(query=query), CPV_CODES_PER_PAGE).get_page(
        request.GET.get("page")
    )
    without_page = request.GET.copy()
    without_page.pop("page", None)
    return render(
        request,
        "clauses/reference/cpv_list.html",
        {
            "search": search,
            "searched": bool(query),
            "page": page,
            "query": without_page.urlencode(),
            # Without a search the page's count is already the total.
            "total": CpvCode.objects.count() if query else page.paginator.count,
            "section": "cpv",
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def cpv_create(request):
    ensure_can_manage_reference_data(request.user)
    form = CpvCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            cpv_code = services.cpv_code_create(actor=request.user, **form.service_fields())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("Le code CPV %(code)s est ajouté.") % {"code": cpv_code.code}
            )
            return redirect("clauses:cpv-list")
    return render(
        request,
        "clauses/reference/cpv_form.html",
        {"form": form, "cpv_code": None, "section": "cpv"},
    )


@require_http_methods(["GET", "POST"])
@login_required
def cpv_edit(request, code):
    ensure_can_manage_reference_data(request.user)
    cpv_code = get_object_or_404(CpvCode, code=code)
    form = CpvCodeForm(request.POST or None, instance=cpv_code)
    if request.method == "POST" and form.is_valid():
        try:
            services.cpv_code_update(actor=request.user, cpv_code=cpv_code, **form.service_fields())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Les libellés du code CPV %(code)s sont enregistrés.") % {"code": cpv_code.code},
            )
            return redirect("clauses:cpv-list")
    return render(
        request,
        "clauses/reference/cpv_form.html",
        {"form": form, "cpv_code": cpv_code, "section": "cpv"},
    )
