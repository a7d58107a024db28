import pytest
from django.urls import reverse

from accounts.models import User
from accounts.roles import Role
from accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser():
    return UserFactory(is_staff=True, is_superuser=True)


def test_the_technical_admin_shows_a_person_with_roles_read_only(client, superuser):
    person = UserFactory(roles=[Role.BUYER])
    client.force_login(superuser)

    response = client.get(reverse("admin:accounts_user_change", args=[person.pk]))

    assert response.status_code == 200
    assert "groups" not in response.context["adminform"].form.fields
    assert "buyer" in response.content.decode()


def test_the_technical_admin_creates_a_person_by_e_mail(client, superuser):
    client.force_login(superuser)

    response = client.post(
        reverse("admin:accounts_user_add"),
        {
            "email": "Technique@Exemple.test",
            "first_name": "Alex",
            "last_name": "Martin",
            "organisation": superuser.organisation_id,
            "usable_password": "true",
            "password1": "Un-mot-de-passe-solide-2026",
            "password2": "Un-mot-de-passe-solide-2026",
        },
    )

    assert response.status_code == 302
    person = User.objects.get(email__iexact="technique@exemple.test")
    assert person.history.first().history_user == superuser
