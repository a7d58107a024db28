"""A real round trip: a Celery worker started here, the real Redis as broker, a job that writes
to the database. Eager mode would hide serialisation and commit-timing bugs."""

import os
import time

import pytest
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun
from django.db import connections

from config.celery import app
from core.models import Heartbeat
from core.tasks import record_heartbeat

pytestmark = [
    pytest.mark.worker,
    pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL (set in CI)"),
]


def close_worker_connections(**kwargs):
    # The worker thread's own database connection would keep the test database busy.
    connections.close_all()


@pytest.fixture
def redis_worker(transactional_db):
    app.conf.task_always_eager = False
    task_postrun.connect(close_worker_connections)
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
            yield app
    finally:
        task_postrun.disconnect(close_worker_connections)
        app.conf.task_always_eager = True


def wait_for(condition, timeout=20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def test_a_job_queued_on_redis_is_run_by_a_worker_and_writes_to_the_database(redis_worker):
    assert redis_worker.conf.broker_url.startswith("redis://")
    assert not Heartbeat.objects.exists()

    record_heartbeat.delay()

    assert wait_for(Heartbeat.objects.exists), "the worker did not run the job"
    assert Heartbeat.objects.count() == 1
