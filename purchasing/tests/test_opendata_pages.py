"""The open-data page and its downloads: who may use them, what each person's files hold, the
refusal that lists the contracts to complete, and constant query counts."""

import json
from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.models import Organisation
from accounts.roles import Role
from accounts.tests.factories import UserFactory
from core.siret import make_siret
from purchasing.models import Supplier
from purchasing.opendata import validation
from purchasing.tests.factories import notified_market

# Every test reads the official schemas (or, for the refusals, replaces them).
pytestmark = [pytest.mark.django_db, pytest.mark.schemas]

PAGE = reverse("purchasing:opendata")
DECP = reverse("purchasing:opendata-decp")
OCDS = reverse("purchasing:opendata-ocds")
YEAR = {"annee": "2025"}


@pytest.fixture
def market(bob, alice, library):
    return notified_market(bob, alice, library, title="Produits d'entretien des lycées")


@pytest.fixture
def dora_market(dora, alice, library):
    """A contract of another department of bob's organisation."""
    return notified_market(dora, alice, library, title="Entretien des espaces verts")


@pytest.fixture
def small(bob, alice, library):
    return notified_market(bob, alice, library, title="Petit achat", amount=Decimal("12000"))


@pytest.fixture
def finance_officer(bob):
    return UserFactory(organisation=bob.organisation, department=None, roles=[Role.FINANCE_OFFICER])


def decp_of(client, user) -> dict:
    client.force_login(user)
    response = client.get(DECP, YEAR)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    document = json.loads(b"".join(response.streaming_content))
    assert validation.errors(validation.decp_validator(), document) == []
    return {entry["id"] for entry in document["marches"]["marche"]}


def test_the_advisor_reads_the_counts_and_downloads_the_organisation_file(
    client, alice, market, dora_market, small
):
    client.force_login(alice)
    response = client.get(PAGE, YEAR)

    assert response.status_code == 200
    counts = response.context["counts"]
    assert (counts.included, counts.under_threshold) == (2, 1)
    assert f'href="{DECP}?annee=2025"' in response.content.decode()
    assert response.context["whole_organisation"]
    assert decp_of(client, alice) == {market.reference, dora_market.reference}


def test_the_committee_member_downloads_the_organisation_file(
    client, committee, market, dora_market
):
    assert decp_of(client, committee) == {market.reference, dora_market.reference}


def test_the_buyer_gets_the_contracts_of_their_department(client, bob, market, dora_market):
    client.force_login(bob)
    response = client.get(PAGE, YEAR)

    assert response.status_code == 200
    assert not response.context["whole_organisation"]
    assert response.context["counts"].included == 1
    assert decp_of(client, bob) == {market.reference}


def test_another_organisation_sees_none_of_these_contracts(client, charlie, market):
    client.force_login(charlie)
    response = client.get(PAGE, YEAR)

    assert response.status_code == 200
    assert response.context["counts"].included == 0
    assert market.reference not in response.content.decode()
    assert decp_of(client, charlie) == set()
    assert client.get(OCDS).status_code == 409  # no published contract: no package


