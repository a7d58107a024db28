"""Reads of the network itself: the networks a person takes part in or coordinates, their
member organisations, and the members' page with the contacts.

Every read starts from the rows the viewer may see (`visible_to`) or from the networks of the
organisation the figures are asked for; each function is one query plan whatever the number of
rows."""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet

from accounts.models import Organisation

from .. import access
from ..models import Network, NetworkContact, NetworkMembership, member_network_ids

# --- Who takes part ----------------------------------------------------------------------------


def networks_for(user) -> list[Network]:
    """The networks the person's organisation takes part in, with their coordinator."""
    return list(Network.objects.visible_to(user).select_related("coordinator_organisation"))


def coordinated_networks(user) -> QuerySet:
    """The networks whose coordination the person holds (role and coordinating organisation)."""
    if not access.can_coordinate(user):
        return Network.objects.none()
    return Network.objects.filter(coordinator_organisation_id=user.organisation_id)


def member_organisations(network: Network, day: datetime.date | None = None) -> QuerySet:
    """The organisations taking part in the network on that day (members and coordinator)."""
    return Organisation.objects.filter(
        Q(pk=network.coordinator_organisation_id)
        | Q(
            pk__in=NetworkMembership.objects.active(day)
            .filter(network=network)
            .values("organisation_id")
        )
    ).order_by("name")


def member_organisations_of_networks(networks: QuerySet) -> QuerySet:
    """The organisations taking part today in any of the networks."""
    return Organisation.objects.filter(
        Q(pk__in=networks.values("coordinator_organisation_id"))
        | Q(
            pk__in=NetworkMembership.objects.active()
            .filter(network__in=networks)
            .values("organisation_id")
        )
    ).order_by("name")


# --- Members -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class NetworkMembers:
    network: Network
    coordinates: bool
    active: list[NetworkMembership]
    former: list[NetworkMembership]


def network_members(*, viewer, networks: list[Network]) -> list[NetworkMembers]:
    """The members of each network with their contacts (main contact first); the coordinator
    also sees the organisations that left or have not joined yet."""
    memberships = (
        NetworkMembership.objects.filter(network__in=[network.pk for network in networks])
        .select_related("organisation")
        .prefetch_related(
            Prefetch(
                "contacts",
                queryset=NetworkContact.objects.order_by("-is_main", "full_name"),
            )
        )
        .order_by("organisation__name")
    )
    by_network: dict[int, list[NetworkMembership]] = {network.pk: [] for network in networks}
    for membership in memberships:
        by_network[membership.network_id].append(membership)
    result = []
    for network in networks:
        rows = by_network[network.pk]
        coordinates = access.can_coordinate(viewer, network)
        result.append(
            NetworkMembers(
                network=network,
                coordinates=coordinates,
                active=[row for row in rows if row.is_active],
                former=[row for row in rows if not row.is_active] if coordinates else [],
            )
        )
    return result


def organisations_to_add(network: Network) -> QuerySet:
    """Organisations of the installation that are not active members of the network."""
    return Organisation.objects.exclude(
        pk__in=NetworkMembership.objects.filter(network=network, left_on__isnull=True).values(
            "organisation_id"
        )
    ).order_by("name")


def organisation_networks(organisation: Organisation, network: Network | None) -> QuerySet:
    """The networks the organisation belongs to or coordinates (or the one given among them)."""
    networks = Network.objects.filter(pk__in=member_network_ids(organisation.pk))
    return networks.filter(pk=network.pk) if network is not None else networks
