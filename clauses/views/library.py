from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.forms import add_service_errors
from core.views import action_redirect

from .. import access, parameters
from ..forms.library import (
    ClauseForm,
    ClauseSearchForm,
    ParameterFormSet,
    ParameterValuesForm,
    SuggestionForm,
)
from ..models import Clause, ClauseStatus
from ..selectors import library as selectors
from ..services import library as services

CLAUSES_PER_PAGE = 20


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@login_required
@require_GET
def clause_list(request):
    manager = access.can_manage_clauses(request.user)
    filters = ClauseSearchForm(request.GET or None, manager=manager)
    criteria = filters.criteria() if filters.is_valid() else {}
    if filters.is_bound and not filters.is_valid():
        clauses = Clause.objects.none()
    else:
        clauses = selectors.clause_search(viewer=request.user, **criteria)
    page = Paginator(clauses, CLAUSES_PER_PAGE).get_page(request.GET.get("page"))
    page.object_list = selectors.with_texts(viewer=request.user, clauses=page.object_list)
    return render(
        request,
        "clauses/library/clause_list.html",
        {
            "page": page,
            "filters": filters,
            "query": _query_without_page(request),
            "can_manage": manager,
        },
    )


@login_required
@require_GET
def clause_suggestions(request):
    form = SuggestionForm(request.GET or None)
    suggestions, cpv_code = None, None
    if form.is_valid():
        cpv_code = form.cpv_code()
        suggestions = selectors.clause_suggestions(
            viewer=request.user,
            family=form.cleaned_data["family"],
            cpv=form.cleaned_data["cpv"],
        )
    return render(
        request,
        "clauses/library/clause_suggestions.html",
        {"form": form, "suggestions": suggestions, "cpv_code": cpv_code},
    )


@login_required
@require_GET
def clause_detail(request, pk):
    clause = access.get_clause_for_user(request.user, pk)
    text = selectors.clause_text(viewer=request.user, clause=clause)
    values_form = ParameterValuesForm(
        request.GET if "essai" in request.GET else None, definitions=text.parameters
    )
    rendered = None
    if values_form.is_bound:
        if values_form.is_valid():
            rendered = parameters.render(text.body, text.parameters, values_form.values)
    else:
        rendered = parameters.render_preview(text.body, text.parameters)
    is_owner_admin = selectors.reads_live_text(request.user, clause)
    versions = list(selectors.clause_versions(clause=clause)) if is_owner_admin else []
    return render(
        request,
        "clauses/library/clause_detail.html",
        {
            "clause": clause,
            "text": text,
            "values_form": values_form,
            "rendered": rendered,
            "versions": versions,
            "is_owner_admin": is_owner_admin,
            "is_own_organisation": clause.organisation_id == request.user.organisation_id,
            "badges": selectors.clause_badges(viewer=request.user, clause=clause),
            "can_copy": access.can_manage_clauses(request.user) and clause.is_usable,
            "has_draft_changes": is_owner_admin
            and clause.current_version_id
            and clause.status == ClauseStatus.DRAFT,
        },
    )


def _clause_form_page(request, clause: Clause | None):
    form = ClauseForm(request.POST or None, instance=clause)
    formset = ParameterFormSet(
        request.POST or None,
        definitions=clause.parameters if clause else [],
        prefix="parametres",
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        fields = form.service_fields()
        fields["parameters"] = formset.definitions()
        try:
            if clause is None:
                clause = services.clause_create(actor=request.user, **fields)
            else:
                fields.pop("code", None)
                services.clause_update(actor=request.user, clause=clause, **fields)
        except ValidationError as error:
            # Faults of the definitions show above the parameters, the others on their field.
            if hasattr(error, "error_dict"):
                formset.add_service_errors(error.error_dict.pop("parameters", []))
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("La clause %(code)s est enregistrée en brouillon.") % {"code": clause.code},
            )
            return redirect("clauses:detail", pk=clause.pk)
    return render(
        request,
        "clauses/library/clause_form.html",
        {"form": form, "formset": formset, "clause": clause},
    )


