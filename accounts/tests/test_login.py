"""Logging in and out. django-axes counts the attempts, so every login goes through the view
(client.login() gives axes no request); elsewhere tests use client.force_login()."""

import pytest
from django.urls import reverse

from accounts.tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

INVALID_LOGIN = (
    "Adresse e-mail ou mot de passe incorrect. Vérifiez votre saisie : après 5 essais "
    "infructueux, le compte est verrouillé pendant 15 minutes."
)

LOCKED = "Compte temporairement verrouillé"


def log_in(client, email, password=TEST_PASSWORD):
    return client.post(reverse("accounts:login"), {"username": email, "password": password})


def logged_in_as(client):
    return client.get(reverse("accounts:profile")).wsgi_request.user


def test_the_login_page_is_in_french(client):
    response = client.get("/compte/connexion/")

    assert response.status_code == 200
    content = response.content.decode()
    assert '<html lang="fr">' in content
    assert "<title>Connexion · Achats responsables</title>" in content
    assert "Se connecter" in content


def test_it_logs_in_with_the_right_address_and_password_and_goes_home(client):
    camille = UserFactory(email="camille@exemple.test")

    response = log_in(client, "camille@exemple.test")

    assert response.status_code == 302
    assert response.url == reverse("core:home")
    assert logged_in_as(client) == camille


def test_the_address_is_not_case_sensitive(client):
    camille = UserFactory(email="camille@exemple.test")

    response = log_in(client, "Camille@EXEMPLE.test")

    assert response.status_code == 302
    assert logged_in_as(client) == camille


def test_it_refuses_a_wrong_password_with_a_clear_message(client):
    UserFactory(email="camille@exemple.test")

    response = log_in(client, "camille@exemple.test", "mauvais-mot-de-passe")

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [INVALID_LOGIN]
    assert not logged_in_as(client).is_authenticated


def test_a_deactivated_person_cannot_log_in(client):
    UserFactory(email="partie@exemple.test", is_active=False)

    response = log_in(client, "partie@exemple.test")

    # The same message as a wrong password: the page does not tell who has an account.
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [INVALID_LOGIN]
    assert not logged_in_as(client).is_authenticated


def test_logging_out_takes_a_post(client):
    client.force_login(UserFactory())

    response = client.get(reverse("accounts:logout"))

    assert response.status_code == 405
    assert logged_in_as(client).is_authenticated


def test_it_logs_out(client):
    client.force_login(UserFactory())

    response = client.post(reverse("accounts:logout"))

    assert response.status_code == 302
    assert response.url == reverse("accounts:login")
    assert not logged_in_as(client).is_authenticated


def test_it_locks_the_account_after_five_wrong_passwords(client):
    UserFactory(email="camille@exemple.test")
    responses = [log_in(client, "camille@exemple.test", "mauvais-mot-de-passe") for _ in range(5)]

    assert [response.status_code for response in responses] == [200, 200, 200, 200, 429]
    assert LOCKED in responses[-1].content.decode()

    response = log_in(client, "camille@exemple.test")

    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    assert not logged_in_as(client).is_authenticated


def test_the_lockout_is_per_account(client):
    UserFactory(email="camille@exemple.test")
    dominique = UserFactory(email="dominique@exemple.test")
    for _ in range(5):
        log_in(client, "camille@exemple.test", "mauvais-mot-de-passe")

    response = log_in(client, "dominique@exemple.test")

    assert response.status_code == 302
    assert logged_in_as(client) == dominique
