"""Reads of the committee pages: its composition, its meetings with their decisions, one
meeting with the members present. A fixed number of queries whatever the number of rows."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, F, Prefetch, QuerySet

from ..models import (
    PNAD_ENVIRONMENTAL_TARGET,
    PNAD_SOCIAL_TARGET,
    Committee,
    CommitteeMeeting,
    CommitteeMember,
    Decision,
    DecisionStatus,
    MemberRole,
)


@dataclass
class Composition:
    """The members in the order the committee presents itself: the president first, then the
    elected representatives, then the technicians; those who left apart, latest first."""

    president: CommitteeMember | None = None
    representatives: list[CommitteeMember] = field(default_factory=list)
    technicians: list[CommitteeMember] = field(default_factory=list)
    former: list[CommitteeMember] = field(default_factory=list)

    @property
    def sitting(self) -> list[CommitteeMember]:
        head = [self.president] if self.president else []
        return head + self.representatives + self.technicians

    @property
    def is_empty(self) -> bool:
        return not (self.sitting or self.former)


def committee_of(organisation_id) -> Committee | None:
    """The organisation's committee, None before it is set up."""
    return (
        Committee.objects.filter(organisation_id=organisation_id)
        .select_related("organisation")
        .first()
    )


def unsaved_committee(organisation_id) -> Committee:
    """What the pages show of an organisation that has not set its committee up yet: the
    default name and the PNAD targets."""
    return Committee(
        organisation_id=organisation_id,
        environmental_target=PNAD_ENVIRONMENTAL_TARGET,
        social_target=PNAD_SOCIAL_TARGET,
    )


def composition(committee: Committee | None) -> Composition:
    """Who sits on the committee, and who sat on it before (one query)."""
    result = Composition()
    if committee is None or committee.pk is None:
        return result
    members = (
        CommitteeMember.objects.filter(committee=committee)
        .select_related("user", "department")
        .order_by("full_name", "pk")
    )
    for member in members:
        if member.left_on is not None:
            result.former.append(member)
        elif member.role == MemberRole.PRESIDENT and result.president is None:
            result.president = member
        elif member.is_elected:
            result.representatives.append(member)
        else:
            result.technicians.append(member)
    result.former.sort(key=lambda m: (m.left_on, m.full_name), reverse=True)
    return result


def members_for_choice(committee: Committee | None) -> QuerySet[CommitteeMember]:
    """The members one may mark present at a meeting: sitting ones first, then former ones."""
    if committee is None or committee.pk is None:
        return CommitteeMember.objects.none()
    return CommitteeMember.objects.filter(committee=committee).order_by(
        F("left_on").desc(nulls_first=True), "full_name", "pk"
    )


def meetings(committee: Committee | None) -> QuerySet[CommitteeMeeting]:
    """The meetings, newest first, with the number present and their decisions (prefetched:
    one more query for a page of them)."""
    if committee is None or committee.pk is None:
        return CommitteeMeeting.objects.none()
    return (
        CommitteeMeeting.objects.filter(committee=committee)
        .annotate(attendee_count=Count("attendees", distinct=True))
        .prefetch_related(Prefetch("decisions", queryset=Decision.objects.order_by("pk")))
        .order_by("-held_on", "-pk")
    )


def meeting_attendees(meeting: CommitteeMeeting) -> list[CommitteeMember]:
    """The members present, in the committee's order: president, elected, technicians."""
    order = {MemberRole.PRESIDENT: 0, MemberRole.REPRESENTATIVE: 1, MemberRole.TECHNICIAN: 2}
    return sorted(
        meeting.attendees.select_related("department"),
        key=lambda member: (order.get(member.role, 3), member.full_name),
    )


def meeting_decisions(meeting: CommitteeMeeting) -> list[Decision]:
    """The decisions taken at a meeting, in their order."""
    return list(meeting.decisions.order_by("pk"))


def member_meetings(member: CommitteeMember) -> list[CommitteeMeeting]:
    """The meetings a member attended, newest first."""
    return list(member.meetings.order_by("-held_on", "-pk"))


@dataclass(frozen=True)
class FollowUp:
    """One recorded change of a decision: when, by whom, its state then."""

    on: datetime.datetime
    by: str
    status_label: str
    reason: str


def decision_follow_up(decision: Decision) -> list[FollowUp]:
    """The history of a decision, oldest first (one query)."""
    labels = dict(DecisionStatus.choices)
    rows = decision.history.select_related("history_user").order_by("history_date")
    return [
        FollowUp(
            on=row.history_date,
            by=(row.history_user.get_full_name() or row.history_user.email)
            if row.history_user
            else "",
            status_label=str(labels.get(row.status, row.status)),
            reason=row.history_change_reason or "",
        )
        for row in rows
    ]
