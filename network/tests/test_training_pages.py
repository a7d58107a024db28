"""Training pages: who may open and post each of them (the person, the coordinator, a member
without the role → 403, another organisation → 404, anonymous → login, wrong method → 405),
what they show, refusals shown with the service's message, query counts that do not grow."""

import html
import io

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from accounts.tests.factories import UserFactory
from network.models import RegistrationStatus, SessionStatus, TrainingSession
from network.services import training as services
from network.tests.data import (
    TITLE,
    attended,
    draft_session,
    paris,
    published_session,
    register,
    session_values,
    started_session,
)

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"
NNBSP = "\u202f"
R = RegistrationStatus


def url(name, obj=None):
    return reverse(f"network:{name}", kwargs={"public_id": obj.public_id} if obj else {})


def text_of(response) -> str:
    return html.unescape(response.content.decode()).replace(NBSP, " ").replace(NNBSP, " ")


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def as_user(client, user):
    client.force_login(user)
    return client


def queries_of(client, address) -> int:
    """How many queries the page takes (it must answer 200), once the process-wide caches
    (content types and the like) are filled by a first request."""
    client.get(address)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(address).status_code == 200
    return len(queries)


def status_of(session, person):
    return session.registrations.exclude(status=R.CANCELLED).get(user=person).status


@pytest.fixture
def session(nora, network):
    """Published, open to the network, two places, in two weeks."""
    return published_session(nora, network=network)


def assert_login_required(client, address, method="get"):
    response = getattr(client, method)(address)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


# --- The list -------------------------------------------------------------------------------


def test_a_member_sees_the_sessions_open_to_them_with_places_left(client, session, nora, bob, tom):
    own = published_session(nora, title="Réservée à Roubaix", capacity=10)
    register(session, bob)

    response = as_user(client, tom).get(url("training-list"))

    assert response.status_code == 200
    page = text_of(response)
    assert TITLE in page
    assert "Réservée à Roubaix" not in page
    assert "1 sur 2" in page  # places left
    assert own.title in text_of(as_user(client, bob).get(url("training-list")))


def test_the_list_of_past_sessions(client, nora, bob):
    started_session(nora, title="Session de mars", starts_at=paris(2025, 3, 12, 9))

    upcoming = as_user(client, bob).get(url("training-list"))
    past = client.get(url("training-list") + "?periode=passees")

    assert "Session de mars" not in text_of(upcoming)
    assert "Session de mars" in text_of(past)
    assert "mercredi 12 mars 2025, de 9 h 00 à 16 h 00" in text_of(past)


def test_the_coordinator_sees_the_share_of_buyers_trained_and_a_button_to_create(client, nora, bob):
    attended(started_session(nora), nora, bob)

    page = text_of(as_user(client, nora).get(url("training-list")))

    assert "Nouvelle session" in page
    assert "1 acheteur sur 1 a suivi une formation depuis le" in page
    assert "(100 %)" in page
    assert "Nouvelle session" not in text_of(as_user(client, bob).get(url("training-list")))


def test_the_list_asks_for_a_login_a_member_and_a_get(client, bob):
    assert_login_required(client, url("training-list"))
    nobody = UserFactory(organisation=None, department=None)
    assert as_user(client, nobody).get(url("training-list")).status_code == 403
    assert as_user(client, bob).post(url("training-list")).status_code == 405


def test_the_list_takes_the_same_queries_for_one_session_or_many(client, nora, bob, dora):
    published_session(nora)
    as_user(client, bob)
    one = queries_of(client, url("training-list"))
    for index in range(6):
        register(published_session(nora, title=f"Session {index}"), dora)

    assert queries_of(client, url("training-list")) == one
    assert one <= MAX_QUERIES


# The pages' own reads are the session, the user, the permissions, then one query per table or
# count; what the menu's entries of every app need comes on top. A ceiling, not a count: the
# test that matters is that many rows take no more queries than one.
MAX_QUERIES = 14


