"""The demo committee: the council's committee presided by the vice-president for sustainable
development (the demo account comite@npdc.test), elected representatives (one former),
technicians linked to the demo accounts; a meeting each quarter from early 2024 to November
2026 with members present and decisions, several in the third quarter of 2026; committees with
the PNAD targets for the other organisations; nothing added by a second run."""

import datetime
from decimal import Decimal

import pytest

from accounts import demo as accounts_demo
from core.demo import loaders
from core.quarters import Quarter
from steering import demo
from steering.models import (
    Committee,
    CommitteeMeeting,
    CommitteeMember,
    Decision,
    DecisionStatus,
    MemberRole,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def lines():
    accounts_demo.load()
    return demo.load_and_describe()


def test_it_is_registered_after_the_network(lines):
    orders = {loader.name: loader.order for loader in loaders()}

    assert orders["steering"] == 60
    assert orders["steering"] > orders["network-groups"]


def test_the_council_committee_and_its_composition(lines):
    committee = Committee.objects.get(organisation__slug="npdc")
    assert committee.name == "Comité de pilotage achats éthiques et développement durable"
    assert (committee.environmental_target, committee.social_target) == (100, 30)

    sitting = committee.members.filter(left_on__isnull=True)
    president = sitting.get(role=MemberRole.PRESIDENT)
    assert president.user.email == "comite@npdc.test"
    assert "développement durable" in president.position
    assert sitting.filter(role=MemberRole.REPRESENTATIVE).count() == 3
    assert committee.members.filter(left_on__isnull=False).count() == 1
    technicians = sitting.filter(role=MemberRole.TECHNICIAN).select_related("user", "department")
    assert {member.user.email for member in technicians} == {
        "conseillere@npdc.test",
        "finances@npdc.test",
        "chef.environnement@npdc.test",
    }
    assert {m.department.code for m in technicians if m.department} == {"ACH", "ENV"}
    assert lines == [
        "Steering: 8 committee members, 12 meetings and 6 other organisations' committees added "
        "(12 meetings and 19 decisions in the council's committee, 02/2024–11/2026)."
    ]


def test_a_meeting_each_quarter_with_members_present_and_decisions(lines):
    meetings = list(CommitteeMeeting.objects.filter(committee__organisation__slug="npdc"))

    quarters = {Quarter.of(meeting.held_on) for meeting in meetings}
    assert quarters == set(Quarter(2026, 4).trend(12))
    assert min(m.held_on for m in meetings) < datetime.date(2024, 3, 1)
    assert max(m.held_on for m in meetings) < datetime.date(2026, 11, 26)
    for meeting in meetings:
        assert meeting.agenda and meeting.minutes
        assert meeting.attendees.count() >= 5
        assert meeting.decisions.exists()
        for member in meeting.attendees.all():
            assert member.joined_on <= meeting.held_on
            assert member.left_on is None or member.left_on >= meeting.held_on


def test_the_third_quarter_of_2026_has_several_decisions_in_every_state(lines):
    q3 = Quarter(2026, 3)
    decisions = Decision.objects.filter(
        meeting__committee__organisation__slug="npdc",
        meeting__held_on__range=(q3.start, q3.end),
    )

    assert decisions.count() >= 3
    assert set(decisions.values_list("status", flat=True)) == set(DecisionStatus.values)
    assert all(decision.owner and decision.due_on for decision in decisions)


def test_the_other_organisations_have_committees_with_the_pnad_targets(lines):
    others = Committee.objects.exclude(organisation__slug="npdc")

    assert others.count() == len(accounts_demo.ORGANISATIONS) - 1
    assert {(c.environmental_target, c.social_target) for c in others} == {
        (Decimal("100"), Decimal("30"))
    }
    assert not CommitteeMember.objects.filter(committee__in=others).exists()


def test_a_second_run_adds_nothing(lines):
    counts = (
        Committee.objects.count(),
        CommitteeMember.objects.count(),
        CommitteeMeeting.objects.count(),
        Decision.objects.count(),
    )

    again = demo.load_and_describe()

    assert counts == (
        Committee.objects.count(),
        CommitteeMember.objects.count(),
        CommitteeMeeting.objects.count(),
        Decision.objects.count(),
    )
    assert again[0].startswith(
        "Steering: 0 committee members, 0 meetings and 0 other organisations' committees added"
    )
