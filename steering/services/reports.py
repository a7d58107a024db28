"""Quarterly reports asked for by the committee (and the command line): asking for a quarter's
report, retrying a failed one. Each queues the build once its transaction commits; the build
itself is the job's (`report_jobs`).

A refusal raises ValidationError (a French message for the person) or PermissionDenied."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from accounts.models import Organisation, User
from core.access import ensure
from core.quarters import Quarter

from .. import access, tasks
from ..models import QuarterlyReport, ReportStatus
from . import report_jobs


def _queue(report: QuarterlyReport) -> None:
    transaction.on_commit(lambda pk=report.pk: tasks.build_quarterly_report.delay(pk))


def report_request(
    *, actor: User | None, organisation: Organisation, quarter: Quarter
) -> tuple[QuarterlyReport, bool]:
    """Ask for the report of `quarter` (a committee member, or None: the command line).
    Returns (report, created): while a report of that quarter is being built, that one, and no
    second build starts."""
    if actor is not None:
        ensure(access.can_request_reports(actor))
        if actor.organisation_id != organisation.pk:
            raise PermissionDenied
    with transaction.atomic():
        report, created = report_jobs.report_open(
            organisation=organisation, quarter=quarter, requested_by=actor
        )
        # A report whose job was lost (broker down when it was queued, worker stopped at the
        # hard time limit) is queued again; the job's conditional claim lets one build run.
        if created or report_jobs.is_lost(report):
            _queue(report)
    return report, created


def report_retry(*, actor: User, report: QuarterlyReport) -> QuarterlyReport:
    """Build a failed report again (a committee member of its organisation)."""
    ensure(access.can_request_reports(actor))
    if actor.organisation_id != report.organisation_id:
        raise PermissionDenied
    with transaction.atomic():
        try:
            with transaction.atomic():
                retried = QuarterlyReport.objects.filter(
                    pk=report.pk, status=ReportStatus.FAILED
                ).update(
                    status=ReportStatus.PENDING,
                    progress=0,
                    step="",
                    started_at=None,
                    finished_at=None,
                    attempts=0,
                )
        except IntegrityError as error:
            raise ValidationError(
                _("Un autre rapport de ce trimestre est déjà en construction."), code="active"
            ) from error
        if not retried:
            raise ValidationError(
                _("Seul un rapport en échec peut être relancé."), code="not_failed"
            )
        report.refresh_from_db()
        _queue(report)
    return report
