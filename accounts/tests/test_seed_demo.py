from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from accounts import demo
from accounts.models import Department, Organisation, User
from accounts.roles import Role

pytestmark = pytest.mark.django_db

DEMO_ACCOUNTS = [email for email, *_rest in demo.PEOPLE]


def seed(**options):
    output = StringIO()
    options.setdefault("up_to", "accounts")
    call_command("seed_demo", stdout=output, **options)
    return output.getvalue()


def test_seeding_twice_gives_the_demo_data_once():
    seed()
    seed()

    assert Organisation.objects.count() == 7
    assert set(Department.objects.values_list("organisation__slug", "code")) == {
        ("npdc", "LYC"),
        ("npdc", "TRA"),
        ("npdc", "ENV"),
        ("npdc", "ACH"),
        ("npdc", "RH"),
        ("npdc", "DSI"),
        ("lille-metropole", "ACH"),
    }
    assert sorted(User.objects.values_list("email", flat=True)) == sorted(DEMO_ACCOUNTS)
    assert len(DEMO_ACCOUNTS) == 12


def test_seeding_again_puts_back_a_changed_account():
    seed()
    User.objects.filter(email="acheteur@npdc.test").update(is_active=False, first_name="X")

    seed()

    camille = User.objects.get(email="acheteur@npdc.test")
    assert camille.is_active
    assert camille.first_name == "Camille"


def test_it_lists_the_accounts_and_their_password():
    output = seed()

    assert "Achats-Demo-2026" in output
    assert "admin@npdc.test" in output
    assert "Administrateur de l'organisation — Conseil régional Nord-Pas-de-Calais / DSI" in output


@pytest.mark.parametrize("email", DEMO_ACCOUNTS)
def test_each_demo_account_logs_in_with_the_demo_password(client, email):
    seed()

    response = client.post(
        reverse("accounts:login"), {"username": email, "password": "Achats-Demo-2026"}
    )

    assert response.status_code == 302
    assert response.url == reverse("core:home")


def test_each_demo_account_has_its_role():
    seed()

    for email, *_names, roles in demo.PEOPLE:
        assert User.objects.get(email=email).role_codes == set(roles), email


def test_the_demo_administrator_is_a_superuser():
    seed()

    administrator = User.objects.get(email="admin@npdc.test")
    assert administrator.is_superuser
    assert administrator.is_staff
    assert administrator.has_role(Role.ORG_ADMIN)
    assert not User.objects.filter(is_superuser=True).exclude(pk=administrator.pk).exists()


def test_the_head_of_the_lycees_department_heads_it():
    seed()

    lycees = Department.objects.get(organisation__slug="npdc", code="LYC")
    assert lycees.head.email == "chef.lycees@npdc.test"


def test_it_refuses_to_run_with_production_settings(settings):
    settings.IS_PRODUCTION = True

    with pytest.raises(CommandError, match="Refusing to load demo accounts"):
        seed()

    assert not User.objects.exists()


def test_it_runs_with_production_settings_when_forced(settings):
    settings.IS_PRODUCTION = True

    seed(force=True)

    assert User.objects.count() == 12


def test_it_names_the_apps_when_asked_to_stop_at_an_unknown_one():
    with pytest.raises(CommandError, match="unknown app 'budget'; choose from accounts, clauses"):
        seed(up_to="budget")
    assert not Organisation.objects.exists()
