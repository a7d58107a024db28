"""The purchasing group pages: who opens and posts each (member, member without the right,
non-member organisation, anonymous, wrong method), creating and changing a group, its members
and its contracts through the pages, links to the contracts for those who read them, and a
query count that does not grow with the findings."""

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from network.models import GroupContract, PurchasingGroup, Severity
from network.services import groups as services
from network.tests.data import add_finding, days, login_url, record_audit, text_of
from purchasing.tests.factories import make_market

pytestmark = pytest.mark.django_db

# Session, user, permissions (2), the group; then members, contracts and the contracts the
# person reads, suppliers, audits, findings by supplier, by severity, overdue, audits done.
DETAIL_QUERIES = 14
# Session, user, permissions (2), the count and the page of groups.
LIST_QUERIES = 6


def url(name, group=None, **kwargs):
    if group is not None:
        kwargs["public_id"] = group.public_id
    return reverse(f"network:{name}", kwargs=kwargs)


def last_message(response) -> str:
    """The message the redirected page will show (earlier ones were left unread)."""
    return [str(message) for message in get_messages(response.wsgi_request)][-1]


@pytest.fixture
def contract(textile_group, nora, bob, textile):
    market = make_market(bob, title="Vêtements de travail des agents", purchase_family=textile)
    services.group_contract_attach(actor=nora, group=textile_group, market=market)
    return market


def group_pages(group, organisation, market):
    """Every page of a group: (method, url)."""
    return [
        ("get", url("group-detail", group)),
        ("get", url("group-edit", group)),
        ("get", url("group-members", group)),
        ("post", url("group-member-remove", group, organisation_pk=organisation.pk)),
        ("get", url("group-contracts", group)),
        ("post", url("group-contract-detach", group, market_pk=market.pk)),
    ]


# --- Access ------------------------------------------------------------------------------------


def test_an_anonymous_visitor_is_sent_to_the_login_page(client, textile_group, charlie, contract):
    pages = [("get", url("group-list")), ("get", url("group-create"))]
    for method, address in pages + group_pages(textile_group, charlie.organisation, contract):
        response = getattr(client, method)(address)
        assert response.status_code == 302, address
        assert response.url == login_url(address)


def test_a_members_buyer_reads_the_group_and_may_change_nothing(
    client, textile_group, tom, charlie, contract
):
    client.force_login(tom)

    assert client.get(url("group-list")).status_code == 200
    response = client.get(url("group-detail", textile_group))
    assert response.status_code == 200
    page = text_of(response)
    assert "Groupement de commandes textile" in page
    assert "Ville de Tourcoing" in page
    assert f'href="{reverse("purchasing:detail", kwargs={"pk": contract.pk})}"' in page
    assert "Gérer les membres" not in page
    assert client.get(url("group-create")).status_code == 403
    for method, address in group_pages(textile_group, charlie.organisation, contract)[1:]:
        assert getattr(client, method)(address).status_code == 403, address
    assert textile_group.memberships.count() == 2
    assert GroupContract.objects.count() == 1


def test_a_member_without_a_group_role_is_refused(client, textile_group, fanny, charlie, contract):
    client.force_login(fanny)

    assert client.get(url("group-list")).status_code == 403
    for method, address in group_pages(textile_group, charlie.organisation, contract):
        assert getattr(client, method)(address).status_code == 403, address


def test_a_group_of_other_organisations_does_not_exist_for_them(
    client, textile_group, eve, charlie, contract
):
    client.force_login(eve)

    response = client.get(url("group-list"))
    assert response.status_code == 200
    assert list(response.context["page"]) == []
    for method, address in group_pages(textile_group, charlie.organisation, contract):
        assert getattr(client, method)(address).status_code == 404, address
    assert textile_group.memberships.count() == 2


def test_the_pages_only_answer_their_methods(client, textile_group, nora, charlie, contract):
    client.force_login(nora)

    assert client.post(url("group-list")).status_code == 405
    assert client.post(url("group-detail", textile_group)).status_code == 405
    assert client.put(url("group-edit", textile_group)).status_code == 405
    assert client.delete(url("group-members", textile_group)).status_code == 405
    remove = url("group-member-remove", textile_group, organisation_pk=charlie.organisation.pk)
    assert client.get(remove).status_code == 405
    detach = url("group-contract-detach", textile_group, market_pk=contract.pk)
    assert client.get(detach).status_code == 405


