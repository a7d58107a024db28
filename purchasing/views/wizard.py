"""The buyer's contract pages, in the order of the process: needs and lots, sustainable
development assessment, clauses, award criteria, summary and submission.

Whoever may read the contract reads every step; the forms are live only for a buyer of its
department while it is a draft or sent back (access.can_edit). Anyone else gets the pages
read-only and a 403 on any POST; the clause add / edit pages, which are forms only, are 403
for them. Writes go through services.py; a request that calls several services runs them in
one transaction, so a refusal leaves nothing half-written."""

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from clauses import parameters
from clauses.calculations import InsertionHours
from clauses.models import Clause
from clauses.selectors import library as clause_selectors
from clauses.services.library import clause_version_for_use
from core.access import ensure
from core.forms import add_service_errors
from core.numbers import parse_decimal
from core.views import action_redirect

from .. import access, rules
from ..forms.fields import cpv_search
from ..forms.wizard import (
    AssessmentForm,
    ClauseValuesForm,
    LibrarySearchForm,
    LotFormSet,
    NeedsForm,
    PlacementForm,
    criterion_formset,
    is_insertion,
    justification_forms,
    read_only,
    single_lot,
)
from ..models import EDITABLE_STATUSES, AppliedClause, Lot, Market, MarketStatus, Theme
from ..selectors.lifecycle import market_file
from ..selectors.wizard import Contract, contract_steps, legal_checks
from ..services import wizard as services

NEEDS, ASSESSMENT, CLAUSES, CRITERIA, SUMMARY = (
    "besoin",
    "evaluation",
    "clauses",
    "criteres",
    "synthese",
)
STEPS = (
    (NEEDS, gettext_lazy("Besoin"), "purchasing:step-needs"),
    (ASSESSMENT, gettext_lazy("Évaluation développement durable"), "purchasing:step-assessment"),
    (CLAUSES, gettext_lazy("Clauses"), "purchasing:step-clauses"),
    (CRITERIA, gettext_lazy("Critères d'attribution"), "purchasing:step-criteria"),
    (SUMMARY, gettext_lazy("Synthèse"), "purchasing:summary"),
)
STEP_URLS = {key: url_name for key, _label, url_name in STEPS}
STEP_TITLES = {key: label for key, label, _url_name in STEPS}
LIBRARY_RESULTS = 20
CONTINUE = "continuer"


@dataclass
class Step:
    key: str
    number: int
    label: str
    url: str
    current: bool
    missing: int
    complete: bool
    status_label: str = ""  # once submitted, the summary step says where the contract is


def _steps(market: Market | None, current: str, missing, clause_count: int = 0) -> list[Step]:
    """The five steps for the navigation: where each one is, and what it still lacks."""
    per_step = Counter(item.step for item in missing)
    submitted = market and market.status not in EDITABLE_STATUSES and market.get_status_display()
    steps = []
    for number, (key, label, url_name) in enumerate(STEPS, start=1):
        if market is None:
            url = reverse("purchasing:create") if key == NEEDS else ""
        else:
            url = reverse(url_name, kwargs={"pk": market.pk})
        if key == CLAUSES:
            complete = clause_count > 0
        elif key == SUMMARY:
            complete = market is not None and not missing
        else:
            complete = market is not None and not per_step[key]
        steps.append(
            Step(
                key=key,
                number=number,
                label=str(label),
                url=url,
                current=key == current,
                missing=per_step[key] if market is not None else 0,
                complete=complete,
                status_label=submitted if key == SUMMARY else "",
            )
        )
    return steps


def _market(request, pk) -> Market:
    return access.get_market_for_user(
        request.user,
        pk,
        queryset=Market.objects.select_related("department", "purchase_family", "main_cpv"),
    )


def _contract(request, pk, *, forms_only: bool = False) -> Contract:
    """The contract if the person may read it (404 / 403 otherwise); a POST, or any request
    to a page that is only a form, needs the right to edit it."""
    market = _market(request, pk)
    editable = access.can_edit(request.user, market)
    ensure(editable or not (forms_only or request.method == "POST"))
    return contract_steps(market=market, editable=editable)


def _read_only_reason(user, market: Market) -> str:
    if access.is_market_buyer(user, market):
        return _(
            "Ce marché est « %(status)s » : il ne se modifie qu'en brouillon ou après un renvoi "
            "par le conseiller."
        ) % {"status": market.get_status_display()}
    return _("Vous consultez ce marché : seul un acheteur de sa direction peut le modifier.")