@login_required
@require_http_methods(["GET", "POST"])
def clause_create(request):
    access.ensure_can_manage_clauses(request.user)
    return _clause_form_page(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def clause_edit(request, pk):
    clause = access.get_clause_for_user(request.user, pk)
    access.ensure_can_manage_clauses(request.user, clause)
    if clause.status == ClauseStatus.RETIRED:
        messages.error(request, _("Une clause retirée ne se modifie plus."))
        return redirect("clauses:detail", pk=clause.pk)
    return _clause_form_page(request, clause)


@login_required
@require_http_methods(["GET", "POST"])
def clause_approve(request, pk):
    """GET says what approving does and asks to confirm (no script needed); POST approves."""
    clause = access.get_clause_for_user(request.user, pk)
    access.ensure_can_manage_clauses(request.user, clause)
    if request.method == "GET":
        last = clause.latest_version()
        return render(
            request,
            "clauses/library/clause_approve.html",
            {"clause": clause, "number": last.number + 1 if last else 1, "replaces": last},
        )
    try:
        version = services.clause_approve(actor=request.user, clause=clause)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("La clause %(code)s est approuvée : version %(number)d.")
            % {"code": clause.code, "number": version.number},
        )
    return redirect("clauses:detail", pk=clause.pk)


@login_required
@require_http_methods(["GET", "POST"])
def clause_retire(request, pk):
    clause = access.get_clause_for_user(request.user, pk)
    access.ensure_can_manage_clauses(request.user, clause)
    if request.method == "POST":
        return action_redirect(
            request,
            reverse("clauses:detail", kwargs={"pk": clause.pk}),
            lambda: services.clause_retire(actor=request.user, clause=clause),
            _(
                "La clause %(code)s est retirée : les nouveaux marchés ne peuvent plus "
                "l'utiliser ; les marchés existants gardent leur version."
            )
            % {"code": clause.code},
        )
    return render(request, "clauses/library/clause_retire.html", {"clause": clause})


@login_required
@require_POST
def clause_copy(request, pk):
    source = access.get_clause_for_user(request.user, pk)
    access.ensure_can_manage_clauses(request.user)
    try:
        copy = services.clause_copy(actor=request.user, source=source)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("clauses:detail", pk=source.pk)
    messages.success(
        request,
        _(
            "La clause est copiée dans votre bibliothèque sous le code %(code)s, en brouillon : "
            "adaptez-la puis approuvez-la."
        )
        % {"code": copy.code},
    )
    return redirect("clauses:detail", pk=copy.pk)


def _clause_for_its_administrators(request, pk) -> Clause:
    """History and versions are the owners' working pages."""
    clause = access.get_clause_for_user(request.user, pk)
    access.ensure_can_manage_clauses(request.user, clause)
    return clause


@login_required
@require_GET
def clause_history(request, pk):
    clause = _clause_for_its_administrators(request, pk)
    return render(
        request,
        "clauses/library/clause_history.html",
        {"clause": clause, "entries": selectors.clause_history(clause=clause)},
    )


@login_required
@require_GET
def version_detail(request, pk, number):
    clause = access.get_clause_for_user(request.user, pk)
    version = get_object_or_404(clause.versions.select_related("approved_by"), number=number)
    if not selectors.reads_live_text(request.user, clause) and version != clause.current_version:
        # Other readers know the version in force only.
        raise Http404
    return render(
        request,
        "clauses/library/version_detail.html",
        {
            "clause": clause,
            "version": version,
            "preview": parameters.render_preview(version.body, version.parameters),
        },
    )


@login_required
@require_GET
def versions_compare(request, pk):
    clause = _clause_for_its_administrators(request, pk)
    versions = list(selectors.clause_versions(clause=clause))
    by_number = {str(version.number): version for version in versions}
    if len(versions) < 2:
        messages.info(request, _("Il faut au moins deux versions approuvées pour comparer."))
        return redirect("clauses:detail", pk=clause.pk)
    old = by_number.get(request.GET.get("de"), versions[1])
    new = by_number.get(request.GET.get("a"), versions[0])
    return render(
        request,
        "clauses/library/versions_compare.html",
        {
            "clause": clause,
            "versions": versions,
            "old": old,
            "new": new,
            "diffs": selectors.versions_compare(old=old, new=new),
        },
    )
