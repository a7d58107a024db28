"""Background jobs of the steering app. Thin: they take ids, and the services re-read the rows,
return quietly when there is nothing left to do, and hold the rules. The report's build is a
kind of core's jobs (`core.jobs`): its claim, heartbeat, retries and sweep are core's; these
functions only say what the build does and what follows it (the report ready or failed, and
the e-mail to the committee written to the outbox, all in the job's last transaction). The
services the jobs call queue nothing: the jobs queue what follows."""

import datetime

from celery import shared_task

from core.jobs.registry import Progress
from core.jobs.services import job_queue
from core.models import Job
from core.tasks import send_job

from . import emails
from .models import QuarterlyReport, ReportStatus, SpaserReport, SpaserReportStatus
from .services import report_jobs
from .services import spaser as spaser_services

# --- The report's job, run by core's job mechanism (registered in apps.py) -------------------


def build_report(*, job: Job, progress: Progress) -> dict:
    """Build the report of `job`; gone (deleted meanwhile), there is nothing to do."""
    report = (
        QuarterlyReport.objects.filter(job=job, status=ReportStatus.PENDING)
        .select_related("organisation", "requested_by")
        .first()
    )
    if report is None:
        return {}
    return {"report": report.pk, "file": report_jobs.report_build(report=report, progress=progress)}


def report_built(*, job: Job, result: dict) -> None:
    """Ready with its file, and the committee's e-mail in the outbox, in the job's last
    transaction: a worker dying before it commits leaves neither (the job is taken over and
    ends them once), after it commits the job is ready and is never ended again, so the
    e-mail is written once whatever happens to the worker."""
    if not result:
        return
    report_jobs.report_mark_ready(report_id=result["report"], file_name=result["file"])
    report = QuarterlyReport.objects.select_related("organisation").get(pk=result["report"])
    emails.report_ready_send(report=report)


def report_failed(*, job: Job) -> None:
    report_jobs.report_mark_failed(report_id=QuarterlyReport.objects.get(job=job).pk)


def build_spaser_report(*, job: Job, progress: Progress) -> dict:
    """Build the SPASER's yearly report of `job`; gone meanwhile, nothing to do."""
    report = (
        SpaserReport.objects.filter(job=job, status=SpaserReportStatus.PENDING)
        .select_related("organisation", "scheme")
        .first()
    )
    if report is None:
        return {}
    return {
        "report": report.pk,
        "file": spaser_services.report_build(report=report, progress=progress),
    }


def spaser_report_built(*, job: Job, result: dict) -> None:
    if result:
        spaser_services.report_mark_ready(report_id=result["report"], file_name=result["file"])


def spaser_report_failed(*, job: Job) -> None:
    spaser_services.report_mark_failed(report_id=SpaserReport.objects.get(job=job).pk)


@shared_task(name="steering.build_quarterly_report")
def build_quarterly_report(report_id):
    """Messages queued before the job mechanism: the report's job is sent instead."""
    job_id = QuarterlyReport.objects.filter(pk=report_id).values_list("job_id", flat=True).first()
    if job_id is not None:
        send_job(job_id)


@shared_task(
    name="steering.send_report_ready",
    autoretry_for=emails.MAIL_ERRORS,
    retry_backoff=True,
    max_retries=5,
)
def send_report_ready(report_id):
    """Messages queued before the e-mail moved into the job's last transaction."""
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
        job_queue(job=report.job)
    return opened


@shared_task(name="steering.queue_quarterly_reports")
def queue_quarterly_reports(today: str | None = None) -> int:
    """Scheduled by beat on the first day of each quarter; `today` is an ISO date, today in
    Paris by default. Returns the number of reports queued."""
    day = datetime.date.fromisoformat(today) if today else None
    return len(queue_scheduled_reports(today=day))
