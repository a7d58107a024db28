"""The contract page, the advisor's review and the life of a contract after approval:
publication, award per lot, execution follow-up with its evidence files, closure, abandonment.

Whoever may read a contract reads its page (access.get_market_for_user: 404 outside the
organisation, 403 inside without the right). Each action is checked again here for the role
(403), and the service called decides on the status: its French message is shown and nothing
changes. The buttons of the page are a courtesy computed from the same roles."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.access import ensure
from core.files import attachment_response
from core.forms import add_service_errors
from core.views import action_redirect, form_page

from .. import access, documents, rules
from ..forms.lifecycle import (
    AbandonForm,
    AwardForm,
    CommentForm,
    FollowUpForm,
    OptionalCommentForm,
    PublishForm,
    SendBackForm,
)
from ..models import (
    EDITABLE_STATUSES,
    FOLLOW_UP_STATUSES,
    TRANSITIONS,
    ExecutionFollowUp,
    Market,
    Theme,
)
from ..selectors import lifecycle as selectors
from ..services import lifecycle as services

QUEUE_PER_PAGE = 50
# The steps the page offers as buttons or forms (`models.TRANSITIONS`).
STEPS = ("send_back", "approve", "publish", "award", "start_execution", "close", "abandon")


@dataclass(frozen=True)
class Actions:
    """What the viewer may do on the contract now."""

    edit: bool
    comment: bool
    send_back: bool
    approve: bool
    publish: bool
    award: bool
    start_execution: bool
    follow_up: bool
    close: bool
    abandon: bool

    @property
    def any_transition(self) -> bool:
        return any(
            (
                self.send_back,
                self.approve,
                self.publish,
                self.start_execution,
                self.close,
                self.abandon,
            )
        )


def _actions(user, market: Market) -> Actions:
    """The services decide; this only spares people a button that would be refused."""
    return Actions(
        edit=access.can_edit(user, market),
        comment=access.can_comment(user, market),
        follow_up=access.can_follow_up(user, market),
        **{step: access.can_take(user, market, step) for step in STEPS},
    )


def _market(request, pk) -> Market:
    return access.get_market_for_user(
        request.user,
        pk,
        queryset=Market.objects.select_related(
            "department", "buyer", "purchase_family", "main_cpv"
        ),
    )


def _detail_url(market: Market, anchor: str = "") -> str:
    url = reverse("purchasing:detail", kwargs={"pk": market.pk})
    return f"{url}#{anchor}" if anchor else url


def _unavailable(request, market: Market, allowed) -> HttpResponse | None:
    """A form page asked for in a status where its action is refused: back to the contract
    (None when the status allows it, or for a POST: the service refuses it with its message)."""
    if request.method != "GET" or market.status in allowed:
        return None
    messages.error(
        request,
        _("Cette action n'est pas possible : le marché est « %(status)s ».")
        % {"status": market.get_status_display()},
    )
    return redirect(_detail_url(market))


def _form_page(request, market, *, title, template, anchor="", context=None, **arguments):
    """A form page of a step (`core.views.form_page`): done → back to the contract."""
    return form_page(
        request,
        template=f"purchasing/lifecycle/{template}",
        redirect_to=_detail_url(market, anchor),
        context={"market": market, "page_title": title, **(context or {})},
        **arguments,
    )


# --- The contract page ------------------------------------------------------------------------


def _render_detail(request, market: Market, *, comment_form=None):
    file = selectors.market_file(market=market)
    clauses = [(clause, rules.clause_insertion_hours(clause, market)) for clause in file.clauses]
    assessments = [(theme, file.assessments.get(theme.value)) for theme in Theme]
    actions = _actions(request.user, market)
    return render(
        request,
        "purchasing/lifecycle/detail.html",
        {
            "market": market,
            "file": file,
            "clauses": clauses,
            "assessments": assessments,
            "extra_cpvs": list(market.extra_cpvs.all()),
            "actions": actions,
            "comment_form": comment_form or (CommentForm() if actions.comment else None),
            "close_form": OptionalCommentForm(prefix="cloture"),
            "approve_form": OptionalCommentForm(prefix="validation"),
            "preparing": market.status in EDITABLE_STATUSES,
        },
    )


@login_required
@require_GET
def market_detail(request, pk):
    return _render_detail(request, _market(request, pk))


@login_required
@require_GET
def clauses_document(request, pk, file_format):
    """The chosen clauses as an ODT or DOCX extract, for whoever reads the contract."""
    if file_format not in documents.FORMATS:
        raise Http404
    market = _market(request, pk)
    lots, clauses = selectors.market_clauses(market=market)
    write, content_type = documents.FORMATS[file_format]
    extract = documents.clause_extract(market=market, lots=lots, clauses=clauses)
    response = HttpResponse(write(extract), content_type=content_type)
    name = f"clauses-{slugify(market.reference) or market.pk}.{file_format}"
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


# --- Review -----------------------------------------------------------------------------------


@login_required
@require_GET
def review_queue(request):
    user = request.user
    ensure(access.can_review_markets(user))
    page = Paginator(selectors.review_queue(viewer=user), QUEUE_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "purchasing/lifecycle/review_queue.html", {"page": page})


@login_required
@require_POST
def comment_add(request, pk):
    market = _market(request, pk)
    user = request.user
    ensure(access.can_comment(user, market))
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.review_comment_add(
                actor=user,
                market=market,
                text=form.cleaned_data["text"],
                section=form.cleaned_data["section"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Votre commentaire est enregistré."))
            return redirect(_detail_url(market, "commentaires"))
    return _render_detail(request, market, comment_form=form)


@login_required
@require_http_methods(["GET", "POST"])
def send_back(request, pk):
    market = _market(request, pk)
    ensure(access.holds_role_for(request.user, market, "send_back"))
    if refused := _unavailable(request, market, TRANSITIONS["send_back"].sources):
        return refused
    return _form_page(
        request,
        market,
        title=_("Renvoyer à l'acheteur"),
        form=SendBackForm(request.POST or None),
        template="send_back.html",
        perform=lambda form: services.market_send_back(
            actor=request.user, market=market, comment=form.cleaned_data["comment"]
        ),
        success=_("Le marché est renvoyé à l'acheteur avec votre commentaire."),
    )


@login_required
@require_POST
def approve(request, pk):
    market = _market(request, pk)
    ensure(access.holds_role_for(request.user, market, "approve"))
    form = OptionalCommentForm(request.POST, prefix="validation")
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    return action_redirect(
        request,
        _detail_url(market),
        lambda: services.market_approve(actor=request.user, market=market, comment=comment),
        _("Le marché est validé : l'acheteur peut le publier."),
    )


# --- Publication, award, execution ------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def publish(request, pk):
    market = _market(request, pk)
    ensure(access.holds_role_for(request.user, market, "publish"))
    if refused := _unavailable(request, market, TRANSITIONS["publish"].sources):
        return refused
    return _form_page(
        request,
        market,
        title=_("Publication"),
        form=PublishForm(request.POST or None),
        template="publish.html",
        perform=lambda form: services.market_publish(
            actor=request.user,
            market=market,
            published_on=form.cleaned_data["published_on"],
            publication_reference=form.cleaned_data["publication_reference"],
        ),
        success=_("La publication du marché est enregistrée."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def award(request, pk, lot_pk):
    market = _market(request, pk)
    ensure(access.holds_role_for(request.user, market, "award"))
    lot = get_object_or_404(market.lots.select_related("award__supplier"), pk=lot_pk)
    if refused := _unavailable(request, market, TRANSITIONS["award"].sources):
        return refused
    current = getattr(lot, "award", None)
    form = AwardForm(request.POST or None, initial=AwardForm.initial_for(current))
    return _form_page(
        request,
        market,
        title=_("Attribution du lot %(number)s") % {"number": lot.number},
        form=form,
        template="award.html",
        perform=lambda form: services.award_save(
            actor=request.user, lot=lot, **form.service_arguments()
        ),
        success=_("L'attribution du lot %(number)s est enregistrée.") % {"number": lot.number},
        anchor="lots",
        context={"lot": lot, "current": current},
    )


@login_required
@require_POST
def start_execution(request, pk):
    market = _market(request, pk)
    ensure(access.holds_role_for(request.user, market, "start_execution"))
    return action_redirect(
        request,
        _detail_url(market),
        lambda: services.market_start_execution(actor=request.user, market=market),
        _("Le marché est en exécution : saisissez le suivi de ses clauses."),
    )


def _follow_up_to_edit(request, applied) -> ExecutionFollowUp | None:
    raw = request.GET.get("suivi")
    if raw is None:
        return None
    if not raw.isdigit():
        raise Http404
    return get_object_or_404(applied.follow_ups.all(), pk=int(raw))


@login_required
@require_http_methods(["GET", "POST"])
def follow_up(request, pk, applied_pk):
    market = _market(request, pk)
    ensure(access.is_market_buyer(request.user, market))
    applied = get_object_or_404(
        market.clauses.select_related("clause_version__clause", "lot"), pk=applied_pk
    )
    editing = _follow_up_to_edit(request, applied)
    if refused := _unavailable(request, market, FOLLOW_UP_STATUSES):
        return refused
    form = FollowUpForm(request.POST or None, request.FILES or None, follow_up=editing)
    return _form_page(
        request,
        market,
        title=_("Suivi d'exécution"),
        form=form,
        template="follow_up.html",
        perform=lambda form: services.follow_up_save(
            actor=request.user, applied=applied, follow_up=editing, **form.service_arguments()
        ),
        success=_("Le suivi d'exécution est enregistré."),
        anchor=f"clause-{applied.pk}",
        context={
            "applied": applied,
            "editing": editing,
            "follow_ups": list(applied.follow_ups.select_related("recorded_by")),
        },
    )


@login_required
@require_GET
def evidence(request, pk, follow_up_pk):
    """The evidence file, as an attachment, to whoever may read the contract; the media
    directory itself is never served."""
    market = _market(request, pk)
    row = get_object_or_404(
        ExecutionFollowUp.objects.filter(applied_clause__market=market), pk=follow_up_pk
    )
    return attachment_response(row.evidence)


@login_required
@require_POST
def close(request, pk):
    market = _market(request, pk)
    ensure(access.holds_role_for(request.user, market, "close"))
    form = OptionalCommentForm(request.POST, prefix="cloture")
    comment = form.cleaned_data["comment"].strip() if form.is_valid() else ""
    return action_redirect(
        request,
        _detail_url(market),
        lambda: services.market_close(actor=request.user, market=market, comment=comment),
        _("Le marché est clos."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def abandon(request, pk):
    market = _market(request, pk)
    ensure(access.holds_role_for(request.user, market, "abandon"))
    if refused := _unavailable(request, market, TRANSITIONS["abandon"].sources):
        return refused
    return _form_page(
        request,
        market,
        title=_("Abandonner le marché"),
        form=AbandonForm(request.POST or None),
        template="abandon.html",
        perform=lambda form: services.market_abandon(
            actor=request.user, market=market, reason=form.cleaned_data["reason"]
        ),
        success=_("Le marché est abandonné."),
    )
