import re

import pytest
from django.core import mail
from django.urls import reverse

from accounts import services
from accounts.roles import Role
from accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Un-nouveau-mot-de-passe-2026"


def link_in(message):
    return re.search(r"http://[^/\s]+(/compte/mot-de-passe/nouveau/\S+/)", message.body).group(1)


def choose_password(client, link):
    response = client.get(link, follow=True)
    assert response.status_code == 200
    form_url = response.redirect_chain[-1][0]
    return client.post(
        form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}, follow=True
    )


def test_an_invited_person_chooses_a_password_from_the_invitation_and_logs_in(
    client, django_capture_on_commit_callbacks
):
    alice = UserFactory(roles=[Role.ORG_ADMIN])
    with django_capture_on_commit_callbacks(execute=True):
        services.user_create(
            actor=alice, email="nouvelle@exemple.test", first_name="Nina", last_name="Roy"
        )
    assert len(mail.outbox) == 1

    response = choose_password(client, link_in(mail.outbox[0]))

    assert "Mot de passe enregistré" in response.content.decode()
    response = client.post(
        reverse("accounts:login"), {"username": "nouvelle@exemple.test", "password": NEW_PASSWORD}
    )
    assert response.status_code == 302
    assert response.url == reverse("core:home")


def test_an_invited_person_whose_link_expired_can_ask_for_a_new_one(
    client, django_capture_on_commit_callbacks
):
    alice = UserFactory(roles=[Role.ORG_ADMIN])
    with django_capture_on_commit_callbacks(execute=True):
        services.user_create(
            actor=alice,
            email="nouvelle@exemple.test",
            first_name="Nina",
            last_name="Roy",
            send_invitation=False,
        )

    response = client.post(reverse("accounts:password-reset"), {"email": "Nouvelle@Exemple.test"})

    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["nouvelle@exemple.test"]
    assert mail.outbox[0].subject == "Achats responsables : choisir un nouveau mot de passe"


def test_a_deactivated_person_gets_no_reset_link(client):
    UserFactory(email="partie@exemple.test", is_active=False)

    client.post(reverse("accounts:password-reset"), {"email": "partie@exemple.test"})

    assert mail.outbox == []


def test_a_used_link_is_refused_with_a_clear_message(client):
    UserFactory(email="camille@exemple.test")
    client.post(reverse("accounts:password-reset"), {"email": "camille@exemple.test"})
    link = link_in(mail.outbox[0])
    choose_password(client, link)

    response = client.get(link, follow=True)

    assert "Ce lien n'est plus valable" in response.content.decode()


def test_choosing_a_new_password_unlocks_a_locked_account(client):
    UserFactory(email="camille@exemple.test")
    for _attempt in range(5):
        client.post(
            reverse("accounts:login"),
            {"username": "camille@exemple.test", "password": "mauvais-mot-de-passe"},
        )
    client.post(reverse("accounts:password-reset"), {"email": "camille@exemple.test"})

    choose_password(client, link_in(mail.outbox[0]))
    response = client.post(
        reverse("accounts:login"), {"username": "camille@exemple.test", "password": NEW_PASSWORD}
    )

    assert response.status_code == 302
