"""The departments ("directions") of an organisation, managed by its administrator."""

import pytest
from django.urls import reverse

from accounts import services
from accounts.models import Department
from accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

INVALID_CHOICE = "Sélectionnez un choix valide. Ce choix ne fait pas partie de ceux disponibles."
# Session, viewer, their permissions (2), organisation, the departments with heads and counts.
DEPARTMENT_LIST_QUERIES = 6


def edit_url(code):
    return reverse("accounts:department-edit", kwargs={"code": code})


def counts(response):
    return {
        department.code: department.people_count for department in response.context["departments"]
    }


def test_it_lists_the_departments_with_their_active_people(client, alice, bob, charlie):
    UserFactory(organisation=alice.organisation, department=bob.department, is_active=False)
    services.department_create(actor=alice, code="ENV", name="Environnement", head=bob)
    client.force_login(alice)

    response = client.get(reverse("accounts:department-list"))

    assert response.status_code == 200
    assert counts(response) == {"DSI": 1, "ENV": 0, "LYC": 1}
    assert "<td>Bob Petit</td>" in response.content.decode()


@pytest.mark.parametrize("extra", [0, 20])
def test_the_list_takes_the_same_queries_for_one_department_or_many(
    client, alice, bob, extra, django_assert_max_num_queries
):
    for n in range(extra):
        services.department_create(actor=alice, code=f"D{n}", name=f"Direction {n}", head=bob)
    client.force_login(alice)

    with django_assert_max_num_queries(DEPARTMENT_LIST_QUERIES):
        response = client.get(reverse("accounts:department-list"))

    assert len(counts(response)) == extra + 2


def test_it_creates_a_department_with_its_code_in_capitals(client, alice):
    client.force_login(alice)

    response = client.post(
        reverse("accounts:department-create"), {"code": " env ", "name": "Environnement"}
    )

    assert response.status_code == 302
    assert response.url == reverse("accounts:department-list")
    department = Department.objects.get(organisation=alice.organisation, code="ENV")
    assert department.name == "Environnement"
    assert department.history.get().history_user == alice


def test_a_code_already_used_in_the_organisation_is_refused(client, alice, bob):
    client.force_login(alice)

    response = client.post(
        reverse("accounts:department-create"), {"code": "lyc", "name": "Lycées bis"}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["code"] == [
        "Une direction de votre organisation a déjà ce code."
    ]
    assert "Une direction de votre organisation a déjà ce code." in response.content.decode()
    assert Department.objects.filter(organisation=alice.organisation).count() == 2


def test_a_code_used_by_another_organisation_is_accepted(client, alice, charlie):
    client.force_login(alice)

    client.post(reverse("accounts:department-create"), {"code": "ACH", "name": "Achats"})

    assert Department.objects.filter(code="ACH").count() == 2


def test_a_code_with_a_space_is_refused(client, alice):
    client.force_login(alice)

    response = client.post(reverse("accounts:department-create"), {"code": "a b", "name": "X"})

    assert response.context["form"].non_field_errors() == [
        "Le code ne contient que des majuscules, des chiffres et des tirets."
    ]


def test_it_changes_the_name_and_head_of_a_department(client, alice, bob):
    client.force_login(alice)

    response = client.post(
        edit_url("LYC"), {"name": "Direction des lycées et collèges", "head": bob.pk}
    )

    assert response.status_code == 302
    department = Department.objects.get(organisation=alice.organisation, code="LYC")
    assert department.name == "Direction des lycées et collèges"
    assert department.head == bob
    assert department.history.latest().history_user == alice


def test_the_code_is_not_changed_from_the_edit_page(client, alice, bob):
    client.force_login(alice)

    client.post(edit_url("LYC"), {"code": "COL", "name": "Collèges"})

    assert Department.objects.get(pk=bob.department_id).code == "LYC"


def test_a_head_from_another_organisation_is_refused(client, alice, bob, charlie):
    client.force_login(alice)

    response = client.post(edit_url("LYC"), {"name": "Direction des lycées", "head": charlie.pk})

    assert response.status_code == 200
    assert response.context["form"].errors == {"head": [INVALID_CHOICE]}
    assert Department.objects.get(pk=bob.department_id).head is None


@pytest.mark.parametrize(
    "target", [reverse("accounts:department-list"), reverse("accounts:department-create")]
)
def test_a_buyer_may_not_manage_departments(client, bob, target):
    client.force_login(bob)

    response = client.get(target)

    assert response.status_code == 403


def test_a_buyer_may_not_edit_their_department(client, bob):
    client.force_login(bob)

    response = client.post(edit_url("LYC"), {"name": "Renommée"})

    assert response.status_code == 403
    assert Department.objects.get(pk=bob.department_id).name == "Direction des lycées"


def test_another_organisation_s_departments_do_not_exist_for_its_administrator(
    client, bob, charlie
):
    client.force_login(charlie)

    assert client.get(edit_url("LYC")).status_code == 404
    assert client.post(edit_url("LYC"), {"name": "Renommée"}).status_code == 404
    assert Department.objects.get(pk=bob.department_id).name == "Direction des lycées"


@pytest.mark.parametrize(
    "target",
    [
        reverse("accounts:department-list"),
        reverse("accounts:department-create"),
        edit_url("LYC"),
    ],
)
def test_an_anonymous_visitor_is_sent_to_the_login_page(client, target):
    response = client.get(target)

    assert response.status_code == 302
    assert response.url == f"{reverse('accounts:login')}?next={target}"


def test_the_list_takes_a_get(client, alice):
    client.force_login(alice)

    response = client.post(reverse("accounts:department-list"))

    assert response.status_code == 405