# --- Creating and changing -------------------------------------------------------------------


def test_the_network_coordinator_creates_a_group_through_the_page(
    client, nora, alice, charlie, eve, network, textile
):
    client.force_login(nora)
    assert client.get(url("group-create")).status_code == 200

    response = client.post(
        url("group-create"),
        {
            "name": "Groupement de commandes textile",
            "coordinator_organisation": alice.organisation.pk,
            "network": network.pk,
            "purchase_family": textile.pk,
            "agreement_date": "2025-03-01",
            "advisor": alice.pk,
            "members": [charlie.organisation.pk, eve.organisation.pk],
            "description": "Vêtements de travail.",
        },
    )

    group = PurchasingGroup.objects.get()
    assert response.status_code == 302
    assert response.url == url("group-detail", group)
    assert last_message(response) == "Le groupement « Groupement de commandes textile » est créé."
    assert set(group.memberships.values_list("organisation__name", flat=True)) == {
        "Ville de Roubaix",
        "Ville de Tourcoing",
        "Ville de Lens",
    }
    assert group.advisor == alice


def test_a_refused_group_shows_the_services_message_on_its_field(
    client, textile_group, nora, alice, textile
):
    client.force_login(nora)

    response = client.post(
        url("group-create"),
        {
            "name": "Groupement de commandes textile",
            "coordinator_organisation": alice.organisation.pk,
            "purchase_family": textile.pk,
        },
    )

    assert response.status_code == 200
    assert "Votre organisation coordonne déjà un groupement de ce nom." in text_of(response)
    assert PurchasingGroup.objects.count() == 1


def test_the_manager_edits_the_group_and_its_members(
    client, textile_group, nora, alice, charlie, eve, textile
):
    client.force_login(nora)
    response = client.post(
        url("group-edit", textile_group),
        {"name": "Textile et habillement", "purchase_family": textile.pk, "advisor": alice.pk},
    )
    assert response.status_code == 302
    textile_group.refresh_from_db()
    assert textile_group.name == "Textile et habillement"

    members = url("group-members", textile_group)
    response = client.post(members, {"organisation": eve.organisation.pk})
    assert response.status_code == 302
    assert last_message(response) == "Ville de Lens est membre du groupement."
    response = client.post(
        url("group-member-remove", textile_group, organisation_pk=alice.organisation.pk)
    )
    assert response.status_code == 302
    assert last_message(response) == (
        "Ville de Roubaix coordonne le groupement : elle en reste membre tant qu'elle le coordonne."
    )
    response = client.post(
        url("group-member-remove", textile_group, organisation_pk=charlie.organisation.pk)
    )
    assert last_message(response) == "Ville de Tourcoing ne fait plus partie du groupement."
    assert set(textile_group.memberships.values_list("organisation__name", flat=True)) == {
        "Ville de Roubaix",
        "Ville de Lens",
    }


def test_contracts_are_attached_by_reference_and_detached(
    client, textile_group, nora, bob, tom, textile
):
    own = make_market(bob, title="Vêtements de travail", purchase_family=textile)
    other = make_market(tom, title="Tenues de Tourcoing", purchase_family=textile)
    client.force_login(nora)

    response = client.post(url("group-contracts", textile_group), {"reference": other.reference})
    assert response.status_code == 200
    assert f"Ville de Roubaix n'a pas de marché de référence « {other.reference} »." in text_of(
        response
    )
    response = client.post(
        url("group-contracts", textile_group), {"reference": own.reference.lower()}
    )
    assert response.status_code == 302
    assert last_message(response) == f"Le marché {own.reference} est rattaché au groupement."
    assert textile_group.contracts.get().market == own

    response = client.post(url("group-contract-detach", textile_group, market_pk=own.pk))
    assert last_message(response) == f"Le marché {own.reference} n'est plus rattaché au groupement."
    assert not textile_group.contracts.exists()


