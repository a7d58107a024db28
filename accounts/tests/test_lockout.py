import pytest
from django.urls import reverse

from accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_changing_the_case_of_the_address_gives_no_extra_login_tries(client):
    UserFactory(email="camille@exemple.test")
    for attempt in ["camille@exemple.test", "Camille@exemple.test", "CAMILLE@exemple.test"] * 2:
        response = client.post(
            reverse("accounts:login"), {"username": attempt, "password": "mauvais-mot-de-passe"}
        )

    assert response.status_code == 429
    assert "Compte temporairement verrouillé" in response.content.decode()
