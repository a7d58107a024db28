"""Writes on purchasing groups (groupements de commandes): the group, its members and the
contracts run for it. Each service checks who may act, validates, writes in one transaction
and leaves history naming the actor.

A refusal raises ValidationError (a French message for the person) or PermissionDenied."""

import datetime
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organisation, User
from clauses.models import PurchaseFamily
from core.history import history_delete, history_save, refuse_unknown_fields
from purchasing.models import Market, MarketStatus

from .. import access
from ..models import (
    RECORD_AUDITS,
    GroupContract,
    GroupMembership,
    Network,
    PurchasingGroup,
    member_network_ids,
)

# What group_update may change. The coordinating organisation is not among them: the
# agreement names it and the group's contracts are its own.
GROUP_FIELDS = frozenset(
    {"name", "description", "purchase_family", "agreement_date", "advisor", "network"}
)


# --- Helpers -----------------------------------------------------------------------------------


def _lock(group: PurchasingGroup) -> PurchasingGroup:
    """The group re-read under a row lock: member and contract changes happen one at a time."""
    return PurchasingGroup.objects.select_for_update().get(pk=group.pk)


def _check_network(actor: User, network: Network | None, coordinator: Organisation) -> None:
    if network is None:
        return
    if not Network.objects.visible_to(actor).filter(pk=network.pk).exists():
        raise ValidationError({"network": _("Votre organisation n'est pas membre de ce réseau.")})
    if not Network.objects.filter(
        pk=network.pk, pk__in=member_network_ids(coordinator.pk)
    ).exists():
        raise ValidationError(
            {
                "network": _("%(organisation)s n'est pas membre du réseau « %(network)s ».")
                % {"organisation": coordinator.name, "network": network.name}
            }
        )


def _check_coordinator(actor: User, coordinator: Organisation, network: Network | None) -> None:
    """One's own organisation; any member of the network, for the network's coordinator."""
    if coordinator.pk == actor.organisation_id:
        return
    if network is not None and access.can_coordinate(actor, network):
        return
    raise ValidationError(
        {
            "coordinator_organisation": _(
                "Vous ne pouvez créer un groupement que coordonné par votre organisation ou, "
                "coordinateur du réseau, par un membre du réseau choisi."
            )
        }
    )


def _check_advisor(advisor: User | None, member_ids: Iterable[int]) -> None:
    if advisor is None:
        return
    if not (
        advisor.is_active
        and advisor.organisation_id in set(member_ids)
        and advisor.has_perm(RECORD_AUDITS)
    ):
        raise ValidationError(
            {
                "advisor": _(
                    "%(person)s ne peut pas accompagner le groupement : choisissez un conseiller "
                    "achats responsables d'une organisation membre."
                )
                % {"person": advisor.get_full_name() or advisor.email}
            }
        )


def _check_family(family: PurchaseFamily, current: PurchaseFamily | None = None) -> None:
    if not family.is_active and family != current:
        raise ValidationError(
            {
                "purchase_family": _("La famille d'achat « %(family)s » n'est plus utilisée.")
                % {"family": family.name}
            }
        )


# --- The group ---------------------------------------------------------------------------------


def group_create(
    *,
    actor: User,
    name: str,
    coordinator_organisation: Organisation,
    purchase_family: PurchaseFamily,
    members: Iterable[Organisation] = (),
    agreement_date: datetime.date | None = None,
    advisor: User | None = None,
    description: str = "",
    network: Network | None = None,
) -> PurchasingGroup:
    """A group coordinated by the actor's organisation (or, for the network's coordinator, by a
    member of the network); the coordinating organisation is always one of its members."""
    if not access.can_manage_groups(actor):
        raise PermissionDenied
    _check_coordinator(actor, coordinator_organisation, network)
    _check_network(actor, network, coordinator_organisation)
    _check_family(purchase_family)
    organisations = {coordinator_organisation.pk: coordinator_organisation}
    organisations.update({organisation.pk: organisation for organisation in members})
    _check_advisor(advisor, organisations)
    group = PurchasingGroup(
        name=name.strip(),
        description=description.strip(),
        coordinator_organisation=coordinator_organisation,
        purchase_family=purchase_family,
        agreement_date=agreement_date,
        advisor=advisor,
        network=network,
        created_by=actor,
    )
    with transaction.atomic():
        history_save(group, actor=actor, reason=_("Création du groupement"))
        joined_on = agreement_date or timezone.localdate()
        for organisation in organisations.values():
            history_save(
                GroupMembership(group=group, organisation=organisation, joined_on=joined_on),
                actor=actor,
                reason=_("Membre à la création du groupement"),
            )
    return group


