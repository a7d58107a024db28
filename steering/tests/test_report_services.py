"""The quarterly report's services, jobs run in process: asking (once per quarter while it
builds), building (claimed once, PDF moved into place, progress, figures kept), failing with
the error and retrying, a job stopped midway run again, the e-mail to the committee, the
scheduler of the first day of each quarter."""

import datetime
import os

import pytest
from celery.schedules import crontab
from django.conf import settings
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import OperationalError
from django.test import TestCase
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerError

from accounts.tests.factories import OrganisationFactory
from core import tasks as core_tasks
from core.jobs import runner
from core.models import Job, JobStatus
from core.quarters import Quarter
from steering import pdf, tasks
from steering.models import QuarterlyReport, ReportStatus
from steering.selectors.dashboard import dashboard, figures_json
from steering.selectors.reports import key_figures
from steering.services import report_jobs
from steering.services import reports as services
from steering.tests.factories import QUARTER, page_size_mm, pdf_text, plain, seat

pytestmark = pytest.mark.django_db


def ask(actor, quarter=QUARTER, organisation=None):
    return services.report_request(
        actor=actor, organisation=organisation or actor.organisation, quarter=quarter
    )


def built(actor, quarter=QUARTER):
    """A report asked for and its job run in process once the request is committed."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        report, _created = ask(actor, quarter)
    report.refresh_from_db()
    return report


def pending(actor, quarter=QUARTER):
    """A report asked for, its job not run (the commit callbacks are not executed)."""
    report, created = ask(actor, quarter)
    assert created
    return report


def report_files(report) -> list[str]:
    directory = os.path.join(settings.MEDIA_ROOT, "rapports", str(report.organisation_id))
    return sorted(os.listdir(directory)) if os.path.isdir(directory) else []


def test_a_committee_member_asks_for_a_quarter_and_gets_an_a4_pdf_with_the_dashboard_figures(
    council, alice, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        report, created = ask(alice)

    # The build (the e-mail is written to the outbox in the build's last transaction).
    assert created and len(callbacks) == 1
    report.refresh_from_db()
    assert report.status == ReportStatus.READY
    assert (report.progress, report.attempts, report.error) == (100, 1, "")
    assert report.requested_by == alice
    assert report.started_at <= report.finished_at
    data = report.file.read()
    assert set(page_size_mm(data)) == {(210, 297)}
    text = pdf_text(data)
    assert "Ville de Roubaix" in text
    assert "3e trimestre 2026" in text
    assert "du 1 juillet 2026 au 30 septembre 2026" in text or "du 1er juillet 2026" in text
    expected = figures_json(dashboard(organisation=council, quarter=QUARTER))
    assert report.figures == expected
    for figure in key_figures(expected):
        assert plain(figure.label) in text
        assert plain(figure.value) in text
    # The decisions of the quarter's meeting, not those of the meeting of June.
    assert "Décision 000" in text and "Décision 001" in text
    assert "Ailleurs" not in text


def test_the_figures_summary_names_the_targets_and_their_status(council, alice):
    figures = figures_json(dashboard(organisation=council, quarter=QUARTER))
    rows = {row.label: row for row in key_figures(figures)}

    environmental = rows["Marchés avec une considération environnementale"]
    assert environmental.target == "100\u00a0%"
    assert environmental.value == "100\u00a0%"
    assert rows["Marchés notifiés dans le trimestre"].value == "1"


def test_asking_again_while_it_builds_returns_the_same_report_and_queues_nothing(
    alice, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as first:
        report, created = ask(alice)
    with django_capture_on_commit_callbacks() as second:
        again, created_again = ask(alice)

    assert created and not created_again
    assert again == report
    assert (len(first), len(second)) == (1, 0)
    assert QuarterlyReport.objects.count() == 1


def test_a_report_whose_worker_went_silent_is_relaunched_by_the_sweep_and_ends_ready(alice):
    """Running with a heartbeat older than the limit: its worker is gone, whatever killed it.
    The sweep puts it back, marked relaunched, and sends it; nobody asks again."""
    report = pending(alice)
    silent = timezone.now() - datetime.timedelta(seconds=settings.JOB_LOST_AFTER_SECONDS + 1)
    Job.objects.filter(pk=report.job_id).update(
        status=JobStatus.RUNNING, attempts=1, heartbeat_at=silent, progress=60
    )

    assert core_tasks.sweep_jobs() == 1

    report.refresh_from_db()
    assert report.status == ReportStatus.READY
    assert (report.job.attempts, report.job.requeues) == (2, 1)
    assert report.job.requeued_at is not None
    assert QuarterlyReport.objects.count() == 1


def test_the_sweep_fails_a_job_lost_on_its_last_attempt_with_a_message_and_a_retry(alice):
    report = pending(alice)
    silent = timezone.now() - datetime.timedelta(seconds=settings.JOB_LOST_AFTER_SECONDS + 1)
    Job.objects.filter(pk=report.job_id).update(
        status=JobStatus.RUNNING, attempts=settings.JOB_MAX_ATTEMPTS, heartbeat_at=silent
    )

    assert core_tasks.sweep_jobs() == 0

    report.refresh_from_db()
    assert (report.status, report.job.status) == (ReportStatus.FAILED, JobStatus.FAILED)
    assert report.error == (
        f"Le travail a été interrompu {settings.JOB_MAX_ATTEMPTS} fois sans pouvoir se terminer "
        "(arrêt du service de traitement) ; il n'est plus relancé automatiquement. Vous pouvez "
        "le relancer."
    )
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.report_retry(actor=alice, report=report)
    report.refresh_from_db()
    assert (report.status, report.attempts) == (ReportStatus.READY, 1)


def test_the_sweep_leaves_alone_a_job_whose_heartbeat_is_fresh(alice):
    report = pending(alice)
    Job.objects.filter(pk=report.job_id).update(
        status=JobStatus.RUNNING, attempts=1, heartbeat_at=timezone.now(), queued_at=timezone.now()
    )

    assert runner.sweep().to_send == []
    report.refresh_from_db()
    assert report.job.status == JobStatus.RUNNING and report.job.requeued_at is None


def test_a_job_the_broker_refused_is_sent_by_the_sweep_once_it_is_back(alice, monkeypatch):
    def unreachable(*args, **kwargs):
        raise BrokerError("Error 111 connecting to 127.0.0.1:1. Connection refused.")

    with monkeypatch.context() as patch:
        patch.setattr(core_tasks.run_job, "apply_async", unreachable)
        with TestCase.captureOnCommitCallbacks(execute=True):
            report, _created = ask(alice)
    report.refresh_from_db()
    assert report.job.awaits_broker and report.status == ReportStatus.PENDING

    assert core_tasks.sweep_jobs() == 1

    report.refresh_from_db()
    assert report.status == ReportStatus.READY
    assert report.job.queue_error == ""


def test_two_requests_at_the_same_moment_make_one_report(alice, monkeypatch):
    report = pending(alice)
    # The second request looked before the first one's row was committed: the constraint
    # refuses its row and it returns the first one.
    looks = iter([None])
    real = report_jobs._active
    monkeypatch.setattr(report_jobs, "_active", lambda *args: next(looks, None) or real(*args))

    again, created = ask(alice)

    assert (again, created) == (report, False)
    assert QuarterlyReport.objects.count() == 1


def test_a_report_of_a_ready_quarter_can_be_built_again_and_both_are_archived(alice):
    report = built(alice)
    assert report.status == ReportStatus.READY

    second = built(alice)

    assert second != report
    assert QuarterlyReport.objects.filter(status=ReportStatus.READY).count() == 2


def test_a_quarter_not_ended_or_too_old_is_refused(alice):
    current = Quarter.of(timezone.localdate())
    last = Quarter.last_complete()

    with pytest.raises(ValidationError) as error:
        ask(alice, current)
    assert error.value.messages == [
        f"Le {current.label} n'est pas terminé : le dernier trimestre complet est le {last.label}."
    ]
    with pytest.raises(ValidationError):
        ask(alice, current.next())
    with pytest.raises(ValidationError):
        ask(alice, Quarter(1999, 4))
    assert not QuarterlyReport.objects.exists()


def test_only_the_committee_of_the_organisation_asks(alice, bob, ada, charlie):
    for person in (bob, ada):
        with pytest.raises(PermissionDenied):
            ask(person)
    with pytest.raises(PermissionDenied):
        ask(charlie, organisation=alice.organisation)
    assert not QuarterlyReport.objects.exists()


def test_the_job_delivered_twice_builds_one_pdf(alice):
    report = pending(alice)

    core_tasks.run_job.delay(report.job_id)
    core_tasks.run_job.delay(report.job_id)

    report.refresh_from_db()
    assert (report.status, report.attempts) == (ReportStatus.READY, 1)
    assert report_files(report) == [os.path.basename(report.file.name)]


def test_a_job_gone_does_nothing(alice):
    assert runner.run(987654) == runner.DONE
    assert runner.run(987654, eager=True) == runner.DONE


def test_a_job_stopped_midway_is_left_alone_while_alive_and_taken_over_once_silent(
    alice, monkeypatch
):
    report = pending(alice)
    render = pdf.report_pdf

    def killed(**kwargs):
        raise SystemExit("worker killed")

    monkeypatch.setattr(pdf, "report_pdf", killed)
    with pytest.raises(SystemExit):
        runner.run(report.job_id, eager=True)
    report.refresh_from_db()
    assert (report.status, report.job.status) == (ReportStatus.PENDING, JobStatus.RUNNING)
    assert report_files(report) == []

    # Delivered again at once: its heartbeat is fresh, the other worker may be alive; this one
    # backs off until the heartbeat would be stale.
    monkeypatch.setattr(pdf, "report_pdf", render)
    outcome = runner.run(report.job_id)
    assert outcome.send_again
    assert 0 < outcome.countdown <= settings.JOB_LOST_AFTER_SECONDS + 1

    silent = timezone.now() - datetime.timedelta(seconds=settings.JOB_LOST_AFTER_SECONDS + 1)
    Job.objects.filter(pk=report.job_id).update(heartbeat_at=silent)
    core_tasks.run_job.delay(report.job_id)

    report.refresh_from_db()
    assert (report.status, report.attempts, report.progress) == (ReportStatus.READY, 2, 100)
    assert report_files(report) == [os.path.basename(report.file.name)]


def test_a_failed_build_keeps_its_error_and_is_retried(alice, monkeypatch):
    render = pdf.report_pdf

    def broken(**kwargs):
        raise RuntimeError("police DejaVu introuvable")

    monkeypatch.setattr(pdf, "report_pdf", broken)
    report = built(alice)
    assert report.status == ReportStatus.FAILED
    assert report.error == "Le travail s'est arrêté sur une erreur inattendue."
    assert report.job.error_detail == "RuntimeError: police DejaVu introuvable"
    assert report.finished_at is not None and not report.file

    monkeypatch.setattr(pdf, "report_pdf", render)
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.report_retry(actor=alice, report=report)

    report.refresh_from_db()
    assert (report.status, report.error, report.attempts) == (ReportStatus.READY, "", 1)


def test_only_a_failed_report_is_retried_and_by_the_committee(alice, bob):
    report = built(alice)

    with pytest.raises(ValidationError) as error:
        services.report_retry(actor=alice, report=report)
    assert error.value.messages == ["Seul un rapport en échec peut être relancé."]
    with pytest.raises(PermissionDenied):
        services.report_retry(actor=bob, report=report)


def test_a_failed_report_is_not_retried_while_another_of_its_quarter_builds(alice):
    failed = pending(alice)
    Job.objects.filter(pk=failed.job_id).update(status=JobStatus.FAILED, error="x")
    QuarterlyReport.objects.filter(pk=failed.pk).update(status=ReportStatus.FAILED)
    pending(alice)

    with pytest.raises(ValidationError) as error:
        services.report_retry(actor=alice, report=failed)
    assert error.value.messages == ["Un autre rapport de ce trimestre est déjà en construction."]


@pytest.mark.django_db(transaction=True)
def test_a_database_gone_for_a_moment_is_retried_then_fails_with_the_error(alice, monkeypatch):
    monkeypatch.setattr(core_tasks, "send_job", lambda job_id, **kwargs: True)
    report = pending(alice)  # its job run here as a worker runs it

    def unavailable(**kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(pdf, "report_pdf", unavailable)
    outcome = runner.run(report.job_id)
    assert outcome == runner.Outcome(send_again=True, countdown=runner.backoff(1))
    report.refresh_from_db()
    assert (report.job.status, report.attempts) == (JobStatus.PENDING, 1)
    assert report.step == "Base de données indisponible : nouvelle tentative prévue"

    Job.objects.filter(pk=report.job_id).update(attempts=settings.JOB_MAX_ATTEMPTS - 1)
    assert runner.run(report.job_id) == runner.DONE
    report.refresh_from_db()
    assert report.status == ReportStatus.FAILED
    assert report.error == (
        f"La base de données est restée indisponible après {settings.JOB_MAX_ATTEMPTS} "
        "tentatives. Vous pouvez relancer le travail."
    )
    assert "server closed the connection unexpectedly" in report.job.error_detail


def test_the_committee_is_told_by_e_mail_with_the_download_link(council, alice, charlie):
    seat(alice, full_name="Paul Élu", email="paul.elu@roubaix.test")

    report = built(alice)

    # The contract's own notices (to review, approved) went to its advisor and buyer.
    sent = [message for message in mail.outbox if message.subject.startswith("Rapport")]
    assert sorted(message.to[0] for message in sent) == [
        "alice@roubaix.test",
        "paul.elu@roubaix.test",
    ]
    message = sent[0]
    assert (
        message.subject == "Rapport de pilotage du 3e trimestre 2026 disponible — Ville de Roubaix"
    )
    assert f"{settings.SITE_URL}/pilotage/rapports/{report.pk}/rapport.pdf" in message.body
    html = message.alternatives[0][0]
    assert f'href="{settings.SITE_URL}/pilotage/rapports/{report.pk}/rapport.pdf"' in html


def test_the_scheduler_queues_the_quarter_just_ended_for_every_organisation_once(
    alice, charlie, django_capture_on_commit_callbacks
):
    other = OrganisationFactory(name="Ville de Lens")
    with django_capture_on_commit_callbacks() as callbacks:
        queued = tasks.queue_scheduled_reports(today=datetime.date(2026, 1, 1))
    assert {(r.organisation_id, r.year, r.quarter, r.requested_by) for r in queued} == {
        (organisation.pk, 2025, 4, None)
        for organisation in (alice.organisation, charlie.organisation, other)
    }
    assert len(callbacks) == 3

    with django_capture_on_commit_callbacks() as again:
        assert tasks.queue_scheduled_reports(today=datetime.date(2026, 1, 1)) == []
    assert again == []


def test_the_beat_schedule_queues_the_reports_on_the_first_day_of_each_quarter():
    entry = settings.CELERY_BEAT_SCHEDULE["quarterly-reports"]
    assert entry["task"] == tasks.queue_quarterly_reports.name
    schedule = entry["schedule"]
    assert isinstance(schedule, crontab)
    assert schedule.month_of_year == {1, 4, 7, 10}
    assert schedule.day_of_month == {1}
    assert Quarter.last_complete(datetime.date(2027, 1, 1)) == Quarter(2026, 4)


def test_the_scheduled_job_on_1_january_queues_the_fourth_quarter_of_the_year_before(alice):
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert tasks.queue_quarterly_reports.delay("2026-01-01").get() == 1

    report = QuarterlyReport.objects.get()
    assert (report.year, report.quarter, report.requested_by) == (2025, 4, None)
    assert report.status == ReportStatus.READY
