"""The committee's services: who may write, the one sitting president, accounts and departments
of the organisation only, dates in order, targets between 0 and 100, members present who sat
on the committee that day, decisions due after their meeting, and the history they leave."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.tests.factories import DepartmentFactory, UserFactory
from steering.models import Committee, CommitteeMember, DecisionStatus, MemberRole
from steering.services import committee as services
from steering.tests.factories import hold_meeting, make_committee, seat

pytestmark = pytest.mark.django_db

d = datetime.date


def errors_of(excinfo) -> dict[str, list[str]]:
    return excinfo.value.message_dict


# --- The committee -----------------------------------------------------------------------------


def test_it_creates_the_committee_with_the_pnad_targets(alice):
    committee = services.committee_ensure(actor=alice)

    assert committee.organisation_id == alice.organisation_id
    assert committee.environmental_target == Decimal("100")
    assert committee.social_target == Decimal("30")
    assert services.committee_ensure(actor=alice).pk == committee.pk
    assert Committee.objects.count() == 1


def test_it_sets_the_name_and_targets_with_history(alice):
    committee = services.committee_update(
        actor=alice,
        name="  Comité achats durables  ",
        environmental_target=Decimal("90"),
        social_target=Decimal("35.5"),
    )

    committee.refresh_from_db()
    assert committee.name == "Comité achats durables"
    assert committee.social_target == Decimal("35.50")
    latest = committee.history.first()
    assert latest.history_user == alice
    assert latest.history_change_reason == "Nom et objectifs du comité"


@pytest.mark.parametrize("value", [Decimal("-1"), Decimal("100.01")])
def test_it_refuses_a_target_outside_0_to_100(alice, value):
    with pytest.raises(ValidationError) as excinfo:
        services.committee_update(
            actor=alice, name="Comité", environmental_target=value, social_target=Decimal("30")
        )

    assert errors_of(excinfo) == {
        "environmental_target": ["Un objectif est un pourcentage entre 0 et 100."]
    }
    assert not Committee.objects.exists()


def test_the_bounds_0_and_100_are_targets(alice):
    committee = services.committee_update(
        actor=alice, name="Comité", environmental_target=Decimal("0"), social_target=Decimal("100")
    )

    assert (committee.environmental_target, committee.social_target) == (0, 100)


def test_a_buyer_or_an_advisor_may_not_manage_the_committee(bob, ada):
    for person in (bob, ada):
        with pytest.raises(PermissionDenied):
            services.committee_ensure(actor=person)
        with pytest.raises(PermissionDenied):
            seat(person)
    assert not Committee.objects.exists()


def test_an_organisation_administrator_manages_the_committee(olga):
    member = seat(olga, role=MemberRole.PRESIDENT)

    assert member.committee.organisation_id == olga.organisation_id


# --- Members -----------------------------------------------------------------------------------


def test_it_refuses_a_second_sitting_president(alice):
    seat(alice, full_name="Élise Fontaine", role=MemberRole.PRESIDENT)

    with pytest.raises(ValidationError) as excinfo:
        seat(alice, full_name="Paul Second", role=MemberRole.PRESIDENT)

    assert errors_of(excinfo) == {
        "role": [
            "Le comité a déjà une présidence en fonction : Élise Fontaine. Enregistrez "
            "d'abord son départ, ou choisissez un autre rôle."
        ]
    }
    assert CommitteeMember.objects.count() == 1


def test_a_representative_may_not_become_a_second_president(alice):
    seat(alice, full_name="Élise Fontaine", role=MemberRole.PRESIDENT)
    member = seat(alice, full_name="Paul Élu")

    with pytest.raises(ValidationError) as excinfo:
        services.member_update(actor=alice, member=member, role=MemberRole.PRESIDENT)

    assert list(errors_of(excinfo)) == ["role"]
    member.refresh_from_db()
    assert member.role == MemberRole.REPRESENTATIVE


def test_a_new_president_follows_the_one_who_left(alice):
    first = seat(alice, full_name="Élise Fontaine", role=MemberRole.PRESIDENT)
    services.member_end(actor=alice, member=first, left_on=d(2025, 6, 30))

    second = seat(
        alice, full_name="Paul Suivant", role=MemberRole.PRESIDENT, joined_on=d(2025, 7, 1)
    )

    assert second.role == MemberRole.PRESIDENT
    first.refresh_from_db()
    assert first.left_on == d(2025, 6, 30)
    assert first.history.first().history_change_reason == "Départ du comité"


def test_it_refuses_a_departure_before_the_arrival_or_twice(alice):
    member = seat(alice, joined_on=d(2025, 1, 1))

    with pytest.raises(ValidationError) as excinfo:
        services.member_end(actor=alice, member=member, left_on=d(2024, 12, 31))
    assert errors_of(excinfo) == {"left_on": ["La date de départ précède l'arrivée au comité."]}

    services.member_end(actor=alice, member=member, left_on=d(2025, 3, 1))
    with pytest.raises(ValidationError) as excinfo:
        services.member_end(actor=alice, member=member, left_on=d(2025, 4, 1))
    assert errors_of(excinfo) == {"left_on": ["Jeanne Élue a déjà quitté le comité le 01/03/2025."]}


def test_a_linked_account_belongs_to_the_organisation(alice, charlie, bob):
    with pytest.raises(ValidationError) as excinfo:
        seat(alice, user=charlie)
    assert errors_of(excinfo) == {"user": ["Ce compte n'appartient pas à votre organisation."]}

    with pytest.raises(ValidationError) as excinfo:
        seat(alice, department=charlie.department)
    assert errors_of(excinfo) == {
        "department": ["Cette direction n'est pas celle de votre organisation."]
    }

    member = seat(alice, user=bob, department=bob.department, role=MemberRole.TECHNICIAN)
    assert member.user == bob


def test_an_account_sits_once(alice, bob):
    seat(alice, full_name="Bob Petit", user=bob, role=MemberRole.TECHNICIAN)

    with pytest.raises(ValidationError) as excinfo:
        seat(alice, full_name="Bob Petit bis", user=bob, role=MemberRole.TECHNICIAN)

    assert errors_of(excinfo) == {
        "user": ["Ce compte est déjà celui d'un membre du comité : Bob Petit."]
    }


def test_it_refuses_a_member_of_another_organisation(alice, charlie):
    member = seat(alice)

    with pytest.raises(PermissionDenied):
        services.member_update(actor=charlie, member=member, full_name="Pirate")
    with pytest.raises(PermissionDenied):
        services.member_end(actor=charlie, member=member, left_on=d(2026, 1, 1))


def test_member_update_refuses_unknown_fields(alice):
    member = seat(alice)

    with pytest.raises(TypeError):
        services.member_update(actor=alice, member=member, committee=None)


# --- Meetings and decisions --------------------------------------------------------------------


def test_a_meeting_records_the_members_present_with_history(alice):
    president, _representative, technician = make_committee(alice)

    meeting = hold_meeting(alice, attendees=[president, technician], decisions=0)

    assert set(meeting.attendees.all()) == {president, technician}
    assert meeting.history.first().history_user == alice


def test_the_members_present_sat_on_the_committee_that_day(alice):
    early = seat(alice, full_name="Ancienne Élue", joined_on=d(2024, 1, 1))
    services.member_end(actor=alice, member=early, left_on=d(2024, 12, 31))
    late = seat(alice, full_name="Nouvel Élu", joined_on=d(2026, 1, 1))

    with pytest.raises(ValidationError) as excinfo:
        hold_meeting(alice, held_on=d(2025, 6, 1), attendees=[early, late])

    assert errors_of(excinfo) == {
        "attendees": [
            "Ne siégeaient pas au comité le 01/06/2025 : Ancienne Élue, Nouvel Élu. Seuls "
            "les membres en fonction ce jour-là peuvent être présents."
        ]
    }
    meeting = hold_meeting(alice, held_on=d(2024, 12, 31), attendees=[early], decisions=0)
    assert list(meeting.attendees.all()) == [early]


def test_a_meeting_may_not_list_another_committee_s_member(alice, charlie):
    outsider = seat(charlie)

    with pytest.raises(ValidationError) as excinfo:
        hold_meeting(alice, attendees=[outsider])

    assert errors_of(excinfo) == {"attendees": ["Une des personnes n'est pas membre du comité."]}


def test_it_updates_a_meeting_and_keeps_its_members_present(alice):
    president, *_ = make_committee(alice)
    meeting = hold_meeting(alice, attendees=[president], decisions=0)

    services.meeting_update(actor=alice, meeting=meeting, minutes="Nouveau compte rendu")

    meeting.refresh_from_db()
    assert meeting.minutes == "Nouveau compte rendu"
    assert list(meeting.attendees.all()) == [president]


def test_another_organisation_may_not_change_a_meeting_or_its_decisions(alice, charlie):
    meeting = hold_meeting(alice, decisions=1)
    decision = meeting.decisions.get()

    with pytest.raises(PermissionDenied):
        services.meeting_update(actor=charlie, meeting=meeting, place="Ailleurs")
    with pytest.raises(PermissionDenied):
        services.decision_add(actor=charlie, meeting=meeting, title="Pirate")
    with pytest.raises(PermissionDenied):
        services.decision_update(actor=charlie, decision=decision, status=DecisionStatus.DONE)


def test_a_decision_is_followed_up(alice):
    meeting = hold_meeting(alice, decisions=1)
    decision = meeting.decisions.get()

    services.decision_update(actor=alice, decision=decision, status=DecisionStatus.DONE)

    decision.refresh_from_db()
    assert decision.status == DecisionStatus.DONE
    assert decision.history.first().history_change_reason == "Suivi de la décision"


def test_a_decision_needs_a_title_and_is_due_after_its_meeting(alice):
    meeting = hold_meeting(alice, held_on=d(2026, 9, 17), decisions=0)

    with pytest.raises(ValidationError) as excinfo:
        services.decision_add(actor=alice, meeting=meeting, title=" ", due_on=d(2026, 9, 1))

    assert errors_of(excinfo) == {
        "title": ["Indiquez l'intitulé de la décision."],
        "due_on": ["L'échéance précède la réunion du 17/09/2026."],
    }
    assert not meeting.decisions.exists()


def test_a_member_of_a_department_elsewhere_is_refused_even_by_id(alice):
    other = DepartmentFactory()
    person = UserFactory(organisation=other.organisation, department=other)

    with pytest.raises(ValidationError):
        seat(alice, user=person)


def test_a_seat_covers_the_meetings_the_member_attended(alice):
    member = seat(alice, full_name="Paul Présent", joined_on=d(2024, 1, 1))
    hold_meeting(alice, held_on=d(2025, 3, 1), attendees=[member], decisions=0)

    with pytest.raises(ValidationError) as excinfo:
        services.member_end(actor=alice, member=member, left_on=d(2025, 2, 1))
    assert errors_of(excinfo) == {
        "left_on": [
            "Paul Présent a assisté à la réunion du 01/03/2025 : son départ ne peut pas la "
            "précéder."
        ]
    }
    with pytest.raises(ValidationError) as excinfo:
        services.member_update(actor=alice, member=member, joined_on=d(2025, 6, 1))
    assert list(errors_of(excinfo)) == ["joined_on"]