def test_the_menu_offers_trainings_to_every_member_of_an_organisation(client, bob):
    page = text_of(as_user(client, bob).get(reverse("core:home")))

    assert f'href="{url("training-list")}"' in page
    assert "Formations" in page


# --- A session ------------------------------------------------------------------------------


def test_a_member_sees_a_session_and_registers(client, session, bob):
    as_user(client, bob)
    page = text_of(client.get(url("training-detail", session)))
    assert "Camille Roussel" in page
    assert "M'inscrire" in page
    assert "Gestion de la session" not in page

    response = client.post(url("training-register", session))

    assert response.status_code == 302
    assert response["Location"] == url("training-detail", session)
    assert messages_of(response) == ["Vous êtes inscrit à la session."]
    assert status_of(session, bob) == R.REGISTERED
    assert "Annuler mon inscription" in text_of(client.get(url("training-detail", session)))


def test_past_the_capacity_the_page_offers_and_explains_the_waiting_list(
    client, session, bob, dora, tom
):
    register(session, bob)
    register(session, dora)
    as_user(client, tom)
    assert "M'inscrire sur la liste d'attente" in text_of(
        client.get(url("training-detail", session))
    )

    response = client.post(url("training-register", session))

    assert messages_of(response) == [
        "La session est complète : vous êtes sur la liste d'attente. Vous recevrez un e-mail si "
        "une place se libère."
    ]
    assert status_of(session, tom) == R.WAITING
    assert "Quitter la liste d'attente" in text_of(client.get(url("training-detail", session)))


def test_a_session_of_another_organisation_does_not_exist(client, session, nora, eve, tom):
    own = published_session(nora)
    draft = draft_session(nora)
    as_user(client, eve)
    for address in (
        url("training-detail", session),
        url("training-update", session),
        url("training-cancel", session),
        url("training-attendance", session),
    ):
        assert client.get(address).status_code == 404
    assert client.post(url("training-register", session)).status_code == 404
    assert client.post(url("training-publish", draft)).status_code == 404
    # Tourcoing is in the network but the session is for Roubaix only; a draft is not shown.
    as_user(client, tom)
    assert client.get(url("training-detail", own)).status_code == 404
    assert client.post(url("training-register", own)).status_code == 404
    assert client.get(url("training-detail", draft)).status_code == 404


def test_the_session_pages_ask_for_a_login(client, session):
    for name in ("training-detail", "training-update", "training-cancel", "training-attendance"):
        assert_login_required(client, url(name, session))
    for name in ("training-register", "training-publish"):
        assert_login_required(client, url(name, session), method="post")
    assert_login_required(client, url("training-create"))


def test_wrong_methods_are_refused(client, session, nora, bob):
    registration = register(session, bob)
    as_user(client, nora)
    assert client.post(url("training-detail", session)).status_code == 405
    assert client.get(url("training-register", session)).status_code == 405
    assert client.get(url("training-publish", session)).status_code == 405
    assert client.put(url("training-registration-cancel", registration)).status_code == 405
    assert client.put(url("training-update", session)).status_code == 405
    assert client.delete(url("training-cancel", session)).status_code == 405
    assert client.post(url("training-certificate", registration)).status_code == 405


def test_the_session_page_takes_the_same_queries_for_one_registration_or_many(
    client, nora, bob, network
):
    session = published_session(nora, network=network, capacity=3)
    register(session, bob)
    as_user(client, nora)
    one = queries_of(client, url("training-detail", session))
    for _ in range(8):
        register(session, UserFactory(organisation=bob.organisation, department=None))
    services.registration_cancel(
        actor=nora, registration=session.registrations.filter(status=R.WAITING).first()
    )

    assert queries_of(client, url("training-detail", session)) == one
    assert one <= MAX_QUERIES
    assert "Liste d'attente" in text_of(client.get(url("training-detail", session)))


# --- The coordinator's pages -----------------------------------------------------------------


