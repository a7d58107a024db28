"""What the quarterly reports' jobs do: open the report of a quarter (for a committee member's
request or the scheduler), build it. Nothing here queues a job: `services.reports` and the
tasks queue them; `steering.tasks` registers the build with core's job mechanism.

A report is pending (being built) → ready, or failed with its error kept on its job
(`core.models.Job`: progress, heartbeat, attempts, error). At most one report of a quarter is
being built at a time (a conditional unique constraint): asking again while it builds returns
the same report. The job's claim, heartbeat and retries are core's (`core.jobs.runner`); the
build is idempotent: the PDF is saved through the storage whole, and the report points at it
only in the transaction that ends its job, so a build run again after a lost worker gives the
report one complete file.

A quarter not ended is refused with ValidationError (a French message for the person)."""

import datetime

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from accounts.models import Organisation, User
from core.jobs import services as jobs
from core.jobs.registry import Progress
from core.quarters import Quarter

from .. import pdf
from ..models import ACTIVE_STATUSES, QuarterlyReport, ReportStatus
from ..selectors.dashboard import dashboard, figures_json

JOB_KIND = "steering.quarterly_report"

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
    return (
        QuarterlyReport.objects.filter(
            organisation=organisation,
            year=quarter.year,
            quarter=quarter.number,
            status__in=ACTIVE_STATUSES,
        )
        .select_related("job")
        .first()
    )


def report_open(
    *, organisation: Organisation, quarter: Quarter, requested_by: User | None = None
) -> tuple[QuarterlyReport, bool]:
    """The report of `quarter` being built (False), or a new pending one with its job (True): at
    most one build of a quarter at a time. Queues nothing."""
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
                    job=jobs.job_open(kind=JOB_KIND, requested_by=requested_by),
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


def report_file_name(report: QuarterlyReport) -> str:
    """The name asked of the storage for the report's file."""
    return (
        f"rapports/{report.organisation_id}/"
        f"rapport-{report.organisation.slug}-{report.year}-T{report.quarter}-{report.pk}.pdf"
    )


def report_build(*, report: QuarterlyReport, progress: Progress) -> str:
    """Compute the quarter's figures, keep them on the report, write its PDF in place; returns
    the file's name (the job's work: `report_mark_ready` follows with the job's end)."""
    progress(10, _("Calcul des indicateurs du trimestre"))
    figures = dashboard(organisation=report.organisation, quarter=report.period)
    QuarterlyReport.objects.filter(pk=report.pk, status=ReportStatus.PENDING).update(
        figures=figures_json(figures)
    )
    progress(35, _("Mise en page du rapport"))
    document = pdf.report_pdf(report=report, figures=figures, on_progress=progress)
    progress(95, _("Enregistrement du fichier"))
    # Through the storage (the local folder or the object storage every host shares): a name
    # taken already (a build stopped midway left its file) gets a suffix, so a reader only ever
    # gets the whole file of the build that the report points at once ready.
    return default_storage.save(report_file_name(report), ContentFile(document))


def report_mark_ready(*, report_id: int, file_name: str) -> None:
    """Ready with its file; in the transaction that ends its job."""
    QuarterlyReport.objects.filter(pk=report_id, status=ReportStatus.PENDING).update(
        status=ReportStatus.READY, file=file_name
    )


def report_mark_failed(*, report_id: int) -> None:
    """Failed (its job keeps the error); in the transaction that ends its job."""
    QuarterlyReport.objects.filter(pk=report_id, status=ReportStatus.PENDING).update(
        status=ReportStatus.FAILED
    )
