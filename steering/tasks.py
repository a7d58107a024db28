"""Background jobs of the steering app. Thin: they take ids, and the services re-read the rows,
return quietly when there is nothing left to do, and hold the rules. The services the jobs call
queue nothing: the jobs queue what follows (the builds of the reports the scheduler opened, the
e-mail to the committee once a build says ready)."""

import datetime
import logging

from celery import shared_task
from django.conf import settings
from django.db import transaction

from . import emails
from .models import QuarterlyReport, ReportStatus
from .services import report_jobs

logger = logging.getLogger("achats")


@shared_task(
    bind=True,
    name="steering.build_quarterly_report",
    # Acknowledged once done: the job of a worker that dies is delivered again.
    acks_late=True,
    reject_on_worker_lost=True,
    time_limit=settings.CELERY_TASK_TIME_LIMIT,
    soft_time_limit=settings.CELERY_TASK_SOFT_TIME_LIMIT,
    # Only a database that went away for a moment is worth another try; any other error is
    # the report's, kept on it for the committee to read and retry.
    autoretry_for=report_jobs.TRANSIENT_ERRORS,
    retry_backoff=True,
    retry_backoff_max=300,
    max_retries=report_jobs.MAX_ATTEMPTS,
)
def build_quarterly_report(self, report_id):
    # Run in process (no Redis), there is no broker to come back later: the first error is
    # the report's.
    eager = bool(self.request.is_eager)
    try:
        report = report_jobs.report_build(report_id=report_id, retry_transient=not eager)
    except report_jobs.ReportBusy as busy:
        if eager:
            return
        # Another job holds the report: look again once it must have finished or died.
        raise self.retry(countdown=busy.retry_in, max_retries=None) from None
    if report is not None and report.status == ReportStatus.READY:
        try:
            send_report_ready.delay(report.pk)
        except Exception:
            # The report is built and downloadable: a broker hiccup must not undo that.
            logger.exception("report %s: the e-mail to the committee was not queued", report.pk)


@shared_task(
    name="steering.send_report_ready",
    autoretry_for=emails.MAIL_ERRORS,
    retry_backoff=True,
    max_retries=5,
)
def send_report_ready(report_id):
    report = (
        QuarterlyReport.objects.filter(pk=report_id, status=ReportStatus.READY)
        .select_related("organisation")
        .first()
    )
    if report is None:
        return 0
    return emails.report_ready_send(report=report)


def queue_scheduled_reports(*, today: datetime.date | None = None) -> list[QuarterlyReport]:
    """The reports the scheduler opens for the quarter just ended, each build queued once
    committed."""
    opened = report_jobs.scheduled_reports_open(today=today)
    for report in opened:
        transaction.on_commit(lambda pk=report.pk: build_quarterly_report.delay(pk))
    return opened


@shared_task(name="steering.queue_quarterly_reports")
def queue_quarterly_reports(today: str | None = None) -> int:
    """Scheduled by beat on the first day of each quarter; `today` is an ISO date, today in
    Paris by default. Returns the number of reports queued."""
    day = datetime.date.fromisoformat(today) if today else None
    return len(queue_scheduled_reports(today=day))