def form_data(**overrides):
    values = session_values(**overrides)
    data = {
        **{key: value for key, value in values.items() if value is not None},
        "starts_at": values["starts_at"].strftime("%Y-%m-%dT%H:%M"),
        "ends_at": values["ends_at"].strftime("%Y-%m-%dT%H:%M"),
    }
    if values.get("network") is not None:
        data["network"] = values["network"].pk
    return data


def test_the_coordinator_creates_then_publishes_a_session(client, nora, network):
    as_user(client, nora)
    assert client.get(url("training-create")).status_code == 200

    response = client.post(
        url("training-create"),
        form_data(network=network, starts_at=paris(2027, 2, 4, 9), title="Achats textiles"),
    )

    session = TrainingSession.objects.get(title="Achats textiles")
    assert response.status_code == 302
    assert response["Location"] == url("training-detail", session)
    assert (session.status, session.network, session.capacity) == (
        SessionStatus.DRAFT,
        network,
        2,
    )
    assert session.starts_at == paris(2027, 2, 4, 9)
    response = client.post(url("training-publish", session))
    assert messages_of(response)[-1] == "La session est publiée : les inscriptions sont ouvertes."
    session.refresh_from_db()
    assert session.status == SessionStatus.PUBLISHED


def test_the_session_form_shows_the_service_s_messages_on_their_fields(client, nora):
    response = as_user(client, nora).post(url("training-create"), form_data(place=""))

    assert response.status_code == 200
    assert "Indiquez le lieu de la session ou le lien de la classe virtuelle." in text_of(response)
    assert not TrainingSession.objects.exists()


