"""The outbox: every e-mail of the product is a row of django-post-office's `Email` table, written
by whoever sends it, in the transaction of the change it announces, and delivered by a job.

Django's `EMAIL_BACKEND` is `OutboxBackend` (so Django's own e-mails, the password reset and the
error reports to `ADMINS`, take the same road); the server that really delivers is
`POST_OFFICE["BACKENDS"]["default"]` (SMTP in production). `outbox_deliver` is the job: it sends
what is due, once each, and puts a message that failed back in the queue with a growing delay
(`EMAIL_RETRY_FIRST_SECONDS`, doubled up to `EMAIL_RETRY_MAX_SECONDS`, `EMAIL_MAX_RETRIES`
times: about a day at default settings). When only the server was unreachable, the first pass
that finds it answering again sends the waiting messages at once rather than at their next
retry. A message out of retries is `failed`: the technical admin lists it with its error, the
error log (Sentry, or ADMINS) and `/sante/` say so.
"""

import datetime
import logging
from email.utils import make_msgid
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connection as db_connection
from django.db import transaction
from django.db.models import Count, Min, OuterRef, Subquery
from django.utils import timezone
from post_office.mail import send_queued
from post_office.models import PRIORITY, STATUS, Email, Log
from post_office.settings import get_backend, get_default_priority
from post_office.signals import email_queued

logger = logging.getLogger("achats.outbox")

# The failures that say nothing about the message, only that the server could not be reached:
# once it answers again, the messages they held back are sent without waiting for their retry.
UNREACHABLE = (
    "ConnectionRefusedError",
    "ConnectionResetError",
    "ConnectionAbortedError",
    "SMTPConnectError",
    "SMTPServerDisconnected",
    "TimeoutError",
    "timeout",
    "gaierror",
    "OSError",
)
# Two passes must never send the same message: on PostgreSQL a lock held by the pass itself
# (released if its process dies), elsewhere the single process that runs the jobs.
ADVISORY_LOCK = 0x6F7574626F78  # "outbox"
# Batches of POST_OFFICE["BATCH_SIZE"] messages one pass sends at most.
MAX_BATCHES = 50


class OutboxBackend(BaseEmailBackend):
    """Django's e-mail backend: it queues, it does not send.

    Unlike post_office's own backend, it stores the subject and bodies as they were rendered:
    that one renders them again as templates, which eats any `{{` or `{%` of a person's text
    and fails on a broken one, losing the message (an error report quoting a form, say)."""

    def send_messages(self, email_messages):
        if not email_messages:
            return 0
        sending_now = get_default_priority() == "now"
        queued = [_stored(message, now=sending_now) for message in email_messages]
        if sending_now:
            # The test settings: delivered at once, as a plain backend would.
            return sum(email.dispatch() == STATUS.sent for email in queued)
        email_queued.send(sender=Email, emails=queued)
        return len(queued)


def _stored(message, *, now: bool) -> Email:
    html = next(
        (body for body, kind in getattr(message, "alternatives", []) if kind == "text/html"), ""
    )
    headers = dict(message.extra_headers)
    if message.reply_to:
        headers.setdefault("Reply-To", ", ".join(str(address) for address in message.reply_to))
    if message.attachments:
        # No e-mail of the product carries a file (reports are links): refuse rather than drop one.
        raise ValueError("The outbox does not store attachments.")
    email = Email(
        from_email=message.from_email,
        to=list(message.to),
        cc=list(message.cc),
        bcc=list(message.bcc),
        subject=message.subject,
        message=message.body,
        html_message=html,
        headers=headers or None,
        message_id=make_msgid(domain=urlsplit(settings.SITE_URL).hostname or "localhost"),
        priority=PRIORITY.now if now else PRIORITY.medium,
        status=None if now else STATUS.queued,
    )
    email.save()
    return email


def outbox_discard_since(moment: datetime.datetime) -> int:
    """Drop the messages queued since `moment` and not sent yet: the demo's loading goes
    through the real services, whose notices to the demo's made-up people nobody should
    receive (nor see fill the console of `make run`). Returns how many were dropped."""
    dropped, _by_model = Email.objects.filter(
        created__gte=moment, status__in=[STATUS.queued, STATUS.requeued]
    ).delete()
    return dropped


