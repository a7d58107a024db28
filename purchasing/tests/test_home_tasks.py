"""« Mes tâches » on the home page: each role's counts, each linking to the list that shows
exactly those contracts, in a number of queries that does not grow with the data."""

import html

import pytest
from django.urls import reverse

from purchasing import services
from purchasing.tests.factories import make_market, make_ready_market

pytestmark = pytest.mark.django_db


def tasks(client, person):
    client.force_login(person)
    return {task["key"]: task for task in client.get(reverse("core:home")).context["tasks"]}


def listed(client, task):
    """The references of the contracts on the page the task links to."""
    response = client.get(task["url"])
    assert response.status_code == 200
    return sorted(market.reference for market in response.context["page"].object_list)


@pytest.fixture
def contracts(bob, alice, library):
    drafts = [make_market(bob, title=f"Brouillon {n}") for n in range(2)]
    submitted = make_ready_market(bob, library, title="Nettoyage des lycées")
    services.market_submit(actor=bob, market=submitted)
    sent_back = make_ready_market(bob, library, title="Papier recyclé")
    services.market_submit(actor=bob, market=sent_back)
    services.market_send_back(actor=alice, market=sent_back, comment="Ajoutez un critère social.")
    return {"drafts": drafts, "submitted": submitted, "sent_back": sent_back}


def test_a_buyer_sees_drafts_and_sent_back_contracts_each_linking_to_its_list(
    client, bob, contracts
):
    mine = tasks(client, bob)

    assert mine["markets-draft"]["label"] == "2 brouillons de marché à terminer"
    assert mine["markets-sent-back"]["label"] == "1 marché renvoyé à reprendre"
    assert mine["markets-in-execution"]["label"] == (
        "0 marché en exécution : suivi des clauses à saisir"
    )
    assert "markets-to-review" not in mine
    assert listed(client, mine["markets-draft"]) == sorted(
        market.reference for market in contracts["drafts"]
    )
    assert listed(client, mine["markets-sent-back"]) == [contracts["sent_back"].reference]
    page = html.unescape(client.get(reverse("core:home")).content.decode())
    assert "Mes tâches" in page
    assert f'href="{mine["markets-draft"]["url"]}"' in page


def test_the_advisor_sees_the_contracts_to_review(client, alice, contracts):
    mine = tasks(client, alice)

    assert mine["markets-to-review"]["label"] == "1 marché à relire"
    assert mine["markets-to-review"]["url"] == reverse("purchasing:review-queue")
    response = client.get(mine["markets-to-review"]["url"])
    assert [market.reference for market in response.context["page"].object_list] == [
        contracts["submitted"].reference
    ]
    assert "markets-draft" not in mine


def test_the_committee_sees_the_reports_ready_and_no_contract_task(client, committee):
    mine = tasks(client, committee)

    assert mine["reports-ready"]["label"] == "0 rapport trimestriel prêt à lire"
    assert mine["reports-ready"]["url"] == f"{reverse('steering:report-list')}?statut=ready"
    assert client.get(mine["reports-ready"]["url"]).status_code == 200
    assert not {"markets-draft", "markets-to-review"} & set(mine)


def test_a_buyer_s_contract_counts_are_other_buyers_contracts_free(client, bob, dora, library):
    make_market(dora, title="Brouillon de Dora")

    assert tasks(client, bob)["markets-draft"]["label"] == "0 brouillon de marché à terminer"
    assert tasks(client, dora)["markets-draft"]["label"] == "1 brouillon de marché à terminer"


@pytest.mark.parametrize("extra", [0, 6])
def test_the_home_page_reads_the_same_queries_whatever_the_number_of_contracts(
    client, bob, alice, contracts, extra, django_assert_max_num_queries
):
    for n in range(extra):
        make_market(bob, title=f"Autre brouillon {n}")
    client.force_login(bob)

    with django_assert_max_num_queries(14):
        response = client.get(reverse("core:home"))

    assert response.context["tasks"][0]["count"] >= 0
