"""The clause library through the API: what the person may read, in its version in force."""

import pytest

from api.tests.factories import token_client
from clauses.models import ClauseCategory
from clauses.services.library import clause_update
from clauses.tests.factories import make_approved_clause, make_clause

pytestmark = pytest.mark.django_db

LIST = "/api/v1/clauses/"


def codes(response) -> set[str]:
    return {row["code"] for row in response.json()["results"]}


@pytest.fixture
def tourcoing_clauses(charlie):
    """charlie's organisation: one clause kept to itself, one shared with the network."""
    from accounts.roles import Role
    from accounts.tests.factories import UserFactory

    admin = UserFactory(
        organisation=charlie.organisation, department=None, roles=[Role.CLAUSE_ADMIN]
    )
    private = make_approved_clause(actor=admin, code="privee-tourcoing")
    shared = make_approved_clause(actor=admin, code="partagee-tourcoing", shared_with_network=True)
    return private, shared


def test_it_refuses_a_request_without_token(client):
    assert client.get(LIST).status_code == 401


def test_a_buyer_reads_the_usable_clauses_and_those_shared_with_the_network(
    bob, library, clement, tourcoing_clauses
):
    make_clause(actor=clement, code="brouillon")
    response = token_client(bob).get(LIST)
    assert response.status_code == 200
    assert codes(response) == {
        "insertion-heures",
        "produits-ecolabel",
        "marche-reserve-ea-esat",
        "partagee-tourcoing",
    }


def test_a_clause_of_another_organisation_not_shared_is_not_found(bob, tourcoing_clauses):
    private, shared = tourcoing_clauses
    client = token_client(bob)
    assert client.get(f"{LIST}{private.pk}/").status_code == 404
    assert client.get(f"{LIST}{shared.pk}/").status_code == 200


def test_the_detail_gives_the_version_in_force_not_the_draft_in_progress(bob, clement, library):
    clause = library["reserved"]
    clause_update(actor=clement, clause=clause, title="Titre en cours de révision")
    data = token_client(bob).get(f"{LIST}{clause.pk}/").json()
    assert data["title"] == "Marché réservé aux EA et ESAT"
    assert data["version_in_force"] == 1
    assert data["current_version"]["number"] == 1
    assert data["current_version"]["title"] == "Marché réservé aux EA et ESAT"
    assert data["body"] == "Le marché est réservé aux entreprises adaptées et aux ESAT."
    # Its administrator reads it as it stands.
    own = token_client(clement).get(f"{LIST}{clause.pk}/").json()
    assert own["title"] == "Titre en cours de révision"


def test_the_detail_gives_the_parameters(bob, library):
    data = token_client(bob).get(f"{LIST}{library['insertion'].pk}/").json()
    assert [p["name"] for p in data["parameters"]] == [
        "insertion_rate",
        "labour_share",
        "hourly_cost",
        "hours",
    ]
    assert data["purchase_families"] == ["cleaning-products"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("search=ecolabellises", {"produits-ecolabel"}),
        (f"category={ClauseCategory.ENVIRONMENTAL}", {"produits-ecolabel"}),
        ("kind=reserved_contract", {"marche-reserve-ea-esat"}),
        ("family=cleaning-products", {"insertion-heures", "produits-ecolabel"}),
    ],
)
def test_filters(bob, library, query, expected):
    response = token_client(bob).get(f"{LIST}?{query}")
    assert response.status_code == 200
    assert codes(response) == expected


def test_an_unknown_family_is_a_400(bob, library):
    response = token_client(bob).get(f"{LIST}?family=licornes")
    assert response.status_code == 400
    assert "family" in response.json()


def test_the_list_takes_the_same_number_of_queries_for_few_or_many_clauses(
    bob, clement, library, django_assert_max_num_queries
):
    client = token_client(bob)
    with django_assert_max_num_queries(10) as small:
        assert client.get(LIST).status_code == 200
    for number in range(10):
        make_approved_clause(actor=clement, code=f"clause-{number}")
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(LIST).json()["count"] == 13
