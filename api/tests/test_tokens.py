"""Tokens: created on the profile page (shown once), listed, revoked; refused once revoked or
expired; another person's token cannot be revoked (404)."""

import datetime
import re

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from api.models import ApiToken
from api.services import token_create

pytestmark = pytest.mark.django_db

PROFILE = "/compte/profil/"
TOKENS = "/api/jetons/"
CREATE = "/api/jetons/nouveau/"
PROBE = "/api/v1/clauses/"


def revoke_url(token) -> str:
    return f"/api/jetons/{token.token_key}/revoquer/"


def with_token(secret: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {secret}")
    return client


def test_the_profile_lists_the_tokens_and_links_their_page_and_the_documentation(client, bob):
    token_create(actor=bob, name="Portail open data")
    client.force_login(bob)
    page = client.get(PROFILE).content.decode()
    assert "Accès à l'API" in page
    assert "Portail open data" in page
    assert 'href="/api/docs/"' in page
    assert f'href="{TOKENS}"' in page
    tokens = client.get(TOKENS).content.decode()
    assert f'action="{CREATE}"' in tokens
    assert "Portail open data" in tokens


def test_the_token_page_is_for_logged_in_people(client):
    assert client.get(TOKENS).status_code == 302


def test_a_new_token_is_shown_once_and_works(client, bob):
    client.force_login(bob)
    response = client.post(CREATE, {"name": "Logiciel financier"})
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    secret = re.search(r'<code id="jeton"[^>]*>([^<]+)</code>', response.content.decode()).group(1)
    token = ApiToken.objects.get(user=bob)
    assert token.name == "Logiciel financier"
    assert secret.startswith(token.token_key)
    assert secret not in token.digest
    assert token.expiry > timezone.now() + datetime.timedelta(days=89)
    # Listed on the profile by its first characters, never in full again.
    profile = client.get(PROFILE).content.decode()
    assert "Logiciel financier" in profile
    assert token.token_key in profile
    assert secret not in profile
    # It opens the API and its use is recorded.
    assert with_token(secret).get(PROBE).status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_a_token_needs_a_name(client, bob):
    client.force_login(bob)
    response = client.post(CREATE, {"name": ""})
    assert response.status_code == 400
    assert "Ce champ est obligatoire." in response.content.decode()
    assert not ApiToken.objects.exists()


def test_an_anonymous_visitor_cannot_create_a_token(client):
    response = client.post(CREATE, {"name": "x"})
    assert response.status_code == 302
    assert "/compte/connexion/" in response["Location"] or "login" in response["Location"]
    assert not ApiToken.objects.exists()


def test_creating_takes_a_post(client, bob):
    client.force_login(bob)
    assert client.get(CREATE).status_code == 405


def test_a_revoked_token_is_refused(client, bob):
    token, secret = token_create(actor=bob, name="Script")
    assert with_token(secret).get(PROBE).status_code == 200
    client.force_login(bob)
    response = client.post(revoke_url(token), follow=True)
    assert "Le jeton « Script » est révoqué." in response.content.decode()
    assert not ApiToken.objects.filter(pk=token.pk).exists()
    refused = with_token(secret).get(PROBE)
    assert refused.status_code == 401
    assert refused.json() == {"detail": "Jeton inconnu, révoqué ou expiré."}


def test_another_persons_token_cannot_be_revoked(client, bob, dora):
    token, secret = token_create(actor=dora, name="Script de Dora")
    client.force_login(bob)
    assert client.post(revoke_url(token)).status_code == 404
    assert ApiToken.objects.filter(pk=token.pk).exists()
    assert with_token(secret).get(PROBE).status_code == 200


def test_an_expired_token_is_refused(bob):
    token, secret = token_create(actor=bob, name="Ancien")
    ApiToken.objects.filter(pk=token.pk).update(
        expiry=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert with_token(secret).get(PROBE).status_code == 401


@pytest.mark.parametrize(
    "header", ["Token", "Token abc def", "Token ar_inconnu0000000000", "Token ar_\xe9\xe9"]
)
def test_malformed_or_unknown_tokens_are_refused(bob, header):
    token_create(actor=bob, name="Existant")
    assert APIClient().get(PROBE, HTTP_AUTHORIZATION=header).status_code == 401


def test_a_deactivated_persons_token_is_refused(bob):
    _token, secret = token_create(actor=bob, name="Script")
    bob.is_active = False
    bob.save()
    assert with_token(secret).get(PROBE).status_code == 401


def test_the_session_of_the_site_opens_the_api_too(client, bob):
    client.force_login(bob)
    assert client.get(PROBE).status_code == 200


def test_the_session_cannot_push_without_the_csrf_token(bob, fanny):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(fanny)
    response = client.post("/api/v1/purchases/", [], format="json")
    assert response.status_code == 403
