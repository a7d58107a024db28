"""Pages with which clause library administrators keep the reference data every organisation
shares: purchase families, eco-labels and CPV codes.

Every view checks the right first (403 for anyone else), before reading any row."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core.forms import add_service_errors
from core.ui import Tab
from core.views import form_page

from .. import access
from ..access import ensure_can_manage_reference_data
from ..forms.reference import CpvCodeForm, CpvSearchForm, EcoLabelForm, PurchaseFamilyForm
from ..models import EcoLabel, PurchaseFamily
from ..selectors import reference as selectors
from ..services import reference as services

CPV_CODES_PER_PAGE = 50


def _tabs() -> list[Tab]:
    """The three kinds of reference data, one tab each."""
    return [
        Tab("families", _("Familles d'achat"), reverse("clauses:family-list")),
        Tab("eco-labels", _("Écolabels"), reverse("clauses:eco-label-list")),
        Tab("cpv", _("Codes CPV"), reverse("clauses:cpv-list")),
    ]


def _page(request, template: str, section: str, context: dict):
    return render(
        request,
        f"clauses/reference/{template}",
        {**context, "section": section, "tabs": _tabs()},
    )


# Purchase families --------------------------------------------------------------------------


@login_required
@require_GET
def family_list(request):
    ensure_can_manage_reference_data(request.user)
    return _page(
        request,
        "family_list.html",
        "families",
        {"families": selectors.families_list(viewer=request.user)},
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
    return _page(request, "family_form.html", "families", {"form": form, "family": family})


@login_required
@require_http_methods(["GET", "POST"])
def family_create(request):
    ensure_can_manage_reference_data(request.user)
    return _family_form_page(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def family_edit(request, code):
    ensure_can_manage_reference_data(request.user)
    return _family_form_page(request, access.get_family_for_user(request.user, code))


@login_required
@require_GET
def family_history(request, code):
    ensure_can_manage_reference_data(request.user)
    family = access.get_family_for_user(request.user, code)
    return _page(
        request,
        "history.html",
        "families",
        {
            "row": family,
            "entries": selectors.reference_history(family),
            "list_url_name": "clauses:family-list",
            "list_title": _("Familles d'achat"),
        },
    )


# Eco-labels ---------------------------------------------------------------------------------


@login_required
@require_GET
def eco_label_list(request):
    ensure_can_manage_reference_data(request.user)
    return _page(
        request,
        "eco_label_list.html",
        "eco-labels",
        {"eco_labels": selectors.eco_labels_list(viewer=request.user)},
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
    return _page(
        request, "eco_label_form.html", "eco-labels", {"form": form, "eco_label": eco_label}
    )


@login_required
@require_http_methods(["GET", "POST"])
def eco_label_create(request):
    ensure_can_manage_reference_data(request.user)
    return _eco_label_form_page(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def eco_label_edit(request, code):
    ensure_can_manage_reference_data(request.user)
    return _eco_label_form_page(request, access.get_eco_label_for_user(request.user, code))


@login_required
@require_GET
def eco_label_history(request, code):
    ensure_can_manage_reference_data(request.user)
    eco_label = access.get_eco_label_for_user(request.user, code)
    return _page(
        request,
        "history.html",
        "eco-labels",
        {
            "row": eco_label,
            "entries": selectors.reference_history(eco_label),
            "list_url_name": "clauses:eco-label-list",
            "list_title": _("Écolabels"),
        },
    )


# CPV codes ----------------------------------------------------------------------------------


@login_required
@require_GET
def cpv_list(request):
    ensure_can_manage_reference_data(request.user)
    search = CpvSearchForm(request.GET or None)
    query = search.cleaned_data["q"] if search.is_valid() else ""
    codes = selectors.cpv_codes_search(query=query, viewer=request.user)
    page = Paginator(codes, CPV_CODES_PER_PAGE).get_page(request.GET.get("page"))
    without_page = request.GET.copy()
    without_page.pop("page", None)
    return _page(
        request,
        "cpv_list.html",
        "cpv",
        {
            "search": search,
            "searched": bool(query),
            "page": page,
            "query": without_page.urlencode(),
            # Without a search the page's count is already the total.
            "total": selectors.cpv_codes_count(viewer=request.user)
            if query
            else page.paginator.count,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
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
    return _page(request, "cpv_form.html", "cpv", {"form": form, "cpv_code": None})


@login_required
@require_http_methods(["GET", "POST"])
def cpv_edit(request, code):
    ensure_can_manage_reference_data(request.user)
    cpv_code = access.get_cpv_code_for_user(request.user, code)
    return form_page(
        request,
        form=CpvCodeForm(request.POST or None, instance=cpv_code),
        template="clauses/reference/cpv_form.html",
        perform=lambda form: services.cpv_code_update(
            actor=request.user, cpv_code=cpv_code, **form.service_fields()
        ),
        success=_("Les libellés du code CPV %(code)s sont enregistrés.") % {"code": cpv_code.code},
        redirect_to=reverse("clauses:cpv-list"),
        context={"cpv_code": cpv_code, "section": "cpv", "tabs": _tabs()},
    )
