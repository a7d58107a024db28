"""The network's services: who may do what on the network, its members, meetings, registrations,
attendance, minutes, action items and projects, with the French messages people read; and the
steering figures (meetings held, attendance by organisation, projects by status)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.roles import Role
from accounts.tests.factories import OrganisationFactory, UserFactory
from network.models import (
    ActionStatus,
    MeetingRegistration,
    MeetingStatus,
    NetworkContact,
    NetworkMembership,
    ProjectStatus,
)
from network.selectors import meetings as selectors
from network.selectors import projects as project_selectors
from network.services import meetings as services
from network.services import networks as network_services
from network.services import projects as project_services
from network.tests.data import plan, project

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4 compte rendu"


@pytest.fixture
def upcoming(network, nora):
    return plan(network, nora, in_days=10)


@pytest.fixture
def past(network, nora):
    return plan(network, nora, in_days=-3)


def messages(error: ValidationError) -> list[str]:
    return error.value.messages


# --- The network and its members ---------------------------------------------------------------


def test_a_coordinator_creates_a_network_that_their_organisation_coordinates(eve):
    network = network_services.network_create(
        actor=eve, name="Réseau des acheteurs du Pas-de-Calais", description="  Trimestriel. "
    )

    assert network.coordinator_organisation == eve.organisation
    assert network.description == "Trimestriel."
    membership = network.memberships.get()
    assert membership.organisation == eve.organisation
    assert membership.joined_on == timezone.localdate()
    assert network.history.get().history_user == eve


def test_only_a_coordinator_creates_a_network_and_names_are_unique(network, bob, eve):
    with pytest.raises(PermissionDenied):
        network_services.network_create(actor=bob, name="Autre réseau")
    with pytest.raises(ValidationError) as error:
        network_services.network_create(actor=eve, name=network.name)
    assert messages(error) == ["Un réseau porte déjà ce nom."]


def test_the_coordinator_adds_a_member_and_only_the_coordinator(network, nora, alice, tom):
    lens = OrganisationFactory(name="Ville de Lens")
    for person in (alice, tom):
        with pytest.raises(PermissionDenied):
            network_services.membership_add(
                actor=person, network=network, organisation=lens, joined_on=timezone.localdate()
            )

    membership = network_services.membership_add(
        actor=nora, network=network, organisation=lens, joined_on=datetime.date(2026, 1, 5)
    )

    assert membership.is_active
    assert membership.history.get().history_user == nora
    with pytest.raises(ValidationError) as error:
        network_services.membership_add(
            actor=nora, network=network, organisation=lens, joined_on=timezone.localdate()
        )
    assert messages(error) == ["Ville de Lens est déjà membre du réseau."]


def test_an_organisation_that_left_comes_back_on_its_own_row(network, nora, charlie):
    membership = network.memberships.get(organisation=charlie.organisation)
    network_services.membership_update(
        actor=nora,
        membership=membership,
        joined_on=membership.joined_on,
        left_on=datetime.date(2025, 6, 30),
    )
    with pytest.raises(ValidationError) as error:
        network_services.membership_add(
            actor=nora,
            network=network,
            organisation=charlie.organisation,
            joined_on=datetime.date(2025, 1, 1),
        )
    assert messages(error) == [
        "Ville de Tourcoing a quitté le réseau le 30/06/2025 : son retour ne peut pas commencer "
        "avant."
    ]

    back = network_services.membership_add(
        actor=nora,
        network=network,
        organisation=charlie.organisation,
        joined_on=datetime.date(2026, 1, 1),
    )

    assert back.pk == membership.pk
    assert (back.joined_on, back.left_on) == (datetime.date(2026, 1, 1), None)


def test_the_coordinating_organisation_cannot_leave_its_network(network, nora, alice):
    membership = network.memberships.get(organisation=alice.organisation)
    with pytest.raises(ValidationError) as error:
        network_services.membership_update(
            actor=nora,
            membership=membership,
            joined_on=membership.joined_on,
            left_on=timezone.localdate(),
        )
    assert messages(error) == ["L'organisation qui coordonne le réseau ne peut pas le quitter."]


def test_a_member_leaves_no_earlier_than_it_joined(network, nora, charlie):
    membership = network.memberships.get(organisation=charlie.organisation)
    with pytest.raises(ValidationError) as error:
        network_services.membership_update(
            actor=nora,
            membership=membership,
            joined_on=datetime.date(2024, 1, 15),
            left_on=datetime.date(2023, 12, 31),
        )
    assert messages(error) == ["La date de sortie précède la date d'adhésion."]


def test_a_new_main_contact_takes_the_place_of_the_previous_one(network, nora, charlie, tom):
    membership = network.memberships.get(organisation=charlie.organisation)
    first = network_services.contact_save(
        actor=nora, membership=membership, full_name="Benoît Delcourt", is_main=True
    )
    second = network_services.contact_save(
        actor=nora,
        membership=membership,
        full_name=" Claire Lemaire ",
        role="Directrice de la commande publique",
        email="c.lemaire@tourcoing.test",
        is_main=True,
    )

    first.refresh_from_db()
    assert (first.is_main, second.is_main, second.full_name) == (False, True, "Claire Lemaire")
    with pytest.raises(PermissionDenied):
        network_services.contact_save(actor=tom, membership=membership, full_name="Tom Lambert")
    with pytest.raises(ValidationError) as error:
        network_services.contact_save(actor=nora, membership=membership, full_name="  ")
    assert messages(error) == ["Indiquez le nom et le prénom du contact."]

    network_services.contact_delete(actor=nora, contact=first)
    assert list(NetworkContact.objects.all()) == [second]


# --- Meetings ----------------------------------------------------------------------------------


def test_the_coordinator_plans_a_meeting_and_a_member_may_not(network, nora, alice, tom):
    for person in (alice, tom):
        with pytest.raises(PermissionDenied):
            plan(network, person)

    meeting = plan(network, nora, title="Rencontre : le papier recyclé")

    assert meeting.status == MeetingStatus.PLANNED
    assert meeting.created_by == nora
    assert meeting.history.get().history_user == nora


def test_a_meeting_needs_a_place_or_a_link_and_an_end_after_its_start(network, nora):
    with pytest.raises(ValidationError) as error:
        plan(network, nora, place="", online_url="")
    assert error.value.message_dict == {
        "place": ["Indiquez le lieu de la rencontre ou son lien de visioconférence."]
    }
    with pytest.raises(ValidationError) as error:
        plan(network, nora, hours=0)
    assert error.value.message_dict == {"ends_at": ["La rencontre doit finir après son début."]}

    online = plan(network, nora, place="", online_url="https://visio.example.test/reseau")
    assert online.online_url == "https://visio.example.test/reseau"


def test_a_coordinator_of_another_network_cannot_touch_this_one(network, upcoming, eve):
    network_services.network_create(actor=eve, name="Réseau du Pas-de-Calais")
    with pytest.raises(PermissionDenied):
        services.meeting_update(actor=eve, meeting=upcoming, title="Détournée")
    with pytest.raises(PermissionDenied):
        services.meeting_cancel(actor=eve, meeting=upcoming)


def test_a_cancelled_meeting_is_no_longer_changed(upcoming, nora):
    services.meeting_cancel(actor=nora, meeting=upcoming)

    with pytest.raises(ValidationError) as error:
        services.meeting_update(actor=nora, meeting=upcoming, title="Nouveau titre")
    assert messages(error) == ["Cette rencontre est annulée : elle ne se modifie plus."]
    with pytest.raises(ValidationError) as error:
        services.meeting_cancel(actor=nora, meeting=upcoming)
    assert messages(error) == [
        "Seule une rencontre prévue peut être annulée ; celle-ci est « Annulée »."
    ]


# --- Registrations -----------------------------------------------------------------------------


def test_a_member_registers_themselves_and_people_of_their_organisation(upcoming, charlie, tom):
    own = services.meeting_register(actor=tom, meeting=upcoming, person=tom)
    colleague = services.meeting_register(actor=tom, meeting=upcoming, person=charlie)

    assert (own.registered_by, colleague.registered_by) == (tom, tom)
    assert colleague.history.get().history_user == tom


def test_a_member_cannot_register_someone_of_another_organisation(upcoming, bob, tom):
    with pytest.raises(PermissionDenied):
        services.meeting_register(actor=tom, meeting=upcoming, person=bob)
    assert not MeetingRegistration.objects.exists()


def test_the_coordinator_registers_anyone_of_a_member_organisation_but_no_outsider(
    upcoming, nora, tom, eve
):
    services.meeting_register(actor=nora, meeting=upcoming, person=tom)

    with pytest.raises(ValidationError) as error:
        services.meeting_register(actor=nora, meeting=upcoming, person=eve)
    assert error.value.message_dict == {
        "person": ["Ève Dubois ne fait pas partie d'une organisation membre du réseau."]
    }


def test_an_outsider_cannot_register_for_a_meeting_of_a_network_they_are_not_in(upcoming, eve):
    with pytest.raises(PermissionDenied):
        services.meeting_register(actor=eve, meeting=upcoming, person=eve)


def test_a_person_is_registered_once(upcoming, tom):
    services.meeting_register(actor=tom, meeting=upcoming, person=tom)
    with pytest.raises(ValidationError) as error:
        services.meeting_register(actor=tom, meeting=upcoming, person=tom)
    assert error.value.message_dict == {
        "person": ["Tom Lambert est déjà inscrit·e à cette rencontre."]
    }


def test_registrations_close_when_the_meeting_starts_except_for_the_coordinator(past, nora, tom):
    with pytest.raises(ValidationError) as error:
        services.meeting_register(actor=tom, meeting=past, person=tom)
    day = timezone.localdate(past.starts_at).strftime("%d/%m/%Y")
    assert messages(error) == [f"Les inscriptions sont closes : la rencontre a commencé le {day}."]

    # Someone who came without registering is recorded afterwards.
    services.meeting_register(actor=nora, meeting=past, person=tom)
    assert past.registrations.get().user == tom


def test_no_one_registers_for_a_cancelled_meeting(upcoming, nora, tom):
    services.meeting_cancel(actor=nora, meeting=upcoming)
    with pytest.raises(ValidationError) as error:
        services.meeting_register(actor=tom, meeting=upcoming, person=tom)
    assert messages(error) == ["Impossible de s'inscrire : la rencontre est annulée."]


def test_a_registration_is_withdrawn_by_the_person_their_organisation_or_the_coordinator(
    upcoming, nora, alice, bob, charlie, tom
):
    registration = services.meeting_register(actor=tom, meeting=upcoming, person=tom)
    with pytest.raises(PermissionDenied):
        services.meeting_unregister(actor=bob, registration=registration)

    services.meeting_unregister(actor=charlie, registration=registration)
    assert not upcoming.registrations.exists()

    registration = services.meeting_register(actor=tom, meeting=upcoming, person=tom)
    services.meeting_unregister(actor=nora, registration=registration)
    assert not upcoming.registrations.exists()


def test_once_attendance_is_taken_the_registration_stays(past, nora, tom):
    registration = services.meeting_register(actor=nora, meeting=past, person=tom)
    with pytest.raises(ValidationError) as error:
        services.meeting_unregister(actor=tom, registration=registration)
    assert messages(error) == [
        "La rencontre a commencé : seule la coordination du réseau peut retirer une inscription."
    ]
    services.meeting_attendance_save(actor=nora, meeting=past, attendance={registration.pk: True})
    with pytest.raises(ValidationError) as error:
        services.meeting_unregister(actor=nora, registration=registration)
    assert messages(error) == [
        "La présence de cette personne est déjà relevée : l'inscription reste."
    ]


# --- Attendance and minutes --------------------------------------------------------------------


def test_the_coordinator_takes_attendance_and_the_meeting_is_held(past, nora, bob, tom):
    present = services.meeting_register(actor=nora, meeting=past, person=tom)
    absent = services.meeting_register(actor=nora, meeting=past, person=bob)

    meeting = services.meeting_attendance_save(
        actor=nora, meeting=past, attendance={present.pk: True, absent.pk: False}
    )

    assert meeting.status == MeetingStatus.HELD
    present.refresh_from_db()
    absent.refresh_from_db()
    assert (present.attended, absent.attended) == (True, False)
    assert present.history.first().history_user == nora


def test_attendance_is_for_the_coordinator_once_the_meeting_has_started(upcoming, past, nora, tom):
    registration = services.meeting_register(actor=tom, meeting=upcoming, person=tom)
    with pytest.raises(PermissionDenied):
        services.meeting_attendance_save(actor=tom, meeting=past, attendance={})
    with pytest.raises(ValidationError) as error:
        services.meeting_attendance_save(
            actor=nora, meeting=upcoming, attendance={registration.pk: True}
        )
    day = timezone.localdate(upcoming.starts_at).strftime("%d/%m/%Y")
    assert messages(error) == [
        f"Impossible de relever les présences avant la rencontre, qui commence le {day}."
    ]


def test_attendance_only_names_registrations_of_the_meeting(past, upcoming, nora, tom):
    other = services.meeting_register(actor=tom, meeting=upcoming, person=tom)
    with pytest.raises(ValidationError) as error:
        services.meeting_attendance_save(actor=nora, meeting=past, attendance={other.pk: True})
    assert messages(error) == ["Une des inscriptions n'est pas celle de cette rencontre."]


def test_the_coordinator_uploads_the_minutes_of_a_meeting_that_took_place(past, nora, tom):
    with pytest.raises(PermissionDenied):
        services.meeting_minutes_upload(
            actor=tom, meeting=past, minutes=SimpleUploadedFile("cr.pdf", PDF)
        )

    meeting = services.meeting_minutes_upload(
        actor=nora, meeting=past, minutes=SimpleUploadedFile("compte-rendu.pdf", PDF)
    )

    assert meeting.minutes.name.endswith("compte-rendu.pdf")
    assert meeting.minutes.read() == PDF
    assert meeting.minutes_uploaded_at is not None


def test_no_minutes_before_the_meeting(upcoming, nora):
    with pytest.raises(ValidationError) as error:
        services.meeting_minutes_upload(
            actor=nora, meeting=upcoming, minutes=SimpleUploadedFile("cr.pdf", PDF)
        )
    assert messages(error)[0].startswith(
        "Impossible de déposer le compte rendu avant la rencontre, qui commence le "
    )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("cr.exe", b"MZ...", "Compte rendu refusé : formats acceptés PDF, ODT, DOCX, TXT."),
        ("cr.html", b"<script>", "Compte rendu refusé : formats acceptés PDF, ODT, DOCX, TXT."),
        (
            "cr.pdf",
            b"<html>faux PDF</html>",
            "Le fichier ne correspond pas à son extension PDF : enregistrez-le dans ce format, "
            "ou dans un autre des formats acceptés.",
        ),
        (
            "cr.docx",
            b"%PDF-1.4",
            "Le fichier ne correspond pas à son extension DOCX : enregistrez-le dans ce format, "
            "ou dans un autre des formats acceptés.",
        ),
        (
            "cr.txt",
            "Compte rendu".encode("latin-1") + b"\xe9t\xe9",
            "Le fichier texte doit être encodé en UTF-8.",
        ),
        ("cr.pdf", b"", "Le fichier du compte rendu est vide."),
    ],
)
def test_minutes_of_another_format_are_refused(past, nora, name, content, message):
    with pytest.raises(ValidationError) as error:
        services.meeting_minutes_upload(
            actor=nora, meeting=past, minutes=SimpleUploadedFile(name, content)
        )
    assert error.value.message_dict == {"minutes": [message]}
    past.refresh_from_db()
    assert not past.minutes


def test_minutes_larger_than_ten_megabytes_are_refused(past, nora, monkeypatch):
    upload = SimpleUploadedFile("cr.pdf", PDF)
    upload.size = services.MINUTES_MAX_BYTES + 1
    with pytest.raises(ValidationError) as error:
        services.meeting_minutes_upload(actor=nora, meeting=past, minutes=upload)
    assert error.value.message_dict == {"minutes": ["Compte rendu trop lourd : 10 Mo au plus."]}


def test_minutes_of_exactly_ten_megabytes_are_accepted(past, nora):
    content = b"%PDF-1.4 " + b"0" * (services.MINUTES_MAX_BYTES - 9)
    meeting = services.meeting_minutes_upload(
        actor=nora, meeting=past, minutes=SimpleUploadedFile("cr.pdf", content)
    )
    assert meeting.minutes.size == services.MINUTES_MAX_BYTES


# --- Action items ------------------------------------------------------------------------------


def test_an_action_is_owned_by_a_member_organisation(past, nora, charlie, eve):
    item = services.action_item_create(
        actor=nora,
        meeting=past,
        title="Partager le cahier des charges",
        owner_organisation=charlie.organisation,
        due_on=timezone.localdate() + datetime.timedelta(days=30),
    )
    assert (item.status, item.done_on) == (ActionStatus.OPEN, None)

    with pytest.raises(ValidationError) as error:
        services.action_item_create(
            actor=nora, meeting=past, title="Hors réseau", owner_organisation=eve.organisation
        )
    assert error.value.message_dict == {
        "owner_organisation": ["Ville de Lens n'est pas membre du réseau."]
    }


def test_the_owner_organisation_reports_on_its_action_and_no_other_member(past, nora, bob, tom):
    item = services.action_item_create(
        actor=nora, meeting=past, title="Recenser les volumes", owner_organisation=tom.organisation
    )
    with pytest.raises(PermissionDenied):
        services.action_item_set_status(actor=bob, item=item, status=ActionStatus.DONE)
    with pytest.raises(PermissionDenied):
        services.action_item_update(actor=tom, item=item, title="Autre chose")

    item = services.action_item_set_status(actor=tom, item=item, status=ActionStatus.DONE)
    assert (item.status, item.done_on) == (ActionStatus.DONE, timezone.localdate())

    item = services.action_item_set_status(actor=nora, item=item, status=ActionStatus.IN_PROGRESS)
    assert (item.status, item.done_on) == (ActionStatus.IN_PROGRESS, None)


def test_an_action_is_not_done_in_the_future(past, nora, tom):
    item = services.action_item_create(
        actor=nora, meeting=past, title="Recenser", owner_organisation=tom.organisation
    )
    with pytest.raises(ValidationError) as error:
        services.action_item_set_status(
            actor=tom,
            item=item,
            status=ActionStatus.DONE,
            done_on=timezone.localdate() + datetime.timedelta(days=1),
        )
    assert error.value.message_dict == {
        "done_on": ["La date de réalisation ne peut pas être dans le futur."]
    }


# --- Projects ----------------------------------------------------------------------------------


def test_a_project_takes_member_organisations_with_its_lead(network, nora, charlie, tom, eve):
    created = project(
        network, nora, lead_organisation=charlie.organisation, participants=[nora.organisation]
    )
    assert set(created.participants.all()) == {charlie.organisation, nora.organisation}

    with pytest.raises(PermissionDenied):
        project(network, tom, title="Autre")
    with pytest.raises(ValidationError) as error:
        project(network, nora, title="Avec Lens", participants=[eve.organisation])
    assert error.value.message_dict == {
        "participants": ["Ne sont pas membres du réseau : Ville de Lens."]
    }
    with pytest.raises(ValidationError) as error:
        project(network, nora, title="Piloté par Lens", lead_organisation=eve.organisation)
    assert error.value.message_dict == {
        "lead_organisation": ["Ville de Lens n'est pas membre du réseau."]
    }


def test_the_coordinator_changes_a_project_and_its_milestones(network, nora, tom):
    created = project(network, nora)
    changed = project_services.project_update(
        actor=nora, project=created, status=ProjectStatus.COMPLETED, title="Guide publié"
    )
    assert (changed.status, changed.title) == (ProjectStatus.COMPLETED, "Guide publié")

    milestone = project_services.milestone_save(
        actor=nora, project=created, title="Rédaction", due_on=datetime.date(2026, 3, 31)
    )
    assert milestone.is_overdue is (timezone.localdate() > datetime.date(2026, 3, 31))
    with pytest.raises(PermissionDenied):
        project_services.milestone_save(
            actor=tom, project=created, title="Autre", due_on=datetime.date(2026, 3, 31)
        )
    with pytest.raises(ValidationError) as error:
        project_services.milestone_save(
            actor=nora,
            project=created,
            milestone=milestone,
            title="Rédaction",
            due_on=datetime.date(2026, 3, 31),
            done_on=timezone.localdate() + datetime.timedelta(days=2),
        )
    assert error.value.message_dict == {
        "done_on": ["Un jalon ne peut pas être atteint dans le futur."]
    }
    project_services.milestone_delete(actor=nora, milestone=milestone)
    assert not created.milestones.exists()


# --- Steering figures --------------------------------------------------------------------------


def _held(network, nora, *, in_days, present=(), absent=()):
    meeting = plan(network, nora, in_days=in_days)
    attendance = {}
    for person, attended in [*((p, True) for p in present), *((p, False) for p in absent)]:
        registration = services.meeting_register(actor=nora, meeting=meeting, person=person)
        attendance[registration.pk] = attended
    services.meeting_attendance_save(actor=nora, meeting=meeting, attendance=attendance)
    return meeting


def test_meetings_held_and_attendance_by_organisation_over_a_period(
    network, nora, alice, bob, charlie, tom, eve
):
    lens = eve.organisation
    network_services.membership_add(
        actor=nora,
        network=network,
        organisation=lens,
        joined_on=timezone.localdate() - datetime.timedelta(days=15),
    )
    _held(network, nora, in_days=-40, present=[bob, alice], absent=[tom])
    _held(network, nora, in_days=-10, present=[bob, tom, eve])
    _held(network, nora, in_days=-400, present=[tom])  # outside the period
    plan(network, nora, in_days=-5)  # not held: attendance never taken
    plan(network, nora, in_days=20)
    today = timezone.localdate()
    start, end = today - datetime.timedelta(days=60), today

    assert selectors.meetings_held(organisation=nora.organisation, start=start, end=end) == 2
    assert selectors.meetings_held(organisation=eve.organisation, start=start, end=end) == 2
    rows = {
        row.organisation.name: (
            row.meetings_held,
            row.meetings_attended,
            row.people_registered,
            row.people_present,
        )
        for row in selectors.attendance_by_organisation(
            organisation=nora.organisation, start=start, end=end
        )
    }
    assert rows == {
        "Ville de Roubaix": (2, 2, 3, 3),
        "Ville de Tourcoing": (2, 1, 2, 1),
        # Joined after the first meeting: only the second one counts for it.
        "Ville de Lens": (1, 1, 1, 1),
    }
    row = selectors.attendance_by_organisation(
        organisation=nora.organisation, start=start, end=end
    )[1]
    assert row.attendance_rate == 1.0


def test_steering_figures_cover_only_the_networks_the_viewer_sees(network, nora, tom, eve):
    _held(network, nora, in_days=-10, present=[tom])
    project(network, nora)
    project(network, nora, title="Réemploi du mobilier", status=ProjectStatus.PROPOSED)
    today = timezone.localdate()

    assert (
        selectors.meetings_held(
            organisation=eve.organisation,
            start=today.replace(day=1) - datetime.timedelta(days=60),
            end=today,
        )
        == 0
    )
    assert (
        selectors.attendance_by_organisation(organisation=eve.organisation, start=today, end=today)
        == []
    )
    assert [
        (row.status, row.count)
        for row in project_selectors.projects_by_status(organisation=tom.organisation)
    ] == [
        ("proposed", 1),
        ("in_progress", 1),
        ("completed", 0),
        ("abandoned", 0),
    ]
    assert all(
        row.count == 0
        for row in project_selectors.projects_by_status(organisation=eve.organisation)
    )


def test_the_steering_figures_take_a_constant_number_of_queries(
    network, nora, tom, django_assert_max_num_queries
):
    for in_days in (-30, -20, -10):
        _held(network, nora, in_days=in_days, present=[tom, nora])
    today = timezone.localdate()
    start = today - datetime.timedelta(days=90)
    with django_assert_max_num_queries(4):
        selectors.attendance_by_organisation(organisation=nora.organisation, start=start, end=today)
    with django_assert_max_num_queries(1):
        selectors.meetings_held(organisation=nora.organisation, start=start, end=today)
    with django_assert_max_num_queries(1):
        project_selectors.projects_by_status(organisation=nora.organisation)


def test_a_new_member_can_be_given_people_who_then_register(network, nora):
    lens = OrganisationFactory(name="Ville de Lens")
    person = UserFactory(organisation=lens, roles=[Role.BUYER], first_name="Léa", last_name="Roy")
    meeting = plan(network, nora)
    with pytest.raises(PermissionDenied):
        services.meeting_register(actor=person, meeting=meeting, person=person)

    network_services.membership_add(
        actor=nora, network=network, organisation=lens, joined_on=timezone.localdate()
    )

    services.meeting_register(actor=person, meeting=meeting, person=person)
    assert NetworkMembership.objects.filter(organisation=lens).exists()