def group_update(*, actor: User, group: PurchasingGroup, **fields) -> PurchasingGroup:
    """Change the group's name, description, family, agreement date, advisor or network."""
    if not access.can_manage_groups(actor, group):
        raise PermissionDenied
    refuse_unknown_fields("group_update", fields, GROUP_FIELDS)
    with transaction.atomic():
        group = _lock(group)
        if not access.can_manage_groups(actor, group):
            raise PermissionDenied
        if "network" in fields and fields["network"] != group.network:
            _check_network(actor, fields["network"], group.coordinator_organisation)
        if "purchase_family" in fields:
            _check_family(fields["purchase_family"], current=group.purchase_family)
        if fields.get("advisor") is not None:
            _check_advisor(
                fields["advisor"], group.memberships.values_list("organisation_id", flat=True)
            )
        for name, value in fields.items():
            setattr(group, name, value.strip() if isinstance(value, str) else value)
        history_save(group, actor=actor, reason=_("Modification du groupement"))
    return group


# --- Members -----------------------------------------------------------------------------------


def group_member_add(
    *,
    actor: User,
    group: PurchasingGroup,
    organisation: Organisation,
    joined_on: datetime.date | None = None,
) -> GroupMembership:
    """An organisation joins the group (today unless said otherwise)."""
    if not access.can_manage_groups(actor, group):
        raise PermissionDenied
    with transaction.atomic():
        group = _lock(group)
        membership = GroupMembership(
            group=group, organisation=organisation, joined_on=joined_on or timezone.localdate()
        )
        history_save(membership, actor=actor, reason=_("Adhésion au groupement"))
    return membership


def group_member_remove(*, actor: User, group: PurchasingGroup, organisation: Organisation) -> None:
    """An organisation leaves the group; the coordinating organisation and the advisor's stay."""
    if not access.can_manage_groups(actor, group):
        raise PermissionDenied
    with transaction.atomic():
        group = _lock(group)
        if organisation.pk == group.coordinator_organisation_id:
            raise ValidationError(
                _(
                    "%(organisation)s coordonne le groupement : elle en reste membre tant "
                    "qu'elle le coordonne."
                )
                % {"organisation": organisation.name}
            )
        if group.advisor is not None and group.advisor.organisation_id == organisation.pk:
            raise ValidationError(
                _(
                    "Le conseiller qui accompagne le groupement, %(person)s, appartient à "
                    "%(organisation)s : choisissez d'abord un autre conseiller."
                )
                % {
                    "person": group.advisor.get_full_name() or group.advisor.email,
                    "organisation": organisation.name,
                }
            )
        membership = group.memberships.filter(organisation=organisation).first()
        if membership is None:
            raise ValidationError(
                _("%(organisation)s n'est pas membre du groupement.")
                % {"organisation": organisation.name}
            )
        history_delete(membership, actor=actor, reason=_("Départ du groupement"))


# --- Contracts ---------------------------------------------------------------------------------


def group_contract_attach(*, actor: User, group: PurchasingGroup, market: Market) -> GroupContract:
    """Run a contract of the coordinating organisation for the group: every member reads it,
    the coordinator's buyers keep running it."""
    if not access.can_handle_contract(actor, group, market):
        raise PermissionDenied
    with transaction.atomic():
        group = _lock(group)
        market = Market.objects.select_for_update().get(pk=market.pk)
        if market.organisation_id != group.coordinator_organisation_id:
            raise ValidationError(
                _(
                    "Seuls les marchés du coordonnateur du groupement, %(organisation)s, "
                    "peuvent lui être rattachés."
                )
                % {"organisation": group.coordinator_organisation.name}
            )
        if market.status == MarketStatus.ABANDONED:
            raise ValidationError(
                _("Le marché %(reference)s est abandonné : il ne se rattache pas au groupement.")
                % {"reference": market.reference}
            )
        current = GroupContract.objects.select_related("group").filter(market=market).first()
        if current is not None:
            raise ValidationError(
                _("Le marché %(reference)s est déjà rattaché au groupement « %(group)s ».")
                % {"reference": market.reference, "group": current.group.name}
            )
        link = GroupContract(group=group, market=market, added_by=actor)
        history_save(link, actor=actor, reason=_("Marché rattaché au groupement"))
    return link


def group_contract_detach(*, actor: User, group: PurchasingGroup, market: Market) -> None:
    """The contract goes back to its organisation alone: members no longer read it."""
    if not access.can_handle_contract(actor, group, market):
        raise PermissionDenied
    with transaction.atomic():
        group = _lock(group)
        link = GroupContract.objects.filter(group=group, market=market).first()
        if link is None:
            raise ValidationError(
                _("Le marché %(reference)s n'est pas rattaché à ce groupement.")
                % {"reference": market.reference}
            )
        history_delete(link, actor=actor, reason=_("Marché détaché du groupement"))
