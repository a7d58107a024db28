"""Purchasing groups: the list, a group's page (members, contracts, suppliers, audits, open
findings by severity, overdue corrective actions), its creation and changes, members and
contracts.

A group of which the person's organisation is not a member does not exist for them (404,
access.get_group_for_user); a member whose role takes no part in groups, or who may not make
the change asked, is refused (403). The services decide again; their message is shown."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.models import Organisation
from core.access import ensure
from core.forms import add_service_errors
from core.views import action_redirect

from .. import access
from ..forms.groups import ContractAttachForm, GroupForm, MemberAddForm
from ..forms.supply_chain import PeriodForm
from ..models import GroupMembership
from ..selectors import groups as selectors
from ..services import groups as services

GROUPS_PER_PAGE = 50


def _group(request, public_id):
    """The group if the person's organisation takes part in it (404), for a role that follows
    groups (403)."""
    group = access.get_group_for_user(request.user, public_id)
    ensure(access.can_follow_groups(request.user))
    return group


@login_required
@require_GET
def group_list(request):
    user = request.user
    ensure(access.can_follow_groups(user))
    page = Paginator(selectors.group_list(viewer=user), GROUPS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "network/groups/list.html",
        {"page": page, "can_create": access.can_manage_groups(user)},
    )


@login_required
@require_GET
def group_detail(request, public_id):
    user = request.user
    group = _group(request, public_id)
    period = PeriodForm(request.GET or None)
    start, end = period.period()
    data = selectors.group_page(group=group, viewer=user, start=start, end=end)
    return render(
        request,
        "network/groups/detail.html",
        {
            "group": group,
            "data": data,
            "period_form": period,
            "can_manage": access.can_manage_groups(user, group),
            "can_manage_contracts": access.can_manage_contracts(user, group),
            "can_record_audits": access.can_record_audits(user),
        },
    )


def _group_form_page(request, group):
    user = request.user
    form = GroupForm(request.POST or None, instance=group, actor=user)
    if request.method == "POST" and form.is_valid():
        try:
            if group is None:
                group = services.group_create(actor=user, **form.service_fields())
                message = _("Le groupement « %(name)s » est créé.")
            else:
                group = services.group_update(actor=user, group=group, **form.service_fields())
                message = _("Les modifications du groupement « %(name)s » sont enregistrées.")
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, message % {"name": group.name})
            return redirect("network:group-detail", public_id=group.public_id)
    return render(request, "network/groups/form.html", {"form": form, "group": group})


@login_required
@require_http_methods(["GET", "POST"])
def group_create(request):
    access.ensure_can_manage_groups(request.user)
    return _group_form_page(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def group_edit(request, public_id):
    group = _group(request, public_id)
    access.ensure_can_manage_groups(request.user, group)
    return _group_form_page(request, group)


@login_required
@require_http_methods(["GET", "POST"])
def group_members(request, public_id):
    user = request.user
    group = _group(request, public_id)
    access.ensure_can_manage_groups(user, group)
    form = MemberAddForm(request.POST or None, group=group)
    if request.method == "POST" and form.is_valid():
        organisation = form.cleaned_data["organisation"]
        try:
            services.group_member_add(
                actor=user,
                group=group,
                organisation=organisation,
                joined_on=form.cleaned_data["joined_on"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("%(organisation)s est membre du groupement.")
                % {"organisation": organisation.name},
            )
            return redirect("network:group-members", public_id=group.public_id)
    return render(
        request,
        "network/groups/members.html",
        {
            "group": group,
            "form": form,
            "memberships": list(
                GroupMembership.objects.visible_to(user)
                .filter(group=group)
                .select_related("organisation")
                .order_by("organisation__name")
            ),
        },
    )


@login_required
@require_POST
def group_member_remove(request, public_id, organisation_pk):
    user = request.user
    group = _group(request, public_id)
    access.ensure_can_manage_groups(user, group)
    organisation = get_object_or_404(
        Organisation.objects.filter(pk__in=group.memberships.values("organisation_id")),
        pk=organisation_pk,
    )
    return action_redirect(
        request,
        reverse("network:group-members", kwargs={"public_id": group.public_id}),
        lambda: services.group_member_remove(actor=user, group=group, organisation=organisation),
        _("%(organisation)s ne fait plus partie du groupement.")
        % {"organisation": organisation.name},
    )


@login_required
@require_http_methods(["GET", "POST"])
def group_contracts(request, public_id):
    user = request.user
    group = _group(request, public_id)
    ensure(access.can_manage_contracts(user, group))
    form = ContractAttachForm(request.POST or None, group=group)
    if request.method == "POST" and form.is_valid():
        try:
            services.group_contract_attach(actor=user, group=group, market=form.market)
        except PermissionDenied:
            form.add_error(
                "reference",
                _(
                    "Seuls les gestionnaires du groupement et l'acheteur du marché peuvent le "
                    "rattacher."
                ),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Le marché %(reference)s est rattaché au groupement.")
                % {"reference": form.market.reference},
            )
            return redirect("network:group-contracts", public_id=group.public_id)
    return render(
        request,
        "network/groups/contracts.html",
        {
            "group": group,
            "form": form,
            "links": list(
                group.contracts.select_related("market__buyer", "added_by").order_by(
                    "market__reference"
                )
            ),
            "suggestions": selectors.attachable_contracts(group=group, viewer=user),
            "can_manage": access.can_manage_groups(user, group),
        },
    )


@login_required
@require_POST
def group_contract_detach(request, public_id, market_pk):
    user = request.user
    group = _group(request, public_id)
    link = get_object_or_404(group.contracts.select_related("market"), market_id=market_pk)
    market = link.market
    ensure(access.can_manage_contracts(user, group))
    return action_redirect(
        request,
        reverse("network:group-contracts", kwargs={"public_id": group.public_id}),
        lambda: services.group_contract_detach(actor=user, group=group, market=market),
        _("Le marché %(reference)s n'est plus rattaché au groupement.")
        % {"reference": market.reference},
    )
