"""Contracts through the API: the same readers as the list and the contract pages."""

import pytest
from rest_framework.test import APIClient

from api.tests.factories import token_client
from purchasing.tests.factories import make_market

pytestmark = pytest.mark.django_db

LIST = "/api/v1/contracts/"


def detail(market) -> str:
    return f"/api/v1/contracts/{market.pk}/"


def references(response) -> set[str]:
    return {row["reference"] for row in response.json()["results"]}


def test_it_refuses_a_request_without_token():
    response = APIClient().get(LIST)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_a_buyer_lists_the_contracts_of_their_department_only(
    bob, market, dora_market, other_market
):
    response = token_client(bob).get(LIST)
    assert response.status_code == 200
    assert references(response) == {market.reference}


def test_an_advisor_lists_every_contract_of_the_organisation_and_none_of_another(
    alice, market, dora_market, other_market
):
    response = token_client(alice).get(LIST)
    assert references(response) == {market.reference, dora_market.reference}
    row = next(r for r in response.json()["results"] if r["reference"] == market.reference)
    assert row["department"] == {"code": "LYC", "name": "Direction des lycées"}
    assert row["status"] == "published"
    assert row["has_social"] is True
    assert row["has_environmental"] is True
    assert row["awarded_amount"] == "512345.67"
    assert row["url"].endswith(detail(market))


def test_a_contract_of_another_organisation_is_not_found(alice, other_market):
    assert token_client(alice).get(detail(other_market)).status_code == 404


def test_a_contract_of_another_department_is_forbidden_to_a_buyer(dora, market):
    assert token_client(dora).get(detail(market)).status_code == 403


def test_a_member_without_any_contract_right_is_forbidden_the_list(fanny, market):
    assert token_client(fanny).get(LIST).status_code == 403


def test_the_detail_has_lots_criteria_awards_and_clauses(bob, market):
    data = token_client(bob).get(detail(market)).json()
    assert data["reference"] == market.reference
    assert data["considerations"] == {
        "social": ["Clause sociale"],
        "environmental": ["Clause environnementale", "Critère environnemental"],
    }
    lot1, lot2 = data["lots"]
    assert lot1["award"]["supplier"] == {
        "name": "Nettoyage Services du Nord",
        "siret": "44123456400124",
    }
    assert lot1["award"]["amount"] == "512345.67"
    assert lot2["award"] is None
    assert [(c["kind"], c["weight"]) for c in lot1["criteria"]] == [
        ("price", 50),
        ("technical", 30),
        ("environmental", 20),
    ]
    codes = {(c["code"], c["lot"], c["version"]) for c in data["clauses"]}
    assert codes == {("insertion-heures", None, 1), ("produits-ecolabel", 1, 1)}
    insertion = next(c for c in data["clauses"] if c["code"] == "insertion-heures")
    assert "833" in insertion["text"]
    assert {a["theme"] for a in data["assessments"]} >= {"environment", "social_insertion"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("year=2026", {"MARKET"}),
        ("year=2025", {"DORA"}),
        ("status=published", {"MARKET"}),
        ("status=draft", {"DORA"}),
        ("department=ENV", {"DORA"}),
        ("social=true", {"MARKET"}),
        ("social=false", {"DORA"}),
        ("environmental=true", {"MARKET"}),
        ("family=cleaning-products", {"MARKET", "DORA"}),
        ("search=recyclé", {"DORA"}),
    ],
)
def test_filters(alice, market, dora_market, query, expected):
    names = {"DORA": dora_market.reference, "MARKET": market.reference}
    expected = {names[name] for name in expected}
    response = token_client(alice).get(f"{LIST}?{query}")
    assert response.status_code == 200, response.json()
    assert references(response) == expected


@pytest.mark.parametrize(
    "query", ["year=1850", "year=deux", "status=unknown", "department=XYZ", "ordering=prix"]
)
def test_a_bad_filter_value_is_a_400_naming_the_filter(alice, market, query):
    response = token_client(alice).get(f"{LIST}?{query}")
    assert response.status_code == 400
    assert query.split("=")[0] in response.json()


def test_a_department_of_another_organisation_is_not_a_filter_value(alice, charlie):
    response = token_client(alice).get(f"{LIST}?department={charlie.department.code}")
    assert response.status_code == 400


def test_pages(bob, library):
    for number in range(5):
        make_market(bob, title=f"Marché {number}")
    client = token_client(bob)
    first = client.get(f"{LIST}?page_size=2").json()
    assert first["count"] == 5
    assert len(first["results"]) == 2
    assert first["next"].endswith("page=2&page_size=2")
    last = client.get(f"{LIST}?page_size=2&page=3").json()
    assert len(last["results"]) == 1
    assert last["next"] is None
    assert client.get(f"{LIST}?page=9").status_code == 404


def test_the_page_size_has_a_maximum(bob, library):
    make_market(bob)
    client = token_client(bob)

    assert client.get(f"{LIST}?page_size=200").status_code == 200
    response = client.get(f"{LIST}?page_size=100000")
    assert response.status_code == 400
    assert response.json() == {"page_size": ["Nombre de lignes par page de 1 à 200."]}


def test_the_list_takes_the_same_number_of_queries_for_1_or_many_contracts(
    bob, library, django_assert_max_num_queries
):
    make_market(bob, title="Seul")
    client = token_client(bob)
    with django_assert_max_num_queries(8) as small:
        assert client.get(LIST).status_code == 200
    for number in range(12):
        make_market(bob, title=f"Marché {number}")
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(LIST)
    assert response.json()["count"] == 13
