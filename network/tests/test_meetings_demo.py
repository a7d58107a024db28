"""The demo network: the council coordinates it with the six partner authorities as members,
each with a contact; quarterly themed meetings over 2025–2026 held with attendance, the minutes
of one, action items (one overdue), the meetings to come after the demo day, three common
projects with milestones; loaded once however many runs, and usable by the other parts.

The clock is set to the day the demo was written (26 November 2026), so that what is past says
the same on any later day."""

import datetime

import pytest
from django.utils import timezone

from accounts import demo as accounts_demo
from network.demo import meetings as demo_meetings
from network.models import (
    ActionItem,
    CommonProject,
    Meeting,
    MeetingRegistration,
    MeetingStatus,
    Milestone,
    Network,
    NetworkContact,
)
from network.selectors import meetings as selectors
from network.selectors import projects as project_selectors

pytestmark = pytest.mark.django_db

DEMO_DAY = datetime.datetime(2026, 11, 26, 10, tzinfo=datetime.UTC)
PARTNERS = {"dunkerque", "roubaix", "tourcoing", "villeneuve-d-ascq", "cu-dunkerque"}


@pytest.fixture
def lines(monkeypatch, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr(timezone, "now", lambda: DEMO_DAY)
    accounts_demo.load()
    return demo_meetings.load()


def test_the_council_coordinates_the_network_with_its_six_partners(lines):
    network = Network.objects.get()

    assert network.name == "Réseau des acheteurs publics durables du Nord-Pas-de-Calais"
    assert network.coordinator_organisation.slug == "npdc"
    memberships = network.memberships.select_related("organisation")
    assert {m.organisation.slug for m in memberships} == {"npdc", "lille-metropole", *PARTNERS}
    assert all(m.is_active for m in memberships)
    assert NetworkContact.objects.filter(is_main=True).count() == 7
    assert lines == [
        "Network: « Réseau des acheteurs publics durables du Nord-Pas-de-Calais », 7 member "
        "organisations; 10 meetings added (8 held, 2 to come), 3 common projects added. "
        "Coordinator: reseau@npdc.test."
    ]


def test_quarterly_themed_meetings_are_held_with_attendance_and_minutes(lines):
    meetings = list(Meeting.objects.select_related("theme").order_by("starts_at"))

    held = [m for m in meetings if m.status == MeetingStatus.HELD]
    coming = [m for m in meetings if m.starts_at > DEMO_DAY]
    assert {m.starts_at.year for m in held} == {2024, 2025, 2026}
    assert len(held) == 8 and all(m.starts_at < DEMO_DAY for m in held)
    assert len(coming) == 2 and all(m.status == MeetingStatus.PLANNED for m in coming)
    assert {"paper", "vehicles", "cleaning-products", "textile"} <= {m.theme.code for m in held}
    assert not MeetingRegistration.objects.filter(meeting__in=held, attended__isnull=True).exists()
    assert MeetingRegistration.objects.filter(meeting__in=coming).count() == 3
    with_minutes = [m for m in meetings if m.minutes]
    assert len(with_minutes) == 1
    assert "Compte rendu" in with_minutes[0].minutes.read().decode()


def test_action_items_and_projects_follow_the_meetings(lines):
    today = timezone.localdate()
    assert ActionItem.objects.count() == 8
    assert [item.title for item in ActionItem.objects.all() if item.is_overdue] == [
        "Proposer un calendrier d'audits partagé entre les membres du groupement",
        "Mettre en commun les listes de produits éligibles à la déclaration AGEC",
        "Étudier l'opportunité d'une plateforme d'échange de mobilier",
        "Recenser le mobilier inutilisé des lycées",
    ]
    assert CommonProject.objects.count() == 3
    assert Milestone.objects.count() == 9
    assert not Milestone.objects.filter(done_on__gt=today).exists()
    coordinator = demo_meetings._coordinator()
    assert [
        (row.status, row.count)
        for row in project_selectors.projects_by_status(organisation=coordinator.organisation)
    ] == [
        ("proposed", 1),
        ("in_progress", 1),
        ("completed", 1),
        ("abandoned", 0),
    ]
    attendance = {
        row.organisation.slug: (row.meetings_held, row.meetings_attended)
        for row in selectors.attendance_by_organisation(
            organisation=coordinator.organisation,
            start=datetime.date(2025, 1, 1),
            end=datetime.date(2025, 12, 31),
        )
    }
    assert attendance["npdc"] == (4, 4)
    assert attendance["lille-metropole"] == (4, 3)
    assert attendance["tourcoing"] == (4, 0)


def test_a_second_run_adds_nothing(lines):
    counts = [
        model.objects.count()
        for model in (Network, NetworkContact, Meeting, MeetingRegistration, ActionItem, Milestone)
    ]

    again = demo_meetings.load()

    assert [
        model.objects.count()
        for model in (Network, NetworkContact, Meeting, MeetingRegistration, ActionItem, Milestone)
    ] == counts
    assert "0 meetings added" in again[0] and "0 common projects added" in again[0]
    assert demo_meetings.demo_network() == Network.objects.get()
