"""The alert job through a real worker on the real broker: queued twice, it sends once."""

import os

import pytest
from django.core import mail

from budgets.models import ComplianceAlert
from budgets.tasks import send_compliance_alerts
from core.models import Heartbeat
from core.tasks import record_heartbeat
from core.tests.data import wait_for

pytestmark = [
    pytest.mark.worker,
    pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL (set in CI)"),
]


def test_the_alert_job_queued_twice_on_redis_sends_each_alert_once(redis_worker, lyc_at_risk):
    send_compliance_alerts.delay("2026-10-01")
    send_compliance_alerts.delay("2026-10-01")
    # The worker runs one job at a time, in order: once the heartbeat is in, both have run.
    record_heartbeat.delay()

    assert wait_for(Heartbeat.objects.exists), "the worker did not run the jobs"
    assert ComplianceAlert.objects.count() == 1
    assert sorted(message.to[0] for message in mail.outbox) == [
        "henri@roubaix.test",
        "lea@roubaix.test",
    ]
