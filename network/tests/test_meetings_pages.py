"""The network pages: home and calendar, meetings, members, projects and the iCalendar feed.
Who may open and post each page (member, coordinator, member without the right → 403, outside
organisation → 404, anonymous → login, wrong method → 405), the flows through the forms with the
services' messages, the minutes served only to members, and query counts that do not grow."""

import datetime
from urllib.parse import urlencode

import icalendar
import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from network.models import ActionStatus, CommonProject, Meeting, MeetingStatus, Network
from network.services import meetings as services
from network.services import networks as network_services
from network.services import projects as project_services
from network.tests.data import family, plan, project, text_of

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4 compte rendu de la rencontre"
# Session, user, the networks, permissions (2); the meetings to come and the latest (with their
# counts), the organisation's open actions.
HOME_QUERIES = 9
# Session, user, the meeting, permissions (2); the registrations with their people and
# organisations, the actions with their owners, the people one may register.
DETAIL_QUERIES = 10
# Session, user, the networks, permissions (2), the years, the count and the page.
LIST_QUERIES = 8
# Session, user, the networks, permissions (2), the memberships and their contacts.
MEMBERS_QUERIES = 7
# Session, user, the networks or the project, permissions (2), the projects and participants, or
# the participants and the milestones.
PROJECTS_QUERIES = 7
# Session, user, the networks, the meetings.
FEED_QUERIES = 4


def url(name, obj=None, **kwargs):
    if obj is not None:
        kwargs["public_id"] = obj.public_id
    return reverse(f"network:{name}", kwargs=kwargs)


def login_url(target: str) -> str:
    return f"{reverse('accounts:login')}?{urlencode({'next': target}, safe='/')}"


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def upcoming(network, nora):
    return plan(network, nora, in_days=10, title="Rencontre : le papier recyclé")


@pytest.fixture
def past(network, nora):
    return plan(network, nora, in_days=-3, title="Rencontre : les véhicules")


@pytest.fixture
def with_minutes(past, nora):
    return services.meeting_minutes_upload(
        actor=nora, meeting=past, minutes=SimpleUploadedFile("compte-rendu.pdf", PDF)
    )


@pytest.fixture
def item(past, nora, tom):
    return services.action_item_create(
        actor=nora,
        meeting=past,
        title="Recenser les volumes de papier",
        owner_organisation=tom.organisation,
        due_on=timezone.localdate() + datetime.timedelta(days=20),
    )


@pytest.fixture
def shared_project(network, nora, charlie):
    created = project(network, nora, participants=[charlie.organisation])
    project_services.milestone_save(
        actor=nora, project=created, title="Rédaction", due_on=datetime.date(2027, 1, 31)
    )
    return created


@pytest.fixture
def membership(network, charlie):
    return network.memberships.get(organisation=charlie.organisation)


@pytest.fixture
def contact(membership, nora):
    return network_services.contact_save(
        actor=nora, membership=membership, full_name="Benoît Delcourt", is_main=True
    )


@pytest.fixture
def pages(upcoming, with_minutes, item, shared_project, membership, contact):
    """Every page of the part: (url, methods it answers)."""
    milestone = shared_project.milestones.get()
    registration = services.meeting_register(
        actor=upcoming.created_by, meeting=upcoming, person=upcoming.created_by
    )
    get, post, both = {"GET"}, {"POST"}, {"GET", "POST"}
    meeting = with_minutes
    return {
        "member": [
            (url("home"), get),
            (url("meeting-list"), get),
            (url("meeting-ical"), get),
            (url("members"), get),
            (url("project-list"), get),
            (url("meeting-detail", upcoming), get),
            (url("meeting-minutes", meeting), get),
            (url("project-detail", shared_project), get),
        ],
        "coordinator": [
            (url("network-edit", upcoming.network), both),
            (url("meeting-edit", upcoming), both),
            (url("meeting-cancel", upcoming), post),
            (url("meeting-attendance", meeting), both),
            (url("meeting-minutes-upload", meeting), both),
            (url("action-add", meeting), both),
            (url("action-edit", meeting, pk=item.pk), both),
            (url("membership-edit", pk=membership.pk), both),
            (url("contact-add", pk=membership.pk), both),
            (url("contact-edit", pk=membership.pk, contact_pk=contact.pk), both),
            (url("contact-delete", pk=membership.pk, contact_pk=contact.pk), post),
            (url("project-edit", shared_project), both),
            (url("milestone-add", shared_project), both),
            (url("milestone-edit", shared_project, pk=milestone.pk), both),
            (url("milestone-delete", shared_project, pk=milestone.pk), post),
        ],
        "create": [
            (url("meeting-create"), both),
            (url("member-add"), both),
            (url("project-create"), both),
        ],
        "posted": [
            (url("meeting-register", upcoming), post),
            (url("meeting-unregister", upcoming, pk=registration.pk), post),
            (url("action-status", meeting, pk=item.pk), post),
        ],
    }


