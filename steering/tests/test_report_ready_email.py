"""The committee's e-mail that a report is ready is written to the outbox in the job's last
transaction: a worker that dies before that transaction commits leaves neither the report
ready nor the e-mail, and a job delivered again after it commits writes no second e-mail."""

import pytest
from django.core import mail
from django.db import OperationalError
from post_office.models import Email

from core import tasks as core_tasks
from core.jobs import runner
from core.models import JobStatus
from steering import emails
from steering.models import ReportStatus
from steering.services import reports as services
from steering.tests.factories import QUARTER, seat

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def queued_outbox(settings):
    """The outbox as production runs it: rows queued, delivered later by the outbox's job."""
    settings.POST_OFFICE = {**settings.POST_OFFICE, "DEFAULT_PRIORITY": "medium"}


def outbox_recipients() -> list[str]:
    """Whoever the outbox holds a message for, queued or delivered since."""
    return sorted(email.to[0] for email in Email.objects.all())


def test_a_worker_dying_at_the_end_of_the_build_leaves_no_e_mail_then_one_each(
    alice, queued_outbox, monkeypatch
):
    seat(alice, full_name="Paul Élu", email="paul.elu@roubaix.test")
    monkeypatch.setattr(core_tasks, "send_job", lambda job_id, **kwargs: True)
    report, _created = services.report_request(
        actor=alice, organisation=alice.organisation, quarter=QUARTER
    )
    send = emails.report_ready_send

    def written_then_connection_lost(**kwargs):
        send(**kwargs)
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(emails, "report_ready_send", written_then_connection_lost)
    assert runner.run(report.job_id).send_again
    report.refresh_from_db()
    assert (report.status, report.job.status) == (ReportStatus.PENDING, JobStatus.PENDING)
    assert outbox_recipients() == []

    monkeypatch.setattr(emails, "report_ready_send", send)
    assert runner.run(report.job_id) == runner.DONE
    report.refresh_from_db()
    assert report.status == ReportStatus.READY
    assert outbox_recipients() == ["alice@roubaix.test", "paul.elu@roubaix.test"]

    # The same job delivered again (the broker redelivers an unacknowledged message).
    assert runner.run(report.job_id) == runner.DONE
    assert outbox_recipients() == ["alice@roubaix.test", "paul.elu@roubaix.test"]
    # Delivered by the outbox's job once committed, once each.
    assert sorted(message.to[0] for message in mail.outbox) == outbox_recipients()
