"""What the quarterly reports' jobs do: open the report of a quarter (for a committee member's
request or the scheduler), build it. Nothing here queues a job: the tasks queue what follows
(the build of the reports the scheduler opened, the e-mail once a build says ready) and
`services.reports` queues the builds it asks for.

A report is a status machine: pending → running → ready, or failed with its error kept. At most
one report of a quarter is being built at a time (a conditional unique constraint): asking again
while it builds returns the same report. The build claims its report with a conditional UPDATE,
so a job delivered twice builds once; a job whose worker died (its report left running past the
time limit) is claimed again when Redis delivers it anew. Progress is committed step by step
for the page that polls it; the PDF is written to a temporary file and moved into place.

A quarter not ended is refused with ValidationError (a French message for the person)."""

import datetime
import logging
import os
import tempfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.db.utils import InterfaceError, OperationalError
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organisation, User
from core.quarters import Quarter

from .. import pdf
from ..models import ACTIVE_STATUSES, QuarterlyReport, ReportStatus
from ..selectors.dashboard import dashboard, figures_json

logger = logging.getLogger("achats")

# Errors that say nothing about the report: the database went away for a moment. The job is
# retried with backoff; past this many attempts the report fails with the error.
TRANSIENT_ERRORS = (OperationalError, InterfaceError)
MAX_ATTEMPTS = 5


class ReportBusy(Exception):
    """The report is being built by another job that may still be alive: look again later."""

    def __init__(self, retry_in: int):
        super().__init__(f"report being built elsewhere; look again in {retry_in} s")
        self.retry_in = retry_in


def time_limit() -> int:
    """Seconds after which a job is stopped: a report running longer has lost its worker."""
    return settings.CELERY_TASK_TIME_LIMIT


# --- Opening ------------------------------------------------------------------------------------


def validate_quarter(quarter: Quarter, *, today: datetime.date | None = None) -> None:
    """A report is made for a quarter that has ended, from 2000 on."""
    last = Quarter.last_complete(today)
    if quarter.year < 2000:
        raise ValidationError(_("Les rapports commencent en 2000."), code="too_old")
    if quarter > last:
        raise ValidationError(
            _("Le %(quarter)s n'est pas terminé : le dernier trimestre complet est le %(last)s.")
            % {"quarter": quarter.label, "last": last.label},
            code="not_ended",
        )


def _active(organisation: Organisation, quarter: Quarter) -> QuarterlyReport | None:
    return QuarterlyReport.objects.filter(
        organisation=organisation,
        year=quarter.year,
        quarter=quarter.number,
        status__in=ACTIVE_STATUSES,
    ).first()


def is_lost(report: QuarterlyReport) -> bool:
    """Pending or running for longer than a job may last: no job is building it any more (the
    broker was down when it was queued, or its worker stopped at the hard time limit)."""
    since = report.started_at if report.status == ReportStatus.RUNNING else report.created_at
    limit = timezone.now() - datetime.timedelta(seconds=time_limit())
    return since is None or since < limit


def report_open(
    *, organisation: Organisation, quarter: Quarter, requested_by: User | None = None
) -> tuple[QuarterlyReport, bool]:
    """The report of `quarter` being built (False), or a new pending one (True): at most one
    build of a quarter at a time. Queues nothing."""
    validate_quarter(quarter)
    with transaction.atomic():
        report = _active(organisation, quarter)
        if report is not None:
            return report, False
        try:
            # Two requests at the same moment: the constraint lets one row in, the other
            # request finds it.
            with transaction.atomic():
                report = QuarterlyReport.objects.create(
                    organisation=organisation,
                    year=quarter.year,
                    quarter=quarter.number,
                    requested_by=requested_by,
                )
        except IntegrityError:
            report = _active(organisation, quarter)
            if report is None:
                raise
            return report, False
    return report, True


def scheduled_reports_open(*, today: datetime.date | None = None) -> list[QuarterlyReport]:
    """The reports of the quarter just ended, opened for every organisation (beat, first day of
    each quarter). An organisation whose report of that quarter is being built, or was already
    built by the scheduler, gets none: the job run twice opens them once. Queues nothing: the
    task queues their builds."""
    quarter = Quarter.last_complete(today)
    done = QuarterlyReport.objects.filter(year=quarter.year, quarter=quarter.number).filter(
        Q(status__in=ACTIVE_STATUSES) | Q(status=ReportStatus.READY, requested_by__isnull=True)
    )
    opened = []
    for organisation in Organisation.objects.exclude(
        pk__in=done.values("organisation_id")
    ).order_by("slug"):
        report, created = report_open(organisation=organisation, quarter=quarter)
        if created:
            opened.append(report)
    return opened


# --- Building ----------------------------------------------------------------------------------