def _page(request, template, contract: Contract | None, current: str, **context):
    market = contract.market if contract else None
    editable = contract.editable if contract else True
    context.update(
        market=market,
        editable=editable,
        read_only_reason="" if editable else _read_only_reason(request.user, market),
        steps=_steps(
            market,
            current,
            contract.missing if contract else [],
            len(contract.clauses) if contract else 0,
        ),
        step_title=STEP_TITLES[current],
    )
    return render(request, f"purchasing/wizard/{template}", context)


def _after_save(request, market: Market, current: str, following: str):
    """ "Enregistrer" stays on the step, "Enregistrer et continuer" goes to the next one."""
    step = following if CONTINUE in request.POST else current
    return redirect(STEP_URLS[step], pk=market.pk)


# --- Step 1: needs and lots ----------------------------------------------------------------


def _needs_page(request, contract: Contract | None):
    original = contract.market if contract else None
    form = NeedsForm(
        request.POST or None, market=original, search_url=reverse("purchasing:cpv-search")
    )
    formset = LotFormSet(
        request.POST or None, lots=contract.lots if contract else [], prefix="lots"
    )
    if contract and not contract.editable:
        formset.extra = 0
        read_only(form, formset)
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        fields = form.service_fields()
        # A contract the buyer does not divide is one lot, for the criteria and the award.
        lots = formset.rows() or [single_lot(fields["estimated_amount"])]
        failed_on = "needs"
        try:
            with transaction.atomic():
                # An unchanged part is not written again: history keeps real changes only.
                if original is None:
                    market = services.market_create(actor=request.user, **fields)
                elif form.has_changed():
                    market = services.market_update_needs(
                        actor=request.user, market=original, **fields
                    )
                else:
                    market = original
                failed_on = "lots"
                if original is None or not contract.lots or formset.has_changed():
                    services.lots_save(actor=request.user, market=market, lots=lots)
        except ValidationError as error:
            if failed_on == "lots":
                formset.add_service_errors(error)
            else:
                add_service_errors(form, error)
        else:
            if original is None:
                messages.success(
                    request,
                    _("Le marché %(reference)s est créé en brouillon.")
                    % {"reference": market.reference},
                )
            else:
                messages.success(request, _("Le besoin et les lots sont enregistrés."))
            return _after_save(request, market, NEEDS, ASSESSMENT)
    return _page(
        request,
        "needs.html",
        contract,
        NEEDS,
        form=form,
        formset=formset,
        cpv_matches=form.cpv_matches(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def market_create(request):
    ensure(access.can_create_markets(request.user))
    return _needs_page(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def step_needs(request, pk):
    return _needs_page(request, _contract(request, pk))


@login_required
@require_GET
def cpv_codes(request):
    """The CPV picker's suggestions: [{code, label}], 20 at most."""
    query = request.GET.get("q", "").strip()[:100]
    codes = cpv_search(query) if len(query) >= 2 else []
    return JsonResponse([{"code": code.code, "label": code.label} for code in codes], safe=False)


# --- Step 2: sustainable development assessment ------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def step_assessment(request, pk):
    contract = _contract(request, pk)
    form = AssessmentForm(request.POST or None, assessments=contract.assessments)
    if not contract.editable:
        read_only(form)
    if request.method == "POST" and form.is_valid():
        answers = form.changed_answers(contract.assessments)
        try:
            if answers:
                services.assessment_save(
                    actor=request.user, market=contract.market, answers=answers
                )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("L'évaluation développement durable est enregistrée."))
            return _after_save(request, contract.market, ASSESSMENT, CLAUSES)
    return _page(request, "assessment.html", contract, ASSESSMENT, form=form)


# --- Step 3: clauses -------------------------------------------------------------------------


@dataclass
class InsertionFigures:
    """The hours of an insertion clause and the figures they come from (`InsertionHours`),
    written the French way for the page."""

    hours: Decimal
    figures: InsertionHours

    @property
    def computed(self) -> Decimal | None:
        return self.figures.hours

    @property
    def formula(self) -> str:
        if self.computed is None:
            return ""
        figures = self.figures
        return _("%(amount)s € × %(share)s %% × %(rate)s %% ÷ %(cost)s €/h = %(hours)s h") % {
            "amount": parameters.format_number(figures.amount.quantize(Decimal("0.01"))),
            "share": parameters.format_number(figures.labour_share),
            "rate": parameters.format_number(figures.insertion_rate),
            "cost": parameters.format_number(figures.hourly_cost),
            "hours": parameters.format_number(self.computed),
        }

    @property
    def hours_display(self) -> str:
        return parameters.format_number(self.hours)

    @property
    def entered(self) -> bool:
        """The buyer typed hours other than what the formula gives."""
        return self.computed is not None and self.computed != self.hours


def insertion_figures(*, definitions, values: dict, amount, hours=None):
    """Figures of an insertion clause from its values (defaults for those left out), or None
    for another clause. `hours` are the committed hours when already known."""
    if not is_insertion(definitions):
        return None
    figures = InsertionHours.of(amount=amount, values=values, definitions=definitions)
    if hours is None:
        typed = values.get("hours")
        if typed in (None, ""):
            typed = next((d.get("default") for d in definitions if d["name"] == "hours"), None)
        hours = (parse_decimal(typed) if typed not in (None, "") else None) or figures.hours
    if hours is None:
        return None
    return InsertionFigures(hours=hours, figures=figures)


def _amount_for(market: Market, lot: Lot | None):
    """The amount an insertion clause applies to: its lot's, else the contract's."""
    return (lot.estimated_amount if lot is not None else None) or market.estimated_amount


def _applied_rows(market: Market, clauses: list[AppliedClause]) -> list[dict]:
    return [
        {
            "applied": applied,
            "insertion": insertion_figures(
                definitions=applied.clause_version.parameters,
                values=applied.values,
                amount=_amount_for(market, applied.lot),
                hours=rules.clause_insertion_hours(applied, market),
            ),
        }
        for applied in clauses
    ]


@login_required
@require_GET
def step_clauses(request, pk):
    contract = _contract(request, pk)
    market = contract.market
    suggestions = []
    if market.purchase_family_id or market.main_cpv_id:
        suggestions = clause_selectors.clause_suggestions(
            viewer=request.user,
            family=market.purchase_family,
            cpv=market.main_cpv.digits if market.main_cpv_id else "",
        )
    search = LibrarySearchForm(request.GET or None)
    results = None
    if search.is_valid() and search.cleaned_data["q"].strip():
        found = clause_selectors.clause_search(
            viewer=request.user, query=search.cleaned_data["q"]
        ).usable()[:LIBRARY_RESULTS]
        results = clause_selectors.with_texts(viewer=request.user, clauses=found)
    return _page(
        request,
        "clauses.html",
        contract,
        CLAUSES,
        suggestions=suggestions,
        search=search,
        results=results,
        applied_clause_ids={applied.clause_version.clause_id for applied in contract.clauses},
        applied_rows=_applied_rows(market, contract.clauses),
        library_limit=LIBRARY_RESULTS,
    )


def _clause_values_page(request, contract: Contract, *, version, applied=None, clause=None):
    market = contract.market
    placement = PlacementForm(
        request.POST or None,
        lots=contract.lots,
        prefix="placement",
        initial={"lot": applied.lot_id if applied else None},
    )
    lot = applied.lot if applied else None
    if placement.is_bound and placement.is_valid():
        lot = placement.chosen_lot()
    values_form = ClauseValuesForm(
        request.POST or None,
        definitions=version.parameters,
        amount=_amount_for(market, lot),
        initial=ClauseValuesForm.initial_for(version.parameters, applied.values)
        if applied
        else None,
    )
    preview = None
    if request.method == "POST" and placement.is_valid() and values_form.is_valid():
        values = values_form.values
        if "apercu" in request.POST:
            preview = version.render(values)
        else:
            try:
                if applied is None:
                    services.applied_clause_add(
                        actor=request.user, market=market, clause=clause, lot=lot, values=values
                    )
                else:
                    services.applied_clause_update(
                        actor=request.user, applied=applied, values=values, lot=lot
                    )
            except ValidationError as error:
                add_service_errors(values_form, error)
            else:
                if applied is None:
                    message = _("La clause « %(title)s » est ajoutée au marché.")
                else:
                    message = _("La clause « %(title)s » est enregistrée.")
                messages.success(request, message % {"title": version.title})
                return redirect(reverse("purchasing:step-clauses", kwargs={"pk": market.pk}))
    raw = {name: values_form[name].value() for name in values_form.fields}
    if values_form.computed_hours is not None:
        raw["hours"] = values_form.computed_hours
    elif values_form.insertion and not (raw.get("hours") or "").strip():
        raw["hours"] = values_form.initial_hours()
    if preview is None:
        if applied is not None and not values_form.is_bound:
            preview = applied.rendered_text
        else:
            try:
                preview = version.render({k: v for k, v in raw.items() if v not in (None, "")})
            except ValidationError:
                preview = parameters.render_preview(version.body, version.parameters)
    return _page(
        request,
        "clause_form.html",
        contract,
        CLAUSES,
        version=version,
        clause=clause or version.clause,
        applied=applied,
        placement=placement,
        values_form=values_form,
        preview=preview,
        insertion=insertion_figures(
            definitions=version.parameters, values=raw, amount=_amount_for(market, lot)
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def clause_add(request, pk, clause_pk):
    contract = _contract(request, pk, forms_only=True)
    clause = get_object_or_404(Clause.objects.visible_to(request.user).usable(), pk=clause_pk)
    version = clause_version_for_use(clause=clause)
    return _clause_values_page(request, contract, version=version, clause=clause)


def _applied(contract: Contract, applied_pk) -> AppliedClause:
    for applied in contract.clauses:
        if applied.pk == applied_pk:
            return applied
    raise Http404


@login_required
@require_http_methods(["GET", "POST"])
def clause_edit(request, pk, applied_pk):
    contract = _contract(request, pk, forms_only=True)
    applied = _applied(contract, applied_pk)
    return _clause_values_page(request, contract, version=applied.clause_version, applied=applied)


@login_required
@require_POST
def clause_remove(request, pk, applied_pk):
    contract = _contract(request, pk)
    applied = _applied(contract, applied_pk)
    return action_redirect(
        request,
        reverse("purchasing:step-clauses", kwargs={"pk": contract.market.pk}),
        lambda: services.applied_clause_remove(actor=request.user, applied=applied),
        _("La clause « %(title)s » est retirée du marché.")
        % {"title": applied.clause_version.title},
    )


# --- Step 4: award criteria and art. 35 ---------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def step_criteria(request, pk):
    contract = _contract(request, pk)
    market = contract.market
    data = request.POST or None
    formsets = [
        (lot, criterion_formset(data, lot=lot, extra=1 if lot.criteria.all() else 3))
        for lot in contract.lots
    ]
    checks = legal_checks(contract=contract)
    justifications = justification_forms(data, market=market, checks=checks)
    if not contract.editable:
        for _lot, formset in formsets:
            formset.extra = 0
        read_only(*(formset for _lot, formset in formsets), *justifications.values())
    if request.method == "POST":
        # Every lot is checked, so that each shows its own errors.
        refused_lots = [lot for lot, formset in formsets if not formset.is_valid()]
        refused = [form for form in justifications.values() if not form.is_valid()]
        if not refused and not refused_lots:
            touched = [(lot, formset) for lot, formset in formsets if not formset.untouched()]
            changed = {n: f.cleaned_data[n] for n, f in justifications.items() if f.has_changed()}
            try:
                services.criteria_save_all(
                    actor=request.user,
                    market=market,
                    criteria_by_lot={lot: formset.rows() for lot, formset in touched},
                    **changed,
                )
            except ValidationError as error:
                _criteria_errors(error, touched, justifications)
            else:
                messages.success(request, _("Les critères d'attribution sont enregistrés."))
                return _after_save(request, market, CRITERIA, SUMMARY)
    return _page(
        request,
        "criteria.html",
        contract,
        CRITERIA,
        formsets=formsets,
        checks=checks,
        climate_gaps=checks.climate_gaps,
        justifications=justifications,
    )


def _criteria_errors(error: ValidationError, touched, justifications: dict) -> None:
    """Each lot's faults under its criteria, each justification's under its field; a refusal
    of the whole contract under every lot that was changed."""
    if not hasattr(error, "error_dict"):
        for _lot, formset in touched:
            formset.add_service_errors(error)
        return
    for lot, formset in touched:
        if lot in error.error_dict:
            formset.add_service_errors(ValidationError(error.error_dict[lot]))
    for name, form in justifications.items():
        if name in error.error_dict:
            add_service_errors(form, ValidationError(error.error_dict[name]))


# --- Step 5: summary and submission ------------------------------------------------------------


@login_required
@require_GET
def summary(request, pk):
    market = _market(request, pk)
    file = market_file(market=market)
    missing = [
        {"item": item, "url": reverse(STEP_URLS[item.step], kwargs={"pk": market.pk})}
        for item in file.missing
    ]
    editable = access.can_edit(request.user, market)
    return render(
        request,
        "purchasing/wizard/summary.html",
        {
            "market": market,
            "file": file,
            "extra_cpvs": list(market.extra_cpvs.all()),
            "assessment_rows": [(theme, file.assessments.get(theme.value)) for theme in Theme],
            "applied_rows": _applied_rows(market, file.clauses),
            "missing": missing,
            "editable": editable,
            "can_submit": editable,
            "read_only_reason": "" if editable else _read_only_reason(request.user, market),
            "steps": _steps(market, SUMMARY, file.missing, len(file.clauses)),
            "step_title": STEP_TITLES[SUMMARY],
            "sent_back": market.status == MarketStatus.SENT_BACK,
        },
    )


@login_required
@require_POST
def submit(request, pk):
    market = _market(request, pk)
    return action_redirect(
        request,
        reverse("purchasing:summary", kwargs={"pk": market.pk}),
        lambda: services.market_submit(actor=request.user, market=market),
        _("Le marché %(reference)s est soumis à la revue du conseiller achats responsables.")
        % {"reference": market.reference},
    )
