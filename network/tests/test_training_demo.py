"""The demo training sessions: organised by the council for itself and for the network from
2024 to 2027; acheteur@npdc.test attended past ones and downloads their certificates; one
session to come is full with a waiting list; loaded once however many runs.

Whether a session is past is decided when the demo loads: the clock is set to the day the demo
was written (26 November 2026), so that the test says the same thing on any later day."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts import demo as accounts_demo
from accounts.models import User
from network.demo import training as demo_training
from network.models import (
    RegistrationStatus,
    SessionStatus,
    TrainingRegistration,
    TrainingSession,
)
from network.selectors import training as selectors

pytestmark = pytest.mark.django_db

R = RegistrationStatus
DEMO_DAY = datetime.datetime(2026, 11, 26, 10, tzinfo=datetime.UTC)


@pytest.fixture
def lines(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: DEMO_DAY)
    accounts_demo.load_and_describe()
    return demo_training.load()


def test_the_council_organises_sessions_from_2024_to_2027_for_itself_and_the_network(lines):
    sessions = TrainingSession.objects.select_related("organiser", "network")

    assert sessions.count() == len(demo_training.SESSIONS)
    assert {session.organiser.slug for session in sessions} == {"npdc"}
    assert {session.starts_at.year for session in sessions} == {2024, 2025, 2026, 2027}
    assert {session.network.name for session in sessions if session.network} == {
        "Réseau des acheteurs publics durables du Nord-Pas-de-Calais"
    }
    assert sessions.filter(network__isnull=True).exists()
    assert set(sessions.values_list("status", flat=True)) == set(SessionStatus.values)
    assert lines == [
        "Training: 11 sessions added by reseau@npdc.test (11 in the demo, 2024–2027); "
        "acheteur@npdc.test has 5 certificates to download."
    ]


def test_the_demo_buyer_attended_past_sessions_and_has_their_certificates(client, lines):
    buyer = User.objects.get(email="acheteur@npdc.test")
    history = selectors.training_history(person=buyer)

    attended = [row for row in history if row.status == R.ATTENDED]
    assert len(attended) == 5
    assert all(row.session.ends_at < DEMO_DAY for row in attended)
    assert all(row.registered_at < row.session.starts_at for row in attended)
    client.force_login(buyer)
    response = client.get(
        reverse("network:training-certificate", kwargs={"public_id": attended[0].public_id})
    )
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF-")


def test_a_session_to_come_is_full_with_a_waiting_list(lines):
    full = TrainingSession.objects.get(title__startswith="Loi Climat et résilience")
    registrations = full.registrations.select_related("user")

    assert full.starts_at > DEMO_DAY
    assert registrations.holding_seat().count() == full.capacity == 3
    assert [row.user.email for row in registrations.waiting_list()] == [
        "acheteur@npdc.test",
        "clauses@npdc.test",
    ]


def test_absences_are_recorded_and_no_place_is_given_twice(lines):
    for session in TrainingSession.objects.all():
        assert session.registrations.holding_seat().count() <= session.capacity
    first = TrainingSession.objects.get(title__startswith="Intégrer le développement durable")
    assert first.registrations.get(user__email="chef.lycees@npdc.test").status == R.ABSENT


def test_a_second_run_adds_nothing(lines):
    counts = (TrainingSession.objects.count(), TrainingRegistration.objects.count())

    again = demo_training.load()

    assert again[0].startswith("Training: 0 sessions added")
    assert (TrainingSession.objects.count(), TrainingRegistration.objects.count()) == counts