def retry_delay(retries: int) -> datetime.timedelta:
    """The wait before the next try of a message that failed `retries` times (1, 2, …)."""
    first = settings.EMAIL_RETRY_FIRST_SECONDS
    return datetime.timedelta(
        seconds=min(first * 2 ** (retries - 1), settings.EMAIL_RETRY_MAX_SECONDS)
    )


def outbox_deliver() -> tuple[int, int, int]:
    """Send the messages that are due; returns (sent, failed for good, put back in the queue).

    Another pass already running makes this one return at once: the first sends them all."""
    if not _lock():
        logger.info("Another pass is delivering the outbox.")
        return 0, 0, 0
    try:
        _release_if_server_answers()
        totals = [0, 0, 0]
        started = timezone.now()
        # Each batch leaves nothing of itself due (sent, failed, or put back for later): the
        # loop ends when a batch finds nothing; the bound only guards against a surprise.
        for _ in range(MAX_BATCHES):
            batch = send_queued(processes=1)
            totals = [total + count for total, count in zip(totals, batch, strict=True)]
            if not any(batch):
                break
        _reschedule_with_backoff(since=started)
        if totals[1]:
            logger.error(
                "%s e-mail(s) could not be delivered after %s tries: see Post Office › E-mails "
                "in the technical admin.",
                totals[1],
                settings.EMAIL_MAX_RETRIES + 1,
            )
        return tuple(totals)
    finally:
        _unlock()


def _lock() -> bool:
    if db_connection.vendor != "postgresql":
        return True
    with db_connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [ADVISORY_LOCK])
        return cursor.fetchone()[0]


def _unlock() -> None:
    if db_connection.vendor != "postgresql" or db_connection.connection is None:
        return
    with db_connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_unlock(%s)", [ADVISORY_LOCK])


def _reschedule_with_backoff(*, since: datetime.datetime) -> None:
    """post_office puts a failed message back after a fixed interval: make it grow."""
    now = timezone.now()
    put_back = list(
        Email.objects.filter(
            status=STATUS.requeued, last_updated__gte=since, scheduled_time__gt=now
        )
    )
    for email in put_back:
        email.scheduled_time = now + retry_delay(email.number_of_retries or 1)
    Email.objects.bulk_update(put_back, ["scheduled_time"])


def _release_if_server_answers() -> int:
    """The messages held back only because the server was unreachable are due again once it
    answers; returns how many."""
    now = timezone.now()
    last_failure = Log.objects.filter(email=OuterRef("pk"), status=STATUS.failed).order_by("-date")
    waiting = Email.objects.filter(status=STATUS.requeued, scheduled_time__gt=now).annotate(
        last_error=Subquery(last_failure.values("exception_type")[:1])
    )
    held = list(waiting.filter(last_error__in=UNREACHABLE).values_list("pk", flat=True))
    if not held or not _server_answers():
        return 0
    with transaction.atomic():
        released = Email.objects.filter(pk__in=held, status=STATUS.requeued).update(
            scheduled_time=now
        )
    logger.info("The mail server answers again: %s e-mail(s) sent now.", released)
    return released


def _server_answers() -> bool:
    server = get_connection(get_backend(), fail_silently=False)
    try:
        server.open()
    except Exception:  # noqa: BLE001 - any failure means "still unreachable"
        return False
    finally:
        server.close()
    return True


def outbox_summary() -> dict:
    """For `/sante/`: messages waiting and messages out of retries."""
    counts = {
        STATUS.queued: 0,
        STATUS.requeued: 0,
        STATUS.failed: 0,
    }
    for status, count in _status_counts():
        counts[status] = count
    oldest = Email.objects.filter(status__in=[STATUS.queued, STATUS.requeued]).aggregate(
        oldest=Min("created")
    )
    return {
        "waiting": counts[STATUS.queued] + counts[STATUS.requeued],
        "retrying": counts[STATUS.requeued],
        "failed": counts[STATUS.failed],
        "oldest_waiting": oldest["oldest"],
    }


def _status_counts():
    return (
        Email.objects.filter(status__in=[STATUS.queued, STATUS.requeued, STATUS.failed])
        .values_list("status")
        .annotate(count=Count("pk"))
        .order_by()
    )
