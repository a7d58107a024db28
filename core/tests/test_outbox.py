"""The outbox: e-mails written with the change they announce, delivered by a job, once each,
retried with a growing delay, and visible to an administrator when they fail for good."""

import datetime
import smtplib

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone
from post_office.models import STATUS, Email, Log

from core.emails import send_templated
from core.outbox import outbox_deliver, outbox_discard_since, outbox_summary, retry_delay

pytestmark = pytest.mark.django_db

TEMPLATE = "network/emails/training-promoted"


def promotion_email(alice):
    send_templated(
        TEMPLATE,
        to=[alice.email],
        context={
            "person": alice,
            "session": {"title": "Clauses sociales {{ et {% au", "starts_at": None},
            "link": "https://achats.test/formation",
            "site_url": "https://achats.test",
        },
    )


def test_an_email_is_a_row_written_in_the_transaction_of_its_change(alice, queued_mail):
    with pytest.raises(RuntimeError), transaction.atomic():
        promotion_email(alice)
        raise RuntimeError("the change is rolled back")
    assert not Email.objects.exists()

    promotion_email(alice)

    email = Email.objects.get()
    assert email.status == STATUS.queued
    assert email.to == [alice.email]
    assert mail.outbox == []


def test_the_text_is_kept_as_rendered_even_with_template_marks(alice, queued_mail):
    promotion_email(alice)

    email = Email.objects.get()
    assert "Clauses sociales {{ et {% au" in email.message
    assert "Clauses sociales {{ et {% au" in email.html_message


def test_the_job_sends_each_email_once(alice, queued_mail):
    promotion_email(alice)

    assert outbox_deliver() == (1, 0, 0)
    assert outbox_deliver() == (0, 0, 0)

    assert [message.to for message in mail.outbox] == [[alice.email]]
    assert Email.objects.get().status == STATUS.sent


def test_the_wait_between_tries_doubles_up_to_an_hour(settings):
    settings.EMAIL_RETRY_FIRST_SECONDS = 60
    settings.EMAIL_RETRY_MAX_SECONDS = 3600

    waits = [retry_delay(tries).total_seconds() for tries in range(1, 9)]

    assert waits == [60, 120, 240, 480, 960, 1920, 3600, 3600]


def refuse_recipient(self, messages):
    raise smtplib.SMTPRecipientsRefused({"x@y": (550, b"no such mailbox")})


def test_a_refused_email_is_tried_again_later_and_later_then_failed_for_an_admin(
    alice, queued_mail, settings, monkeypatch, caplog
):
    from django.core.mail.backends.locmem import EmailBackend

    settings.POST_OFFICE = {**settings.POST_OFFICE, "MAX_RETRIES": 2}
    settings.EMAIL_MAX_RETRIES = 2
    monkeypatch.setattr(EmailBackend, "send_messages", refuse_recipient)
    promotion_email(alice)
    waits = []
    for _ in range(3):
        before = timezone.now()
        outbox_deliver()
        email = Email.objects.get()
        if email.status == STATUS.requeued:
            waits.append(email.scheduled_time - before)
            # The wait is over.
            Email.objects.update(scheduled_time=timezone.now() - datetime.timedelta(seconds=1))

    assert email.status == STATUS.failed
    assert [round(wait.total_seconds() / 60) for wait in waits] == [1, 2]
    assert Log.objects.filter(email=email, exception_type="SMTPRecipientsRefused").count() == 3
    assert outbox_summary()["failed"] == 1
    assert "1 e-mail(s) could not be delivered after 3 tries" in caplog.text
    assert mail.outbox == []


def test_a_message_refused_by_a_server_that_answers_keeps_its_wait(alice, queued_mail, monkeypatch):
    from django.core.mail.backends.locmem import EmailBackend

    promotion_email(alice)
    with monkeypatch.context() as patched:
        patched.setattr(EmailBackend, "send_messages", refuse_recipient)
        outbox_deliver()

    assert outbox_deliver() == (0, 0, 0)
    assert Email.objects.get().status == STATUS.requeued


def test_the_demo_drops_only_what_it_queued_and_nothing_sent(alice, queued_mail):
    promotion_email(alice)
    assert outbox_deliver() == (1, 0, 0)
    before = Email.objects.get()
    Email.objects.filter(pk=before.pk).update(created=timezone.now() - datetime.timedelta(hours=1))
    promotion_email(alice)  # queued before the demo's loading began
    Email.objects.filter(status=STATUS.queued).update(
        created=timezone.now() - datetime.timedelta(minutes=5)
    )
    started = timezone.now()
    promotion_email(alice)
    promotion_email(alice)

    assert outbox_discard_since(started) == 2
    assert sorted(Email.objects.values_list("status", flat=True)) == [STATUS.sent, STATUS.queued]
    assert len(mail.outbox) == 1  # the one sent before, and nothing since
