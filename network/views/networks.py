"""Pages of the network itself: the home page with its calendar, the network's presentation,
the members and their contacts; and what the meetings' and projects' pages share (the networks
one takes part in or coordinates, the section's tabs).

Every page first finds its object among those the person may see (access: 404 outside the
network), then checks the role an action needs (403); the service called decides on the rest
and its French message is shown. Buttons are a courtesy computed from the same rules."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.models import Organisation
from core.access import ensure
from core.ui import Tab
from core.views import action_redirect, form_page

from .. import access
from ..forms.networks import ContactForm, MembershipAddForm, MembershipForm, NetworkForm
from ..models import Network, NetworkContact, NetworkMembership
from ..selectors import meetings as meeting_selectors
from ..selectors import networks as selectors
from ..services import networks as services


def networks_or_404(user) -> list[Network]:
    """The networks the person's organisation takes part in; none: the network pages do not
    exist for them."""
    networks = selectors.networks_for(user)
    if not networks:
        raise Http404
    return networks


def coordinated_or_403(user) -> list[Network]:
    """The networks the person coordinates; none: refused."""
    networks = list(selectors.coordinated_networks(user))
    ensure(bool(networks))
    return networks


def section(key: str) -> dict:
    """The tabs of the network's pages (calendar, meetings, members, projects), `key` open."""
    return {
        "section": key,
        "tabs": [
            Tab("home", _("Calendrier"), reverse("network:home")),
            Tab("meetings", _("Rencontres"), reverse("network:meeting-list")),
            Tab("members", _("Membres"), reverse("network:members")),
            Tab("projects", _("Projets communs"), reverse("network:project-list")),
        ],
    }


# --- Home and the network ----------------------------------------------------------------------


@login_required
@require_GET
def home(request):
    user = request.user
    networks = selectors.networks_for(user)
    if not networks:
        return render(
            request,
            "network/networks/no_network.html",
            {"can_create": access.can_coordinate(user)},
        )
    return render(
        request,
        "network/networks/home.html",
        {
            "networks": networks,
            "coordinated": [n for n in networks if access.can_coordinate(user, n)],
            "calendar": meeting_selectors.calendar(viewer=user),
            **section("home"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def network_create(request):
    access.ensure_can_coordinate(request.user)
    return form_page(
        request,
        form=NetworkForm(request.POST or None),
        template="network/networks/network_form.html",
        perform=lambda form: services.network_create(actor=request.user, **form.cleaned_data),
        success=_("Le réseau est créé : ajoutez-y ses organisations membres."),
        redirect_to=reverse("network:members"),
        context={"network": None, "page_title": _("Créer un réseau")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def network_edit(request, public_id):
    network = access.get_network_for_user(request.user, public_id)
    access.ensure_can_coordinate(request.user, network)
    return form_page(
        request,
        form=NetworkForm(
            request.POST or None,
            initial={"name": network.name, "description": network.description},
        ),
        template="network/networks/network_form.html",
        perform=lambda form: services.network_update(
            actor=request.user, network=network, **form.cleaned_data
        ),
        success=_("Le réseau est enregistré."),
        redirect_to=reverse("network:home"),
        context={"network": network, "page_title": _("Présentation du réseau")},
    )


# --- Members and contacts ----------------------------------------------------------------------


@login_required
@require_GET
def members(request):
    user = request.user
    networks = networks_or_404(user)
    groups = selectors.network_members(viewer=user, networks=networks)
    return render(
        request,
        "network/networks/members.html",
        {
            "groups": groups,
            "coordinates": any(group.coordinates for group in groups),
            **section("members"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def member_add(request):
    networks = coordinated_or_403(request.user)
    # One network (the usual case): only the organisations not in it yet are offered.
    organisations = (
        selectors.organisations_to_add(networks[0])
        if len(networks) == 1
        else Organisation.objects.order_by("name")
    )
    form = MembershipAddForm(request.POST or None, networks=networks, organisations=organisations)
    return form_page(
        request,
        form=form,
        template="network/networks/membership_add.html",
        perform=lambda form: services.membership_add(
            actor=request.user,
            network=form.cleaned_data["network"],
            organisation=form.cleaned_data["organisation"],
            joined_on=form.cleaned_data["joined_on"],
        ),
        success=_("L'organisation est membre du réseau : ajoutez ses contacts."),
        redirect_to=lambda membership: reverse(
            "network:membership-edit", kwargs={"pk": membership.pk}
        ),
        context={**section("members"), "page_title": _("Ajouter une organisation membre")},
    )


def _membership(request, pk) -> NetworkMembership:
    """A membership of a network the person sees (404 otherwise), for its coordinator (403)."""
    membership = get_object_or_404(
        NetworkMembership.objects.visible_to(request.user).select_related(
            "network", "organisation"
        ),
        pk=pk,
    )
    access.ensure_can_coordinate(request.user, membership.network)
    return membership


@login_required
@require_http_methods(["GET", "POST"])
def membership_edit(request, pk):
    membership = _membership(request, pk)
    form = MembershipForm(
        request.POST or None,
        initial={"joined_on": membership.joined_on, "left_on": membership.left_on},
    )
    return form_page(
        request,
        form=form,
        template="network/networks/membership_form.html",
        perform=lambda form: services.membership_update(
            actor=request.user, membership=membership, **form.cleaned_data
        ),
        success=_("L'adhésion est enregistrée."),
        redirect_to=reverse("network:members"),
        context={
            "membership": membership,
            "contacts": list(membership.contacts.order_by("-is_main", "full_name")),
            **section("members"),
            "page_title": membership.organisation.name,
        },
    )


def _contacts(request, membership: NetworkMembership):
    return NetworkContact.objects.visible_to(request.user).filter(membership=membership)


@login_required
@require_http_methods(["GET", "POST"])
def contact_edit(request, pk, contact_pk=None):
    membership = _membership(request, pk)
    contact = (
        get_object_or_404(_contacts(request, membership), pk=contact_pk)
        if contact_pk is not None
        else None
    )
    form = ContactForm(request.POST or None, initial=ContactForm.initial_for(contact))
    return form_page(
        request,
        form=form,
        template="network/networks/contact_form.html",
        perform=lambda form: services.contact_save(
            actor=request.user, membership=membership, contact=contact, **form.cleaned_data
        ),
        success=_("Le contact est enregistré."),
        redirect_to=reverse("network:membership-edit", kwargs={"pk": membership.pk}),
        context={
            "membership": membership,
            "contact": contact,
            **section("members"),
            "page_title": _("Modifier le contact") if contact else _("Nouveau contact"),
        },
    )


@login_required
@require_POST
def contact_delete(request, pk, contact_pk):
    membership = _membership(request, pk)
    contact = get_object_or_404(_contacts(request, membership), pk=contact_pk)
    return action_redirect(
        request,
        reverse("network:membership-edit", kwargs={"pk": membership.pk}),
        lambda: services.contact_delete(actor=request.user, contact=contact),
        _("Le contact %(name)s est retiré.") % {"name": contact.full_name},
    )
