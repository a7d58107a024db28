import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone

from network import access
from network.models import (
    Audience,
    Audit,
    Finding,
    FindingStatus,
    Meeting,
    NetworkMembership,
    ProductionSite,
    PurchasingGroup,
    RegistrationStatus,
    SessionStatus,
    TrainingSession,
)
from network.tests.factories import (
    close_finding,
    make_audit,
    make_finding,
    make_group_contract,
    make_meeting,
    make_site,
    make_supplier,
    make_training_registration,
    make_training_session,
)
from purchasing import access as market_access
from purchasing.models import Market

pytestmark = pytest.mark.django_db


def violates(constraint_name):
    """An IntegrityError naming the CHECK constraint; SQLite and PostgreSQL both name it."""
    return pytest.raises(IntegrityError, match=constraint_name)


# --- Constraints -----------------------------------------------------------------------------


def test_a_training_session_needs_at_least_one_place(alice, nora):
    with transaction.atomic(), violates("capacity"):
        make_training_session(alice.organisation, nora, capacity=0)


def test_a_training_session_cannot_end_before_it_starts(alice, nora):
    starts_at = timezone.now() + datetime.timedelta(days=3)
    with transaction.atomic(), violates("training_session_ends_after_start"):
        make_training_session(
            alice.organisation,
            nora,
            starts_at=starts_at,
            ends_at=starts_at - datetime.timedelta(hours=1),
        )


def test_a_session_open_to_the_network_names_it(alice, nora):
    with transaction.atomic(), violates("training_session_network_audience_has_network"):
        make_training_session(alice.organisation, nora, audience=Audience.NETWORK)


def test_a_person_holds_one_active_registration_per_session(alice, bob, nora):
    session = make_training_session(alice.organisation, nora)
    first = make_training_registration(session, bob)
    with transaction.atomic(), pytest.raises(IntegrityError):
        make_training_registration(session, bob, status=RegistrationStatus.WAITING)

    first.status = RegistrationStatus.CANCELLED
    first.cancelled_at = timezone.now()
    first.save()
    again = make_training_registration(session, bob)

    assert list(session.registrations.holding_seat()) == [again]


def test_a_cancelled_registration_has_its_cancellation_date(alice, bob, nora):
    session = make_training_session(alice.organisation, nora)
    with transaction.atomic(), violates("training_registration_cancelled_has_date"):
        make_training_registration(session, bob, status=RegistrationStatus.CANCELLED)


def test_a_closed_finding_needs_its_closing_date_and_evidence(alice, bob):
    site = make_site(make_supplier(bob.organisation), alice)
    finding = make_finding(make_audit(site, alice))
    finding.status = FindingStatus.CLOSED
    with transaction.atomic(), violates("finding_closed_has_date_and_evidence"):
        finding.save()

    finding.closed_on = timezone.localdate()
    with transaction.atomic(), violates("finding_closed_has_date_and_evidence"):
        finding.save()

    close_finding(finding, alice)
    finding.refresh_from_db()
    assert finding.status == FindingStatus.CLOSED
    assert finding.evidence.name.startswith(f"network/findings/{finding.audit.public_id}/")


def test_only_a_closed_finding_has_a_closing_date(alice, bob):
    site = make_site(make_supplier(bob.organisation), alice)
    with transaction.atomic(), violates("finding_unresolved_has_no_closed_on"):
        make_finding(make_audit(site, alice), closed_on=timezone.localdate())


def test_a_meeting_cannot_end_before_it_starts(network, nora):
    starts_at = timezone.now()
    with transaction.atomic(), violates("meeting_ends_after_start"):
        make_meeting(network, nora, starts_at=starts_at, ends_at=starts_at - datetime.timedelta(1))


# --- Overdue corrective actions ----------------------------------------------------------------


def test_a_finding_past_its_deadline_and_not_closed_is_overdue(alice, bob):
    audit = make_audit(make_site(make_supplier(bob.organisation), alice), alice)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    late = make_finding(audit, deadline=yesterday, status=FindingStatus.IN_PROGRESS)
    on_time = make_finding(audit, deadline=timezone.localdate())
    without_deadline = make_finding(audit, deadline=None)
    closed_late = close_finding(make_finding(audit, deadline=yesterday), alice)

    assert late.is_overdue
    assert not on_time.is_overdue
    assert not without_deadline.is_overdue
    assert not closed_late.is_overdue
    assert list(Finding.objects.overdue()) == [late]


