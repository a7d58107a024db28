"""Training services: sessions (create, publish, change, cancel), registration and its waiting
list, cancellation and promotion with its e-mail, attendance."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from post_office.models import Email

from network.models import (
    Audience,
    RegistrationStatus,
    SessionStatus,
    TrainingRegistration,
    TrainingSession,
)
from network.services import training as services
from network.tests.data import (
    TITLE,
    draft_session,
    published_session,
    register,
    session_values,
    started_session,
)
from network.tests.factories import make_network

pytestmark = pytest.mark.django_db

R = RegistrationStatus


def statuses(session) -> dict[str, str]:
    return {
        registration.user.email: registration.status
        for registration in TrainingRegistration.objects.filter(session=session).select_related(
            "user"
        )
    }


def reloaded(instance):
    return type(instance).objects.get(pk=instance.pk)


def messages_of(error: ValidationError) -> list[str]:
    return error.value.messages


# --- Sessions ---------------------------------------------------------------------------------


def test_a_coordinator_creates_a_draft_session_of_their_organisation(nora, bob):
    session = draft_session(nora)

    assert session.status == SessionStatus.DRAFT
    assert session.organiser_id == nora.organisation_id
    assert session.created_by == nora
    assert session.published_at is None
    assert list(TrainingSession.objects.visible_to(nora)) == [session]
    assert not TrainingSession.objects.visible_to(bob).exists()
    assert session.history.get().history_user == nora


def test_a_member_without_the_coordinator_role_cannot_create_a_session(bob):
    with pytest.raises(PermissionDenied):
        draft_session(bob)


def test_a_session_needs_a_place_or_an_online_link(nora):
    with pytest.raises(ValidationError) as error:
        draft_session(nora, place="  ", online_url="")

    assert error.value.message_dict == {
        "place": ["Indiquez le lieu de la session ou le lien de la classe virtuelle."]
    }
    online = draft_session(nora, place="", online_url="https://visio.example.test/clauses")
    assert online.online_url


def test_a_session_cannot_end_before_it_starts(nora):
    starts_at = timezone.now() + datetime.timedelta(days=3)
    with pytest.raises(ValidationError) as error:
        draft_session(nora, starts_at=starts_at, ends_at=starts_at - datetime.timedelta(hours=1))

    assert error.value.message_dict["ends_at"] == ["La fin de la session précède son début."]


def test_a_session_open_to_the_network_names_one_of_the_organisation_s_networks(nora, eve):
    with pytest.raises(ValidationError) as error:
        draft_session(nora, audience=Audience.NETWORK, network=None)
    assert error.value.message_dict == {
        "network": ["Choisissez le réseau auquel la session est ouverte."]
    }

    elsewhere = make_network(eve.organisation, name="Réseau des acheteurs du Pas-de-Calais")
    with pytest.raises(ValidationError) as error:
        draft_session(nora, network=elsewhere)
    assert error.value.message_dict == {
        "network": ["Votre organisation n'est pas membre de ce réseau."]
    }


def test_a_session_for_the_organisation_names_no_network(nora, network):
    session = draft_session(nora, audience=Audience.ORGANISATION, network=network)

    assert session.network is None


def test_publishing_opens_the_session_to_its_audience(nora, bob, tom, network):
    session = draft_session(nora, network=network)
    with pytest.raises(PermissionDenied):
        register(session, bob)  # A draft does not exist for him.
    with pytest.raises(ValidationError) as error:
        register(session, nora)
    assert messages_of(error) == ["Les inscriptions ouvrent quand la session est publiée."]

    services.session_publish(actor=nora, session=session)

    session.refresh_from_db()
    assert session.status == SessionStatus.PUBLISHED
    assert session.published_at is not None
    assert set(TrainingSession.objects.visible_to(tom)) == {session}
    with pytest.raises(ValidationError) as error:
        services.session_publish(actor=nora, session=session)
    assert messages_of(error) == ["Cette session est déjà publiée."]


def test_only_a_coordinator_of_the_organiser_manages_a_session(nora, bob, eve, network):
    session = draft_session(nora, network=network)

    for actor in (bob, eve):
        with pytest.raises(PermissionDenied):
            services.session_publish(actor=actor, session=session)
        with pytest.raises(PermissionDenied):
            services.session_update(actor=actor, session=session, capacity=10)
        with pytest.raises(PermissionDenied):
            services.session_cancel(actor=actor, session=session)


def test_a_session_changes_and_keeps_its_history(nora):
    session = published_session(nora)

    services.session_update(actor=nora, session=session, title="Clauses sociales : niveau 2")

    session.refresh_from_db()
    assert session.title == "Clauses sociales : niveau 2"
    assert [row.history_change_reason for row in session.history.order_by("history_date")] == [
        "Création",
        "Publication",
        "Modification",
    ]


def test_capacity_cannot_fall_below_the_places_taken(nora, bob, dora):
    session = published_session(nora, capacity=3)
    register(session, bob)
    register(session, dora)

    with pytest.raises(ValidationError) as error:
        services.session_update(actor=nora, session=session, capacity=1)

    assert error.value.message_dict == {
        "capacity": ["2 personnes ont déjà une place : la session ne peut pas en compter moins."]
    }
    assert reloaded(session).capacity == 3


def test_a_larger_capacity_gives_places_to_the_waiting_list_in_order(
    nora, bob, dora, alice, mailoutbox, django_capture_on_commit_callbacks
):
    session = published_session(nora, capacity=1)
    register(session, bob)
    register(session, dora)
    register(session, alice)

    with django_capture_on_commit_callbacks(execute=True):
        services.session_update(actor=nora, session=session, capacity=2)

    assert statuses(session) == {
        bob.email: R.REGISTERED,
        dora.email: R.REGISTERED,
        alice.email: R.WAITING,
    }
    assert [message.to for message in mailoutbox] == [[dora.email]]


def test_the_audience_does_not_shrink_under_people_of_other_organisations(nora, tom, network):
    session = published_session(nora, network=network)
    register(session, tom)

    with pytest.raises(ValidationError) as error:
        services.session_update(
            actor=nora, session=session, audience=Audience.ORGANISATION, network=None
        )

    assert error.value.message_dict == {
        "audience": [
            "Des personnes d'organisations auxquelles la session ne serait plus ouverte y sont "
            "inscrites : annulez d'abord leur inscription."
        ]
    }


def test_a_cancelled_session_takes_no_registration_and_no_change(nora, bob):
    session = published_session(nora)
    services.session_cancel(actor=nora, session=session)

    with pytest.raises(ValidationError) as error:
        register(session, bob)
    assert messages_of(error) == ["Cette session est annulée : on ne s'y inscrit plus."]
    with pytest.raises(ValidationError) as error:
        services.session_update(actor=nora, session=session, capacity=5)
    assert messages_of(error) == ["Cette session est annulée : elle ne se modifie plus."]
    with pytest.raises(ValidationError) as error:
        services.session_cancel(actor=nora, session=session)
    assert messages_of(error) == ["Cette session est déjà annulée."]


def test_a_session_that_has_started_is_not_cancelled(nora):
    session = started_session(nora)

    with pytest.raises(ValidationError) as error:
        services.session_cancel(actor=nora, session=session)

    assert messages_of(error) == ["La session a commencé : elle ne s'annule plus."]


# --- Registration -----------------------------------------------------------------------------


def test_a_buyer_registers_while_places_remain(nora, bob):
    session = published_session(nora)

    registration = register(session, bob)

    assert registration.status == R.REGISTERED
    assert registration.registered_by == bob
    assert registration.history.get().history_user == bob


def test_past_the_capacity_people_go_on_the_waiting_list_in_the_order_they_came(
    nora, bob, dora, alice
):
    session = published_session(nora, capacity=1)

    first = register(session, bob)
    second = register(session, dora)
    third = register(session, alice)

    assert (first.status, second.status, third.status) == (R.REGISTERED, R.WAITING, R.WAITING)
    assert list(session.registrations.waiting_list()) == [second, third]
    assert session.registrations.holding_seat().count() == session.capacity


def test_a_person_registers_only_once(nora, bob, dora):
    session = published_session(nora, capacity=1)
    register(session, bob)
    register(session, dora)

    with pytest.raises(ValidationError) as error:
        register(session, bob)
    assert messages_of(error) == ["Vous êtes déjà inscrit à cette session."]
    with pytest.raises(ValidationError) as error:
        register(session, dora)
    assert messages_of(error) == ["Vous êtes déjà sur la liste d'attente de cette session."]
    with pytest.raises(ValidationError) as error:
        register(session, bob, by=nora)
    assert messages_of(error) == ["Bob Petit est déjà inscrit à cette session."]


def test_a_person_registers_again_after_cancelling(nora, bob):
    session = published_session(nora)
    services.registration_cancel(actor=bob, registration=register(session, bob))

    again = register(session, bob)

    assert again.status == R.REGISTERED
    assert session.registrations.count() == 2


def test_a_buyer_registers_only_themselves(nora, bob, dora):
    session = published_session(nora)

    with pytest.raises(PermissionDenied):
        register(session, dora, by=bob)
    assert not session.registrations.exists()


def test_the_coordinator_registers_anyone_the_session_is_open_to(nora, tom, eve, network):
    session = published_session(nora, network=network)

    registration = register(session, tom, by=nora)

    assert registration.registered_by == nora
    assert registration.status == R.REGISTERED
    # Lens is not a member of the network: the session does not exist for eve.
    with pytest.raises(PermissionDenied):
        register(session, eve, by=nora)


def test_an_organisation_session_is_not_open_to_other_organisations(nora, tom, network):
    session = published_session(nora)

    with pytest.raises(PermissionDenied):
        register(session, tom)
    with pytest.raises(PermissionDenied):
        register(session, tom, by=nora)


def test_a_deactivated_person_is_not_registered(nora, bob):
    session = published_session(nora)
    bob.is_active = False
    bob.save()

    with pytest.raises(ValidationError) as error:
        register(session, bob, by=nora)

    assert messages_of(error) == ["Le compte de Bob Petit est désactivé."]


def test_people_register_themselves_until_the_session_starts(nora, bob, dora):
    session = started_session(nora)

    with pytest.raises(ValidationError) as error:
        register(session, bob)
    assert messages_of(error) == ["La session a commencé : les inscriptions sont closes."]
    # The coordinator records a person who came without registering.
    assert register(session, dora, by=nora).status == R.REGISTERED


# --- Cancellation and the waiting list -------------------------------------------------------


def test_cancelling_frees_the_place_for_the_first_person_waiting_who_gets_an_email(
    nora, bob, dora, alice, mailoutbox, django_capture_on_commit_callbacks
):
    session = published_session(nora, capacity=1)
    mine = register(session, bob)
    register(session, dora)
    register(session, alice)

    with django_capture_on_commit_callbacks(execute=True):
        cancelled = services.registration_cancel(actor=bob, registration=mine)

    assert cancelled.status == R.CANCELLED
    assert cancelled.cancelled_at is not None
    assert statuses(session) == {
        bob.email: R.CANCELLED,
        dora.email: R.REGISTERED,
        alice.email: R.WAITING,
    }
    promoted = session.registrations.get(user=dora)
    assert promoted.promoted_at is not None
    assert promoted.history.latest().history_change_reason == "Sortie de la liste d'attente"
    [message] = mailoutbox
    assert message.to == [dora.email]
    assert message.subject == f"Une place s'est libérée : vous êtes inscrit à « {TITLE} »"
    assert "vous êtes maintenant inscrit" in message.body
    assert f"/reseau/formations/{session.public_id}/" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert TITLE in html


def test_the_waiting_list_moves_up_in_order_place_after_place(
    nora, bob, dora, alice, tom, charlie, network, mailoutbox, django_capture_on_commit_callbacks
):
    session = published_session(nora, capacity=2, network=network)
    first, second = register(session, bob), register(session, dora)
    for person in (alice, tom, charlie):
        register(session, person)

    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(actor=dora, registration=second)
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(actor=nora, registration=first)

    assert statuses(session) == {
        bob.email: R.CANCELLED,
        dora.email: R.CANCELLED,
        alice.email: R.REGISTERED,
        tom.email: R.REGISTERED,
        charlie.email: R.WAITING,
    }
    assert [message.to for message in mailoutbox] == [[alice.email], [tom.email]]


def test_leaving_the_waiting_list_gives_nobody_a_place(
    nora, bob, dora, alice, mailoutbox, django_capture_on_commit_callbacks
):
    session = published_session(nora, capacity=1)
    register(session, bob)
    waiting = register(session, dora)
    register(session, alice)

    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(actor=dora, registration=waiting)

    assert statuses(session) == {
        bob.email: R.REGISTERED,
        dora.email: R.CANCELLED,
        alice.email: R.WAITING,
    }
    assert mailoutbox == []


def test_a_promotion_rolled_back_sends_no_email(
    nora, bob, dora, mailoutbox, django_capture_on_commit_callbacks, queued_mail
):
    session = published_session(nora, capacity=1)
    mine = register(session, bob)
    register(session, dora)

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        services.registration_cancel(actor=bob, registration=mine)
        raise RuntimeError("the request failed after the service")

    assert callbacks == []
    assert mailoutbox == []
    assert not Email.objects.exists()
    assert statuses(session) == {bob.email: R.REGISTERED, dora.email: R.WAITING}


def test_someone_else_s_registration_is_cancelled_only_by_the_coordinator(nora, bob, dora):
    session = published_session(nora)
    registration = register(session, bob)

    with pytest.raises(PermissionDenied):
        services.registration_cancel(actor=dora, registration=registration)
    services.registration_cancel(actor=nora, registration=registration)

    assert reloaded(registration).status == R.CANCELLED
    assert reloaded(registration).history.latest().history_user == nora


def test_one_does_not_cancel_twice(nora, bob):
    session = published_session(nora)
    registration = services.registration_cancel(actor=bob, registration=register(session, bob))

    with pytest.raises(ValidationError) as error:
        services.registration_cancel(actor=bob, registration=registration)

    assert messages_of(error) == ["Cette inscription est déjà annulée."]


def test_once_the_session_has_started_only_the_coordinator_cancels_and_nobody_moves_up(
    nora, bob, dora, alice, mailoutbox, django_capture_on_commit_callbacks
):
    session = started_session(nora, capacity=1)
    registration = register(session, bob, by=nora)
    register(session, dora, by=nora)

    with pytest.raises(ValidationError) as error:
        services.registration_cancel(actor=bob, registration=registration)
    assert messages_of(error) == [
        "La session a commencé : l'inscription ne s'annule plus en ligne."
    ]
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(actor=nora, registration=registration)

    assert statuses(session) == {bob.email: R.CANCELLED, dora.email: R.WAITING}
    assert mailoutbox == []


# --- Attendance -------------------------------------------------------------------------------


def test_attendance_is_taken_once_the_session_has_started(nora, bob):
    session = published_session(nora)
    registration = register(session, bob)

    with pytest.raises(ValidationError) as error:
        services.attendance_record(
            actor=nora, session=registration.session, presence={registration.pk: True}
        )

    assert messages_of(error) == [
        "La session n'a pas encore commencé : la présence se relève à partir de son début."
    ]


def test_the_coordinator_marks_people_present_or_absent_and_may_correct(nora, bob, dora):
    session = started_session(nora)
    present = register(session, bob, by=nora)
    absent = register(session, dora, by=nora)

    services.attendance_record(actor=nora, session=present.session, presence={present.pk: True})
    services.attendance_record(actor=nora, session=absent.session, presence={absent.pk: False})
    assert statuses(session) == {bob.email: R.ATTENDED, dora.email: R.ABSENT}

    services.attendance_record(actor=nora, session=absent.session, presence={absent.pk: True})
    assert reloaded(absent).status == R.ATTENDED
    assert reloaded(absent).history.latest().history_user == nora


def test_only_the_coordinator_takes_attendance(nora, bob):
    session = started_session(nora)
    registration = register(session, bob, by=nora)

    with pytest.raises(PermissionDenied):
        services.attendance_record(
            actor=bob, session=registration.session, presence={registration.pk: True}
        )


def test_people_without_a_place_are_not_marked(nora, bob, dora):
    session = started_session(nora, capacity=1)
    register(session, bob, by=nora)
    waiting = register(session, dora, by=nora)

    with pytest.raises(ValidationError) as error:
        services.attendance_record(actor=nora, session=waiting.session, presence={waiting.pk: True})

    assert messages_of(error) == [
        "Dora Lefèvre n'a pas de place à cette session (liste d'attente ou inscription annulée) "
        ": sa présence ne se relève pas."
    ]


def test_the_attendance_sheet_is_saved_all_or_nothing(nora, bob, dora, alice):
    session = started_session(nora, capacity=2)
    present = register(session, bob, by=nora)
    absent = register(session, dora, by=nora)
    waiting = register(session, alice, by=nora)

    with pytest.raises(ValidationError):
        services.attendance_record(
            actor=nora, session=session, presence={present.pk: True, waiting.pk: True}
        )
    assert statuses(session)[bob.email] == R.REGISTERED

    count = services.attendance_record(
        actor=nora, session=session, presence={present.pk: True, absent.pk: False}
    )
    assert count == 2
    assert statuses(session) == {
        bob.email: R.ATTENDED,
        dora.email: R.ABSENT,
        alice.email: R.WAITING,
    }


def test_a_registration_whose_attendance_is_taken_is_not_cancelled(nora, bob):
    session = started_session(nora)
    [registration] = [register(session, bob, by=nora)]
    services.attendance_record(
        actor=nora, session=registration.session, presence={registration.pk: True}
    )

    with pytest.raises(ValidationError) as error:
        services.registration_cancel(actor=nora, registration=reloaded(registration))

    assert messages_of(error) == ["La présence est relevée : l'inscription ne s'annule plus."]


def test_unknown_session_fields_are_refused(nora):
    with pytest.raises(TypeError):
        services.session_create(actor=nora, colour="vert", **session_values())
