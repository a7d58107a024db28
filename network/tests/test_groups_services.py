"""Purchasing groups through their services: who creates and changes them, the coordinating
organisation always a member, members added and removed, contracts of the coordinator only,
and a group's contracts read (not edited) by the members' buyers through the purchasing pages."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from accounts.roles import Role
from accounts.tests.factories import OrganisationFactory, UserFactory
from network.models import GroupContract, GroupMembership, PurchasingGroup
from network.services import groups as services
from network.tests.data import text_of
from purchasing import services as purchasing_services
from purchasing.models import Market, MarketStatus
from purchasing.tests.factories import make_market

pytestmark = pytest.mark.django_db


def member_names(group) -> list[str]:
    return sorted(
        group.memberships.values_list("organisation__name", flat=True).order_by(
            "organisation__name"
        )
    )


def messages(error) -> list[str]:
    return error.value.messages


# --- Creation ----------------------------------------------------------------------------------


def test_the_coordinating_organisation_is_always_a_member(textile_group, alice, charlie, nora):
    assert textile_group.coordinator_organisation == alice.organisation
    assert member_names(textile_group) == ["Ville de Roubaix", "Ville de Tourcoing"]
    assert textile_group.created_by == nora
    assert textile_group.history.first().history_user == nora
    membership = textile_group.memberships.get(organisation=alice.organisation)
    assert membership.joined_on == datetime.date(2025, 3, 1)
    assert membership.history.first().history_user == nora


def test_an_organisation_administrator_creates_groups_coordinated_by_their_organisation(
    charlie, textile
):
    admin = UserFactory(organisation=charlie.organisation, roles=[Role.ORG_ADMIN])

    group = services.group_create(
        actor=admin,
        name="Groupement papier",
        coordinator_organisation=charlie.organisation,
        purchase_family=textile,
    )

    assert member_names(group) == ["Ville de Tourcoing"]
    other = OrganisationFactory(name="Ville de Lens")
    with pytest.raises(ValidationError) as error:
        services.group_create(
            actor=admin,
            name="Groupement papier",
            coordinator_organisation=other,
            purchase_family=textile,
        )
    assert messages(error) == [
        "Vous ne pouvez créer un groupement que coordonné par votre organisation ou, "
        "coordinateur du réseau, par un membre du réseau choisi."
    ]


def test_the_network_coordinator_creates_a_group_coordinated_by_a_member_of_the_network(
    nora, charlie, network, textile, eve
):
    group = services.group_create(
        actor=nora,
        name="Groupement textile de Tourcoing",
        coordinator_organisation=charlie.organisation,
        purchase_family=textile,
        network=network,
    )
    assert group.coordinator_organisation == charlie.organisation

    with pytest.raises(ValidationError) as error:
        services.group_create(
            actor=nora,
            name="Groupement de Lens",
            coordinator_organisation=eve.organisation,
            purchase_family=textile,
            network=network,
        )
    assert messages(error) == ["Ville de Lens n'est pas membre du réseau « " + network.name + " »."]


def test_people_without_the_right_cannot_create_a_group(bob, alice, textile):
    for person in (bob, alice):
        with pytest.raises(PermissionDenied):
            services.group_create(
                actor=person,
                name="Groupement",
                coordinator_organisation=person.organisation,
                purchase_family=textile,
            )
    assert not PurchasingGroup.objects.exists()


def test_the_advisor_is_an_advisor_of_a_member_organisation(nora, bob, eve, alice, textile):
    for person in (bob, eve):
        with pytest.raises(ValidationError) as error:
            services.group_create(
                actor=nora,
                name="Groupement",
                coordinator_organisation=alice.organisation,
                purchase_family=textile,
                advisor=person,
            )
        assert messages(error) == [
            f"{person.get_full_name()} ne peut pas accompagner le groupement : choisissez un "
            "conseiller achats responsables d'une organisation membre."
        ]
    assert not PurchasingGroup.objects.exists()


def test_two_groups_of_a_coordinator_do_not_share_a_name(textile_group, nora, alice, textile):
    with pytest.raises(ValidationError) as error:
        services.group_create(
            actor=nora,
            name="Groupement de commandes textile",
            coordinator_organisation=alice.organisation,
            purchase_family=textile,
        )
    assert messages(error) == ["Votre organisation coordonne déjà un groupement de ce nom."]
    assert PurchasingGroup.objects.count() == 1


# --- Changes and members -------------------------------------------------------------------------


def test_a_manager_of_the_group_changes_it_others_cannot(textile_group, nora, charlie, tom):
    group = services.group_update(
        actor=nora, group=textile_group, name="Textile et habillement", advisor=None
    )
    assert (group.name, group.advisor) == ("Textile et habillement", None)
    assert group.history.first().history_change_reason == "Modification du groupement"

    for person in (charlie, tom):
        with pytest.raises(PermissionDenied):
            services.group_update(actor=person, group=textile_group, name="Autre")
    with pytest.raises(TypeError):
        services.group_update(actor=nora, group=textile_group, coordinator_organisation=None)


def test_members_are_added_once_and_the_coordinator_is_never_removed(
    textile_group, nora, alice, charlie, eve
):
    services.group_member_add(actor=nora, group=textile_group, organisation=eve.organisation)
    with pytest.raises(ValidationError) as error:
        services.group_member_add(actor=nora, group=textile_group, organisation=eve.organisation)
    assert messages(error) == ["Cette organisation est déjà membre du groupement."]

    services.group_member_remove(actor=nora, group=textile_group, organisation=eve.organisation)
    assert member_names(textile_group) == ["Ville de Roubaix", "Ville de Tourcoing"]

    with pytest.raises(ValidationError) as error:
        services.group_member_remove(
            actor=nora, group=textile_group, organisation=alice.organisation
        )
    assert messages(error) == [
        "Ville de Roubaix coordonne le groupement : elle en reste membre tant qu'elle le coordonne."
    ]
    assert GroupMembership.objects.filter(group=textile_group).count() == 2


def test_the_advisors_organisation_stays_until_another_advisor_is_chosen(
    textile_group, nora, charlie
):
    services.group_update(actor=nora, group=textile_group, advisor=charlie)

    with pytest.raises(ValidationError) as error:
        services.group_member_remove(
            actor=nora, group=textile_group, organisation=charlie.organisation
        )

    assert messages(error) == [
        "Le conseiller qui accompagne le groupement, Charlie Garnier, appartient à Ville de "
        "Tourcoing : choisissez d'abord un autre conseiller."
    ]


# --- Contracts ---------------------------------------------------------------------------------


def test_only_contracts_of_the_coordinating_organisation_are_attached(
    textile_group, nora, bob, tom, textile
):
    own = make_market(bob, title="Vêtements de travail", purchase_family=textile)
    other = make_market(tom, title="Tenues de Tourcoing", purchase_family=textile)

    link = services.group_contract_attach(actor=nora, group=textile_group, market=own)
    assert link.added_by == nora

    with pytest.raises(ValidationError) as error:
        services.group_contract_attach(actor=nora, group=textile_group, market=other)
    assert messages(error) == [
        "Seuls les marchés du coordonnateur du groupement, Ville de Roubaix, peuvent lui être "
        "rattachés."
    ]
    with pytest.raises(ValidationError) as error:
        services.group_contract_attach(actor=nora, group=textile_group, market=own)
    assert messages(error) == [
        f"Le marché {own.reference} est déjà rattaché au groupement « Groupement de commandes "
        "textile »."
    ]
    assert list(GroupContract.objects.values_list("market", flat=True)) == [own.pk]


def test_the_contracts_buyer_attaches_it_a_members_buyer_cannot(textile_group, bob, tom, textile):
    market = make_market(bob, purchase_family=textile)

    with pytest.raises(PermissionDenied):
        services.group_contract_attach(actor=tom, group=textile_group, market=market)
    services.group_contract_attach(actor=bob, group=textile_group, market=market)
    with pytest.raises(PermissionDenied):
        services.group_contract_detach(actor=tom, group=textile_group, market=market)
    services.group_contract_detach(actor=bob, group=textile_group, market=market)

    assert not GroupContract.objects.exists()


def test_an_abandoned_contract_is_not_attached(textile_group, nora, bob, textile):
    market = make_market(bob, purchase_family=textile)
    purchasing_services.market_abandon(actor=bob, market=market, reason="Besoin repris.")

    with pytest.raises(ValidationError) as error:
        services.group_contract_attach(actor=nora, group=textile_group, market=market)

    assert messages(error) == [
        f"Le marché {market.reference} est abandonné : il ne se rattache pas au groupement."
    ]


# --- The group's contracts seen by the members, through the purchasing pages --------------------


def test_a_members_buyer_reads_the_group_contract_and_cannot_edit_it(
    client, textile_group, nora, bob, tom, eve, textile
):
    market = make_market(bob, title="Vêtements de travail des agents", purchase_family=textile)
    services.group_contract_attach(actor=nora, group=textile_group, market=market)
    detail = reverse("purchasing:detail", kwargs={"pk": market.pk})
    needs = reverse("purchasing:step-needs", kwargs={"pk": market.pk})

    client.force_login(tom)
    response = client.get(detail)
    assert response.status_code == 200
    assert "Vêtements de travail des agents" in text_of(response)
    assert not response.context["actions"].edit
    assert client.post(needs, {"title": "Changé par Tourcoing"}).status_code == 403
    assert Market.objects.get(pk=market.pk).title == "Vêtements de travail des agents"
    assert Market.objects.get(pk=market.pk).status == MarketStatus.DRAFT

    client.force_login(eve)
    assert client.get(detail).status_code == 404

    # Detached, the contract is the coordinator's alone again.
    services.group_contract_detach(actor=nora, group=textile_group, market=market)
    client.force_login(tom)
    assert client.get(detail).status_code == 404
