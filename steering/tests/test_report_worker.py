"""The report job through a real Celery worker on the real Redis: the PDF is built, is A4 and
holds the dashboard's figures; delivered twice it builds once; asked again while it builds, no
second build starts; a report left running by a worker that died is built again."""

import datetime
import os

import pytest
from django.conf import settings
from django.utils import timezone

from core.models import Heartbeat, Job, JobStatus
from core.tasks import record_heartbeat, run_job
from core.tests.data import wait_for
from steering.models import QuarterlyReport, ReportStatus
from steering.selectors.dashboard import dashboard, figures_json
from steering.selectors.reports import key_figures
from steering.services import reports as services
from steering.tests.factories import QUARTER, page_size_mm, pdf_text, plain

pytestmark = [
    pytest.mark.worker,
    pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL (set in CI)"),
]


def finished(report) -> bool:
    report.refresh_from_db()
    return not report.is_active


def ask(actor):
    return services.report_request(actor=actor, organisation=actor.organisation, quarter=QUARTER)


def test_the_worker_builds_an_a4_pdf_holding_the_dashboard_figures(redis_worker, council, alice):
    report, created = ask(alice)
    # A second request while the first one is queued or building: the same report.
    again, created_again = ask(alice)

    assert created and not created_again and again == report
    assert wait_for(lambda: finished(report), timeout=60), "the worker did not build the report"
    assert report.status == ReportStatus.READY, report.error
    assert report.attempts == 1
    assert QuarterlyReport.objects.count() == 1
    data = report.file.read()
    assert set(page_size_mm(data)) == {(210, 297)}
    text = pdf_text(data)
    assert "Ville de Roubaix" in text
    assert "3e trimestre 2026" in text
    figures = figures_json(dashboard(organisation=council, quarter=QUARTER))
    assert report.figures == figures
    for figure in key_figures(figures):
        assert plain(figure.value) in text, figure


def test_the_job_delivered_twice_makes_one_pdf(redis_worker, alice):
    report, _ = ask(alice)
    run_job.delay(report.job_id)
    run_job.delay(report.job_id)

    # The worker runs one job at a time, in order: once the heartbeat is in, all have run.
    record_heartbeat.delay()
    assert wait_for(Heartbeat.objects.exists, timeout=90), "the worker did not run the jobs"
    assert wait_for(lambda: finished(report), timeout=60)
    assert (report.status, report.attempts) == (ReportStatus.READY, 1)
    directory = os.path.dirname(report.file.path)
    assert os.listdir(directory) == [os.path.basename(report.file.name)]


def test_a_report_left_running_by_a_dead_worker_is_built_when_the_job_comes_back(
    redis_worker, alice
):
    report, _ = ask(alice)
    assert wait_for(lambda: finished(report), timeout=60)
    # As a worker killed midway leaves it: running, its heartbeat silent, no file.
    silent = timezone.now() - datetime.timedelta(seconds=settings.JOB_LOST_AFTER_SECONDS + 1)
    Job.objects.filter(pk=report.job_id).update(
        status=JobStatus.RUNNING, heartbeat_at=silent, finished_at=None, progress=40
    )
    QuarterlyReport.objects.filter(pk=report.pk).update(status=ReportStatus.PENDING, file="")
    os.unlink(report.file.path)

    run_job.delay(report.job_id)  # what Redis delivers again

    assert wait_for(lambda: finished(report), timeout=60)
    assert (report.status, report.attempts, report.progress) == (ReportStatus.READY, 2, 100)
    assert report.started_at > silent
    assert report.file.read().startswith(b"%PDF-")