# --- Access ------------------------------------------------------------------------------------


def test_an_anonymous_visitor_is_sent_to_the_login_page(client, pages):
    for group in pages.values():
        for target, methods in group:
            method = "get" if "GET" in methods else "post"
            response = getattr(client, method)(target)
            assert response.status_code == 302, target
            assert response.url == login_url(target)


def test_members_read_the_network_pages(client, pages, nora, bob, tom):
    for person in (nora, bob, tom):
        client.force_login(person)
        for target, _methods in pages["member"]:
            assert client.get(target).status_code == 200, (person, target)


def test_the_coordinator_opens_every_management_page(client, pages, nora):
    client.force_login(nora)
    for target, methods in pages["coordinator"] + pages["create"]:
        if "GET" in methods:
            assert client.get(target).status_code == 200, target


def test_a_member_without_the_coordinator_role_is_refused(client, pages, bob, tom):
    for person in (bob, tom):
        client.force_login(person)
        for target, methods in pages["coordinator"] + pages["create"]:
            for method in methods:
                response = getattr(client, method.lower())(target)
                assert response.status_code == 403, (person, method, target)
    assert Meeting.objects.filter(status=MeetingStatus.CANCELLED).count() == 0


def test_an_organisation_outside_the_network_finds_nothing(client, pages, eve):
    """Eve coordinates networks in Lens, none of which is this one."""
    network_services.network_create(actor=eve, name="Réseau des acheteurs du Pas-de-Calais")
    client.force_login(eve)
    for group in ("coordinator", "posted"):
        for target, methods in pages[group]:
            for method in methods:
                response = getattr(client, method.lower())(target)
                assert response.status_code == 404, (method, target)
    for target, _methods in pages["member"][5:]:
        assert client.get(target).status_code == 404, target


def test_a_person_whose_organisation_is_in_no_network_gets_no_network_page(client, tom, eve):
    lens_buyer = UserFactory(organisation=eve.organisation, roles=[Role.BUYER])
    client.force_login(lens_buyer)
    response = client.get(url("home"))
    assert response.status_code == 200
    assert "Votre organisation ne fait encore partie d'aucun réseau d'acheteurs." in (
        response.content.decode()
    )
    assert "Créer un réseau" not in response.content.decode()
    for name in ("meeting-list", "meeting-ical", "members", "project-list"):
        assert client.get(url(name)).status_code == 404, name
    assert client.get(url("meeting-create")).status_code == 403


def test_a_coordinator_without_a_network_is_offered_to_create_one(client, eve):
    client.force_login(eve)

    response = client.get(url("home"))

    assert response.status_code == 200
    assert "Créer un réseau" in text_of(response)
    response = client.post(
        url("network-create"), {"name": "Réseau du Pas-de-Calais", "description": "Trimestriel."}
    )
    assert response.status_code == 302
    network = Network.objects.get(name="Réseau du Pas-de-Calais")
    assert network.coordinator_organisation == eve.organisation


def test_each_page_answers_only_its_methods(client, pages, nora):
    client.force_login(nora)
    for group in pages.values():
        for target, methods in group:
            if "GET" not in methods:
                assert client.get(target).status_code == 405, target
            if "POST" not in methods:
                assert client.post(target).status_code == 405, target
            assert client.delete(target).status_code == 405, target


def test_the_menu_leads_every_member_of_an_organisation_to_the_network(client, network, tom, eve):
    for person in (tom, eve):
        client.force_login(person)
        response = client.get(reverse("core:home"))
        assert "Réseau" in [item["label"] for item in response.context["nav_items"]]

    client.logout()
    assert "Réseau" not in client.get(reverse("accounts:login")).content.decode()


# --- Home and meetings -------------------------------------------------------------------------


