"""The committee's test data, built through its services, and the people of its tests.

From accounts' fixtures, with `admin_role` set to the committee's role: alice, committee member
of Roubaix; bob, buyer of Roubaix; charlie, committee member of Tourcoing. Added here: ada,
advisor of Roubaix (reads the committee, does not manage it); olga, administrator of Roubaix
(manages it)."""

import datetime

import pytest

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from steering.models import DecisionStatus, MemberRole
from steering.services import committee as services

d = datetime.date


@pytest.fixture
def admin_role():
    return Role.COMMITTEE_MEMBER


@pytest.fixture
def ada(alice):
    return UserFactory(
        email="ada@roubaix.test",
        first_name="Ada",
        last_name="Conseil",
        organisation=alice.organisation,
        department=alice.department,
        roles=[Role.ADVISOR],
    )


@pytest.fixture
def olga(alice):
    return UserFactory(
        email="olga@roubaix.test",
        first_name="Olga",
        last_name="Admin",
        organisation=alice.organisation,
        department=alice.department,
        roles=[Role.ORG_ADMIN],
    )


def seat(actor, *, full_name="Jeanne Élue", role=MemberRole.REPRESENTATIVE, **fields):
    fields.setdefault("joined_on", d(2024, 1, 15))
    return services.member_add(actor=actor, full_name=full_name, role=role, **fields)


def make_committee(actor, *, technicians: int = 1, representatives: int = 1):
    """A president, elected representatives and technicians of the actor's organisation."""
    members = [
        seat(
            actor,
            full_name="Élise Présidente",
            role=MemberRole.PRESIDENT,
            position="Vice-présidente chargée du développement durable",
        )
    ]
    members += [seat(actor, full_name=f"Élu {n:03d}") for n in range(representatives)]
    members += [
        seat(actor, full_name=f"Technicien {n:03d}", role=MemberRole.TECHNICIAN)
        for n in range(technicians)
    ]
    return members


def hold_meeting(actor, *, held_on=d(2026, 9, 17), attendees=(), decisions: int = 1, **fields):
    fields.setdefault("place", "Hôtel de ville, salle du conseil")
    fields.setdefault("agenda", "Bilan du trimestre\nDécisions")
    fields.setdefault("minutes", "Le comité examine le bilan du trimestre.")
    meeting = services.meeting_create(
        actor=actor, held_on=held_on, attendees=list(attendees), **fields
    )
    for n in range(decisions):
        services.decision_add(
            actor=actor,
            meeting=meeting,
            title=f"Décision {n:03d}",
            text="Ce que le comité décide.",
            owner="Direction des achats",
            due_on=held_on + datetime.timedelta(days=90),
            status=DecisionStatus.IN_PROGRESS,
        )
    return meeting
