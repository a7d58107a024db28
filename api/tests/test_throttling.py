"""Rates: each person's requests, and pushes of purchases on a tighter budget of their own."""

import pytest
from rest_framework.throttling import SimpleRateThrottle

from api.tests.factories import token_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def tight_rates(monkeypatch):
    monkeypatch.setattr(
        SimpleRateThrottle,
        "THROTTLE_RATES",
        {"anon": "1/hour", "user": "3/hour", "purchases-push": "1/hour"},
    )


def test_a_person_over_their_rate_is_told_to_wait(tight_rates, bob):
    client = token_client(bob)
    for _ in range(3):
        assert client.get("/api/v1/clauses/").status_code == 200
    response = client.get("/api/v1/clauses/")
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0


def test_pushes_have_their_own_tighter_rate(tight_rates, fanny):
    client = token_client(fanny)
    assert client.post("/api/v1/purchases/", [], format="json").status_code == 400
    assert client.post("/api/v1/purchases/", [], format="json").status_code == 429
    # Reading is not counted against the pushes.
    assert client.get("/api/v1/purchases/").status_code == 200