def test_the_coordinators_buyer_sees_suggestions_and_the_links_to_the_contracts(
    client, textile_group, bob, nora, contract, textile
):
    spare = make_market(bob, title="Linge des cantines", purchase_family=textile)

    client.force_login(bob)
    page = text_of(client.get(url("group-contracts", textile_group)))
    assert f'<span class="font-monospace">{spare.reference}</span> — Linge des cantines' in page

    # The network coordinator does not read contracts: the reference, without a link.
    client.force_login(nora)
    page = text_of(client.get(url("group-detail", textile_group)))
    assert contract.reference in page
    assert reverse("purchasing:detail", kwargs={"pk": contract.pk}) not in page


# --- Query counts ------------------------------------------------------------------------------


def test_the_group_page_query_count_does_not_grow_with_the_findings(
    client, textile_group, alice, site, tom, contract, django_assert_max_num_queries
):
    audit = record_audit(alice, site, group=textile_group)
    add_finding(alice, audit)
    address = url("group-detail", textile_group)
    client.force_login(tom)

    with CaptureQueriesContext(connection) as one:
        assert client.get(address).status_code == 200
    for days_ago in (30, 20, 10):
        more = record_audit(alice, site, group=textile_group, audited_on=days(-days_ago))
        for severity in Severity:
            add_finding(alice, more, severity=severity, deadline=days(-1))
    with django_assert_max_num_queries(DETAIL_QUERIES), CaptureQueriesContext(connection) as many:
        response = client.get(address)
    assert len(many) == len(one)
    assert len(response.context["data"].overdue) == 12


def test_the_group_list_query_count_does_not_grow_with_the_groups(
    client, textile_group, nora, alice, textile, django_assert_max_num_queries
):
    client.force_login(nora)
    client.get(url("group-list"))
    with CaptureQueriesContext(connection) as one:
        client.get(url("group-list"))
    for number in range(5):
        services.group_create(
            actor=nora,
            name=f"Groupement {number}",
            coordinator_organisation=alice.organisation,
            purchase_family=textile,
        )
    with django_assert_max_num_queries(LIST_QUERIES), CaptureQueriesContext(connection) as many:
        response = client.get(url("group-list"))
    assert len(many) == len(one)
    assert response.context["page"].paginator.count == 6


def test_the_manager_opens_every_page_of_the_group(client, textile_group, nora, contract):
    client.force_login(nora)

    for name in ("group-detail", "group-edit", "group-members", "group-contracts"):
        response = client.get(url(name, textile_group))
        assert response.status_code == 200, name
        assert "Groupement de commandes textile" in text_of(response)
    assert client.get(url("group-create")).status_code == 200


def test_the_group_page_counts_the_audits_of_the_period_asked(
    client, textile_group, alice, site, tom
):
    record_audit(alice, site, group=textile_group, audited_on=days(-40))
    record_audit(alice, site, group=textile_group, audited_on=days(-400))
    client.force_login(tom)
    address = url("group-detail", textile_group)

    period = f"?du={days(-500).isoformat()}&au={days(0).isoformat()}"
    assert client.get(address + period).context["data"].audits_done.total == 2
    period = f"?du={days(-60).isoformat()}&au={days(-30).isoformat()}"
    totals = client.get(address + period).context["data"].audits_done
    assert (totals.start, totals.end, totals.total) == (days(-60), days(-30), 1)
    assert len(client.get(address).context["data"].audits) == 2


def test_a_list_mixing_a_group_s_contract_says_whose_each_contract_is(
    client, textile_group, tom, contract, textile
):
    own = make_market(tom, title="Entretien des écoles", purchase_family=textile)
    client.force_login(tom)

    response = client.get(reverse("purchasing:list"))

    assert response.context["several_organisations"] is True
    page = text_of(response)
    assert '<th scope="col">Organisation</th>' in page
    rows = {market.reference: market.organisation.name for market in response.context["page"]}
    assert rows == {contract.reference: "Ville de Roubaix", own.reference: "Ville de Tourcoing"}
    assert "<td>Ville de Roubaix</td>" in page and "<td>Ville de Tourcoing</td>" in page