def _progress(report_id: int, progress: int, step: str) -> None:
    """Committed at once (the job runs outside a transaction): the page polls it."""
    QuarterlyReport.objects.filter(pk=report_id, status=ReportStatus.RUNNING).update(
        progress=progress, step=step
    )


def _claim(report_id: int) -> bool:
    """pending → running, or running past the time limit (its worker died, Redis delivered the
    job again): one job only wins the UPDATE."""
    now = timezone.now()
    stale = now - datetime.timedelta(seconds=time_limit())
    return bool(
        QuarterlyReport.objects.filter(pk=report_id)
        .filter(
            Q(status=ReportStatus.PENDING)
            | Q(status=ReportStatus.RUNNING, started_at__lt=stale)
            | Q(status=ReportStatus.RUNNING, started_at__isnull=True)
        )
        .update(
            status=ReportStatus.RUNNING,
            started_at=now,
            finished_at=None,
            attempts=F("attempts") + 1,
            progress=1,
            step=_("Démarrage"),
            error="",
        )
    )


def report_file_name(report: QuarterlyReport) -> str:
    """One name per report: building it again replaces the same file."""
    return (
        f"rapports/{report.organisation_id}/"
        f"rapport-{report.organisation.slug}-{report.year}-T{report.quarter}-{report.pk}.pdf"
    )


def _write_in_place(name: str, pdf: bytes) -> None:
    """Write to a temporary file next to the final one, then rename it: a reader never sees
    half a file, and a job stopped midway leaves the previous file whole."""
    path = default_storage.path(name)
    directory = os.path.dirname(path)
    os.makedirs(directory, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=directory, prefix=".rapport-", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as output:
            output.write(pdf)
            output.flush()
            os.fsync(output.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


def _fail(report_id: int, error: str) -> None:
    QuarterlyReport.objects.filter(pk=report_id, status=ReportStatus.RUNNING).update(
        status=ReportStatus.FAILED, error=error[:5000], finished_at=timezone.now()
    )


def _release(report_id: int) -> None:
    """Back to pending for the retry of a transient error; best effort, since the database
    itself may be what failed (then the time limit frees the report)."""
    try:
        QuarterlyReport.objects.filter(pk=report_id, status=ReportStatus.RUNNING).update(
            status=ReportStatus.PENDING, step=_("Nouvelle tentative prévue")
        )
    except TRANSIENT_ERRORS:
        logger.warning("report %s: could not put it back to pending", report_id)


def _busy_for(report_id: int) -> int | None:
    """Seconds until a running report may be claimed again; None when it is not running."""
    report = (
        QuarterlyReport.objects.filter(pk=report_id, status=ReportStatus.RUNNING)
        .only("started_at")
        .first()
    )
    if report is None or report.started_at is None:
        return None
    age = (timezone.now() - report.started_at).total_seconds()
    return max(int(time_limit() - age) + 5, 5)


def report_build(*, report_id: int, retry_transient: bool = True) -> QuarterlyReport | None:
    """Build the PDF of a pending report (the job's work). Returns the report when this call
    built it (the task tells the committee once it says ready); None when there was nothing to
    do (gone, already ready or failed). Raises ReportBusy when another job is building it, and
    a transient error for the job to retry (unless `retry_transient` is false: the report fails
    at once)."""
    if not _claim(report_id):
        busy = _busy_for(report_id)
        if busy is not None:
            raise ReportBusy(busy)
        return None
    report = QuarterlyReport.objects.select_related("organisation", "requested_by").get(
        pk=report_id
    )
    try:
        _build(report)
    except TRANSIENT_ERRORS as error:
        if retry_transient and report.attempts < MAX_ATTEMPTS:
            _release(report_id)
            raise
        _fail(report_id, f"{type(error).__name__}: {error}")
        return None
    except Exception as error:
        logger.exception("report %s failed", report_id)
        _fail(report_id, f"{type(error).__name__}: {error}")
        return None
    report.refresh_from_db()
    return report


def _build(report: QuarterlyReport) -> None:
    quarter = report.period
    _progress(report.pk, 10, _("Calcul des indicateurs du trimestre"))
    figures = dashboard(organisation=report.organisation, quarter=quarter)
    QuarterlyReport.objects.filter(pk=report.pk, status=ReportStatus.RUNNING).update(
        figures=figures_json(figures),
        progress=35,
        step=_("Mise en page du rapport"),
    )
    document = pdf.report_pdf(
        report=report,
        figures=figures,
        on_progress=lambda progress, step: _progress(report.pk, progress, step),
    )
    _progress(report.pk, 95, _("Enregistrement du fichier"))
    name = report_file_name(report)
    _write_in_place(name, document)
    QuarterlyReport.objects.filter(pk=report.pk, status=ReportStatus.RUNNING).update(
        status=ReportStatus.READY,
        file=name,
        progress=100,
        step="",
        finished_at=timezone.now(),
    )
