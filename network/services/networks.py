"""Writes on the network itself: the network (created by a coordinator, whose organisation is
its first member), its member organisations and their contacts.

Each service checks who may act (PermissionDenied), validates (ValidationError with a French
message for the person, keyed by field when one is concerned), works in one transaction and
leaves history naming the actor. Who may see what is decided by `access` and the models'
`visible_to`; the network coordinator (role and coordinating organisation) manages."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import Organisation, User
from core.history import history_delete, history_save

from .. import access
from ..models import Network, NetworkContact, NetworkMembership


def format_day(value: datetime.date) -> str:
    """A day as the messages write it (the short date format of the language)."""
    return date_format(value, "SHORT_DATE_FORMAT")


def is_member(network: Network, organisation_id, day: datetime.date | None = None) -> bool:
    """The organisation takes part in the network on that day: an active member or its
    coordinator."""
    if organisation_id is None:
        return False
    if network.coordinator_organisation_id == organisation_id:
        return True
    return (
        NetworkMembership.objects.active(day)
        .filter(network=network, organisation_id=organisation_id)
        .exists()
    )


def ensure_member(network: Network, organisation: Organisation | None, field: str) -> None:
    """Refuse (on `field`) an organisation that does not take part in the network today."""
    if organisation is not None and not is_member(network, organisation.pk):
        raise ValidationError(
            {
                field: _("%(organisation)s n'est pas membre du réseau.")
                % {"organisation": organisation}
            }
        )


# --- The network and its members ---------------------------------------------------------------


def network_create(
    *, actor: User, name: str, description: str = "", joined_on: datetime.date | None = None
) -> Network:
    """A network coordinated by the actor's organisation, which is its first member."""
    access.ensure_can_coordinate(actor)
    name = name.strip()
    if Network.objects.filter(name__iexact=name).exists():
        raise ValidationError({"name": _("Un réseau porte déjà ce nom.")})
    network = Network(
        name=name,
        description=description.strip(),
        coordinator_organisation_id=actor.organisation_id,
    )
    with transaction.atomic():
        history_save(network, actor=actor, reason=_("Création du réseau"))
        membership = NetworkMembership(
            network=network,
            organisation_id=actor.organisation_id,
            joined_on=joined_on or timezone.localdate(),
        )
        history_save(membership, actor=actor, reason=_("Création du réseau"))
    return network


def network_update(*, actor: User, network: Network, name: str, description: str) -> Network:
    """Rename the network or change its presentation (its coordinator)."""
    access.ensure_can_coordinate(actor, network)
    name = name.strip()
    if Network.objects.filter(name__iexact=name).exclude(pk=network.pk).exists():
        raise ValidationError({"name": _("Un réseau porte déjà ce nom.")})
    with transaction.atomic():
        network = Network.objects.select_for_update().get(pk=network.pk)
        network.name = name
        network.description = description.strip()
        history_save(network, actor=actor, reason=_("Modification du réseau"))
    return network


def membership_add(
    *, actor: User, network: Network, organisation: Organisation, joined_on: datetime.date
) -> NetworkMembership:
    """Add a member organisation. One that had left comes back on its own row, so that its
    contacts and history stay together."""
    access.ensure_can_coordinate(actor, network)
    with transaction.atomic():
        membership = (
            NetworkMembership.objects.select_for_update()
            .filter(network=network, organisation=organisation)
            .first()
        )
        if membership is None:
            membership = NetworkMembership(network=network, organisation=organisation)
            reason = _("Adhésion au réseau")
        elif membership.left_on is None:
            raise ValidationError(
                {
                    "organisation": _("%(organisation)s est déjà membre du réseau.")
                    % {"organisation": organisation}
                }
            )
        elif joined_on < membership.left_on:
            raise ValidationError(
                {
                    "joined_on": _(
                        "%(organisation)s a quitté le réseau le %(left_on)s : son retour ne "
                        "peut pas commencer avant."
                    )
                    % {"organisation": organisation, "left_on": format_day(membership.left_on)}
                }
            )
        else:
            membership.left_on = None
            reason = _("Retour dans le réseau")
        membership.joined_on = joined_on
        history_save(membership, actor=actor, reason=reason)
    return membership


def membership_update(
    *,
    actor: User,
    membership: NetworkMembership,
    joined_on: datetime.date,
    left_on: datetime.date | None,
) -> NetworkMembership:
    """Correct the dates of a membership, or record that the organisation leaves (left_on)."""
    access.ensure_can_coordinate(actor, membership.network)
    if left_on is not None and membership.organisation_id == (
        membership.network.coordinator_organisation_id
    ):
        raise ValidationError(
            {"left_on": _("L'organisation qui coordonne le réseau ne peut pas le quitter.")}
        )
    if left_on is not None and left_on < joined_on:
        raise ValidationError({"left_on": _("La date de sortie précède la date d'adhésion.")})
    with transaction.atomic():
        membership = NetworkMembership.objects.select_for_update().get(pk=membership.pk)
        reason = (
            _("Sortie du réseau")
            if left_on is not None and membership.left_on is None
            else _("Modification de l'adhésion")
        )
        membership.joined_on = joined_on
        membership.left_on = left_on
        history_save(membership, actor=actor, reason=reason)
    return membership


def contact_save(
    *,
    actor: User,
    membership: NetworkMembership,
    full_name: str,
    role: str = "",
    email: str = "",
    phone: str = "",
    is_main: bool = False,
    contact: NetworkContact | None = None,
) -> NetworkContact:
    """Add or change a contact person of a member. A new main contact takes the place of the
    previous one."""
    access.ensure_can_coordinate(actor, membership.network)
    if contact is not None and contact.membership_id != membership.pk:
        raise ValidationError(_("Ce contact n'est pas celui de cette organisation."))
    if not full_name.strip():
        raise ValidationError({"full_name": _("Indiquez le nom et le prénom du contact.")})
    with transaction.atomic():
        NetworkMembership.objects.select_for_update().get(pk=membership.pk)
        if is_main:
            for previous in membership.contacts.filter(is_main=True).exclude(
                pk=getattr(contact, "pk", None)
            ):
                previous.is_main = False
                history_save(previous, actor=actor, reason=_("Nouveau contact principal"))
        row = contact or NetworkContact(membership=membership)
        row.full_name = full_name.strip()
        row.role = role.strip()
        row.email = email.strip()
        row.phone = phone.strip()
        row.is_main = is_main
        history_save(row, actor=actor, reason=_("Contact du membre"))
    return row


def contact_delete(*, actor: User, contact: NetworkContact) -> None:
    """Remove a contact person of a member (coordinator)."""
    access.ensure_can_coordinate(actor, contact.membership.network)
    with transaction.atomic():
        history_delete(contact, actor=actor, reason=_("Contact retiré"))
