"""Quarterly reports asked for by the committee (and the command line): asking for a quarter's
report, retrying a failed one. Each queues the report's job once its transaction commits; the
build itself is the job's (`report_jobs`, run by core's job mechanism).

If the broker cannot be reached, the request is kept: the report's job says so
(`Job.awaits_broker`) and the sweep starts it as soon as the job service is back.

A refusal raises ValidationError (a French message for the person) or PermissionDenied."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from accounts.models import Organisation, User
from core.access import ensure
from core.jobs import services as jobs
from core.models import JobStatus
from core.quarters import Quarter

from .. import access
from ..models import QuarterlyReport, ReportStatus
from . import report_jobs


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
        job = report.job
        # Asking again for a report that the broker refused tries the broker again at once;
        # the job's claim lets one build run whatever is queued twice.
        if created or job.awaits_broker:
            jobs.job_queue(job=job)
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
                    pk=report.pk, status=ReportStatus.FAILED, job__status=JobStatus.FAILED
                ).update(status=ReportStatus.PENDING)
        except IntegrityError as error:
            raise ValidationError(
                _("Un autre rapport de ce trimestre est déjà en construction."), code="active"
            ) from error
        if not retried:
            raise ValidationError(
                _("Seul un rapport en échec peut être relancé."), code="not_failed"
            )
        report.refresh_from_db()
        jobs.job_retry(job=report.job)
    return report
