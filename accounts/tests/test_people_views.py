"""The people pages of an organisation administrator: list, create, detail, edit, deactivate."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts import services
from accounts.models import User
from accounts.roles import Role
from accounts.tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db

INVALID_CHOICE = "Sélectionnez un choix valide. Ce choix ne fait pas partie de ceux disponibles."
# The list page's queries whatever its length: session, viewer, their permissions (2),
# organisation, count, departments of the filter, the page, the roles of its people.
PEOPLE_LIST_QUERIES = 9


def url(name, person=None):
    return reverse(f"accounts:{name}", kwargs={"public_id": person.public_id} if person else {})


def add_person(alice, n, **fields):
    return services.user_create(
        actor=alice,
        email=f"personne{n}@roubaix.test",
        first_name="Claude",
        last_name=f"Nom{n:02d}",
        send_invitation=False,
        **fields,
    )


def listed(response):
    return [person.email for person in response.context["page"]]


def form_data(**changes):
    data = {
        "email": "nina.roy@roubaix.test",
        "first_name": "Nina",
        "last_name": "Roy",
        "job_title": "Acheteuse",
        "department": "",
        "roles": [Role.BUYER],
    }
    return {**data, **changes}


def edit_data(person, **changes):
    data = {
        "first_name": person.first_name,
        "last_name": person.last_name,
        "job_title": person.job_title,
        "department": person.department_id,
        "roles": sorted(person.role_codes),
    }
    return {**data, **changes}


# --- List --------------------------------------------------------------------------------


def test_it_lists_the_people_of_the_administrator_s_organisation_only(client, alice, bob, charlie):
    client.force_login(alice)

    response = client.get(url("person-list"))

    assert response.status_code == 200
    assert listed(response) == ["alice@roubaix.test", "bob@roubaix.test"]
    assert "charlie@tourcoing.test" not in response.content.decode()


def test_it_searches_by_name(client, alice, bob):
    client.force_login(alice)

    response = client.get(url("person-list"), {"q": "pet"})

    assert listed(response) == ["bob@roubaix.test"]


def test_it_searches_by_first_and_last_name_together(client, alice, bob):
    client.force_login(alice)

    assert listed(client.get(url("person-list"), {"q": "bob petit"})) == ["bob@roubaix.test"]
    assert listed(client.get(url("person-list"), {"q": "alice petit"})) == []


def test_it_filters_by_department(client, alice, bob):
    client.force_login(alice)

    response = client.get(url("person-list"), {"department": bob.department_id})

    assert listed(response) == ["bob@roubaix.test"]


def test_it_filters_by_role(client, alice, bob):
    client.force_login(alice)

    response = client.get(url("person-list"), {"role": Role.BUYER})

    assert listed(response) == ["bob@roubaix.test"]


def test_it_filters_the_deactivated_people(client, alice, bob):
    services.user_set_active(actor=alice, person=bob, active=False)
    client.force_login(alice)

    inactive = client.get(url("person-list"), {"status": "inactive"})
    active = client.get(url("person-list"), {"status": "active"})

    assert listed(inactive) == ["bob@roubaix.test"]
    assert listed(active) == ["alice@roubaix.test"]


def test_it_shows_25_people_a_page(client, alice):
    for n in range(30):
        add_person(alice, n)
    client.force_login(alice)

    first = client.get(url("person-list"))
    second = client.get(url("person-list"), {"page": 2})

    assert len(listed(first)) == 25
    assert len(listed(second)) == 6
    assert set(listed(first)).isdisjoint(listed(second))
    assert "31 personnes" in first.content.decode()
    assert "Page 2 sur 2" in second.content.decode()


def test_the_page_links_keep_the_filters(client, alice):
    for n in range(30):
        add_person(alice, n)
    client.force_login(alice)

    response = client.get(url("person-list"), {"q": "claude"})

    assert 'href="?q=claude&amp;page=2"' in response.content.decode()


@pytest.mark.parametrize("others", [0, 29])
def test_the_list_takes_the_same_queries_for_one_person_or_many(
    client, alice, others, django_assert_max_num_queries
):
    environment = services.department_create(actor=alice, code="ENV", name="Environnement")
    for n in range(others):
        add_person(
            alice,
            n,
            department=environment if n % 2 else alice.department,
            roles=[Role.BUYER, Role.ADVISOR] if n % 3 else [Role.FINANCE_OFFICER],
        )
    client.force_login(alice)

    with django_assert_max_num_queries(PEOPLE_LIST_QUERIES):
        response = client.get(url("person-list"))

    assert len(listed(response)) == min(others + 1, 25)


# --- Who may open the pages -------------------------------------------------------------


@pytest.mark.parametrize("page", ["person-list", "person-create"])
def test_a_buyer_may_not_manage_people(client, bob, page):
    client.force_login(bob)

    response = client.get(url(page))

    assert response.status_code == 403
    assert "Accès refusé" in response.content.decode()


@pytest.mark.parametrize("page", ["person-detail", "person-edit"])
def test_a_buyer_may_not_open_a_colleague_s_page(client, alice, bob, page):
    client.force_login(bob)

    response = client.get(url(page, alice))

    assert response.status_code == 403


def test_a_buyer_may_not_deactivate_a_colleague(client, alice, bob):
    client.force_login(bob)

    response = client.post(url("person-deactivate", alice))

    assert response.status_code == 403
    alice.refresh_from_db()
    assert alice.is_active


def test_a_buyer_may_not_create_a_person(client, bob):
    client.force_login(bob)

    response = client.post(url("person-create"), form_data())

    assert response.status_code == 403
    assert not User.objects.filter(email="nina.roy@roubaix.test").exists()


@pytest.mark.parametrize("page", ["person-detail", "person-edit"])
def test_another_organisation_s_people_do_not_exist_for_its_administrator(
    client, bob, charlie, page
):
    client.force_login(charlie)

    response = client.get(url(page, bob))

    assert response.status_code == 404


@pytest.mark.parametrize("page", ["person-deactivate", "person-reactivate"])
def test_another_organisation_s_administrator_cannot_change_a_person_s_access(
    client, alice, bob, charlie, page
):
    services.user_set_active(actor=alice, person=bob, active=page == "person-deactivate")
    client.force_login(charlie)

    response = client.post(url(page, bob))

    assert response.status_code == 404
    bob.refresh_from_db()
    assert bob.is_active is (page == "person-deactivate")


def test_another_organisation_s_administrator_cannot_edit_a_person(client, bob, charlie):
    client.force_login(charlie)

    response = client.post(url("person-edit", bob), edit_data(bob, last_name="Changé"))

    assert response.status_code == 404
    bob.refresh_from_db()
    assert bob.last_name == "Petit"


@pytest.mark.parametrize("page", ["person-list", "person-create", "person-detail", "person-edit"])
def test_an_anonymous_visitor_is_sent_to_the_login_page(client, bob, page):
    target = url(page, bob if page in {"person-detail", "person-edit"} else None)

    response = client.get(target)

    assert response.status_code == 302
    assert response.url == f"{reverse('accounts:login')}?next={target}"


def test_an_anonymous_visitor_cannot_deactivate_a_person(client, bob):
    response = client.post(url("person-deactivate", bob))

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))
    bob.refresh_from_db()
    assert bob.is_active


@pytest.mark.parametrize("page", ["person-deactivate", "person-reactivate"])
def test_deactivating_takes_a_post(client, alice, bob, page):
    client.force_login(alice)

    response = client.get(url(page, bob))

    assert response.status_code == 405
    bob.refresh_from_db()
    assert bob.is_active


def test_the_list_takes_a_get(client, alice):
    client.force_login(alice)

    response = client.post(url("person-list"))

    assert response.status_code == 405


# --- Create -------------------------------------------------------------------------------


def test_it_creates_a_person_in_the_administrator_s_organisation(
    client, alice, bob, django_capture_on_commit_callbacks
):
    client.force_login(alice)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("person-create"),
            form_data(
                email="Nina.Roy@Roubaix.test",
                department=bob.department_id,
                roles=[Role.BUYER, Role.ADVISOR],
            ),
        )

    nina = User.objects.get(email="nina.roy@roubaix.test")
    assert response.status_code == 302
    assert response.url == url("person-detail", nina)
    assert nina.organisation == alice.organisation
    assert nina.department == bob.department
    assert nina.role_codes == {Role.BUYER, Role.ADVISOR}
    assert nina.job_title == "Acheteuse"
    assert not nina.has_usable_password()


def test_the_new_person_is_invited_by_e_mail_to_choose_a_password(
    client, alice, django_capture_on_commit_callbacks
):
    client.force_login(alice)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("person-create"), form_data())

    assert len(mail.outbox) == 1
    invitation = mail.outbox[0]
    assert invitation.to == ["nina.roy@roubaix.test"]
    assert invitation.subject == "Votre compte Achats responsables — Ville de Roubaix"
    assert "/compte/mot-de-passe/nouveau/" in invitation.body


def test_the_history_says_who_created_the_person(client, alice, django_capture_on_commit_callbacks):
    client.force_login(alice)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("person-create"), form_data(roles=[Role.BUYER, Role.ADVISOR]))

    record = User.objects.get(email="nina.roy@roubaix.test").history.get()
    assert record.history_type == "+"
    assert record.history_user == alice
    assert record.history_change_reason == "Rôles : Acheteur, Conseiller achats responsables"


def test_an_address_already_used_in_another_case_is_refused(
    client, alice, bob, django_capture_on_commit_callbacks
):
    client.force_login(alice)
    people, records = User.objects.count(), User.history.count()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("person-create"), form_data(email="BOB@Roubaix.test"))

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "email": ["Une personne utilise déjà cette adresse e-mail."]
    }
    assert "Une personne utilise déjà cette adresse e-mail." in response.content.decode()
    assert User.objects.count() == people
    assert User.history.count() == records
    assert mail.outbox == []


def test_a_department_of_another_organisation_is_refused(client, alice, charlie):
    client.force_login(alice)

    response = client.post(url("person-create"), form_data(department=charlie.department_id))

    assert response.status_code == 200
    assert response.context["form"].errors == {"department": [INVALID_CHOICE]}
    assert not User.objects.filter(email="nina.roy@roubaix.test").exists()


# --- Detail and edit ----------------------------------------------------------------------


def test_the_detail_page_shows_the_person_and_their_history(client, alice):
    nina = services.user_create(
        actor=alice,
        email="nina.roy@roubaix.test",
        first_name="Nina",
        last_name="Roy",
        roles=[Role.BUYER],
        send_invitation=False,
    )
    client.force_login(alice)

    response = client.get(url("person-detail", nina))

    content = response.content.decode()
    assert response.status_code == 200
    assert "nina.roy@roubaix.test" in content
    assert "<td>Alice Martin</td>" in content
    assert "Rôles : Acheteur" in content


def test_it_changes_a_person_s_roles_and_department(client, alice, bob):
    client.force_login(alice)

    response = client.post(
        url("person-edit", bob),
        edit_data(bob, department=alice.department_id, roles=[Role.ADVISOR]),
    )

    assert response.status_code == 302
    assert response.url == url("person-detail", bob)
    bob = User.objects.get(pk=bob.pk)
    assert bob.department == alice.department
    assert bob.role_codes == {Role.ADVISOR}
    record = bob.history.latest()
    assert record.history_user == alice
    assert record.history_change_reason == "Rôles : Conseiller achats responsables"


def test_the_address_is_not_changed_from_the_edit_page(client, alice, bob):
    client.force_login(alice)

    client.post(url("person-edit", bob), {**edit_data(bob), "email": "autre@roubaix.test"})

    bob.refresh_from_db()
    assert bob.email == "bob@roubaix.test"


def test_an_administrator_cannot_remove_their_own_administrator_role(client, alice):
    client.force_login(alice)

    response = client.post(url("person-edit", alice), edit_data(alice, roles=[Role.BUYER]))

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "roles": [
            "Vous ne pouvez pas retirer votre propre rôle d'administrateur de "
            "l'organisation : demandez-le à un autre administrateur."
        ]
    }
    assert User.objects.get(pk=alice.pk).role_codes == {Role.ORG_ADMIN}


def test_the_edit_form_refuses_a_department_of_another_organisation(client, alice, bob, charlie):
    client.force_login(alice)

    response = client.post(
        url("person-edit", bob), edit_data(bob, department=charlie.department_id)
    )

    assert response.context["form"].errors == {"department": [INVALID_CHOICE]}
    bob.refresh_from_db()
    assert bob.department.code == "LYC"


# --- Deactivate and reactivate ------------------------------------------------------------


def test_a_deactivated_person_can_no_longer_log_in(client, alice, bob):
    client.force_login(alice)

    response = client.post(url("person-deactivate", bob), follow=True)

    assert response.redirect_chain == [(url("person-detail", bob), 302)]
    assert "Bob Petit est désactivé et ne peut plus se connecter." in response.content.decode()
    bob.refresh_from_db()
    assert not bob.is_active
    client.logout()
    login = client.post(
        reverse("accounts:login"), {"username": "bob@roubaix.test", "password": TEST_PASSWORD}
    )
    assert login.status_code == 200
    assert not login.wsgi_request.user.is_authenticated


def test_a_deactivated_person_is_logged_out_of_an_open_session(client, alice, bob):
    bob_browser = Client()
    bob_browser.force_login(bob)
    client.force_login(alice)

    client.post(url("person-deactivate", bob))

    response = bob_browser.get(reverse("core:home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_an_administrator_cannot_deactivate_themself(client, alice):
    client.force_login(alice)

    response = client.post(url("person-deactivate", alice), follow=True)

    assert response.redirect_chain == [(url("person-detail", alice), 302)]
    assert "Vous ne pouvez pas désactiver votre propre compte." in response.content.decode()
    alice.refresh_from_db()
    assert alice.is_active


def test_a_deactivated_person_can_be_reactivated(client, alice, bob):
    services.user_set_active(actor=alice, person=bob, active=False)
    client.force_login(alice)

    response = client.post(url("person-reactivate", bob), follow=True)

    assert "Bob Petit peut de nouveau se connecter." in response.content.decode()
    bob.refresh_from_db()
    assert bob.is_active
    assert bob.history.latest().history_change_reason == "Réactivation"