@pytest.mark.parametrize("url", [PAGE, DECP, OCDS])
def test_anonymous_visitors_are_sent_to_the_login_page(client, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("person", ["head", "finance_officer", "clause_admin"])
@pytest.mark.parametrize("url", [PAGE, DECP, OCDS])
def test_people_without_a_publishing_role_are_refused(client, person, url, market, request):
    client.force_login(request.getfixturevalue(person))

    assert client.get(url, YEAR).status_code == 403


def test_the_contract_list_leads_to_it_those_who_may_use_it(client, alice, head):
    client.force_login(alice)
    assert PAGE in client.get(reverse("purchasing:list")).content.decode()
    # A department head reads the department's contracts but does not publish them.
    client.force_login(head)
    response = client.get(reverse("purchasing:list"))
    assert response.status_code == 200
    assert PAGE not in response.content.decode()


def test_a_wrong_siret_refuses_the_download_and_lists_the_contract_to_fix(
    client, bob, alice, market, dora_market
):
    Supplier.objects.filter(awards__lot__market=market).update(siret="12345678901234")
    client.force_login(alice)

    page = client.get(PAGE, YEAR)
    response = client.get(DECP, YEAR)

    for answer in (page, response):
        content = answer.content.decode()
        assert market.reference in content
        assert "Le SIRET du titulaire du lot 1" in content
        # Only the contract to complete is listed there (both may be flagged by the checks).
        to_fix = content.split('id="problemes-titre"')[1].split("</section>")[0]
        assert market.reference in to_fix
        assert dora_market.reference not in to_fix
        assert f'href="{DECP}?annee=2025"' not in content
    assert response.status_code == 409
    assert response["Content-Type"].startswith("text/html")
    (row,) = response.context["problems"]
    assert row.reference == market.reference
    # Awarded, not yet in execution: the award page takes the correction.
    lot = market.lots.get()
    assert row.fields[0].url == reverse(
        "purchasing:award", kwargs={"pk": market.pk, "lot_pk": lot.pk}
    )


def test_a_wrong_buyer_siret_sends_staff_to_the_organisation_in_the_admin(client, alice, market):
    Organisation.objects.filter(pk=alice.organisation_id).update(siret="11111111111112")
    alice.is_staff = True
    alice.save()
    client.force_login(alice)

    response = client.get(DECP, YEAR)

    assert response.status_code == 409
    (row,) = response.context["problems"]
    assert row.fields[0].url == reverse(
        "admin:accounts_organisation_change", args=[alice.organisation_id]
    )


def test_the_ocds_package_downloads_and_validates(client, alice, market, dora_market):
    client.force_login(alice)

    response = client.get(OCDS, YEAR)

    assert response.status_code == 200
    package = json.loads(b"".join(response.streaming_content))
    assert validation.errors(validation.ocds_package_validator(), package) == []
    assert {r["tender"]["id"] for r in package["releases"]} == {
        market.reference,
        dora_market.reference,
    }
    assert package["uri"].endswith(f"{OCDS}?annee=2025")


def test_without_the_schemas_the_page_says_so_and_offers_no_file(
    client, alice, market, settings, tmp_path
):
    settings.OPEN_DATA_SCHEMAS_DIR = tmp_path
    client.force_login(alice)

    page = client.get(PAGE, YEAR)
    download = client.get(DECP, YEAR)

    assert page.status_code == 200
    assert "Les schémas officiels" in page.content.decode()
    assert f'href="{DECP}?annee=2025"' not in page.content.decode()
    assert download.status_code == 503
    assert "aucun fichier" in download.content.decode()
    assert f"<li><code>{tmp_path}/decp/schema_decp_v2.0.3.json</code></li>" in page.content.decode()
    assert (
        "L'administrateur du serveur les installe avec la commande : "
        "<code>python manage.py fetch_open_data_schemas</code>"
    ) in page.content.decode()


def test_the_page_warns_while_the_ocid_prefix_is_the_placeholder(client, alice, market, settings):
    client.force_login(alice)
    warning = "est encore le préfixe provisoire « ocds-achats »"

    assert warning in client.get(PAGE, YEAR).content.decode()
    settings.OCDS_OCID_PREFIX = "ocds-x7y8z9"
    assert warning not in client.get(PAGE, YEAR).content.decode()


def test_the_page_and_the_files_take_the_same_queries_for_few_and_many_contracts(
    client, alice, bob, library, market, django_assert_max_num_queries
):
    client.force_login(alice)

    def queries() -> dict:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        counts = {}
        for url in (PAGE, DECP, OCDS):
            with CaptureQueriesContext(connection) as captured:
                response = client.get(url, YEAR)
                assert response.status_code == 200
                if response.streaming:
                    b"".join(response.streaming_content)
            counts[url] = len(captured.captured_queries)
        return counts

    few = queries()
    for number in range(5):
        notified_market(
            bob,
            alice,
            library,
            title=f"Marché {number}",
            clauses=("insertion", "ecolabel"),
            supplier_siret=make_siret(20_800_000 + number),
        )
    assert queries() == few
    with django_assert_max_num_queries(few[PAGE]):
        client.get(PAGE, YEAR)