# --- Who sees what -----------------------------------------------------------------------------


def test_meetings_are_visible_to_members_of_the_network_only(network, nora, bob, tom, eve):
    meeting = make_meeting(network, nora)

    assert list(Meeting.objects.visible_to(bob)) == [meeting]
    assert list(Meeting.objects.visible_to(tom)) == [meeting]
    assert not Meeting.objects.visible_to(eve).exists()
    assert not Meeting.objects.visible_to(AnonymousUser()).exists()
    assert access.get_meeting_for_user(tom, meeting.public_id) == meeting
    with pytest.raises(Http404):
        access.get_meeting_for_user(eve, meeting.public_id)


def test_an_organisation_that_left_the_network_no_longer_sees_it(network, nora, tom):
    meeting = make_meeting(network, nora)
    NetworkMembership.objects.filter(organisation=tom.organisation).update(
        left_on=timezone.localdate()
    )

    with pytest.raises(Http404):
        access.get_meeting_for_user(tom, meeting.public_id)


def test_training_sessions_follow_their_audience(network, alice, nora, bob, tom, eve):
    own = make_training_session(alice.organisation, nora)
    shared = make_training_session(alice.organisation, nora, network=network)
    draft = make_training_session(
        alice.organisation, nora, status=SessionStatus.DRAFT, published_at=None
    )

    assert set(TrainingSession.objects.visible_to(bob)) == {own, shared}
    assert set(TrainingSession.objects.visible_to(nora)) == {own, shared, draft}
    assert list(TrainingSession.objects.visible_to(tom)) == [shared]
    assert not TrainingSession.objects.visible_to(eve).exists()
    assert not TrainingSession.objects.visible_to(AnonymousUser()).exists()


def test_registering_someone_else_is_for_the_coordinator(network, alice, nora, bob, tom):
    session = make_training_session(alice.organisation, nora, network=network)

    assert access.can_register_for_training(bob, session, bob)
    assert not access.can_register_for_training(bob, session, tom)
    assert access.can_register_for_training(nora, session, tom)


def test_groups_and_their_audits_are_visible_to_their_members(group, alice, bob, charlie, eve):
    supplier = make_supplier(alice.organisation)
    site = make_site(supplier, alice)
    shared = make_audit(site, alice, group=group)
    internal = make_audit(site, alice)
    make_finding(shared)
    make_finding(internal)

    assert list(PurchasingGroup.objects.visible_to(charlie)) == [group]
    assert not PurchasingGroup.objects.visible_to(eve).exists()
    assert set(Audit.objects.visible_to(bob)) == {shared, internal}
    assert list(Audit.objects.visible_to(charlie)) == [shared]
    assert not Audit.objects.visible_to(eve).exists()
    assert list(Finding.objects.visible_to(charlie)) == list(shared.findings.all())
    assert list(ProductionSite.objects.visible_to(charlie)) == [site]
    assert not ProductionSite.objects.visible_to(eve).exists()
    with pytest.raises(Http404):
        access.get_audit_for_user(eve, shared.public_id)
    with pytest.raises(Http404):
        access.get_audit_for_user(charlie, internal.public_id)


def test_roles_give_the_network_rights_in_their_own_organisation(network, group, nora, alice, eve):
    assert access.can_coordinate(nora, network)
    assert not access.can_coordinate(eve, network)
    assert access.can_manage_groups(nora, group)
    assert not access.can_manage_groups(eve, group)
    assert access.can_record_audits(alice, group)
    assert not access.can_record_audits(eve, group)


def test_a_group_contract_is_read_only_for_the_other_members(group, bob, tom, charlie, eve):
    market = make_group_contract(group, bob)

    seen = market_access.get_market_for_user(tom, market.pk)
    assert seen == market
    assert not market_access.can_edit(tom, market)
    assert not market_access.can_review(charlie, market)
    assert market_access.can_edit(bob, market)
    assert list(Market.objects.visible_to(charlie)) == [market]
    # Once per contract, however many members the group has.
    assert list(Market.objects.visible_to(bob)) == [market]
    with pytest.raises(Http404):
        market_access.get_market_for_user(eve, market.pk)
    assert not Market.objects.visible_to(eve).exists()