def test_the_home_page_lists_the_meetings_to_come_and_the_latest_held(
    client, upcoming, past, item, tom
):
    services.meeting_register(actor=tom, meeting=upcoming, person=tom)
    client.force_login(tom)

    response = client.get(url("home"))

    assert response.context["calendar"].upcoming == [upcoming]
    assert response.context["calendar"].recent == [past]
    assert response.context["calendar"].open_actions == [item]
    text = text_of(response)
    assert "Rencontre : le papier recyclé" in text
    assert "vous êtes inscrit·e" in text
    assert "Recenser les volumes de papier" in text
    day = timezone.localtime(upcoming.starts_at)
    assert f"{day.day} " in text and str(day.year) in text


def _meeting_data(**overrides):
    data = {
        "network": "",
        "title": "Rencontre : les produits d'entretien",
        "theme": str(family("cleaning-products").pk),
        "day": "2027-03-11",
        "start_time": "09:30",
        "end_time": "12:30",
        "place": "Hôtel de Région, Lille",
        "online_url": "",
        "agenda": "Écolabel européen\nDosage",
    }
    data.update(overrides)
    return data


def test_the_coordinator_plans_a_meeting_in_paris_time(client, network, nora):
    client.force_login(nora)

    response = client.post(url("meeting-create"), _meeting_data(network=str(network.pk)))

    meeting = Meeting.objects.get()
    assert response.url == url("meeting-detail", meeting)
    assert timezone.localtime(meeting.starts_at).strftime("%d/%m/%Y %H:%M") == "11/03/2027 09:30"
    assert meeting.ends_at - meeting.starts_at == datetime.timedelta(hours=3)
    assert meeting.theme.code == "cleaning-products"


def test_the_meeting_form_says_what_is_wrong(client, network, nora):
    client.force_login(nora)

    response = client.post(
        url("meeting-create"), _meeting_data(network=str(network.pk), place="", end_time="09:00")
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "end_time": ["La rencontre doit finir après son début."]
    }
    response = client.post(url("meeting-create"), _meeting_data(network=str(network.pk), place=""))
    assert response.context["form"].errors == {
        "place": ["Indiquez le lieu de la rencontre ou son lien de visioconférence."]
    }
    assert not Meeting.objects.exists()


def test_a_member_registers_a_colleague_from_the_meeting_page(client, upcoming, charlie, tom):
    client.force_login(tom)
    page = client.get(url("meeting-detail", upcoming))
    offered = list(page.context["registration_form"].fields["person"].queryset)
    assert offered == [charlie, tom]

    response = client.post(url("meeting-register", upcoming), {"person": charlie.pk})

    assert response.status_code == 302
    assert messages_of(response) == ["Charlie Garnier est inscrit·e à la rencontre."]
    assert upcoming.registrations.get().user == charlie


def test_a_member_cannot_register_someone_of_another_organisation(client, upcoming, bob, tom):
    client.force_login(tom)

    response = client.post(url("meeting-register", upcoming), {"person": bob.pk}, follow=True)

    assert response.redirect_chain == [(url("meeting-detail", upcoming) + "#inscriptions", 302)]
    assert "person" in response.context["registration_form"].errors
    assert not upcoming.registrations.exists()


def test_a_member_withdraws_a_registration_from_the_page(client, upcoming, tom):
    registration = services.meeting_register(actor=tom, meeting=upcoming, person=tom)
    client.force_login(tom)

    response = client.post(url("meeting-unregister", upcoming, pk=registration.pk))

    assert messages_of(response) == ["L'inscription de Tom Lambert est retirée."]
    assert not upcoming.registrations.exists()


def test_the_coordinator_takes_attendance_on_its_page(client, past, nora, bob, tom):
    present = services.meeting_register(actor=nora, meeting=past, person=tom)
    absent = services.meeting_register(actor=nora, meeting=past, person=bob)
    client.force_login(nora)

    response = client.post(
        url("meeting-attendance", past),
        {f"presence_{present.pk}": "present", f"presence_{absent.pk}": "absent"},
    )

    assert response.status_code == 302
    past.refresh_from_db()
    assert past.status == MeetingStatus.HELD
    assert dict(past.registrations.values_list("user__email", "attended")) == {
        tom.email: True,
        bob.email: False,
    }


