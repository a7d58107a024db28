"""A real round trip: a Celery worker started here, the real Redis as broker, a job that writes
to the database. Eager mode would hide serialisation and commit-timing bugs."""

import os

import pytest

from core.models import Heartbeat
from core.tasks import record_heartbeat
from core.tests.data import wait_for

pytestmark = [
    pytest.mark.worker,
    pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL (set in CI)"),
]


def test_a_job_queued_on_redis_is_run_by_a_worker_and_writes_to_the_database(redis_worker):
    assert redis_worker.conf.broker_url.startswith("redis://")
    assert not Heartbeat.objects.exists()

    record_heartbeat.delay()

    assert wait_for(Heartbeat.objects.exists), "the worker did not run the job"
    assert Heartbeat.objects.count() == 1
