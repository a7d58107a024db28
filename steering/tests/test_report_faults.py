"""The report's job through its faults, on the real PostgreSQL and Redis with real worker
processes (`celery -A config worker`, the test settings, this process's test database and
queue): a worker killed with SIGKILL mid-build, the job's database connection cut mid-build.
In each, the report ends ready without anyone asking again."""

import os
import signal
import socket
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse

from core.models import JobStatus
from core.tests.data import process_env, wait_for
from core.tests.workers import needs_worker_processes
from steering.models import QuarterlyReport, ReportStatus
from steering.services import reports as services
from steering.tests.factories import QUARTER

pytestmark = [pytest.mark.worker, needs_worker_processes]


def job_of(report):
    report.refresh_from_db()
    return report.job


def ask(actor):
    report, _created = services.report_request(
        actor=actor, organisation=actor.organisation, quarter=QUARTER
    )
    return report


def test_a_worker_killed_mid_build_is_taken_over_by_a_fresh_worker_within_60_s(workers, alice):
    first = workers()
    report = ask(alice)
    assert wait_for(lambda: job_of(report).status == JobStatus.RUNNING, timeout=60)

    os.killpg(first.pid, signal.SIGKILL)
    first.wait(timeout=30)
    assert job_of(report).status == JobStatus.RUNNING  # as the dead worker left it

    started = time.monotonic()
    workers()
    assert wait_for(lambda: not job_of(report).is_active, timeout=60), "not taken over"
    report.refresh_from_db()
    assert report.status == ReportStatus.READY
    assert report.attempts == 2 and report.job.requeues >= 1
    assert report.file.read().startswith(b"%PDF-")
    print(f"worker killed → report ready {time.monotonic() - started:.1f} s after the new worker")


def test_the_job_connection_cut_mid_build_reconnects_retries_and_ends_ready(workers, alice):
    workers()
    report = ask(alice)
    assert wait_for(lambda: job_of(report).status == JobStatus.RUNNING, timeout=60)

    # What a PostgreSQL restart does to the worker: every other backend of the database cut.
    with connection.cursor() as cursor:
        terminate_backends(cursor)

    assert wait_for(lambda: not job_of(report).is_active, timeout=60)
    report.refresh_from_db()
    assert report.status == ReportStatus.READY, report.job.error_detail
    assert report.file.read().startswith(b"%PDF-")
    assert QuarterlyReport.objects.count() == 1


def terminate_backends(cursor) -> None:
    """What a PostgreSQL restart does to every other process: its connection cut."""
    cursor.execute(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
        "WHERE datname = current_database() AND pid <> pg_backend_pid()"
    )


def test_build_quarterly_report_wait_lives_through_a_database_connection_cut(workers, alice):
    workers()
    command = subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "build_quarterly_report",
            "--organisation",
            alice.organisation.slug,
            "--year",
            "2026",
            "--quarter",
            "3",
            "--wait",
            "--timeout",
            "120",
        ],
        cwd=settings.BASE_DIR,
        # libpq names the command's connection: the test can tell it was among those cut.
        env=process_env(PGAPPNAME="build-quarterly-report-wait"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert wait_for(
            lambda: QuarterlyReport.objects.filter(job__status=JobStatus.RUNNING).exists(),
            timeout=60,
        )
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND application_name = 'build-quarterly-report-wait'"
            )
            assert cursor.fetchone()[0] == 1, "the command holds no connection to cut"
            terminate_backends(cursor)
        out, err = command.communicate(timeout=150)
    finally:
        if command.poll() is None:
            command.kill()
    assert command.returncode == 0, err
    report = QuarterlyReport.objects.get()
    assert report.status == ReportStatus.READY, report.job.error_detail
    assert f"PDF : {report.file.path}" in out
    assert "Traceback" not in err


def test_the_broker_unreachable_when_asked_is_a_message_then_the_sweep_builds_it(
    workers, client, alice
):
    from config.celery import app
    from core.tasks import sweep_jobs

    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    reachable = app.conf.broker_url

    def point_broker_at(url):
        # New pools: the next messages open their connections to `url`.
        app._pool = None
        app.amqp._producer_pool = None
        app.conf.broker_url = url

    point_broker_at(f"redis://127.0.0.1:{closed}/0")
    client.force_login(alice)
    try:
        response = client.post(
            reverse("steering:report-request"), {"year": "2026", "quarter": "3"}, follow=True
        )
    finally:
        point_broker_at(reachable)

    assert response.status_code == 200
    assert "démarrera dès son retour" in response.content.decode()
    report = QuarterlyReport.objects.get()
    assert job_of(report).awaits_broker

    workers()
    started = time.monotonic()
    sweep_jobs.delay()  # what beat sends every minute
    assert wait_for(lambda: not job_of(report).is_active, timeout=60)
    report.refresh_from_db()
    assert report.status == ReportStatus.READY
    print(f"broker back → report ready {time.monotonic() - started:.1f} s after the sweep")