def test_attendance_waits_for_the_meeting(client, upcoming, nora):
    client.force_login(nora)

    response = client.get(url("meeting-attendance", upcoming))

    assert response.url == url("meeting-detail", upcoming)
    assert messages_of(response) == ["Les présences se relèvent une fois la rencontre commencée."]


def test_the_coordinator_uploads_minutes_that_members_download(client, past, nora, tom):
    client.force_login(nora)
    response = client.post(
        url("meeting-minutes-upload", past),
        {"minutes": SimpleUploadedFile("compte-rendu.pdf", PDF, "application/pdf")},
    )
    assert response.status_code == 302

    client.force_login(tom)
    response = client.get(url("meeting-minutes", past))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"] == 'attachment; filename="compte-rendu.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"


def test_the_minutes_form_names_the_accepted_formats(client, past, nora):
    client.force_login(nora)

    response = client.post(
        url("meeting-minutes-upload", past),
        {"minutes": SimpleUploadedFile("compte-rendu.exe", b"MZ", "application/octet-stream")},
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "minutes": ["Compte rendu refusé : formats acceptés PDF, ODT, DOCX, TXT."]
    }
    past.refresh_from_db()
    assert not past.minutes


def test_a_meeting_without_minutes_has_nothing_to_download(client, past, tom):
    client.force_login(tom)

    assert client.get(url("meeting-minutes", past)).status_code == 404


def test_the_owner_organisation_updates_its_action_from_the_meeting_page(
    client, past, item, bob, tom
):
    client.force_login(bob)
    assert client.post(url("action-status", past, pk=item.pk), {"status": "done"}).status_code == (
        403
    )

    client.force_login(tom)
    response = client.post(url("action-status", past, pk=item.pk), {"status": "done"})

    assert messages_of(response) == [
        "L'état de l'action « Recenser les volumes de papier » est enregistré."
    ]
    item.refresh_from_db()
    assert (item.status, item.done_on) == (ActionStatus.DONE, timezone.localdate())


def test_the_coordinator_cancels_a_meeting(client, upcoming, nora):
    client.force_login(nora)

    response = client.post(url("meeting-cancel", upcoming))

    assert messages_of(response) == [
        "La rencontre est annulée ; le calendrier des membres l'indique."
    ]
    upcoming.refresh_from_db()
    assert upcoming.status == MeetingStatus.CANCELLED


# --- Members and projects ----------------------------------------------------------------------


def test_members_see_the_member_organisations_and_their_contacts(client, contact, tom):
    client.force_login(tom)

    response = client.get(url("members"))

    text = text_of(response)
    assert "Ville de Roubaix" in text and "Ville de Tourcoing" in text
    assert "Benoît Delcourt" in text
    assert "Ajouter une organisation" not in text


def test_the_coordinator_adds_a_member_organisation(client, network, nora, eve):
    client.force_login(nora)
    page = client.get(url("member-add"))
    assert eve.organisation in page.context["form"].fields["organisation"].queryset

    response = client.post(
        url("member-add"),
        {"network": network.pk, "organisation": eve.organisation.pk, "joined_on": "2026-01-05"},
    )

    membership = network.memberships.get(organisation=eve.organisation)
    assert response.url == url("membership-edit", pk=membership.pk)
    assert membership.joined_on == datetime.date(2026, 1, 5)


def test_the_coordinator_creates_a_project_with_participants(client, network, nora, charlie):
    client.force_login(nora)

    response = client.post(
        url("project-create"),
        {
            "network": network.pk,
            "title": "Plateforme d'échange de mobilier",
            "description": "",
            "theme": family("furniture").pk,
            "lead_organisation": charlie.organisation.pk,
            "participants": [nora.organisation.pk],
            "status": "proposed",
        },
    )

    created = CommonProject.objects.get()
    assert response.url == url("project-detail", created)
    assert set(created.participants.all()) == {nora.organisation, charlie.organisation}


# --- The iCalendar feed ------------------------------------------------------------------------


