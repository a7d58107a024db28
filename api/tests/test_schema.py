"""The OpenAPI description and its documentation page; a property-based run over the
description (schemathesis with all its checks, through the WSGI application) finds the API
true to it."""

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import positive_data_acceptance

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from api.services import token_create

pytestmark = pytest.mark.django_db

# Operations × examples stay small enough for CI (a few seconds), large enough to try every
# operation with valid and invalid parameters and bodies.
EXAMPLES = 80


def test_the_description_is_served_and_documents_every_endpoint(client):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"] == "API Achats responsables"
    assert set(schema["paths"]) == {
        "/api/v1/budgets/",
        "/api/v1/clauses/",
        "/api/v1/clauses/{id}/",
        "/api/v1/compliance/",
        "/api/v1/contracts/",
        "/api/v1/contracts/{id}/",
        "/api/v1/purchases/",
    }
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            assert operation.get("summary"), f"{method} {path} has no summary"
            assert "200" in operation["responses"] or "201" in operation["responses"]
    assert schema["components"]["securitySchemes"]["jeton"] == {
        "type": "apiKey",
        "in": "header",
        "name": "Authorization",
        "description": 'Token-based authentication with required prefix "Token"',
    }


def test_the_documentation_page_has_no_inline_script_or_style(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "<style" not in page
    assert "<script>" not in page
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in page
    script = client.get("/api/docs/?script=")
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert "/api/schema/" in script.content.decode()


@pytest.fixture
def wsgi_application():
    """Django's WSGI handler, with the connection of the test kept open between requests, as
    Django's test client does: the handler closes it at the end of each request otherwise,
    and with it the test's transaction."""
    signals = (request_started, request_finished)
    for signal in signals:
        signal.disconnect(close_old_connections)
    yield WSGIHandler()
    for signal in signals:
        signal.connect(close_old_connections)


@pytest.fixture
def everything(market, dora_market, other_market, money, library):
    """A person who reads contracts and compliance and pushes purchases, and data to read."""
    person = UserFactory(
        organisation=market.organisation,
        department=market.department,
        roles=[Role.ADVISOR, Role.FINANCE_OFFICER],
    )
    _token, secret = token_create(actor=person, name="Schemathesis")
    return secret


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_the_api_answers_as_its_description_says(everything, wsgi_application, mode):
    schema = schemathesis.openapi.from_wsgi("/api/schema/", wsgi_application)
    headers = {"Authorization": f"Token {everything}"}
    seen = set()
    operations = [result.ok() for result in schema.get_all_operations()]

    def check(case):
        # Every check of schemathesis: status codes, content types, headers and bodies as
        # documented, negative data refused, no server error. One exception: a request that
        # fits the description may still name a department or family the organisation does
        # not have (a filter, a pushed line), or a 31 February; that 400 is the API's rule on
        # data, which no description of types can list.
        seen.add((case.method, case.path))
        excluded = []
        names_codes = bool({"family", "department"} & set(case.query or {}))
        if names_codes or (case.method, case.path) == ("POST", "/api/v1/purchases/"):
            excluded = [positive_data_acceptance]
        case.call_and_validate(headers=headers, excluded_checks=excluded)

    # Each operation on its own share of the examples, so that every one is tried whatever
    # the draws.
    def runner(strategy):
        @settings(
            max_examples=max(EXAMPLES // len(operations), 5),
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        @given(data=st.data())
        def run(data):
            check(data.draw(strategy))

        return run

    for operation in operations:
        runner(operation.as_strategy(generation_mode=mode))()
    assert len(operations) == 8
    assert len(seen) == 8


def test_the_description_declares_nulls_errors_and_bounds(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    components = schema["components"]["schemas"]
    paths = schema["paths"]

    # A draft has no main CPV code yet.
    for name in ("MarketList", "MarketDetailSchema"):
        assert components[name]["properties"]["main_cpv"]["nullable"] is True
    for path, operations in paths.items():
        for method, operation in operations.items():
            assert {"404", "429"} <= set(operation["responses"]), f"{method} {path}"
    assert {"400", "413", "415"} <= set(paths["/api/v1/purchases/"]["post"]["responses"])
    parameters = {p["name"]: p["schema"] for p in paths["/api/v1/budgets/"]["get"]["parameters"]}
    assert parameters["year"] == {"type": "integer", "minimum": 2000, "maximum": 2100}
    assert parameters["page"] == {"type": "integer", "minimum": 1}
    assert parameters["page_size"] == {"type": "integer", "minimum": 1, "maximum": 200}
    push = paths["/api/v1/purchases/"]["post"]["requestBody"]["content"]["application/json"]
    assert (push["schema"]["minItems"], push["schema"]["maxItems"]) == (1, 10000)


@pytest.mark.parametrize(
    "query", ["page_size=0", "page_size=201", "page_size=x", "social=null", "social="]
)
def test_parameters_out_of_their_declared_bounds_are_refused(alice, api_as, query):
    response = api_as(alice).get(f"/api/v1/contracts/?{query}")

    assert response.status_code == 400
