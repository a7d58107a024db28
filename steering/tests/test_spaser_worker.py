"""The SPASER's yearly report through a real Celery worker on the real Redis: built as a PDF
with its figures; delivered twice, one build and one file; a failure is kept on the report
with its message, and the retry builds it."""

import os

import pytest

from core.models import Heartbeat
from core.tasks import record_heartbeat, run_job
from core.tests.data import wait_for
from steering import pdf
from steering.models import SpaserReportStatus
from steering.services import spaser as services
from steering.tests.factories import adopted_scheme

pytestmark = [
    pytest.mark.worker,
    pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL (set in CI)"),
]


def finished(report) -> bool:
    report.refresh_from_db()
    if report.job is not None:
        report.job.refresh_from_db()
    return not report.is_active


def test_delivered_twice_the_report_is_built_once_into_one_file(redis_worker, alice):
    scheme = adopted_scheme(alice)
    report, created = services.report_request(actor=alice, scheme=scheme, year=2025)
    run_job.delay(report.job_id)
    run_job.delay(report.job_id)
    record_heartbeat.delay()
    assert wait_for(Heartbeat.objects.exists, timeout=90), "the worker did not run the jobs"
    assert wait_for(lambda: finished(report), timeout=60)
    assert created and report.status == SpaserReportStatus.READY, report.error
    assert report.job.attempts == 1
    assert report.file.read().startswith(b"%PDF-")
    directory = os.path.dirname(report.file.path)
    assert os.listdir(directory) == [os.path.basename(report.file.name)]
    assert {item["code"] for item in report.figures["catalogue"]}


def test_a_failure_is_visible_and_the_retry_builds_it(redis_worker, alice, monkeypatch):
    scheme = adopted_scheme(alice)

    def broken(**kwargs):
        raise RuntimeError("rendu impossible")

    monkeypatch.setattr(pdf, "spaser_pdf", broken)
    report, _created = services.report_request(actor=alice, scheme=scheme, year=2025)
    assert wait_for(lambda: finished(report), timeout=60)
    assert report.status == SpaserReportStatus.FAILED
    assert report.error == "Le travail s'est arrêté sur une erreur inattendue."

    monkeypatch.undo()
    services.report_retry(actor=alice, report=report)
    assert wait_for(lambda: finished(report), timeout=60)
    assert report.status == SpaserReportStatus.READY, report.error
    assert report.file.read().startswith(b"%PDF-")
