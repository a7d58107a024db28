"""The OpenAPI description and its documentation page; a property-based run over the
description (schemathesis, through the WSGI application) finds no server error."""

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.generation import GenerationMode

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
def test_no_request_of_the_description_makes_a_server_error(everything, wsgi_application, mode):
    schema = schemathesis.openapi.from_wsgi("/api/schema/", wsgi_application)
    strategy = schema.as_strategy(generation_mode=mode)
    headers = {"Authorization": f"Token {everything}"}
    seen = set()

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(data=st.data())
    def run(data):
        case = data.draw(strategy)
        response = case.call(headers=headers)
        seen.add((case.method, case.path))
        assert response.status_code < 500, (
            f"{case.method} {case.formatted_path} {case.query} {case.body!r}: "
            f"{response.status_code} {response.text[:500]}"
        )

    run()
    # Every operation was tried.
    assert len(seen) == 8