def test_the_coordinator_changes_a_session(client, session, nora, bob, dora):
    register(session, bob)
    register(session, dora)
    as_user(client, nora)
    assert client.get(url("training-update", session)).status_code == 200

    response = client.post(
        url("training-update", session), form_data(network=session.network, capacity=1)
    )
    assert response.status_code == 200
    assert "2 personnes ont déjà une place : la session ne peut pas en compter moins." in text_of(
        response
    )

    response = client.post(
        url("training-update", session), form_data(network=session.network, capacity=5)
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.capacity == 5


def test_the_coordinator_cancels_a_session_after_confirming(client, session, nora):
    as_user(client, nora)
    assert "Cette annulation est définitive." in text_of(
        client.get(url("training-cancel", session))
    )

    response = client.post(url("training-cancel", session))

    assert messages_of(response) == ["La session est annulée."]
    session.refresh_from_db()
    assert session.status == SessionStatus.CANCELLED


def test_a_member_without_the_coordinator_role_is_refused_the_coordinator_s_pages(
    client, session, bob, tom
):
    draft = draft_session(session.created_by)
    for person in (bob, tom):
        as_user(client, person)
        assert client.get(url("training-create")).status_code == 403
        assert client.post(url("training-create"), form_data()).status_code == 403
        assert client.get(url("training-update", session)).status_code == 403
        assert client.post(url("training-publish", session)).status_code == 403
        assert client.get(url("training-cancel", session)).status_code == 403
        assert client.post(url("training-cancel", session)).status_code == 403
        assert client.get(url("training-attendance", session)).status_code == 403
    # A draft does not exist for a buyer.
    assert as_user(client, bob).post(url("training-publish", draft)).status_code == 404


def test_a_coordinator_of_another_member_does_not_manage_the_session(client, session, tom):
    other = UserFactory(
        organisation=tom.organisation, department=None, roles=["network_coordinator"]
    )

    as_user(client, other)

    assert client.get(url("training-detail", session)).status_code == 200
    assert client.get(url("training-update", session)).status_code == 403


# --- Registering someone else ---------------------------------------------------------------


def test_the_coordinator_registers_anyone_the_session_is_open_to(client, session, nora, tom):
    response = as_user(client, nora).post(
        url("training-register", session), {"email": "TOM@tourcoing.test"}
    )

    assert messages_of(response) == ["Tom Lambert est inscrit·e à la session."]
    registration = session.registrations.get(user=tom)
    camille = UserFactory(
        email="camille@tourcoing.test",
        first_name="Camille",
        last_name="Martin",
        job_title="Acheteuse",
        organisation=tom.organisation,
    )
    response = client.post(url("training-register", session), {"email": camille.email})
    assert messages_of(response)[-1] == "Camille Martin est inscrite à la session."
    assert (registration.status, registration.registered_by) == (R.REGISTERED, nora)


def test_the_coordinator_cannot_register_someone_the_session_is_not_open_to(
    client, session, nora, eve
):
    for email in (eve.email, "inconnu@exemple.test"):
        response = as_user(client, nora).post(
            url("training-register", session), {"email": email}, follow=True
        )
        # Back to the session's page (the address bar never holds the POST-only address),
        # the address typed and its error on the form.
        assert response.redirect_chain == [(url("training-detail", session) + "#inscrits", 302)]
        form = response.context["register_form"]
        assert form["email"].value() == email
        assert form.errors == {
            "email": [
                "Aucune personne active d'une organisation à laquelle la session est ouverte "
                "n'a cette adresse."
            ]
        }
    # Shown once: the page read again offers an empty form.
    assert not client.get(url("training-detail", session)).context["register_form"].is_bound
    assert not session.registrations.exists()


def test_a_member_registers_only_themselves(client, session, bob, dora):
    response = as_user(client, bob).post(url("training-register", session), {"email": dora.email})

    assert response.status_code == 403
    assert not session.registrations.exists()


def test_registering_twice_shows_the_service_s_message(client, session, bob):
    register(session, bob)

    response = as_user(client, bob).post(url("training-register", session))

    assert response.status_code == 302
    assert messages_of(response) == ["Vous êtes déjà inscrit à cette session."]


# --- Cancelling -----------------------------------------------------------------------------


def test_a_person_cancels_their_registration_and_the_first_waiting_moves_up(
    client, session, bob, dora, tom, mailoutbox, django_capture_on_commit_callbacks
):
    mine = register(session, bob)
    register(session, dora)
    register(session, tom)

    as_user(client, bob)
    # The session's page leads to a confirmation that says what cancelling does.
    assert url("training-registration-cancel", mine) in text_of(
        client.get(url("training-detail", session))
    )
    confirm = text_of(client.get(url("training-registration-cancel", mine)))
    assert "Ce qui va se passer" in confirm
    assert f"Votre inscription à la session « {session.title} » du" in confirm
    assert (
        "La place libérée va aussitôt à la première personne de la liste d'attente, s'il y en a "
        "une : une nouvelle inscription n'est pas assurée d'en retrouver une." in confirm
    )
    assert "Confirmer l'annulation" in confirm
    assert status_of(session, bob) == R.REGISTERED

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("training-registration-cancel", mine))

    assert response["Location"] == url("training-detail", session)
    assert messages_of(response) == ["Votre inscription est annulée."]
    assert status_of(session, tom) == R.REGISTERED
    assert [message.to for message in mailoutbox] == [[tom.email]]


def test_someone_else_s_registration_does_not_exist_except_for_the_coordinator(
    client, session, nora, bob, dora, eve
):
    registration = register(session, bob)
    for person in (dora, eve):
        response = as_user(client, person).post(url("training-registration-cancel", registration))
        assert response.status_code == 404
        response = client.get(url("training-registration-cancel", registration))
        assert response.status_code == 404
    assert_login_required(
        client.__class__(), url("training-registration-cancel", registration), "post"
    )

    response = as_user(client, nora).post(url("training-registration-cancel", registration))

    assert messages_of(response) == ["L'inscription de Bob Petit est annulée."]
    registration.refresh_from_db()
    assert registration.status == R.CANCELLED


# --- Attendance and certificate -------------------------------------------------------------


