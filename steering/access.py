"""Who may read the steering dashboard, manage the committee, ask for and download the
quarterly reports: the one place that decides.

Everything here belongs to one organisation: another organisation's report or meeting does
not exist for the person (404); a member without the right is refused (403)."""

from django.shortcuts import get_object_or_404

from core.access import ensure

from .models import (
    MANAGE_COMMITTEE,
    READ_REPORTS,
    REQUEST_REPORTS,
    VIEW_DASHBOARD,
    CommitteeMeeting,
    CommitteeMember,
    Decision,
    QuarterlyReport,
    Scheme,
    SpaserReport,
)


def _member(user) -> bool:
    return user.is_authenticated and user.organisation_id is not None


def can_view_dashboard(user) -> bool:
    """Committee members and the responsible-purchasing advisor."""
    return _member(user) and user.has_perm(VIEW_DASHBOARD)


def can_manage_committee(user) -> bool:
    """Committee members and the organisation's administrators."""
    return _member(user) and user.has_perm(MANAGE_COMMITTEE)


def can_view_committee(user) -> bool:
    """Those who read the dashboard or manage the committee."""
    return can_view_dashboard(user) or can_manage_committee(user)


def can_request_reports(user) -> bool:
    """Committee members."""
    return _member(user) and user.has_perm(REQUEST_REPORTS)


def can_read_reports(user) -> bool:
    """Committee members, department heads and the advisor."""
    return _member(user) and user.has_perm(READ_REPORTS)


def get_report_for_user(user, pk) -> QuarterlyReport:
    """A report of the person's organisation (404 otherwise), for a reader of reports (403)."""
    report = get_object_or_404(
        QuarterlyReport.objects.visible_to(user).select_related("job", "requested_by"), pk=pk
    )
    ensure(can_read_reports(user))
    return report


def _get_committee_row(model, user, pk, *, manage: bool):
    """A row of the person's organisation's committee (404 otherwise), then the right to read
    it, or to change it with `manage` (403)."""
    row = get_object_or_404(model.objects.visible_to(user), pk=pk)
    ensure(can_manage_committee(user) if manage else can_view_committee(user))
    return row


def get_member_for_user(user, pk, *, manage: bool = False) -> CommitteeMember:
    """A member of the person's committee, to read or to change (`manage`)."""
    return _get_committee_row(CommitteeMember, user, pk, manage=manage)


def get_meeting_for_user(user, pk, *, manage: bool = False) -> CommitteeMeeting:
    """A meeting of the person's committee, to read or to change (`manage`)."""
    return _get_committee_row(CommitteeMeeting, user, pk, manage=manage)


def get_decision_for_user(user, pk, *, manage: bool = False) -> Decision:
    """A decision of the person's committee, to read or to change (`manage`)."""
    return _get_committee_row(Decision, user, pk, manage=manage)


# --- The SPASER ---------------------------------------------------------------------------------


def can_view_spaser(user) -> bool:
    """Those who read the committee's pages."""
    return can_view_committee(user)


def can_manage_spaser(user) -> bool:
    """Committee members and the organisation's administrators: they write the scheme, adopt
    it, ask for its yearly reports and publish them."""
    return can_manage_committee(user)


def get_scheme_for_user(user, pk, *, manage: bool = False) -> Scheme:
    """A version of the person's organisation's SPASER (404 otherwise), to read or change."""
    scheme = get_object_or_404(Scheme.objects.visible_to(user), pk=pk)
    ensure(can_manage_spaser(user) if manage else can_view_spaser(user))
    return scheme


def get_spaser_report_for_user(user, pk, *, manage: bool = False) -> SpaserReport:
    """A yearly report of the person's organisation (404 otherwise), to read or change."""
    report = get_object_or_404(
        SpaserReport.objects.visible_to(user).select_related("job", "scheme", "organisation"),
        pk=pk,
    )
    ensure(can_manage_spaser(user) if manage else can_view_spaser(user))
    return report
