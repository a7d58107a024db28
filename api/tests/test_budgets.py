"""Budgets, purchases and compliance figures through the API: read by those who read the
compliance pages, for the departments they may read there."""

import datetime

import pytest

from api.tests.factories import token_client
from budgets.selectors import compliance as selectors
from budgets.tests.factories import make_purchases

pytestmark = pytest.mark.django_db

BUDGETS = "/api/v1/budgets/"
PURCHASES = "/api/v1/purchases/"
COMPLIANCE = "/api/v1/compliance/"


def rows(response) -> list[dict]:
    assert response.status_code == 200, response.content
    return response.json()["results"]


@pytest.mark.parametrize("url", [BUDGETS, PURCHASES, COMPLIANCE])
def test_it_refuses_a_request_without_token(client, url):
    assert client.get(url).status_code == 401


@pytest.mark.parametrize("url", [BUDGETS, PURCHASES, COMPLIANCE])
def test_a_buyer_is_forbidden(bob, money, url):
    assert token_client(bob).get(url).status_code == 403


def test_an_advisor_reads_every_budget_of_the_organisation_and_none_of_another(alice, money):
    budgets = rows(token_client(alice).get(BUDGETS))
    assert {(b["department"], b["year"], b["family"], b["amount"]) for b in budgets} == {
        ("LYC", 2025, "office-supplies", "1000.00"),
        ("ENV", 2025, "office-supplies", "2000.00"),
    }


def test_a_department_head_reads_their_department_only(henri, money):
    client = token_client(henri)
    assert {b["department"] for b in rows(client.get(BUDGETS))} == {"LYC"}
    assert {p["department"] for p in rows(client.get(PURCHASES))} == {"LYC"}
    compliance = client.get(COMPLIANCE + "?year=2025").json()
    assert {row["department"] for row in compliance} == {"LYC"}


def test_purchases_of_another_organisation_are_absent(alice, money):
    purchases = rows(token_client(alice).get(PURCHASES))
    assert len(purchases) == 3
    assert "777.00" not in {p["amount_excl_vat"] for p in purchases}
    labelled = next(p for p in purchases if p["amount_excl_vat"] == "300.00")
    assert labelled["eco_labels"] == ["eu-ecolabel"]
    assert labelled["family"] == "office-supplies"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("year=2025", {"300.00", "50.00"}),
        ("year=2024", {"120.00"}),
        ("date_from=2025-04-01", {"50.00"}),
        ("date_to=2025-03-31", {"300.00", "120.00"}),
        ("date_from=2025-01-01&date_to=2025-03-31", {"300.00"}),
        ("department=ENV", {"120.00"}),
        ("family=office-supplies", {"300.00", "50.00", "120.00"}),
        ("family=paper", set()),
    ],
)
def test_purchase_filters(alice, money, query, expected):
    purchases = rows(token_client(alice).get(f"{PURCHASES}?{query}"))
    assert {p["amount_excl_vat"] for p in purchases} == expected


@pytest.mark.parametrize(
    ("query", "expected"), [("year=2025", {"LYC", "ENV"}), ("department=ENV", {"ENV"})]
)
def test_budget_filters(alice, money, query, expected):
    assert {b["department"] for b in rows(token_client(alice).get(f"{BUDGETS}?{query}"))} == (
        expected
    )


def test_a_department_head_cannot_filter_on_another_department(henri, money):
    assert token_client(henri).get(f"{PURCHASES}?department=ENV").status_code == 400


def test_compliance_gives_the_figures_of_the_budgets_selector(alice, money):
    response = token_client(alice).get(f"{COMPLIANCE}?year=2025")
    assert response.status_code == 200
    data = response.json()
    expected = selectors.compliance_for(
        organisation=alice.organisation, year=2025, as_of=datetime.date.today()
    )
    assert len(data) == len(expected)
    office_lyc = next(
        row
        for row in data
        if row["department"] == "LYC" and row["rule"]["family"] == "office-supplies"
    )
    assert office_lyc["budget_amount"] == "1000.00"
    assert office_lyc["qualifying_amount"] == "300.00"
    assert office_lyc["total_spend"] == "350.00"
    assert office_lyc["ratio"] == "30.00"
    assert office_lyc["threshold"] == "20.00"
    assert office_lyc["status"] == "met"
    assert office_lyc["status_label"] == "Atteint"


def test_compliance_of_one_department(alice, money):
    data = token_client(alice).get(f"{COMPLIANCE}?year=2025&department=ENV").json()
    assert {row["department"] for row in data} == {"ENV"}


def test_compliance_of_a_department_one_may_not_read_is_forbidden(henri, money):
    assert token_client(henri).get(f"{COMPLIANCE}?department=ENV").status_code == 403


def test_compliance_of_a_department_of_another_organisation_is_not_found(alice, charlie, money):
    assert token_client(alice).get(f"{COMPLIANCE}?department=ACH").status_code == 404


def test_compliance_refuses_a_year_out_of_range(alice, money):
    response = token_client(alice).get(f"{COMPLIANCE}?year=1900")
    assert response.status_code == 400
    assert "year" in response.json()


def test_the_purchase_list_takes_the_same_number_of_queries_for_few_or_many_lines(
    alice, money, django_assert_max_num_queries
):
    client = token_client(alice)
    with django_assert_max_num_queries(10) as small:
        assert len(rows(client.get(PURCHASES))) == 3
    make_purchases(
        alice.organisation,
        [{"department": "LYC", "eco_labels": "eu-ecolabel|nf-environnement"} for _ in range(30)],
    )
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(PURCHASES).json()["count"] == 33


def test_the_budget_list_takes_the_same_number_of_queries_for_few_or_many_budgets(
    alice, money, django_assert_max_num_queries
):
    from budgets.tests.factories import make_budgets

    client = token_client(alice)
    with django_assert_max_num_queries(10) as small:
        assert client.get(BUDGETS).status_code == 200
    make_budgets(
        alice.organisation,
        [
            {"department": code, "year": year, "family": "paper", "amount": "10"}
            for code in ("LYC", "ENV")
            for year in range(2010, 2020)
        ],
    )
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(BUDGETS).json()["count"] == 22
