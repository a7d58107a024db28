"""Quarterly reports: asking for one, building it (the Celery job's work), retrying a failed one,
telling the committee it is ready.

A report is a status machine: pending → running → ready, or failed with its error kept. At most
one report of a quarter is being built at a time (a conditional unique constraint): asking again
while it builds returns the same report. The build claims its report with a conditional UPDATE,
so a job delivered twice builds once; a job whose worker died (its report left running past the
time limit) is claimed again when Redis delivers it anew. Progress is committed step by step
for the page that polls it; the PDF is written to a temporary file and moved into place.

A refusal raises ValidationError (a French message for the person) or PermissionDenied."""

import datetime
import logging
import os
import smtplib
import tempfile

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.db.utils import InterfaceError, OperationalError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organisation, User
from accounts.roles import Role
from core.emails import templated_message
from core.quarters import Quarter

from .. import access
from ..models import ACTIVE_STATUSES, CommitteeMember, QuarterlyReport, ReportStatus

logger = logging.getLogger("achats")

READY_EMAIL = "steering/emails/report-ready"

# Errors that say nothing about the report: the database went away for a moment. The job is
# retried with backoff; past this many attempts the report fails with the error.
TRANSIENT_ERRORS = (OperationalError, InterfaceError)
MAX_ATTEMPTS = 5
# Sending the e-mails may fail for a while: the job is retried.
MAIL_ERRORS = (smtplib.SMTPException, ConnectionError)


class ReportBusy(Exception):
    """The report is being built by another job that may still be alive: look again later."""

    def __init__(self, retry_in: int):
        super().__init__(f"report being built elsewhere; look again in {retry_in} s")
        self.retry_in = retry_in


def time_limit() -> int:
    """Seconds after which a job is stopped: a report running longer has lost its worker."""
    return settings.CELERY_TASK_TIME_LIMIT


# --- Asking ------------------------------------------------------------------------------------


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


def _is_stale(report: QuarterlyReport) -> bool:
    """Pending or running for longer than a job may last: no job is building it any more."""
    since = report.started_at if report.status == ReportStatus.RUNNING else report.created_at
    limit = timezone.now() - datetime.timedelta(seconds=time_limit())
    return since is None or since < limit


def _queue(report: QuarterlyReport) -> None:
    from .. import tasks

    transaction.on_commit(lambda pk=report.pk: tasks.build_quarterly_report.delay(pk))


def report_request(
    *, actor: User | None, organisation: Organisation, quarter: Quarter
) -> tuple[QuarterlyReport, bool]:
    """Ask for the report of `quarter` (a committee member, or None: the scheduler and the
    command line). Returns (report, created): while a report of that quarter is being built,
    that one, and no second build starts."""
    if actor is not None:
        access.ensure(access.can_request_reports(actor))
        if actor.organisation_id != organisation.pk:
            raise PermissionDenied
    validate_quarter(quarter)
    with transaction.atomic():
        report = _active(organisation, quarter)
        if report is not None:
            if _is_stale(report):
                # Its job was lost (broker down when it was queued, worker stopped at the hard
                # time limit): queue it again; the job's conditional claim lets one build run.
                _queue(report)
            return report, False
        try:
            # Two requests at the same moment: the constraint lets one row in, the other
            # request finds it.
            with transaction.atomic():
                report = QuarterlyReport.objects.create(
                    organisation=organisation,
                    year=quarter.year,
                    quarter=quarter.number,
                    requested_by=actor,
                )
        except IntegrityError:
            report = _active(organisation, quarter)
            if report is None:
                raise
            return report, False
        _queue(report)
    return report, True


def report_retry(*, actor: User, report: QuarterlyReport) -> QuarterlyReport:
    """Build a failed report again (a committee member of its organisation)."""
    access.ensure(access.can_request_reports(actor))
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


def queue_scheduled_reports(*, today: datetime.date | None = None) -> list[QuarterlyReport]:
    """The reports of the quarter just ended, for every organisation (beat, first day of each
    quarter). An organisation whose report of that quarter is being built, or was already
    built by the scheduler, gets none: the job run twice queues once."""
    quarter = Quarter.last_complete(today)
    done = QuarterlyReport.objects.filter(year=quarter.year, quarter=quarter.number).filter(
        Q(status__in=ACTIVE_STATUSES) | Q(status=ReportStatus.READY, requested_by__isnull=True)
    )
    queued = []
    for organisation in Organisation.objects.exclude(
        pk__in=done.values("organisation_id")
    ).order_by("slug"):
        report, created = report_request(actor=None, organisation=organisation, quarter=quarter)
        if created:
            queued.append(report)
    return queued


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
    built it; None when there was nothing to do (gone, already ready or failed). Raises
    ReportBusy when another job is building it, and a transient error for the job to retry
    (unless `retry_transient` is false: the report fails at once)."""
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
    if report.status == ReportStatus.READY:
        from .. import tasks

        try:
            tasks.send_report_ready.delay(report.pk)
        except Exception:
            # The report is built and downloadable: a broker hiccup must not undo that.
            logger.exception("report %s: the e-mail to the committee was not queued", report.pk)
    return report


def _build(report: QuarterlyReport) -> None:
    from .. import pdf
    from ..selectors.dashboard import dashboard, figures_json

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


# --- Telling the committee ------------------------------------------------------------------


def report_recipients(organisation: Organisation) -> list[str]:
    """The addresses of the committee: its sitting members (their own address, or their
    account's) and the people with the committee member role, active; each once."""
    addresses = {}
    members = CommitteeMember.objects.filter(
        committee__organisation=organisation, left_on__isnull=True
    ).select_related("user")
    for member in members:
        account = member.user if member.user is not None and member.user.is_active else None
        email = member.email or (account.email if account is not None else "")
        if email:
            addresses.setdefault(email.lower(), email)
    people = (
        User.objects.filter(
            organisation=organisation, is_active=True, groups__name=Role.COMMITTEE_MEMBER
        )
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )
    for email in people:
        addresses.setdefault(email.lower(), email)
    return sorted(addresses.values(), key=str.lower)


def report_ready_email_send(*, report: QuarterlyReport) -> int:
    """E-mail the committee that the report is ready, with its download link; returns the
    number of messages sent (one per person, nobody sees the others' addresses)."""
    from django.core.mail import get_connection

    recipients = report_recipients(report.organisation)
    if not recipients:
        return 0
    context = {
        "report": report,
        "organisation": report.organisation,
        "quarter": report.period,
        "link": f"{settings.SITE_URL}{reverse('steering:report-detail', args=[report.pk])}",
        "download": f"{settings.SITE_URL}{reverse('steering:report-download', args=[report.pk])}",
        "site_url": settings.SITE_URL,
    }
    messages = [templated_message(READY_EMAIL, to=[email], context=context) for email in recipients]
    with get_connection() as connection:
        return connection.send_messages(messages) or 0