def test_the_coordinator_takes_attendance_once_the_session_has_started(
    client, nora, bob, dora, alice
):
    upcoming = published_session(nora)
    as_user(client, nora)
    response = client.get(url("training-attendance", upcoming))
    assert response["Location"] == url("training-detail", upcoming)
    assert messages_of(response) == [
        "La session n'a pas encore commencé : la présence se relève à partir de son début."
    ]

    session = started_session(nora, capacity=2)
    present, absent = register(session, bob, by=nora), register(session, dora, by=nora)
    register(session, alice, by=nora)  # waiting: not on the sheet
    page = text_of(client.get(url("training-attendance", session)))
    assert "Bob Petit" in page and "Dora Lefèvre" in page and "Alice Martin" not in page

    response = client.post(
        url("training-attendance", session),
        {f"presence-{present.public_id}": "present", f"presence-{absent.public_id}": "absent"},
    )

    assert messages_of(response) == ["La présence de 2 personnes est enregistrée."]
    assert (status_of(session, bob), status_of(session, dora)) == (R.ATTENDED, R.ABSENT)


def test_the_attendance_sheet_takes_the_same_queries_for_one_person_or_many(client, nora, bob):
    session = started_session(nora, capacity=20)
    register(session, bob, by=nora)
    as_user(client, nora)
    one = queries_of(client, url("training-attendance", session))
    for _ in range(8):
        register(session, UserFactory(organisation=bob.organisation, department=None), by=nora)

    assert queries_of(client, url("training-attendance", session)) == one
    assert one <= MAX_QUERIES


def test_an_attendee_downloads_their_certificate(client, nora, bob, dora):
    session = started_session(nora, starts_at=paris(2025, 3, 12, 9), capacity=5)
    [registration] = attended(session, nora, bob)
    as_user(client, bob)
    assert "Télécharger mon attestation (PDF)" in text_of(
        client.get(url("training-detail", session))
    )

    response = client.get(url("training-certificate", registration))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="attestation-')
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Bob Petit" in text and TITLE in text and "12 mars 2025" in text
    # The coordinator too; nobody else.
    assert as_user(client, nora).get(url("training-certificate", registration)).status_code == 200
    assert as_user(client, dora).get(url("training-certificate", registration)).status_code == 404
    assert_login_required(client.__class__(), url("training-certificate", registration))


def test_no_certificate_without_attendance(client, nora, bob):
    session = started_session(nora)
    registration = register(session, bob, by=nora)

    assert as_user(client, bob).get(url("training-certificate", registration)).status_code == 404
    services.attendance_record(
        actor=nora, session=registration.session, presence={registration.pk: False}
    )
    assert client.get(url("training-certificate", registration)).status_code == 404


# --- The profile ----------------------------------------------------------------------------


def test_the_profile_shows_the_training_history_with_the_certificates(client, nora, bob):
    session = started_session(nora, starts_at=paris(2025, 3, 12, 9), title="Clauses vertes")
    [registration] = attended(session, nora, bob)
    register(published_session(nora, title="Textile durable"), bob)

    page = text_of(as_user(client, bob).get(reverse("accounts:profile")))

    assert "Mes formations" in page
    assert page.index("Textile durable") < page.index("Clauses vertes")
    assert url("training-certificate", registration) in page
    assert "mercredi 12 mars 2025" in page


def test_the_profile_takes_the_same_queries_for_one_training_or_many(client, nora, bob):
    attended(started_session(nora), nora, bob)
    as_user(client, bob)
    one = queries_of(client, reverse("accounts:profile"))
    for index in range(6):
        register(published_session(nora, title=f"Session {index}"), bob)

    assert queries_of(client, reverse("accounts:profile")) == one
    assert one <= MAX_QUERIES


def test_the_list_of_my_registrations_to_come_holds_only_those(client, session, bob, nora):
    register(session, bob)
    as_user(client, bob)

    mine = client.get(url("training-list"), {"periode": "mes-inscriptions"})
    assert [item.pk for item in mine.context["page"].object_list] == [session.pk]
    assert "Mes inscriptions à venir" in text_of(mine)

    as_user(client, nora)
    response = client.get(url("training-list"), {"periode": "mes-inscriptions"})
    assert list(response.context["page"].object_list) == []
