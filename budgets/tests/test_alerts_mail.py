"""The alert e-mails when the mail server is down: the alert is recorded, its e-mails wait in
the outbox, and each arrives once, after the server is back."""

import datetime
import os

import pytest
from post_office.models import STATUS, Email, Log

from budgets.models import ComplianceAlert
from budgets.services.alerts import compliance_alerts_send
from budgets.tasks import send_compliance_alerts
from core.models import Heartbeat
from core.outbox import outbox_deliver
from core.tasks import deliver_outbox, record_heartbeat
from core.tests.data import wait_for

OCTOBER_1 = datetime.date(2026, 10, 1)
HEADS = [["henri@roubaix.test"], ["lea@roubaix.test"]]


@pytest.mark.django_db
def test_the_alert_reaches_its_readers_once_after_the_mail_server_is_back(lyc_at_risk, mail_server):
    assert compliance_alerts_send(as_of=OCTOBER_1) == 1
    outbox_deliver()
    assert Email.objects.filter(status=STATUS.requeued).count() == 2
    assert {log.exception_type for log in Log.objects.all()} == {"ConnectionRefusedError"}
    assert mail_server.received == []

    mail_server.start()
    # The first pass that finds the server answering sends at once, without waiting for the
    # retry (a minute later).
    assert outbox_deliver() == (2, 0, 0)
    outbox_deliver()
    assert compliance_alerts_send(as_of=OCTOBER_1) == 0
    outbox_deliver()

    assert sorted(to for to, _ in mail_server.received) == HEADS
    assert all("Subject:" in content for _, content in mail_server.received)
    assert set(Email.objects.values_list("status", flat=True)) == {STATUS.sent}
    assert ComplianceAlert.objects.count() == 1


def round_trip():
    """The worker runs one job at a time, in order: once this heartbeat is in, all the jobs
    queued before it have run."""
    Heartbeat.objects.all().delete()
    record_heartbeat.delay()
    assert wait_for(Heartbeat.objects.exists), "the worker did not run the jobs"


@pytest.mark.worker
@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL (set in CI)")
def test_through_the_worker_the_alert_arrives_once_after_the_mail_server_is_back(
    redis_worker, lyc_at_risk, mail_server
):
    send_compliance_alerts.delay(OCTOBER_1.isoformat())
    round_trip()
    # The alert's commit queued the delivery; it found no server.
    assert wait_for(lambda: Email.objects.filter(status=STATUS.requeued).count() == 2)
    assert mail_server.received == []

    mail_server.start()
    # Beat's pass, every minute.
    deliver_outbox.delay()
    assert wait_for(lambda: len(mail_server.received) == 2)
    deliver_outbox.delay()
    send_compliance_alerts.delay(OCTOBER_1.isoformat())
    round_trip()
    round_trip()

    assert sorted(to for to, _ in mail_server.received) == HEADS
    assert set(Email.objects.values_list("status", flat=True)) == {STATUS.sent}