def test_the_calendar_file_holds_the_meetings_of_the_persons_networks(
    client, network, upcoming, past, nora, tom, eve
):
    services.meeting_cancel(actor=nora, meeting=upcoming)
    other = network_services.network_create(actor=eve, name="Réseau du Pas-de-Calais")
    plan(other, eve, title="Rencontre d'un autre réseau")
    client.force_login(tom)

    response = client.get(url("meeting-ical"))

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="rencontres-reseau.ics"'
    feed = icalendar.Calendar.from_ical(response.content)
    assert str(feed["X-WR-CALNAME"]) == network.name
    events = {str(event["UID"]): event for event in feed.walk("VEVENT")}
    assert set(events) == {
        f"{upcoming.public_id}@achats-responsables",
        f"{past.public_id}@achats-responsables",
    }
    held = events[f"{past.public_id}@achats-responsables"]
    assert str(held["SUMMARY"]) == "Rencontre : les véhicules"
    assert str(held["LOCATION"]) == "Hôtel de ville de Roubaix, 17 Grand'Place"
    assert str(held["STATUS"]) == "CONFIRMED"
    assert "Thème : Papier" in str(held["DESCRIPTION"])
    assert "Retours d'expérience" in str(held["DESCRIPTION"])
    start = held.decoded("DTSTART")
    assert str(start.tzinfo) == "Europe/Paris"
    assert start == past.starts_at
    assert held.decoded("DTEND") == past.ends_at
    assert held["DTSTART"].params["TZID"] == "Europe/Paris"
    assert [str(tz["TZID"]) for tz in feed.walk("VTIMEZONE")] == ["Europe/Paris"]
    cancelled = events[f"{upcoming.public_id}@achats-responsables"]
    assert str(cancelled["STATUS"]) == "CANCELLED"
    assert str(cancelled["SUMMARY"]) == "Annulée : Rencontre : le papier recyclé"


def test_the_dtstamp_is_the_time_the_feed_is_made(client, upcoming, tom, freeze_clock):
    freeze_clock(datetime.date(2026, 12, 31))
    client.force_login(tom)

    feed = icalendar.Calendar.from_ical(client.get(url("meeting-ical")).content)
    event = next(iter(feed.walk("VEVENT")))

    assert event.decoded("DTSTAMP") == datetime.datetime(2026, 12, 31, 11, tzinfo=datetime.UTC)
    assert event.decoded("LAST-MODIFIED") == upcoming.updated_at.replace(microsecond=0)


def test_a_meeting_keeps_its_uid_and_its_sequence_grows_when_it_changes(
    client, upcoming, nora, tom
):
    client.force_login(tom)

    def event():
        feed = icalendar.Calendar.from_ical(client.get(url("meeting-ical")).content)
        return next(iter(feed.walk("VEVENT")))

    before = event()
    Meeting.objects.filter(pk=upcoming.pk).update(
        updated_at=upcoming.updated_at + datetime.timedelta(minutes=5)
    )
    after = event()

    assert str(after["UID"]) == str(before["UID"])
    assert int(after["SEQUENCE"]) > int(before["SEQUENCE"])


# --- Query counts ------------------------------------------------------------------------------


def _many(network, nora, people):
    for index in range(6):
        meeting = plan(network, nora, in_days=-60 + index * 20, title=f"Rencontre {index}")
        for person in people:
            services.meeting_register(actor=nora, meeting=meeting, person=person)
        services.action_item_create(
            actor=nora,
            meeting=meeting,
            title=f"Action {index}",
            owner_organisation=people[-1].organisation,
        )


@pytest.mark.parametrize("many", [False, True])
def test_the_pages_take_a_constant_number_of_queries(
    client, django_assert_max_num_queries, network, nora, alice, bob, charlie, tom, many
):
    meeting = plan(network, nora, in_days=5)
    services.meeting_register(actor=nora, meeting=meeting, person=tom)
    created = project(network, nora, participants=[charlie.organisation])
    network_services.contact_save(
        actor=nora,
        membership=network.memberships.get(organisation=charlie.organisation),
        full_name="Benoît Delcourt",
    )
    if many:
        _many(network, nora, [alice, bob, charlie, tom])
        for index in range(5):
            project(network, nora, title=f"Projet {index}", participants=[charlie.organisation])
    client.force_login(tom)

    for target, limit in [
        (url("home"), HOME_QUERIES),
        (url("meeting-detail", meeting), DETAIL_QUERIES),
        (url("meeting-list"), LIST_QUERIES),
        (url("members"), MEMBERS_QUERIES),
        (url("project-list"), PROJECTS_QUERIES),
        (url("project-detail", created), PROJECTS_QUERIES),
        (url("meeting-ical"), FEED_QUERIES),
    ]:
        with django_assert_max_num_queries(limit):
            assert client.get(target).status_code == 200, target
